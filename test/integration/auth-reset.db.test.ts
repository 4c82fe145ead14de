/**
 * Password reset end to end: the e-mail goes through a real SMTP server (smtp-server on a random
 * local port) and the link in the received message is followed; without SMTP the mail is kept in
 * the outbox. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { passwordReset } from '../../src/platform/auth/schema';
import { mailOutbox } from '../../src/platform/mail/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform, type recordingQueue } from '../support/platform';

const NEW_PASSWORD = 'Mật-khẩu-Mới-2025';
const REQUESTED = 'Nếu địa chỉ này có tài khoản, thư hướng dẫn đặt lại mật khẩu đã được gửi.';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** Headers and decoded text body of a single-part message as nodemailer sends plain text. */
function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let text: string;
  if (cte === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    text = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } else text = body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}

function resetPath(link: string, publicUrl: string): string {
  expect(link.startsWith(`${publicUrl}/password/reset?token=`)).toBe(true);
  return link.slice(publicUrl.length);
}

describe(`password reset through real SMTP on ${backend}`, () => {
  let smtp: SMTPServer;
  let port = 0;
  const received: Received[] = [];
  let p: TestPlatform;
  let queue: ReturnType<typeof recordingQueue>;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
    p = await createTestPlatform({ config: { smtpUrl: `smtp://127.0.0.1:${port}` } });
    queue = p.ctx.jobs as ReturnType<typeof recordingQueue>;
  });
  afterAll(async () => {
    await p?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('mails a one-time link that sets a new password, ends sessions and cannot be reused', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', fullName: 'Đỗ Thị Quên Mật Khẩu' });
    // a browser already signed in as that user, and a lockout in force: both end with the reset
    const elsewhere = new TestAgent(p.app);
    expect((await elsewhere.signIn(user.email, user.password)).status).toBe(303);
    await p.ctx.db.update(appUser).set({ lockedUntil: new Date(Date.now() + 10 * 60_000), failedLoginCount: 3 }).where(eq(appUser.id, user.id));

    const a = new TestAgent(p.app);
    expect((await a.get('/password/forgot')).status).toBe(200);
    const sentBefore = queue.sent.length;
    const asked = await a.postForm('/password/forgot', { email: `  ${user.email.toUpperCase()} ` });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain(REQUESTED);
    expect(queue.sent.slice(sentBefore).map((j) => j.name)).toContain('mail.deliver');

    const [queued] = await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.relatedUserId, user.id));
    expect(queued.status).toBe('queued');
    const [resetRow] = await p.ctx.db.select().from(passwordReset).where(eq(passwordReset.userId, user.id));
    expect(resetRow.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const ttl = resetRow.expiresAt.getTime() - resetRow.createdAt.getTime();
    expect(ttl).toBeGreaterThan(59 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000 + 5_000);

    // the job's work: deliver through SMTP
    const delivered = await p.ctx.mailer.deliverQueuedMail(p.ctx.db);
    expect(delivered).toEqual({ sent: 1, failed: 0 });
    const [sentRow] = await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued.id));
    expect(sentRow.status).toBe('sent');
    const mail = received.find((m) => m.to.includes(user.email));
    expect(mail).toBeTruthy();
    const { text } = parseMessage(mail!.raw);
    expect(text).toContain('Đỗ Thị Quên Mật Khẩu');
    const link = /(https?:\/\/\S+\/password\/reset\?token=[\w%-]+)/.exec(text)?.[1];
    expect(link).toBeTruthy();
    // only the hash of the token is stored
    expect(JSON.stringify(resetRow)).not.toContain(new URL(link!).searchParams.get('token')!);
    const path = resetPath(link!, p.ctx.config.publicUrl);

    const form = await a.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="confirmPassword"');

    // rules: confirmation must match, the password must meet the rules, CSRF is required
    const token = new URL(link!).searchParams.get('token')!;
    const mismatch = await a.postForm('/password/reset', { token, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('Hai mật khẩu không khớp.');
    const weak = await a.postForm('/password/reset', { token, password: 'ngan', confirmPassword: 'ngan' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
    const noCsrf = await a.postForm('/password/reset', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await new TestAgent(p.app).signIn(user.email, NEW_PASSWORD)).status).not.toBe(303);

    const done = await a.postForm('/password/reset', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/login');
    expect((await a.get('/login')).body).toContain('Đã đặt mật khẩu mới. Vui lòng đăng nhập.');

    // the other browser's session has ended
    expect((await elsewhere.api('GET', '/api/v1/me')).status).toBe(401);
    // the old password fails, the new one works (and the lockout was cleared)
    expect((await new TestAgent(p.app).signIn(user.email, user.password)).status).toBe(401);
    const fresh = new TestAgent(p.app);
    const ok = await fresh.signIn(user.email, NEW_PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/app');

    // the link is spent
    const reuse = await a.get(path);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toContain('Đường dẫn đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.');
    const reusePost = await a.postForm('/password/reset', { token, password: 'Khác-Hẳn-2025!', confirmPassword: 'Khác-Hẳn-2025!' });
    expect(reusePost.status).toBe(400);
    expect((await new TestAgent(p.app).signIn(user.email, 'Khác-Hẳn-2025!')).status).toBe(401);

    const actions = (await p.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, user.id))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['auth.reset_requested', 'auth.password_reset', 'auth.login']));
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = await p.ctx.db.select().from(mailOutbox);
    const r = await new TestAgent(p.app).postForm('/password/forgot', { email: 'khong-co-ai@test.nq57.vn' });
    expect(r.status).toBe(200);
    expect(r.body).toContain(REQUESTED);
    expect(await p.ctx.db.select().from(mailOutbox)).toHaveLength(before.length);
    // a malformed address is a form error, not an answer about accounts
    const bad = await new TestAgent(p.app).postForm('/password/forgot', { email: 'khong-phai-email' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Địa chỉ thư điện tử không hợp lệ.');
  });

  it('refuses an expired link', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    await new TestAgent(p.app).postForm('/password/forgot', { email: user.email });
    const [row] = await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.relatedUserId, user.id));
    const link = /(https?:\/\/\S+\/password\/reset\?token=[\w%-]+)/.exec(row.bodyText)![1];
    await p.ctx.db.update(passwordReset).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordReset.userId, user.id));
    const a = new TestAgent(p.app);
    expect((await a.get(resetPath(link, p.ctx.config.publicUrl))).status).toBe(400);
    const token = new URL(link).searchParams.get('token')!;
    expect((await a.postForm('/password/reset', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(400);
    expect((await new TestAgent(p.app).signIn(user.email, user.password)).status).toBe(303);
  });
});

describe(`password reset without SMTP on ${backend}`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('keeps the mail in the outbox as stored, and its link works', async () => {
    expect(p.ctx.mailer.smtp).toBe(false);
    const user = await makeUser(p.ctx.db, { role: 'viewer' });
    const r = await new TestAgent(p.app).postForm('/password/forgot', { email: user.email });
    expect(r.status).toBe(200);
    expect(r.body).toContain(REQUESTED);
    const [row] = await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.relatedUserId, user.id));
    expect(row.status).toBe('stored');
    expect(row.toAddress).toBe(user.email);
    expect(row.subject).toBe('Đặt lại mật khẩu tài khoản nq57');
    expect(await p.ctx.mailer.deliverQueuedMail(p.ctx.db)).toEqual({ sent: 0, failed: 0 });
    const link = /(https?:\/\/\S+\/password\/reset\?token=[\w%-]+)/.exec(row.bodyText)![1];
    const a = new TestAgent(p.app);
    const token = new URL(link).searchParams.get('token')!;
    expect((await a.postForm('/password/reset', { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(303);
    expect((await new TestAgent(p.app).signIn(user.email, NEW_PASSWORD)).status).toBe(303);
  });

  it('sends nothing for a disabled account', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    await p.ctx.db.update(appUser).set({ status: 'disabled' }).where(eq(appUser.id, user.id));
    const r = await new TestAgent(p.app).postForm('/password/forgot', { email: user.email });
    expect(r.body).toContain(REQUESTED);
    expect(await p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.relatedUserId, user.id))).toHaveLength(0);
  });
});
