/**
 * Sign-in, lockout, rate limit, CSRF, sign-out, cookie flags, the account page, API tokens and
 * `GET /api/v1/me`, driven through HTTP on a real database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { apiToken, userSession } from '../../src/platform/auth/schema';
import { backend } from '../support/db';
import { TEST_PASSWORD, makeUser } from '../support/factories';
import { type AgentResponse, TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

const FAILED = 'Thư điện tử hoặc mật khẩu không đúng.';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

function setCookie(res: AgentResponse, name: string): string | undefined {
  const all = res.headers['set-cookie'];
  return (Array.isArray(all) ? all : all ? [all] : []).find((c) => c.startsWith(`${name}=`));
}

async function auditActions(entityId: string) {
  const rows = await p.ctx.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, entityId));
  return rows.map((r) => r.action);
}

async function userRow(id: string) {
  const [u] = await p.ctx.db.select().from(appUser).where(eq(appUser.id, id));
  return u;
}

describe(`sign-in on ${backend}`, () => {
  it('signs in with the right password, sets last_login_at and audits', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', fullName: 'Trần Văn Đăng Nhập' });
    const a = new TestAgent(p.app);
    const login = await a.get('/login');
    expect(login.status).toBe(200);
    expect(login.body).toContain('name="_csrf"');
    expect(login.body).toContain('Đăng nhập');

    const r = await a.signIn(user.email.toUpperCase(), user.password);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/app');
    expect(a.cookies.get('nq57_session')).toBeTruthy();
    const app = await a.get('/app');
    expect(app.status).toBe(200);
    expect(app.body).toContain('Trần Văn Đăng Nhập');
    expect((await userRow(user.id)).lastLoginAt).toBeInstanceOf(Date);
    expect(await auditActions(user.id)).toContain('auth.login');
    // A signed-in visitor of /login goes straight on.
    expect((await a.get('/login?next=/org')).location).toBe('/org');
  });

  it('follows a same-site next and ignores a foreign one', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const ok = await new TestAgent(p.app).signIn(user.email, user.password, '/org?q=da%20nang');
    expect(ok.location).toBe('/org?q=da%20nang');
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const r = await new TestAgent(p.app).signIn(user.email, user.password, bad);
      expect(r.location, bad).toBe('/app');
    }
  });

  it('answers an unknown e-mail and a wrong password with the same generic message', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const wrong = await new TestAgent(p.app).signIn(user.email, 'Sai-mật-khẩu-123');
    const unknown = await new TestAgent(p.app).signIn('khong-ton-tai@test.nq57.vn', 'Sai-mật-khẩu-123');
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body).toContain(FAILED);
      expect(setCookie(r, 'nq57_session')).toBeUndefined();
    }
    // the form keeps the typed e-mail, never the password
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(wrong.body).not.toContain('Sai-mật-khẩu-123');
    expect((await userRow(user.id)).failedLoginCount).toBe(1);
    expect(await auditActions(user.id)).toContain('auth.login_failed');
  });

  it('re-renders the form with field errors when fields are empty', async () => {
    const r = await new TestAgent(p.app).postForm('/login', { email: '', password: '' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('Vui lòng nhập trường này.');
    expect(r.body).toContain('href="#f-email"');
  });

  it('locks the account after the configured number of failures, then lets it in once the lock expires', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    const max = p.ctx.config.loginMaxFailures;
    for (let i = 1; i < max; i++) expect((await a.signIn(user.email, `Sai-${i}-mật-khẩu`)).status).toBe(401);
    const locking = await a.signIn(user.email, 'Sai-cuối-mật-khẩu');
    expect(locking.status).toBe(423);
    expect(locking.body).toContain('Tài khoản tạm khóa');
    const locked = await userRow(user.id);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + (p.ctx.config.loginLockMinutes - 1) * 60_000);
    expect(await auditActions(user.id)).toContain('auth.locked');

    // the right password is refused while locked, on the page and in JSON
    const refused = await a.signIn(user.email, user.password);
    expect(refused.status).toBe(423);
    expect(refused.body).toContain('Tài khoản tạm khóa');
    expect(setCookie(refused, 'nq57_session')).toBeUndefined();
    const json = await a.request({
      method: 'POST',
      url: '/login',
      json: { email: user.email, password: user.password },
      headers: { 'x-csrf-token': await a.csrf() },
    });
    expect(json.status).toBe(423);
    expect(json.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(json.json().error.message).toContain('Tài khoản tạm khóa');

    // the lock runs out
    await p.ctx.db.update(appUser).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(appUser.id, user.id));
    const ok = await a.signIn(user.email, user.password);
    expect(ok.status).toBe(303);
    const after = await userRow(user.id);
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it('resets the failure count on success, so failures must be consecutive to lock', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const max = p.ctx.config.loginMaxFailures;
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < max; i++) expect((await new TestAgent(p.app).signIn(user.email, 'Sai-mật-khẩu-1')).status).toBe(401);
      expect((await new TestAgent(p.app).signIn(user.email, user.password)).status).toBe(303);
    }
    expect((await userRow(user.id)).lockedUntil).toBeNull();
  });

  it('refuses a disabled account even with the right password', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    await p.ctx.db.update(appUser).set({ status: 'disabled' }).where(eq(appUser.id, user.id));
    const r = await new TestAgent(p.app).signIn(user.email, user.password);
    expect(r.status).toBe(403);
    expect(r.body).toContain('Tài khoản đã bị vô hiệu hóa');
    expect(setCookie(r, 'nq57_session')).toBeUndefined();
    const wrong = await new TestAgent(p.app).signIn(user.email, 'Sai-mật-khẩu-1');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain(FAILED);
  });

  it('rate-limits sign-in attempts per IP with a Vietnamese message', async () => {
    const limited = await createTestPlatform({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const a = new TestAgent(limited.app);
      for (let i = 0; i < 3; i++) expect((await a.signIn('ai-do@test.nq57.vn', 'Sai-mật-khẩu-1')).status).toBe(401);
      const r = await a.signIn('ai-do@test.nq57.vn', 'Sai-mật-khẩu-1');
      expect(r.status).toBe(429);
      expect(r.body).toContain('Bạn thao tác quá nhanh');
      // each limited route has its own budget
      for (let i = 0; i < 3; i++) expect((await a.postForm('/password/forgot', { email: 'ai-do@test.nq57.vn' })).status).toBe(200);
      const forgot = await a.postForm('/password/forgot', { email: 'ai-do@test.nq57.vn' });
      expect(forgot.status).toBe(429);
      expect(forgot.body).toContain('Bạn thao tác quá nhanh');
      // the JSON shape says the same
      const json = await a.request({ method: 'POST', url: '/login/2fa', json: {}, headers: { 'x-csrf-token': await a.csrf() } });
      expect(json.status).not.toBe(429);
      for (let i = 0; i < 3; i++) await a.request({ method: 'POST', url: '/login/2fa', json: {}, headers: { 'x-csrf-token': await a.csrf() } });
      const limitedJson = await a.request({ method: 'POST', url: '/login/2fa', json: {}, headers: { 'x-csrf-token': await a.csrf() } });
      expect(limitedJson.status).toBe(429);
      expect(limitedJson.json().error).toMatchObject({ code: 'RATE_LIMITED' });
      expect(limitedJson.json().error.message).toContain('Bạn thao tác quá nhanh');
    } finally {
      await limited.close();
    }
  });
});

describe(`CSRF, sessions and cookies on ${backend}`, () => {
  it('refuses a sign-in POST without the CSRF token and changes nothing', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    await a.csrf();
    const r = await a.postForm('/login', { email: user.email, password: user.password }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Phiên làm việc của biểu mẫu đã hết hạn');
    expect(a.cookies.get('nq57_session')).toBeUndefined();
    const wrong = await a.postForm('/login', { email: user.email, password: 'Sai-mật-khẩu-1' }, { csrf: false });
    expect(wrong.status).toBe(403);
    const row = await userRow(user.id);
    expect(row.failedLoginCount).toBe(0);
    expect(row.lastLoginAt).toBeNull();
    expect(await p.ctx.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(0);
    // a wrong token is as bad as none
    const forged = await a.request({ method: 'POST', url: '/login', form: { _csrf: 'x'.repeat(32), email: user.email, password: user.password } });
    expect(forged.status).toBe(403);
  });

  it('signs out: deletes the session, clears the cookie, audits, and the old cookie stops working', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    await a.signIn(user.email, user.password);
    const oldCookie = a.cookies.get('nq57_session')!;
    // without the CSRF token nothing happens
    expect((await a.postForm('/logout', {}, { csrf: false })).status).toBe(403);
    expect((await a.get('/app')).status).toBe(200);

    const out = await a.postForm('/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/');
    expect(setCookie(out, 'nq57_session')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect(a.cookies.get('nq57_session')).toBeUndefined();
    expect((await a.get('/')).body).toContain('Bạn đã đăng xuất.');
    expect(await auditActions(user.id)).toContain('auth.logout');

    const replay = new TestAgent(p.app);
    replay.cookies.set('nq57_session', oldCookie);
    const page = await replay.get('/account');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login?next=%2Faccount');
    expect((await replay.api('GET', '/api/v1/me')).status).toBe(401);
    expect(await p.ctx.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(0);
  });

  it('issues a fresh session on every sign-in and drops the one the browser held', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    await a.signIn(user.email, user.password);
    const first = a.cookies.get('nq57_session');
    await a.signIn(user.email, user.password);
    expect(a.cookies.get('nq57_session')).not.toBe(first);
    expect(await p.ctx.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(1);
  });

  it('sets HttpOnly, SameSite=Lax, Path=/ and the session lifetime; Secure only behind TLS', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const r = await new TestAgent(p.app).signIn(user.email, user.password);
    const c = setCookie(r, 'nq57_session')!;
    expect(c).toMatch(/;\s*HttpOnly/i);
    expect(c).toMatch(/;\s*SameSite=Lax/i);
    expect(c).toMatch(/;\s*Path=\//i);
    expect(c).toMatch(new RegExp(`;\\s*Max-Age=${p.ctx.config.sessionTtlHours * 3600}`, 'i'));
    expect(c).not.toMatch(/;\s*Secure/i);

    const behindProxy = await createTestPlatform({ config: { trustProxy: true } });
    try {
      const u2 = await makeUser(behindProxy.ctx.db, { role: 'officer' });
      const r2 = await new TestAgent(behindProxy.app).signIn(u2.email, u2.password);
      expect(r2.status).toBe(303);
      const c2 = setCookie(r2, 'nq57_session')!;
      expect(c2).toMatch(/;\s*Secure/i);
      expect(c2).toMatch(/;\s*HttpOnly/i);
      expect(c2).toMatch(/;\s*SameSite=Lax/i);
    } finally {
      await behindProxy.close();
    }
  });
});

describe(`account page, API tokens and /api/v1/me on ${backend}`, () => {
  it('requires a signed-in user', async () => {
    const r = await new TestAgent(p.app).get('/account');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/login?next=%2Faccount');
    const me = await new TestAgent(p.app).api('GET', '/api/v1/me');
    expect(me.status).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('shows profile, roles and second-factor status', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: undefined, fullName: 'Lê Thị Tài Khoản' });
    const a = new TestAgent(p.app);
    await a.signIn(user.email, user.password);
    const r = await a.get('/account');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Lê Thị Tài Khoản');
    expect(r.body).toContain(user.email);
    expect(r.body).toContain('Chuyên viên');
    expect(r.body).toContain('Chưa bật');
    expect(r.body).toContain('href="/account/2fa/setup"');
    expect(r.body).not.toMatch(/\sstyle=/);
  });

  it('creates a token shown once, works as Bearer on /api/v1/me, and stops working when revoked', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', fullName: 'Phạm Văn Tích Hợp' });
    const a = new TestAgent(p.app);
    await a.signIn(user.email, user.password);

    // no CSRF token: refused, nothing created
    expect((await a.postForm('/account/tokens', { name: 'Không có CSRF' }, { csrf: false })).status).toBe(403);
    expect(await p.ctx.db.select().from(apiToken).where(eq(apiToken.userId, user.id))).toHaveLength(0);

    const empty = await a.postForm('/account/tokens', { name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Vui lòng nhập trường này.');

    const created = await a.postForm('/account/tokens', { name: 'Hệ thống báo cáo Sở KH&CN' });
    expect(created.status).toBe(200);
    const token = /<code class="secret">(nq57_[\w-]+)<\/code>/.exec(created.body)?.[1];
    expect(token).toBeTruthy();
    expect(created.body).toContain('Hệ thống báo cáo Sở KH&amp;CN');

    // shown once: the account page lists it without the secret
    const page = await a.get('/account');
    expect(page.body).toContain('Hệ thống báo cáo Sở KH&amp;CN');
    expect(page.body).not.toContain(token!);

    // the session cookie works on the API too
    const viaSession = await a.api('GET', '/api/v1/me');
    expect(viaSession.status).toBe(200);
    expect(viaSession.json().email).toBe(user.email);

    const bearer = new TestAgent(p.app);
    const me = await bearer.api('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    const body = me.json();
    expect(body).toMatchObject({ id: user.id, email: user.email, fullName: 'Phạm Văn Tích Hợp', homeUnitId: user.homeUnitId });
    expect(body.roles).toHaveLength(1);
    expect(body.roles[0].role).toBe('officer');
    expect(typeof body.roles[0].unitCode).toBe('string');
    expect(typeof body.roles[0].unitName).toBe('string');
    expect(Object.keys(body).sort()).toEqual(['email', 'fullName', 'homeUnitId', 'id', 'roles']);

    // another user cannot revoke it
    const [row] = await p.ctx.db.select().from(apiToken).where(eq(apiToken.userId, user.id));
    const other = await makeUser(p.ctx.db, { role: 'officer' });
    const b = new TestAgent(p.app);
    await b.signIn(other.email, other.password);
    expect((await b.postForm(`/account/tokens/${row.id}/revoke`, {})).status).toBe(404);
    expect((await bearer.api('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);

    const revoked = await a.postForm(`/account/tokens/${row.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/account');
    expect((await a.get('/account')).body).toContain('Đã thu hồi');
    const after = await bearer.api('GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect(after.json().error.message).toContain('không hợp lệ');

    const actions = await p.ctx.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, row.id), inArray(auditEvent.action, ['api_token.create', 'api_token.revoke'])));
    expect(actions.map((x) => x.action).sort()).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('does not let a Bearer token mint more tokens', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer' });
    const a = new TestAgent(p.app);
    await a.signIn(user.email, user.password);
    const created = await a.postForm('/account/tokens', { name: 'Tích hợp' });
    const token = /<code class="secret">(nq57_[\w-]+)<\/code>/.exec(created.body)![1];
    const r = await new TestAgent(p.app).request({
      method: 'POST',
      url: '/account/tokens',
      form: { name: 'Thêm mã' },
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(r.status).toBe(403);
    expect(await p.ctx.db.select().from(apiToken).where(eq(apiToken.userId, user.id))).toHaveLength(1);
  });

  it('documents /api/v1/me in OpenAPI', async () => {
    const doc = (await new TestAgent(p.app).get('/api/docs/json')).json();
    const op = doc.paths['/api/v1/me'].get;
    expect(op.tags).toEqual(['me']);
    expect(op.description).toBeTruthy();
    expect(op.responses['200']).toBeTruthy();
    // the HTML form routes stay out of the API description
    expect(doc.paths['/login']).toBeUndefined();
  });

  it('keeps the default test password meeting the rules', () => {
    expect(TEST_PASSWORD.length).toBeGreaterThanOrEqual(10);
  });
});
