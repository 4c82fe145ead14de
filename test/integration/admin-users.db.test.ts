/** User administration on a real database: scope, creation, roles, status, locks, second factor, last root admin, API. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../src/org/policies';
import { findUnitByCode, loadPrincipal, rootUnit } from '../../src/org/queries';
import { appUser, roleAssignment } from '../../src/org/schema';
import { setUserStatus } from '../../src/org/set-user-status';
import { revokeRole } from '../../src/org/revoke-role';
import { auditEvent } from '../../src/platform/audit/schema';
import { userSession } from '../../src/platform/auth/schema';
import { AppError } from '../../src/platform/errors';
import { backend } from '../support/db';
import { TEST_PASSWORD, makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor, signIn } from '../support/sessions';

type User = Awaited<ReturnType<typeof makeUser>>;

let p: TestPlatform;
let rootAdmin: User;
let hanoiAdmin: User;
let hanoiOfficer: User;
let danangOfficer: User;
let root: TestAgent;
let hanoi: TestAgent;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  rootAdmin = await makeUser(db, { role: 'admin', fullName: 'Quản Trị Trung Ương' });
  hanoiAdmin = await makeUser(db, { role: 'admin', orgCode: '01', fullName: 'Quản Trị Hà Nội' });
  hanoiOfficer = await makeUser(db, { role: 'officer', orgCode: '00070', fullName: 'Nguyễn Thị Hoàn Kiếm', email: 'hoankiem@test.nq57.vn' });
  danangOfficer = await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Phạm Văn Đà Nẵng', email: 'danang@test.nq57.vn' });
  root = await agentFor(p.app, db, rootAdmin.id);
  hanoi = await agentFor(p.app, db, hanoiAdmin.id);
});
afterAll(async () => {
  await p?.close();
});

async function auditCount(action?: string, entityId?: string) {
  const conds = [];
  if (action) conds.push(eq(auditEvent.action, action));
  if (entityId) conds.push(eq(auditEvent.entityId, entityId));
  const [r] = await p.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvent)
    .where(conds.length ? and(...conds) : undefined);
  return Number(r.n);
}

async function userByEmail(email: string) {
  const [u] = await p.ctx.db.select().from(appUser).where(eq(appUser.email, email));
  return u ?? null;
}

async function rolesOf(userId: string) {
  return p.ctx.db.select().from(roleAssignment).where(eq(roleAssignment.userId, userId));
}

const emailsOnPage = (html: string) => [...html.matchAll(/<span class="muted">([^<]+@[^<]+)<\/span>/g)].map((m) => m[1]);

describe(`user administration on ${backend}`, () => {
  it('needs sign-in and user.manage', async () => {
    const anon = new TestAgent(p.app);
    const page = await anon.get('/admin/users');
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login\?next=/);
    expect((await anon.api('GET', '/api/v1/users')).status).toBe(401);
    const officer = await agentFor(p.app, p.ctx.db, hanoiOfficer.id);
    expect((await officer.get('/admin/users')).status).toBe(403);
    const api = await officer.api('GET', '/api/v1/users');
    expect(api.status).toBe(403);
    expect(api.json().error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
  });

  it('lists only users in the admin’s scope, with filters', async () => {
    const mine = await hanoi.get('/admin/users');
    expect(mine.status).toBe(200);
    const emails = emailsOnPage(mine.body);
    expect(emails).toContain(hanoiOfficer.email);
    expect(emails).toContain(hanoiAdmin.email);
    expect(emails).not.toContain(danangOfficer.email);
    expect(emails).not.toContain(rootAdmin.email);

    const all = emailsOnPage((await root.get('/admin/users')).body);
    expect(all).toEqual(expect.arrayContaining([hanoiOfficer.email, danangOfficer.email, rootAdmin.email]));

    // q is folded: no diacritics needed
    const q = emailsOnPage((await root.get('/admin/users?q=hoan+kiem')).body);
    expect(q).toEqual([hanoiOfficer.email]);
    const byUnit = emailsOnPage((await root.get('/admin/users?unit=48')).body);
    expect(byUnit).toEqual([danangOfficer.email]);
    const byRole = emailsOnPage((await root.get('/admin/users?role=admin&unit=01')).body);
    expect(byRole).toEqual([hanoiAdmin.email]);
    const badUnit = await root.get('/admin/users?unit=KHONG_CO');
    expect(badUnit.status).toBe(400);
    expect(badUnit.body).toContain('Không có đơn vị mã KHONG_CO.');

    const api = await hanoi.api('GET', '/api/v1/users?q=nguyen%20thi');
    expect(api.status).toBe(200);
    expect(api.json().items.map((u: { email: string }) => u.email)).toEqual([hanoiOfficer.email]);
    const item = api.json().items[0];
    expect(item).toMatchObject({ status: 'active', homeUnit: { code: '00070' }, roles: [{ role: 'officer', unitCode: '00070' }] });
    expect(item).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(api.json())).not.toContain('argon2');
  });

  it('pages the API listing with a cursor, without duplicates', async () => {
    for (let i = 0; i < 5; i++) await makeUser(p.ctx.db, { role: 'viewer', orgCode: '01.SKHCN', fullName: `Cán bộ Sở ${i}` });
    const everyone = (await hanoi.api('GET', '/api/v1/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await hanoi.api('GET', `/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.json().items.map((u: { id: string }) => u.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(everyone);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);

    const bad = await hanoi.api('GET', '/api/v1/users?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields.limit).toMatch(/từ 1 đến 200/);
    const badCursor = await hanoi.api('GET', '/api/v1/users?cursor=abc');
    expect(badCursor.status).toBe(400);
    const badRole = await hanoi.api('GET', '/api/v1/users?role=king');
    expect(badRole.status).toBe(400);
  });

  it('lets a provincial admin create a user in their own province, audited', async () => {
    const form = await hanoi.get('/admin/users/new');
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    const before = await auditCount('user.create');
    const r = await hanoi.postForm('/admin/users/new', {
      fullName: 'Đỗ Minh Sở Khoa Học',
      email: 'Do.Minh@Test.nq57.vn',
      jobTitle: 'Chuyên viên',
      phone: '024 1234 5678',
      role: 'officer',
      orgCode: '01.SKHCN',
      password: TEST_PASSWORD,
    });
    expect(r.status).toBe(303);
    const created = await userByEmail('do.minh@test.nq57.vn');
    expect(created).not.toBeNull();
    expect(r.location).toBe(`/admin/users/${created!.id}`);
    expect(created!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditCount('user.create', created!.id)).toBe(1);
    expect(await auditCount('user.create')).toBe(before + 1);
    const [role] = await rolesOf(created!.id);
    expect(role.role).toBe('officer');
    const page = await hanoi.get(r.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đã tạo tài khoản người dùng.');
    expect(page.body).toContain('Đỗ Minh Sở Khoa Học');
  });

  it('refuses a provincial admin creating a user in another province, writing nothing', async () => {
    const before = await auditCount();
    const r = await hanoi.postForm('/admin/users/new', {
      fullName: 'Người Ngoài Phạm Vi',
      email: 'ngoai.pham.vi@test.nq57.vn',
      role: 'officer',
      orgCode: '48',
      password: TEST_PASSWORD,
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Bạn không có quyền giao vai trò này tại đơn vị đó.');
    expect(await userByEmail('ngoai.pham.vi@test.nq57.vn')).toBeNull();
    expect(await auditCount()).toBe(before);

    const api = await hanoi.api('POST', '/api/v1/users', {
      fullName: 'Người Ngoài Phạm Vi',
      email: 'ngoai.pham.vi@test.nq57.vn',
      role: 'officer',
      orgCode: '48',
      password: TEST_PASSWORD,
    });
    expect(api.status).toBe(403);
    expect(api.json().error.code).toBe('FORBIDDEN');
    // an admin at the root may only be made by an admin at the root
    const rootRole = await hanoi.api('POST', '/api/v1/users', {
      fullName: 'Muốn Làm Quản Trị',
      email: 'muon.quan.tri@test.nq57.vn',
      role: 'admin',
      password: TEST_PASSWORD,
    });
    expect(rootRole.status).toBe(403);
    expect(await userByEmail('ngoai.pham.vi@test.nq57.vn')).toBeNull();
    expect(await userByEmail('muon.quan.tri@test.nq57.vn')).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it('re-renders the form with Vietnamese errors and writes nothing', async () => {
    const before = await auditCount();
    const r = await hanoi.postForm('/admin/users/new', {
      fullName: '',
      email: 'khong-phai-email',
      role: 'officer',
      orgCode: '01',
      password: 'ngan',
    });
    expect(r.status).toBe(400);
    expect(r.body).toContain('class="error-summary"');
    expect(r.body).toContain('Địa chỉ thư điện tử không hợp lệ.');
    expect(r.body).toContain('Vui lòng nhập trường này.');
    expect(r.body).toContain('value="khong-phai-email"');
    expect(r.body).toContain('href="#f-email"');
    expect(await userByEmail('khong-phai-email')).toBeNull();

    const weak = await hanoi.postForm('/admin/users/new', {
      fullName: 'Mật Khẩu Yếu',
      email: 'mat.khau.yeu@test.nq57.vn',
      role: 'officer',
      orgCode: '01',
      password: 'ngan',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
    // the password is never echoed back
    expect(weak.body).not.toContain('value="ngan"');

    const unknownUnit = await hanoi.postForm('/admin/users/new', {
      fullName: 'Đơn Vị Lạ',
      email: 'don.vi.la@test.nq57.vn',
      role: 'officer',
      orgCode: 'KHONG_CO',
      password: TEST_PASSWORD,
    });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body).toContain('Không có đơn vị mã KHONG_CO.');

    const dup = await hanoi.postForm('/admin/users/new', {
      fullName: 'Trùng Thư',
      email: hanoiOfficer.email,
      role: 'officer',
      orgCode: '01',
      password: TEST_PASSWORD,
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toContain('Địa chỉ thư điện tử này đã có tài khoản.');
    expect(await userByEmail('mat.khau.yeu@test.nq57.vn')).toBeNull();
    expect(await auditCount()).toBe(before);

    const noCsrf = await hanoi.postForm('/admin/users/new', { fullName: 'X', email: 'x@test.nq57.vn', role: 'officer', password: TEST_PASSWORD }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(await userByEmail('x@test.nq57.vn')).toBeNull();
  });

  it('creates users through the API: 201, 409 on duplicates, 400 with field messages', async () => {
    const ok = await hanoi.api('POST', '/api/v1/users', {
      fullName: 'Vũ Thị API',
      email: 'vu.thi.api@test.nq57.vn',
      role: 'leader',
      orgCode: '01.UBND',
      password: TEST_PASSWORD,
    });
    expect(ok.status).toBe(201);
    expect(ok.json()).toMatchObject({
      email: 'vu.thi.api@test.nq57.vn',
      homeUnit: { code: '01.UBND' },
      roles: [{ role: 'leader', roleLabel: 'Lãnh đạo', unitCode: '01.UBND' }],
      status: 'active',
      secondFactorEnrolled: false,
    });
    expect(await auditCount('user.create', ok.json().id)).toBe(1);
    const got = await hanoi.api('GET', `/api/v1/users/${ok.json().id}`);
    expect(got.status).toBe(200);
    expect(got.json().email).toBe('vu.thi.api@test.nq57.vn');

    const dup = await hanoi.api('POST', '/api/v1/users', {
      fullName: 'Vũ Thị API',
      email: 'VU.THI.API@test.nq57.vn',
      role: 'leader',
      orgCode: '01.UBND',
      password: TEST_PASSWORD,
    });
    expect(dup.status).toBe(409);
    expect(dup.json().error.fields.email).toBe('Địa chỉ thư điện tử này đã có tài khoản.');

    const bad = await hanoi.api('POST', '/api/v1/users', { email: 'sai', role: 'vua', password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.fields.email).toBe('Địa chỉ thư điện tử không hợp lệ.');
    expect(bad.json().error.fields.fullName).toBe('Vui lòng nhập trường này.');
    expect(bad.json().error.fields.role).toMatch(/^Vai trò không hợp lệ/);

    const weak = await hanoi.api('POST', '/api/v1/users', {
      fullName: 'Yếu',
      email: 'yeu@test.nq57.vn',
      role: 'officer',
      orgCode: '01',
      password: 'abc',
    });
    expect(weak.status).toBe(400);
    expect(weak.json().error.fields.password).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
  });

  it('gives and takes roles, audited and scoped', async () => {
    const target = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01.SKHCN', fullName: 'Hoàng Văn Vai Trò' });
    const add = await hanoi.postForm(`/admin/users/${target.id}/roles`, { role: 'leader', orgCode: '00070' });
    expect(add.status).toBe(303);
    let roles = await rolesOf(target.id);
    expect(roles).toHaveLength(2);
    expect(await auditCount('role.assign', target.id)).toBe(1);
    const page = await hanoi.get(`/admin/users/${target.id}`);
    expect(page.body).toContain('Đã giao vai trò.');
    // the unit page lists a role holder whose home unit is elsewhere
    const unit = await hanoi.get('/org/00070');
    expect(unit.body).toContain('Hoàng Văn Vai Trò');

    // twice: a conflict, shown on the page
    const again = await hanoi.postForm(`/admin/users/${target.id}/roles`, { role: 'leader', orgCode: '00070' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Người dùng đã có vai trò này tại đơn vị này.');
    const unknown = await hanoi.postForm(`/admin/users/${target.id}/roles`, { role: 'leader', orgCode: 'NOPE' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('Không có đơn vị mã NOPE.');
    // outside the province: refused, nothing written
    const outside = await hanoi.postForm(`/admin/users/${target.id}/roles`, { role: 'leader', orgCode: '48' });
    expect(outside.status).toBe(403);
    expect(await rolesOf(target.id)).toHaveLength(2);
    // national oversight cannot be minted inside a province, and the province's admin gets no national settings
    const national = await hanoi.postForm(`/admin/users/${target.id}/roles`, { role: 'standing_office', orgCode: '01.SKHCN' });
    expect(national.status).toBe(403);
    expect(await rolesOf(target.id)).toHaveLength(2);
    expect((await hanoi.get('/admin/feedback-sla')).status).toBe(403);

    const leader = roles.find((r) => r.role === 'leader')!;
    const remove = await hanoi.postForm(`/admin/users/${target.id}/roles/${leader.id}/delete`, {});
    expect(remove.status).toBe(303);
    roles = await rolesOf(target.id);
    expect(roles.map((r) => r.role)).toEqual(['officer']);
    expect(await auditCount('role.revoke', target.id)).toBe(1);

    // a Đà Nẵng role cannot be removed by the Hà Nội admin, nor even seen
    const dnRole = (await rolesOf(danangOfficer.id))[0];
    const foreign = await hanoi.postForm(`/admin/users/${danangOfficer.id}/roles/${dnRole.id}/delete`, {});
    expect(foreign.status).toBe(403);
    expect(await rolesOf(danangOfficer.id)).toHaveLength(1);
    expect((await hanoi.get(`/admin/users/${danangOfficer.id}`)).status).toBe(403);
    expect((await hanoi.api('GET', `/api/v1/users/${danangOfficer.id}`)).status).toBe(403);
  });

  it('never removes or disables the last active admin at the root', async () => {
    const db = p.ctx.db;
    const own = (await rolesOf(rootAdmin.id)).find((r) => r.role === 'admin')!;
    const before = await auditCount();
    const r = await root.postForm(`/admin/users/${rootAdmin.id}/roles/${own.id}/delete`, {});
    expect(r.status).toBe(409);
    expect(r.body).toContain('Không thể gỡ vai trò quản trị cuối cùng ở cấp cao nhất.');
    expect(await rolesOf(rootAdmin.id)).toHaveLength(1);
    expect(await auditCount()).toBe(before);

    const self = await root.postForm(`/admin/users/${rootAdmin.id}/status`, { status: 'disabled' });
    expect(self.status).toBe(409);
    expect((await userByEmail(rootAdmin.email))!.status).toBe('active');

    // a principal holding admin at the root who is not (or no longer) one of the root admins
    const rootU = (await rootUnit(db))!;
    const outsider: Principal = {
      userId: randomUUID(),
      email: 'ngoai@test.nq57.vn',
      fullName: 'Ngoài',
      homeUnitId: rootU.id,
      via: 'session',
      grants: [{ role: 'admin', unitId: rootU.id, unitCode: rootU.code, unitName: rootU.name, unitPath: rootU.path }],
    };
    const actor = { userId: null, label: 'test' };
    await expect(setUserStatus(db, rootAdmin.id, { status: 'disabled' }, { principal: outsider, actor })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Không thể vô hiệu hóa quản trị viên cuối cùng ở cấp cao nhất.',
    });
    await expect(revokeRole(db, rootAdmin.id, own.id, { principal: outsider, actor })).rejects.toBeInstanceOf(AppError);
    expect((await userByEmail(rootAdmin.email))!.status).toBe('active');

    // with a second root admin, one of them may go
    const second = await makeUser(db, { role: 'admin', fullName: 'Quản Trị Thứ Hai' });
    const secondRole = (await rolesOf(second.id))[0];
    const ok = await root.postForm(`/admin/users/${second.id}/roles/${secondRole.id}/delete`, {});
    expect(ok.status).toBe(303);
    expect(await rolesOf(second.id)).toHaveLength(0);
    // and re-given by a root admin
    const back = await root.postForm(`/admin/users/${second.id}/roles`, { role: 'admin', orgCode: 'BCDTW' });
    expect(back.status).toBe(303);
    // a disabled root admin does not count as the remaining one
    const dis = await root.postForm(`/admin/users/${second.id}/status`, { status: 'disabled' });
    expect(dis.status).toBe(303);
    const again = await root.postForm(`/admin/users/${rootAdmin.id}/roles/${own.id}/delete`, {});
    expect(again.status).toBe(409);
    // the provincial admin cannot touch root admins at all
    const prov = await hanoi.postForm(`/admin/users/${second.id}/status`, { status: 'active' });
    expect(prov.status).toBe(403);
  });

  it('disabling ends every session; enabling lets the user back', async () => {
    const db = p.ctx.db;
    const target = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Sắp Bị Khóa' });
    const victim = await agentFor(p.app, db, target.id);
    await signIn(new TestAgent(p.app), db, target.id);
    expect((await victim.get('/org')).status).toBe(200);
    expect(await db.select().from(userSession).where(eq(userSession.userId, target.id))).toHaveLength(2);

    const r = await hanoi.postForm(`/admin/users/${target.id}/status`, { status: 'disabled' });
    expect(r.status).toBe(303);
    expect((await userByEmail(target.email))!.status).toBe('disabled');
    expect(await db.select().from(userSession).where(eq(userSession.userId, target.id))).toHaveLength(0);
    expect(await auditCount('user.disable', target.id)).toBe(1);
    const kicked = await victim.get('/org');
    expect(kicked.status).toBe(303);
    expect(kicked.location).toMatch(/^\/login/);
    expect(await loadPrincipal(db, target.id, 'session')).toBeNull();

    const disabledList = emailsOnPage((await hanoi.get('/admin/users?status=disabled')).body);
    expect(disabledList).toContain(target.email);

    const en = await hanoi.postForm(`/admin/users/${target.id}/status`, { status: 'active' });
    expect(en.status).toBe(303);
    expect((await userByEmail(target.email))!.status).toBe('active');
    expect(await auditCount('user.enable', target.id)).toBe(1);

    const bogus = await hanoi.postForm(`/admin/users/${target.id}/status`, { status: 'deleted' });
    expect(bogus.status).toBe(400);
    expect(bogus.body).toContain('Trạng thái không hợp lệ.');
  });

  it('unlocks sign-in and resets the second factor, audited', async () => {
    const db = p.ctx.db;
    const target = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Bị Khóa Tạm' });
    await db
      .update(appUser)
      .set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 600_000), totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: new Date(), totpLastStep: 42 })
      .where(eq(appUser.id, target.id));
    const page = await hanoi.get(`/admin/users/${target.id}`);
    expect(page.body).toContain('Đang tạm khóa đăng nhập');
    expect(page.body).toContain(`/admin/users/${target.id}/unlock`);
    expect(page.body).toContain(`/admin/users/${target.id}/second-factor/reset`);

    const u = await hanoi.postForm(`/admin/users/${target.id}/unlock`, {});
    expect(u.status).toBe(303);
    let row = (await userByEmail(target.email))!;
    expect(row.failedLoginCount).toBe(0);
    expect(row.lockedUntil).toBeNull();
    expect(await auditCount('user.unlock', target.id)).toBe(1);

    await signIn(new TestAgent(p.app), db, target.id);
    const t2 = await hanoi.postForm(`/admin/users/${target.id}/second-factor/reset`, {});
    expect(t2.status).toBe(303);
    row = (await userByEmail(target.email))!;
    expect(row.totpSecret).toBeNull();
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpLastStep).toBeNull();
    expect(await db.select().from(userSession).where(eq(userSession.userId, target.id))).toHaveLength(0);
    const [ev] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'user.resetSecondFactor'), eq(auditEvent.entityId, target.id)));
    expect(JSON.stringify(ev)).not.toContain('JBSWY3DPEHPK3PXP');

    // out of scope: refused, nothing changed
    await db.update(appUser).set({ failedLoginCount: 3 }).where(eq(appUser.id, danangOfficer.id));
    const foreign = await hanoi.postForm(`/admin/users/${danangOfficer.id}/unlock`, {});
    expect(foreign.status).toBe(403);
    expect((await userByEmail(danangOfficer.email))!.failedLoginCount).toBe(3);
  });

  it('answers malformed and unknown ids with 404/400, never 500', async () => {
    const unknown = randomUUID();
    const cases: [string, string, number][] = [
      ['GET', '/admin/users/not-a-uuid', 404],
      ['GET', `/admin/users/${encodeURIComponent("1' OR '1'='1")}`, 404],
      ['GET', `/admin/users/${unknown}`, 404],
      ['GET', '/admin/users/00000000-0000-0000-0000-00000000000g', 404],
      ['GET', `/admin/users/${'a'.repeat(150)}`, 400],
      ['GET', '/admin/outbox/xyz', 404],
      ['GET', `/admin/outbox/${unknown}`, 404],
      ['GET', '/admin/users?cursor=%%%', 400],
    ];
    for (const [method, url, status] of cases) {
      const r = await root.request({ method, url });
      expect(r.status, url).toBe(status);
    }
    const posts: [string, number][] = [
      ['/admin/users/nope/status', 404],
      [`/admin/users/${unknown}/unlock`, 404],
      [`/admin/users/${unknown}/second-factor/reset`, 404],
      [`/admin/users/${hanoiOfficer.id}/roles/nope/delete`, 404],
      [`/admin/users/${hanoiOfficer.id}/roles/${unknown}/delete`, 404],
      ['/admin/users/nope/roles', 404],
    ];
    for (const [url, status] of posts) {
      const r = await root.postForm(url, { status: 'disabled', role: 'officer', orgCode: '01' });
      expect(r.status, url).toBe(status);
    }
    const api = await root.api('GET', '/api/v1/users/not-a-uuid');
    expect(api.status).toBe(400);
    expect(api.json().error.code).toBe('VALIDATION_FAILED');
    expect((await root.api('GET', `/api/v1/users/${unknown}`)).status).toBe(404);
    expect((await root.api('GET', '/api/v1/users?cursor=eyJ4IjoxfQ')).status).toBe(400);
  });

  it('publishes the users API under the users tag', async () => {
    const doc = (await root.get('/api/docs/json')).json();
    expect(doc.paths['/api/v1/users'].get.tags).toEqual(['users']);
    expect(doc.paths['/api/v1/users'].post.tags).toEqual(['users']);
    expect(doc.paths['/api/v1/users/{id}'].get.tags).toEqual(['users']);
  });
});

describe(`mail outbox on ${backend}`, () => {
  it('is readable by a root admin, newest first, and forbidden to a provincial admin', async () => {
    const db = p.ctx.db;
    await p.ctx.mailer.queueMail(db, { to: 'mot@test.nq57.vn', subject: 'Thư thứ nhất', text: 'Nội dung một' });
    await new Promise((r) => setTimeout(r, 5));
    await p.ctx.mailer.queueMail(db, { to: 'hai@test.nq57.vn', subject: 'Thư thứ hai <b>', text: 'Xin chào,\n\nĐường dẫn: https://example.vn/a?b=1&c=2\n\nNền tảng Nghị quyết 57' });
    const list = await root.get('/admin/outbox');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Lưu tại hộp thư');
    expect(list.body).toContain('hai@test.nq57.vn');
    expect(list.body).toContain('Thư thứ hai &lt;b>');
    expect(list.body.indexOf('Thư thứ hai')).toBeLessThan(list.body.indexOf('Thư thứ nhất'));
    expect(list.body).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const id = /href="\/admin\/outbox\/([0-9a-f-]{36})"/.exec(list.body)![1];
    const one = await root.get(`/admin/outbox/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatch(/<pre[^>]*>Xin chào,\n\nĐường dẫn: https:\/\/example.vn\/a\?b=1&amp;c=2/);

    expect((await hanoi.get('/admin/outbox')).status).toBe(403);
    expect((await hanoi.get(`/admin/outbox/${id}`)).status).toBe(403);
    const anon = await new TestAgent(p.app).get('/admin/outbox');
    expect(anon.status).toBe(303);
  });

  it('pages the outbox with a cursor', async () => {
    const db = p.ctx.db;
    for (let i = 0; i < 55; i++) await p.ctx.mailer.queueMail(db, { to: `n${i}@test.nq57.vn`, subject: `Thư số ${i}`, text: 'x' });
    const first = await root.get('/admin/outbox');
    const next = /href="(\/admin\/outbox\?cursor=[^"]+)"/.exec(first.body)?.[1];
    expect(next).toBeTruthy();
    const second = await root.get(next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    const ids = (html: string) => [...html.matchAll(/href="\/admin\/outbox\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const a = ids(first.body);
    const b = ids(second.body);
    expect(a).toHaveLength(50);
    expect(b.length).toBe(57 - 50);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });
});

describe('unit codes used by these tests exist', () => {
  it('has 00070 under 01', async () => {
    const u = await findUnitByCode(p.ctx.db, '00070');
    const h = await findUnitByCode(p.ctx.db, '01');
    expect(u!.path.startsWith(h!.path)).toBe(true);
  });
});
