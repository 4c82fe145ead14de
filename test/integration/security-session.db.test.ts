/**
 * Session and CSRF items of the security issue that the auth tests do not already prove
 * (see docs/SECURITY.md for the map): CSRF on a signed-in staff form and JSON write (missing
 * token, wrong token, foreign Origin — each 403 with nothing stored — while the same request with
 * the token succeeds, and Bearer calls need none); a session half-way through sign-in cannot reach
 * staff pages; an expired session is anonymous; disabling an account ends its sessions and its API
 * tokens at once; a removed role stops working at the next request; and session and API tokens
 * are stored only as hashes.
 * Already covered elsewhere: rotation at sign-in and fixation (auth.db.test.ts "issues a fresh
 * session…"), rotation after the second factor and TOTP replay (auth-totp.db.test.ts), sign-out
 * (auth.db.test.ts), reset links single-use, 60-minute, ending sessions (auth-reset.db.test.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_CODE } from '../../src/seed/build-org-tree';
import { findUnitByCode, loadPrincipal } from '../../src/org/queries';
import { roleAssignment } from '../../src/org/schema';
import { setUserStatus } from '../../src/org/set-user-status';
import { revokeRole } from '../../src/org/revoke-role';
import { createOwnApiToken } from '../../src/platform/auth/create-own-api-token';
import { apiToken, userSession } from '../../src/platform/auth/schema';
import { createSession } from '../../src/platform/auth/sessions';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { bottleneck } from '../../src/monitoring/reports/schema';
import { savedTaskFilter } from '../../src/monitoring/saved-filters/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
const actor = { ...SYSTEM_ACTOR, label: 'test' };

beforeAll(async () => {
  p = await createTestPlatform();
}, 120_000);
afterAll(async () => {
  await p?.close();
});

async function filtersOf(userId: string) {
  const [r] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(savedTaskFilter).where(eq(savedTaskFilter.userId, userId));
  return Number(r.n);
}

describe(`sessions and CSRF on ${backend}`, () => {
  it('refuses a signed-in form POST without the token, with a wrong token or from a foreign origin, storing nothing', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const a = await agentFor(p.app, p.ctx.db, user.id);
    const form = { filterName: 'Việc quá hạn', query: 'status=overdue' };

    const none = await a.postForm('/tasks/filters', form, { csrf: false });
    expect(none.status).toBe(403);
    expect(none.body).toContain('lang="vi"');
    const wrong = await a.postForm('/tasks/filters', { ...form, _csrf: 'x'.repeat(32) }, { csrf: false });
    expect(wrong.status).toBe(403);
    const foreign = await a.request({
      method: 'POST',
      url: '/tasks/filters',
      form: { _csrf: await a.csrf(), ...form },
      headers: { origin: 'https://ke-gian.example' },
    });
    expect(foreign.status).toBe(403);
    // another browser's token does not fit this browser's cookie
    const other = new TestAgent(p.app);
    const stolen = await a.postForm('/tasks/filters', { ...form, _csrf: await other.csrf() }, { csrf: false });
    expect(stolen.status).toBe(403);
    expect(await filtersOf(user.id)).toBe(0);

    // the same request done properly succeeds: the refusals above were about the token only
    const good = await a.postForm('/tasks/filters', form);
    expect(good.status).toBe(303);
    expect(await filtersOf(user.id)).toBe(1);
  });

  it('refuses a cookie-authenticated JSON write without X-CSRF-Token; a Bearer token needs none', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const a = await agentFor(p.app, p.ctx.db, user.id);
    const body = { title: 'Vướng mắc về hạ tầng dữ liệu', description: 'Thiếu máy chủ.' };
    const count = async () => Number((await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(bottleneck))[0].n);
    const before = await count();
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/bottlenecks',
      headers: { cookie: `nq57_session=${a.cookies.get('nq57_session')}; nq57_csrf=${await a.csrf()}`, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect(await count()).toBe(before);

    // an API token carries no ambient authority: no CSRF token needed, and cookies are ignored
    const principal = (await loadPrincipal(p.ctx.db, user.id, 'session'))!;
    const { token } = await createOwnApiToken(p.ctx.db, principal, { name: 'tích hợp' }, actor);
    const bearer = await p.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.json().email ?? bearer.json().user?.email).toBe(user.email);
  });

  it('keeps a session that still owes the second factor away from staff pages and APIs', async () => {
    const admin = await makeUser(p.ctx.db, { role: 'admin' });
    const token = await createSession(p.ctx.db, admin.id, { secondFactorDone: false, ttlHours: 1 });
    const a = new TestAgent(p.app);
    a.cookies.set('nq57_session', token);
    const page = await a.get('/admin/users');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login/2fa');
    const api = await a.api('GET', '/api/v1/users');
    expect([401, 403]).toContain(api.status);
    expect(api.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
  });

  it('treats an expired session as anonymous', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const a = await agentFor(p.app, p.ctx.db, user.id);
    expect((await a.get('/account')).status).toBe(200);
    await p.ctx.db.update(userSession).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userSession.userId, user.id));
    const page = await a.get('/account');
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login/);
    expect((await a.api('GET', '/api/v1/me')).status).toBe(401);
  });

  it('ends every session and API token of an account the moment it is disabled', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const laptop = await agentFor(p.app, p.ctx.db, user.id);
    const phone = await agentFor(p.app, p.ctx.db, user.id);
    const principal = (await loadPrincipal(p.ctx.db, user.id, 'session'))!;
    const { token } = await createOwnApiToken(p.ctx.db, principal, { name: 'máy chủ báo cáo' }, actor);
    const bearer = () => p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect((await bearer()).statusCode).toBe(200);

    const admin = await makeUser(p.ctx.db, { role: 'admin' });
    const adminPrincipal = (await loadPrincipal(p.ctx.db, admin.id, 'session'))!;
    await setUserStatus(p.ctx.db, user.id, { status: 'disabled' }, { principal: adminPrincipal, actor });

    for (const agent of [laptop, phone]) {
      const r = await agent.get('/account');
      expect(r.status).toBe(303);
      expect(r.location).toMatch(/^\/login/);
    }
    expect(await p.ctx.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(0);
    expect((await bearer()).statusCode).toBe(401);
  });

  it('applies a removed role at the very next request (no privilege cached in the session)', async () => {
    const leader = await makeUser(p.ctx.db, { role: 'leader', orgCode: '01' });
    const a = await agentFor(p.app, p.ctx.db, leader.id);
    expect((await a.get('/tasks/new')).status).toBe(200);
    const unit = (await findUnitByCode(p.ctx.db, '01'))!;
    const [grant] = await p.ctx.db
      .select()
      .from(roleAssignment)
      .where(and(eq(roleAssignment.userId, leader.id), eq(roleAssignment.orgUnitId, unit.id)));
    // give a viewer role first so the account keeps one (an account without roles is another matter)
    await p.ctx.db.insert(roleAssignment).values({ userId: leader.id, role: 'viewer', orgUnitId: unit.id });
    const admin = await makeUser(p.ctx.db, { role: 'admin', orgCode: ROOT_CODE });
    await revokeRole(p.ctx.db, leader.id, grant.id, { principal: (await loadPrincipal(p.ctx.db, admin.id, 'session'))!, actor });
    expect((await a.get('/tasks/new')).status).toBe(403);
    expect((await a.get('/tasks')).status).toBe(200);
  });

  it('stores session and API tokens only as hashes', async () => {
    const user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const a = new TestAgent(p.app);
    expect((await a.signIn(user.email, user.password)).status).toBe(303);
    const cookie = a.cookies.get('nq57_session')!;
    const sessions = await p.ctx.db.select().from(userSession).where(eq(userSession.userId, user.id));
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions[0].tokenHash).not.toBe(cookie);

    const principal = (await loadPrincipal(p.ctx.db, user.id, 'session'))!;
    const { token } = await createOwnApiToken(p.ctx.db, principal, { name: 'kiểm thử' }, actor);
    const rows = await p.ctx.db.select().from(apiToken).where(eq(apiToken.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await p.ctx.db.select().from(apiToken))).not.toContain(token);
    expect(JSON.stringify(await p.ctx.db.select().from(userSession))).not.toContain(cookie);
    // reset tokens: auth-reset.db.test.ts checks the stored hash and that the mailed token is not stored
  });
});
