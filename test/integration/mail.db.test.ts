/**
 * Mail through a real SMTP server (smtp-server on 127.0.0.1): the outbox row is queued in the
 * database, delivered by `deliverQueuedMail` (or the `mail.deliver` job), retried while the server
 * is down and given up after the limit; without SMTP it is only stored.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { resendMail } from '../../src/org/resend-mail';
import { MAIL_CLAIM_LEASE_MS, MAX_MAIL_ATTEMPTS, createMailer, smtpTransportUrl } from '../../src/platform/mail/mailer';
import { mailOutbox } from '../../src/platform/mail/schema';
import { startPlatform } from '../../src/platform/start';
import { createCliTarget } from '../support/cli';
import { backend, createTestDatabase } from '../support/db';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

interface TestSmtp {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

function startSmtp(port = 0, options: Partial<SMTPServerOptions> = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

// ── just enough MIME to read what arrived ────────────────────────────────────────────────

function hexBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(s.charCodeAt(i));
  }
  return out;
}

/** RFC 2047: adjacent encoded-words are joined (a character may be split across two). */
function decodeHeader(value: string): string {
  const parts = value.split(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)/).filter((p, i, all) => {
    // whitespace between two encoded-words is not part of the text
    const between = i > 0 && i < all.length - 1 && /^\s*$/.test(p);
    return !between || !(all[i - 1]?.startsWith('=?') && all[i + 1]?.startsWith('=?'));
  });
  const out: string[] = [];
  let pending: number[] = [];
  const flush = () => {
    if (pending.length) out.push(Buffer.from(pending).toString('utf8'));
    pending = [];
  };
  for (const p of parts) {
    const m = /^=\?([^?]+)\?([BbQq])\?([^?]*)\?=$/.exec(p);
    if (!m) {
      flush();
      out.push(p);
      continue;
    }
    expect(m[1].toLowerCase()).toBe('utf-8');
    if (m[2].toUpperCase() === 'B') pending.push(...Buffer.from(m[3], 'base64'));
    else pending.push(...hexBytes(m[3].replace(/_/g, ' ')));
  }
  flush();
  return out.join('');
}

function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  let body = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'quoted-printable') body = Buffer.from(hexBytes(body.replace(/=\r\n/g, ''))).toString('utf8');
  else if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else body = Buffer.from(body, 'latin1').toString('utf8');
  return { headers, subject: decodeHeader(headers.get('subject') ?? ''), body: body.replace(/\r\n/g, '\n').trim() };
}

// ─────────────────────────────────────────────────────────────────────────────────────────

const SUBJECT = 'Thông báo: nhiệm vụ được giao — Sở Khoa học và Công nghệ Đà Nẵng';
const BODY = 'Kính gửi đồng chí,\nNhiệm vụ số 12 đã được giao cho đơn vị. Hạn hoàn thành: 31/12/2025.';
const FROM = 'nq57 <no-reply@nq57.gov.vn>';
const waitUntil = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(mailOutbox);
});

async function outboxRows() {
  return database.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt);
}

describe(`mail on ${backend}`, () => {
  it('delivers a queued message through SMTP with its Vietnamese subject and body intact', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      expect(mailer.smtp).toBe(true);
      // written in the caller's transaction, from decomposed (NFD) input
      const id = await database.db.transaction((tx) =>
        mailer.queueMail(tx, { to: 'Nguoi.Nhan@example.vn', subject: SUBJECT.normalize('NFD'), text: BODY.normalize('NFD') }),
      );
      expect((await outboxRows()).map((r) => [r.id, r.status, r.attempts])).toEqual([[id, 'queued', 0]]);
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 1, failed: 0 });

      expect(smtp.received).toHaveLength(1);
      const msg = smtp.received[0];
      expect(msg.from).toBe('no-reply@nq57.gov.vn');
      expect(msg.to).toEqual(['Nguoi.Nhan@example.vn']);
      const parsed = parseMessage(msg.raw);
      expect(parsed.subject).toBe(SUBJECT);
      expect(parsed.subject).toBe(parsed.subject.normalize('NFC'));
      expect(parsed.body).toBe(BODY);
      expect(parsed.headers.get('content-type')).toMatch(/charset=utf-8/i);

      const [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, subject: SUBJECT });
      expect(row.sentAt).toBeInstanceOf(Date);
      // nothing is sent twice
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('keeps retrying while the server is down, then gives up; a message queued meanwhile goes out when it is back', async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    try {
      await mailer.queueMail(database.db, { to: 'a@example.vn', subject: 'Thư thứ nhất', text: 'Một' });
      for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
        expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 1 });
        const [row] = await outboxRows();
        expect(row.attempts).toBe(attempt);
        expect(row.status).toBe(attempt < MAX_MAIL_ATTEMPTS ? 'queued' : 'failed');
        expect(row.lastError).toBeTruthy();
        expect(row.sentAt).toBeNull();
      }
      // given up: not tried again
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      expect((await outboxRows())[0]).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });

      await mailer.queueMail(database.db, { to: 'b@example.vn', subject: 'Thư thứ hai', text: 'Hai' });
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 1 });
      const back = await startSmtp(port);
      try {
        expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 1, failed: 0 });
        expect(back.received.map((m) => parseMessage(m.raw).subject)).toEqual(['Thư thứ hai']);
        const rows = await outboxRows();
        expect(rows.map((r) => [r.toAddress, r.status, r.attempts])).toEqual([
          ['a@example.vn', 'failed', MAX_MAIL_ATTEMPTS],
          ['b@example.vn', 'sent', 2],
        ]);
      } finally {
        await back.close();
      }
    } finally {
      mailer.close();
    }
  });

  it('an answer from SMTP that the database could not record is written later, and the message is never sent again', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    // a real failure on the statement that records "sent", as when the connection drops right after SMTP accepted
    await database.executeSql(`CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'connection lost'; END $$`);
    await database.executeSql(`CREATE TRIGGER refuse_sent BEFORE UPDATE ON mail_outbox FOR EACH ROW WHEN (NEW.status = 'sent') EXECUTE FUNCTION refuse_sent()`);
    try {
      const id = await mailer.queueMail(database.db, { to: 'mot-lan@example.vn', subject: 'Chỉ một lần', text: 'Thư này chỉ được gửi một lần.' });
      await expect(mailer.deliverQueuedMail(database.db)).rejects.toThrow();
      expect(smtp.received).toHaveLength(1);
      expect(parseMessage(smtp.received[0].raw).headers.get('message-id')).toBe(`<${id}@nq57.gov.vn>`);
      // claimed, so no other run takes it while the outcome is pending
      expect((await outboxRows())[0]).toMatchObject({ status: 'sending' });
      await expect(mailer.deliverQueuedMail(database.db)).rejects.toThrow();
      expect(smtp.received).toHaveLength(1);

      await database.executeSql('DROP TRIGGER refuse_sent ON mail_outbox');
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const [row] = await outboxRows();
      expect(row).toMatchObject({ status: 'sent', attempts: 1, claimedAt: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    } finally {
      await database.executeSql('DROP TRIGGER IF EXISTS refuse_sent ON mail_outbox');
      await database.executeSql('DROP FUNCTION IF EXISTS refuse_sent()');
      mailer.close();
      await smtp.close();
    }
  });

  it('a claim left by a process that died mid-send becomes "unconfirmed", is not resent by itself, and an admin can queue it again', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      const stale = await mailer.queueMail(database.db, { to: 'chua-ro@example.vn', subject: 'Chưa rõ', text: 'Một' });
      const fresh = await mailer.queueMail(database.db, { to: 'dang-gui@example.vn', subject: 'Đang gửi', text: 'Hai' });
      await database.db
        .update(mailOutbox)
        .set({ status: 'sending', claimedAt: new Date(Date.now() - MAIL_CLAIM_LEASE_MS - 60_000) })
        .where(eq(mailOutbox.id, stale));
      // another process is sending this one right now: left alone
      await database.db.update(mailOutbox).set({ status: 'sending', claimedAt: new Date() }).where(eq(mailOutbox.id, fresh));
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(0);
      const byId = new Map((await outboxRows()).map((r) => [r.id, r]));
      expect(byId.get(stale)).toMatchObject({ status: 'unconfirmed', claimedAt: null });
      expect(byId.get(fresh)).toMatchObject({ status: 'sending' });

      await expect(resendMail(database.db, fresh, { actor: SYSTEM_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
      await resendMail(database.db, stale, { actor: SYSTEM_ACTOR });
      expect(await mailer.deliverQueuedMail(database.db)).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual([['chua-ro@example.vn']]);
      await expect(resendMail(database.db, stale, { actor: SYSTEM_ACTOR })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('two processes delivering at the same time send every message exactly once', async () => {
    const smtp = await startSmtp();
    const a = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    const b = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      for (let i = 0; i < 20; i++) await a.queueMail(database.db, { to: `nguoi-${i}@example.vn`, subject: `Thư ${i}`, text: `Nội dung ${i}` });
      const [ra, rb] = await Promise.all([a.deliverQueuedMail(database.db), b.deliverQueuedMail(database.db)]);
      expect(ra.sent + rb.sent).toBe(20);
      expect(smtp.received).toHaveLength(20);
      expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(20);
      expect((await outboxRows()).every((r) => r.status === 'sent')).toBe(true);
    } finally {
      a.close();
      b.close();
      await smtp.close();
    }
  });

  it('without SMTP keeps messages as stored and sends nothing', async () => {
    const smtp = await startSmtp();
    const none = createMailer({ from: FROM });
    const withSmtp = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      expect(none.smtp).toBe(false);
      await none.queueMail(database.db, { to: 'c@example.vn', subject: SUBJECT, text: BODY });
      expect(await none.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      // stored rows are for reading in the outbox screen, not for a later SMTP run
      expect(await withSmtp.deliverQueuedMail(database.db)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toEqual([]);
      expect((await outboxRows()).map((r) => [r.status, r.attempts, r.subject])).toEqual([['stored', 0, SUBJECT]]);
    } finally {
      none.close();
      withSmtp.close();
      await smtp.close();
    }
  });

  it('sends to a local server that offers STARTTLS with a certificate nobody can verify', async () => {
    // smtp-server's built-in self-signed certificate, as a local relay might have
    const smtp = await startSmtp(0, { disabledCommands: [] });
    const mailer = createMailer({ smtpUrl: `smtp://localhost:${smtp.port}`, from: FROM });
    try {
      await mailer.queueMail(database.db, { to: 'd@example.vn', subject: SUBJECT, text: BODY });
      const r = await mailer.deliverQueuedMail(database.db);
      expect(r, (await outboxRows())[0].lastError ?? '').toEqual({ sent: 1, failed: 0 });
      expect(parseMessage(smtp.received[0].raw).subject).toBe(SUBJECT);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('reads SMTP_URL the way nodemailer does, adding only time limits (and no STARTTLS on loopback)', () => {
    const q = (url: string) => Object.fromEntries(new URL(smtpTransportUrl(url)).searchParams);
    expect(q('smtp://127.0.0.1:2525')).toEqual({ connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000', ignoreTLS: 'true' });
    expect(q('smtp://mail.example.vn:587')).toEqual({ connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000' });
    expect(q('smtp://localhost:25?requireTLS=true&socketTimeout=5000')).toEqual({
      requireTLS: 'true',
      socketTimeout: '5000',
      connectionTimeout: '10000',
      greetingTimeout: '10000',
    });
    expect(q('smtps://localhost:465').ignoreTLS).toBeUndefined();
    const withAuth = new URL(smtpTransportUrl('smtp://user%40x:p%C3%A2ss@mail.example.vn:587'));
    expect([withAuth.username, withAuth.password, withAuth.host]).toEqual(['user%40x', 'p%C3%A2ss', 'mail.example.vn:587']);
  });

  it('the platform runs mail.deliver as a job and it sends through SMTP', async () => {
    const smtp = await startSmtp();
    const target = backend === 'postgres' ? await createCliTarget() : null;
    const config = loadConfig(
      { NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, ...(target?.env ?? {}) },
      target ? {} : { dataDir: 'memory://' },
    );
    const p = await startPlatform(config, { work: true, jobs: true, seed: false, logger: pino({ level: 'silent' }) });
    try {
      await p.mailer.queueMail(p.db, { to: 'e@example.vn', subject: SUBJECT, text: BODY });
      await p.jobs.send('mail.deliver');
      await waitUntil('the job to deliver', () => smtp.received.length === 1);
      expect(parseMessage(smtp.received[0].raw).subject).toBe(SUBJECT);
      await waitUntil('the row to be marked sent', async () => (await p.db.select().from(mailOutbox))[0]?.status === 'sent');
      const { rows } = await p.database.executeSql(`SELECT policy FROM pgboss.queue WHERE name = 'mail.deliver'`);
      expect(rows).toEqual([{ policy: 'stately' }]);
    } finally {
      await p.shutdown();
      await target?.dispose();
      await smtp.close();
    }
  });
});
