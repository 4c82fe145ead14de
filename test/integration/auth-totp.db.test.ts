/**
 * Two-factor sign-in on a real database: admins are forced through TOTP enrolment before anything
 * else, later sign-ins ask for the code, and a code is never accepted twice. Codes are computed
 * with otpauth from the secret the server issued, as an authenticator app would.
 */
import { eq } from 'drizzle-orm';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { userSession } from '../../src/platform/auth/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const stepNow = () => Math.floor(Date.now() / 30_000);
const code = (secret: string, step: number) => HOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, counter: step });

async function userRow(id: string) {
  const [u] = await p.ctx.db.select().from(appUser).where(eq(appUser.id, id));
  return u;
}

async function auditActions(entityId: string) {
  const rows = await p.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, entityId));
  return rows.map((r) => r.action);
}

describe(`two-factor sign-in on ${backend}`, () => {
  it('forces an admin through enrolment, then asks for a fresh code at every sign-in', async () => {
    const admin = await makeUser(p.ctx.db, { role: 'admin', fullName: 'Quản Trị Hai Lớp' });
    const a = new TestAgent(p.app);

    // password accepted → enrolment, with a pending session only
    const login = await a.signIn(admin.email, admin.password, '/org');
    expect(login.status).toBe(303);
    expect(login.location).toBe('/account/2fa/setup?next=%2Forg');
    const pendingCookie = a.cookies.get('nq57_session');
    expect(pendingCookie).toBeTruthy();

    // nothing else opens until enrolment is done
    const app = await a.get('/app');
    expect(app.status).toBe(303);
    expect(app.location).toBe('/login/2fa');
    const twoFa = await a.get('/login/2fa');
    expect(twoFa.status).toBe(303);
    expect(twoFa.location).toBe('/account/2fa/setup');
    const me = await a.api('GET', '/api/v1/me');
    expect(me.status).toBe(403);
    expect(me.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await a.get('/account')).location).toBe('/login/2fa');

    // the setup page: QR as a data: image and the base32 secret, generated and stored server-side
    const setup = await a.get('/account/2fa/setup?next=%2Forg');
    expect(setup.status).toBe(200);
    expect(setup.body).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(setup.body).not.toMatch(/\sstyle=/);
    expect(setup.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const stored = await userRow(admin.id);
    expect(stored.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    expect(stored.totpEnabledAt).toBeNull();
    expect(setup.body).toContain(`<p class="secret mono">${stored.totpSecret}</p>`);
    const qr = Buffer.from(/base64,([A-Za-z0-9+/=]+)"/.exec(setup.body)![1], 'base64').toString('utf8');
    expect(qr).toContain('<svg');
    // reloading keeps the same secret (a QR already scanned stays valid)
    await a.get('/account/2fa/setup');
    expect((await userRow(admin.id)).totpSecret).toBe(stored.totpSecret);
    const secret = stored.totpSecret!;

    // a wrong code is refused and nothing is enabled
    const wrong = await a.postForm('/account/2fa/setup', { code: '000000' === code(secret, stepNow()) ? '111111' : '000000', next: '/org' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Mã xác thực không đúng hoặc đã hết hạn.');
    expect((await userRow(admin.id)).totpEnabledAt).toBeNull();

    // the right code enables TOTP and completes the sign-in with a new session
    const enrolStep = stepNow();
    const ok = await a.postForm('/account/2fa/setup', { code: code(secret, enrolStep), next: '/org' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/org');
    expect(a.cookies.get('nq57_session')).not.toBe(pendingCookie);
    expect((await a.get('/app')).status).toBe(200);
    const enabled = await userRow(admin.id);
    expect(enabled.totpEnabledAt).toBeInstanceOf(Date);
    expect(enabled.totpLastStep).toBe(enrolStep);
    const actions = await auditActions(admin.id);
    expect(actions).toContain('auth.totp_enabled');
    expect(actions).toContain('auth.login');
    // the pending session is gone
    const sessions = await p.ctx.db.select().from(userSession).where(eq(userSession.userId, admin.id));
    expect(sessions.every((s) => s.secondFactorDone)).toBe(true);
    // the audit trail never holds the secret
    const rows = await p.ctx.db.select().from(auditEvent).where(eq(auditEvent.entityId, admin.id));
    expect(JSON.stringify(rows)).not.toContain(secret);

    // next sign-in: the code is required
    const b = new TestAgent(p.app);
    const second = await b.signIn(admin.email, admin.password);
    expect(second.location).toBe('/login/2fa');
    const form = await b.get('/login/2fa');
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="code"');
    expect((await b.get('/app')).location).toBe('/login/2fa');

    // the code used at enrolment (same step) is a replay: refused
    const replay = await b.postForm('/login/2fa', { code: code(secret, enrolStep) });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('Mã xác thực không đúng hoặc đã hết hạn.');
    // so is an older step
    expect((await b.postForm('/login/2fa', { code: code(secret, enrolStep - 1) })).status).toBe(400);

    // the next step's code is accepted (±1 step window)
    const loginStep = enrolStep + 1;
    const pending = b.cookies.get('nq57_session');
    const done = await b.postForm('/login/2fa', { code: code(secret, loginStep) });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/app');
    expect(b.cookies.get('nq57_session')).not.toBe(pending);
    expect((await b.get('/app')).status).toBe(200);
    expect((await b.api('GET', '/api/v1/me')).json().email).toBe(admin.email);
    expect((await userRow(admin.id)).failedLoginCount).toBe(0);

    // that code cannot be used again by another sign-in
    const c = new TestAgent(p.app);
    await c.signIn(admin.email, admin.password);
    const again = await c.postForm('/login/2fa', { code: code(secret, loginStep) });
    expect(again.status).toBe(400);
    expect((await c.get('/app')).location).toBe('/login/2fa');

    // a code far outside the window is refused
    expect((await c.postForm('/login/2fa', { code: code(secret, stepNow() + 5) })).status).toBe(400);

    // cancelling the pending sign-in signs out
    const cancel = await c.postForm('/logout', {});
    expect(cancel.status).toBe(303);
    expect(c.cookies.get('nq57_session')).toBeUndefined();
  });

  it('counts wrong codes towards the lockout', async () => {
    const admin = await makeUser(p.ctx.db, { role: 'admin' });
    const a = new TestAgent(p.app);
    await a.signIn(admin.email, admin.password);
    await a.get('/account/2fa/setup');
    const secret = (await userRow(admin.id)).totpSecret!;
    const step = stepNow();
    expect((await a.postForm('/account/2fa/setup', { code: code(secret, step) })).status).toBe(303);
    await a.postForm('/logout', {});

    const b = new TestAgent(p.app);
    const max = p.ctx.config.loginMaxFailures;
    const bad = code(secret, step) === '123456' ? '654321' : '123456';
    await b.signIn(admin.email, admin.password);
    for (let i = 1; i < max; i++) expect((await b.postForm('/login/2fa', { code: bad })).status).toBe(400);
    const locked = await b.postForm('/login/2fa', { code: bad });
    expect(locked.status).toBe(423);
    expect(locked.body).toContain('Tài khoản tạm khóa');
    // even the right code and the right password are refused now
    expect((await b.postForm('/login/2fa', { code: code(secret, step + 1) })).status).toBe(423);
    expect((await new TestAgent(p.app).signIn(admin.email, admin.password)).status).toBe(423);
  });

  it('lets any user enable TOTP from the account page', async () => {
    const officer = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    expect((await a.signIn(officer.email, officer.password)).location).toBe('/app'); // not forced
    const setup = await a.get('/account/2fa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body).toContain('class="qr"');
    expect(setup.body).not.toContain('Hủy và đăng xuất');
    // CSRF protects this form too
    const secret = (await userRow(officer.id)).totpSecret!;
    const step = stepNow();
    expect((await a.postForm('/account/2fa/setup', { code: code(secret, step) }, { csrf: false })).status).toBe(403);
    expect((await userRow(officer.id)).totpEnabledAt).toBeNull();

    const ok = await a.postForm('/account/2fa/setup', { code: code(secret, step) });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/account');
    const account = await a.get('/account');
    expect(account.body).toContain('Đã bật xác thực hai lớp.');
    expect(account.body).toContain('Đang bật');
    // the setup page no longer issues a new secret
    const again = await a.get('/account/2fa/setup');
    expect(again.location).toBe('/account');
    expect((await userRow(officer.id)).totpSecret).toBe(secret);

    const b = new TestAgent(p.app);
    expect((await b.signIn(officer.email, officer.password)).location).toBe('/login/2fa');
    expect((await b.postForm('/login/2fa', { code: code(secret, step + 1) })).location).toBe('/app');
  });
});
