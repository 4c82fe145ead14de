/** Tasks on a real database: seed, scoping, status rules, extensions, completion, cascade and roll-up, the API and forms. */
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cascadeTask } from '../../src/monitoring/cascade-task';
import { changeTaskStatus, markTaskCompleted } from '../../src/monitoring/change-task-status';
import { createTask } from '../../src/monitoring/create-task';
import { decideExtension } from '../../src/monitoring/decide-extension';
import { taskRollup } from '../../src/monitoring/queries';
import { requestExtension } from '../../src/monitoring/request-extension';
import { task, taskCoordinator, taskExtensionRequest } from '../../src/monitoring/schema';
import type { Principal } from '../../src/org/policies';
import { findUnitByCode, loadPrincipal } from '../../src/org/queries';
import { type Actor, SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
const who: Record<string, { id: string; principal: Principal; agent: TestAgent }> = {};
const actor: Actor = { ...SYSTEM_ACTOR, label: 'test' };
let hanoiTaskId: string;

async function person(key: string, role: Parameters<typeof makeUser>[1]['role'], orgCode: string) {
  const u = await makeUser(p.ctx.db, { role, orgCode });
  who[key] = { id: u.id, principal: (await loadPrincipal(p.ctx.db, u.id, 'session'))!, agent: await agentFor(p.app, p.ctx.db, u.id) };
}

beforeAll(async () => {
  p = await createTestPlatform();
  await person('office', 'standing_office', 'VPTW');
  await person('hanoi', 'officer', '01');
  await person('hanoiLeader', 'leader', '01');
  await person('danang', 'officer', '48');
  await person('viewer', 'viewer', '01');
  await person('ministry', 'officer', 'BKHCN');
  const created = await createTask(
    p.ctx.db,
    { planCode: NQ03_PLAN_CODE, code: 'HN-001', title: 'Số hoá hồ sơ công việc của Thành phố Hà Nội', leadUnitCode: '01', coordinatingUnitCodes: ['BKHCN'], deadline: '2030-03-31', groupNumber: 'III' },
    { principal: who.office.principal, actor },
  );
  hanoiTaskId = created.id;
});
afterAll(async () => {
  await p?.close();
});

const db = () => p.ctx.db;

describe(`tasks on ${backend}`, () => {
  it('seeds NQ 03 tasks with original deadline, assigning unit and co-ordinating units of the tree', async () => {
    const [t1] = await db().select().from(task).where(eq(task.code, 'NQ03-I-001'));
    expect(t1.originalDeadline).toBe(t1.deadline);
    const root = await findUnitByCode(db(), 'BCDTW');
    expect(t1.assigningUnitId).toBe(root!.id);
    const coords = await db().select().from(taskCoordinator).where(eq(taskCoordinator.taskId, t1.id));
    // BTGDVTW; ALL; VTV; VOV; TTXVN — the collective ALL is not a unit
    expect(coords.length).toBeGreaterThanOrEqual(3);
    const [collective] = await db().select().from(task).where(eq(task.code, 'NQ03-I-002'));
    expect(collective.leadUnitId).toBeNull();
    const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(task).where(eq(task.parentTaskId, collective.id));
    expect(n).toBe(0);
  });

  it('scopes the API: a province officer never sees another province’s tasks', async () => {
    const own = await who.hanoi.agent.api('GET', '/api/v1/tasks?leadUnit=01');
    expect(own.status).toBe(200);
    expect(own.json().items.map((x: any) => x.code)).toContain('HN-001');
    const other = await who.danang.agent.api('GET', '/api/v1/tasks?leadUnit=01');
    expect(other.json().items).toEqual([]);
    const all = await who.danang.agent.api('GET', '/api/v1/tasks?limit=200&q=HN-001');
    expect(all.json().items).toEqual([]);
    expect((await who.danang.agent.api('GET', `/api/v1/tasks/${hanoiTaskId}`)).status).toBe(403);
    // the co-ordinating ministry and a viewer of Hanoi see it
    expect((await who.ministry.agent.api('GET', `/api/v1/tasks/${hanoiTaskId}`)).status).toBe(200);
    const detail = (await who.viewer.agent.api('GET', `/api/v1/tasks/${hanoiTaskId}`)).json();
    expect(detail.coordinatingUnits).toEqual([expect.objectContaining({ code: 'BKHCN' })]);
    expect(detail.originalDeadline).toBe('2030-03-31');
    // anonymous
    expect((await new TestAgent(p.app).api('GET', '/api/v1/tasks')).status).toBe(401);
  });

  it('filters and pages with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/tasks?plan=${NQ03_PLAN_CODE}&group=I&sort=code&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await who.office.agent.api('GET', url);
      expect(r.status).toBe(200);
      seen.push(...r.json().items.map((x: any) => x.code));
      cursor = r.json().nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const [{ n }] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(task)
      .where(and(eq(task.groupNumber, 'I'), like(task.code, 'NQ03-%')));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((c) => c.startsWith('NQ03-')).length).toBe(n);
    expect(seen).toEqual([...seen].sort());
    const window = await who.office.agent.api('GET', '/api/v1/tasks?deadlineFrom=2030-03-01&deadlineTo=2030-03-31&sort=deadline');
    expect(window.json().items.map((x: any) => x.code)).toEqual(['HN-001']);
    const byUpdate = await who.office.agent.api('GET', '/api/v1/tasks?sort=updated&limit=3');
    expect(byUpdate.json().items[0].code).toBe('HN-001');
    const badCursor = await who.office.agent.api('GET', '/api/v1/tasks?cursor=abc');
    expect(badCursor.status).toBe(400);
    const badDate = await who.office.agent.api('GET', '/api/v1/tasks?deadlineFrom=2030-13-01');
    expect(badDate.status).toBe(400);
    expect(badDate.json().error.fields.deadlineFrom).toMatch(/Ngày không hợp lệ/);
  });

  it('rejects bad input with 400 in Vietnamese and writes nothing', async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(task);
    const auditBefore = await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent);
    const r = await who.office.agent.api('POST', '/api/v1/tasks', { planCode: NQ03_PLAN_CODE, code: 'X-1', title: '', leadUnitCode: '01', deadline: '2030-02-31' });
    expect(r.status).toBe(400);
    expect(r.json().error.fields.title).toMatch(/Vui lòng nhập/);
    expect(r.json().error.fields.deadline).toMatch(/Ngày không hợp lệ/);
    const unknown = await who.office.agent.api('POST', '/api/v1/tasks', { planCode: NQ03_PLAN_CODE, code: 'X-1', title: 'Nhiệm vụ', leadUnitCode: 'KHONGCO' });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.fields.leadUnitCode).toMatch(/Không có đơn vị/);
    const forbidden = await who.danang.agent.api('POST', '/api/v1/tasks', { planCode: NQ03_PLAN_CODE, code: 'X-2', title: 'Nhiệm vụ', leadUnitCode: '01' });
    expect(forbidden.status).toBe(403);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(task))[0].n).toBe(before[0].n);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0].n).toBe(auditBefore[0].n);
    const ok = await who.hanoi.agent.api('POST', '/api/v1/tasks', { planCode: NQ03_PLAN_CODE, code: 'HN-002', title: 'Kết nối dữ liệu dân cư', leadUnitCode: '00070', deadline: '2030-06-30' });
    expect(ok.status).toBe(201);
    expect(ok.json().assigningUnit.code).toBe('01');
    const patch = await who.hanoi.agent.api('PATCH', `/api/v1/tasks/${ok.json().id}`, { percentDone: 30, output: 'Báo cáo kết nối' });
    expect(patch.status).toBe(200);
    expect(patch.json().percentDone).toBe(30);
    const badPatch = await who.hanoi.agent.api('PATCH', `/api/v1/tasks/${ok.json().id}`, { percentDone: 130 });
    expect(badPatch.status).toBe(400);
    expect(badPatch.json().error.fields.percentDone).toMatch(/0 đến 100/);
  });

  it('changes status by the rules; pause and cancel need a reason; everything is audited', async () => {
    const { id } = await createTask(db(), { planCode: NQ03_PLAN_CODE, code: 'HN-ST', title: 'Trạng thái', leadUnitCode: '01', deadline: '2030-05-01' }, { principal: who.office.principal, actor });
    const api = (body: unknown) => who.hanoi.agent.api('POST', `/api/v1/tasks/${id}/status`, body);
    expect((await api({ action: 'start' })).json().status).toBe('in_progress');
    expect((await api({ action: 'start' })).status).toBe(409);
    const noReason = await api({ action: 'pause' });
    expect(noReason.status).toBe(400);
    expect(noReason.json().error.fields.reason).toMatch(/lý do/);
    const paused = await api({ action: 'pause', reason: 'Chờ kinh phí' });
    expect(paused.json().status).toBe('paused');
    expect(paused.json().statusReason).toBe('Chờ kinh phí');
    expect((await api({ action: 'resume' })).json().status).toBe('in_progress');
    expect((await who.viewer.agent.api('POST', `/api/v1/tasks/${id}/status`, { action: 'cancel', reason: 'x' })).status).toBe(403);
    expect((await who.ministry.agent.api('POST', `/api/v1/tasks/${id}/status`, { action: 'cancel', reason: 'x' })).status).toBe(403);
    expect((await api({ action: 'cancel', reason: 'Không còn phù hợp' })).json().status).toBe('cancelled');
    const trail = await db().select().from(auditEvent).where(and(eq(auditEvent.entityType, 'task'), eq(auditEvent.entityId, id)));
    expect(trail.map((e) => e.action)).toEqual(['task.create', 'task.status', 'task.status', 'task.status', 'task.status']);
  });

  it('judges on time against the approved extended deadline and keeps the original', async () => {
    const mk = (code: string) =>
      createTask(db(), { planCode: NQ03_PLAN_CODE, code, title: `Gia hạn ${code}`, leadUnitCode: '01', deadline: '2030-01-10' }, { principal: who.office.principal, actor });
    const extended = await mk('HN-EXT');
    const plain = await mk('HN-PLAIN');
    const tooEarly = await who.hanoi.agent.api('POST', `/api/v1/tasks/${extended.id}/extensions`, { requestedDeadline: '2030-01-05', reason: 'Thiếu dữ liệu' });
    expect(tooEarly.status).toBe(400);
    const req = await who.hanoi.agent.api('POST', `/api/v1/tasks/${extended.id}/extensions`, { requestedDeadline: '2030-01-20', reason: 'Chờ ý kiến bộ' });
    expect(req.status).toBe(201);
    const again = await who.hanoi.agent.api('POST', `/api/v1/tasks/${extended.id}/extensions`, { requestedDeadline: '2030-01-25', reason: 'Lần hai' });
    expect(again.status).toBe(409);
    // the lead unit does not decide its own extension; the assigning side (standing office) does
    expect((await who.hanoiLeader.agent.api('POST', `/api/v1/extensions/${req.json().id}/decision`, { decision: 'approved' })).status).toBe(403);
    const decided = await who.office.agent.api('POST', `/api/v1/extensions/${req.json().id}/decision`, { decision: 'approved', note: 'Đồng ý' });
    expect(decided.status).toBe(200);
    expect(decided.json().deadline).toBe('2030-01-20');
    expect(decided.json().originalDeadline).toBe('2030-01-10');
    expect((await who.office.agent.api('POST', `/api/v1/extensions/${req.json().id}/decision`, { decision: 'rejected' })).status).toBe(409);

    const at = new Date('2030-01-15T09:00:00+07:00');
    await db().transaction((tx) => markTaskCompleted(tx, extended.id, at));
    await db().transaction((tx) => markTaskCompleted(tx, plain.id, at));
    const [e] = await db().select().from(task).where(eq(task.id, extended.id));
    const [pl] = await db().select().from(task).where(eq(task.id, plain.id));
    expect(e.status).toBe('done_on_time');
    expect(e.originalDeadline).toBe('2030-01-10');
    expect(pl.status).toBe('done_late');
    expect(pl.percentDone).toBe(100);
    // a rejected request leaves the deadline alone
    const third = await mk('HN-REJ');
    const r2 = await requestExtension(db(), third.id, { requestedDeadline: '2030-02-01', reason: 'Thử' }, { principal: who.hanoi.principal, actor });
    await decideExtension(db(), r2.id, { decision: 'rejected', note: 'Không đủ căn cứ' }, { principal: who.office.principal, actor });
    const [t3] = await db().select().from(task).where(eq(task.id, third.id));
    expect(t3.deadline).toBe('2030-01-10');
    const exts = await db().select().from(taskExtensionRequest).where(eq(taskExtensionRequest.taskId, third.id));
    expect(exts.map((x) => x.status)).toEqual(['rejected']);
  });

  it('cascades a collective task to all 34 provinces once, with the roll-up on the parent', async () => {
    const [parent] = await db().select().from(task).where(eq(task.code, 'NQ03-I-002'));
    await expect(cascadeTask(db(), parent.id, { target: 'provinces' }, { principal: who.hanoi.principal, actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const first = await who.office.agent.api('POST', `/api/v1/tasks/${parent.id}/cascade`, { target: 'provinces' });
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ created: 34, skipped: 0 });
    const second = await cascadeTask(db(), parent.id, { target: 'provinces' }, { principal: who.office.principal, actor });
    expect(second).toEqual({ created: 0, skipped: 34 });
    let rollup = await taskRollup(db(), parent.id);
    expect(rollup).toEqual({ total: 34, byStatus: { not_started: 34 }, averagePercent: 0 });

    // Da Nang sees its child only, starts it, and the parent's roll-up follows
    const dn = await who.danang.agent.api('GET', '/api/v1/tasks?q=NQ03-I-002&limit=200');
    const codes = dn.json().items.map((x: any) => x.code);
    expect(codes).toContain('NQ03-I-002.48');
    expect(codes).not.toContain('NQ03-I-002.01');
    const child = dn.json().items.find((x: any) => x.code === 'NQ03-I-002.48');
    expect(child.deadline).toBe(parent.deadline);
    expect(child.parentTaskId).toBe(parent.id);
    await changeTaskStatus(db(), child.id, { action: 'start' }, { principal: who.danang.principal, actor });
    await who.danang.agent.api('PATCH', `/api/v1/tasks/${child.id}`, { percentDone: 68 });
    rollup = await taskRollup(db(), parent.id);
    expect(rollup.byStatus).toEqual({ not_started: 33, in_progress: 1 });
    expect(rollup.averagePercent).toBe(2);
    const detail = await who.office.agent.api('GET', `/api/v1/tasks/${parent.id}`);
    expect(detail.json().rollup.total).toBe(34);

    // a province cascades its own task to its communes; a unit outside its subtree is refused
    const own = await createTask(db(), { planCode: NQ03_PLAN_CODE, code: 'DN-1', title: 'Chuyển đổi số cấp xã', leadUnitCode: '48', deadline: '2030-09-30' }, { principal: who.danang.principal, actor });
    const communes = await cascadeTask(db(), own.id, { target: 'communes', provinceCode: '48' }, { principal: who.danang.principal, actor });
    expect(communes.created).toBeGreaterThan(50);
    const outside = await who.danang.agent.api('POST', `/api/v1/tasks/${own.id}/cascade`, { target: 'units', unitCodes: ['00070'] });
    expect(outside.status).toBe(400);
    expect(outside.json().error.fields.unitCodes).toMatch(/không trực thuộc/);

    // a central task led by a ministry: the ministry cannot push it to provinces, the standing office can
    const central = await createTask(db(), { planCode: NQ03_PLAN_CODE, code: 'BKHCN-1', title: 'Hướng dẫn chỉ số đổi mới sáng tạo địa phương', leadUnitCode: 'BKHCN', deadline: '2030-10-31' }, { principal: who.office.principal, actor });
    const byMinistry = await who.ministry.agent.api('POST', `/api/v1/tasks/${central.id}/cascade`, { target: 'provinces' });
    expect(byMinistry.status).toBe(400);
    expect(byMinistry.json().error.fields.target).toMatch(/không trực thuộc/);
    expect((await who.office.agent.api('POST', `/api/v1/tasks/${central.id}/cascade`, { target: 'provinces' })).json()).toEqual({ created: 34, skipped: 0 });
    const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(task).where(eq(task.parentTaskId, central.id));
    expect(n).toBe(34);
  });

  it('pages: list, task page with timeline, forms need CSRF', async () => {
    const list = await who.hanoi.agent.get('/tasks?leadUnit=01&sort=code');
    expect(list.status).toBe(200);
    expect(list.body).toContain('HN-001');
    expect(list.body).not.toContain('NQ03-I-002.48');
    expect(list.body).not.toMatch(/style=/);
    const bad = await who.hanoi.agent.get('/tasks?deadlineFrom=hom-nay');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Ngày không hợp lệ');

    const noCsrf = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/status`, { action: 'start' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await db().select().from(task).where(eq(task.id, hanoiTaskId)))[0].status).toBe('not_started');
    const ok = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/status`, { action: 'start' });
    expect(ok.status).toBe(303);
    const pauseNoReason = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/status`, { action: 'pause', reason: '' });
    expect(pauseNoReason.status).toBe(400);
    expect(pauseNoReason.body).toContain('Cần ghi lý do');
    const ext = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/extensions`, { requestedDeadline: '2030-04-30', extensionReason: 'Chờ hạ tầng' });
    expect(ext.status).toBe(303);

    const hanoiEmail = who.hanoi.principal.email;
    const edit = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/edit`, { percentDone: '40', responsibleEmail: hanoiEmail, accountableName: 'Phó Chủ tịch UBND' });
    expect(edit.status).toBe(303);
    const [edited] = await db().select().from(task).where(eq(task.id, hanoiTaskId));
    expect(edited).toMatchObject({ percentDone: 40, responsibleUserId: who.hanoi.id, accountableName: 'Phó Chủ tịch UBND' });
    const badEdit = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/edit`, { percentDone: 'nhiều', responsibleEmail: 'khongco@test.nq57.vn' });
    expect(badEdit.status).toBe(400);
    expect(badEdit.body).toContain('0 đến 100');
    const unknownPerson = await who.hanoi.agent.postForm(`/tasks/${hanoiTaskId}/edit`, { responsibleEmail: 'khongco@test.nq57.vn' });
    expect(unknownPerson.status).toBe(400);
    expect(unknownPerson.body).toContain('Không có tài khoản đang hoạt động');
    expect((await db().select().from(task).where(eq(task.id, hanoiTaskId)))[0].percentDone).toBe(40);

    // creating a task with the form: refused input comes back with the values and Vietnamese errors
    const form = await who.hanoi.agent.get('/tasks/new');
    expect(form.status).toBe(200);
    expect(form.body).toContain('value="01"');
    const badNew = await who.hanoi.agent.postForm('/tasks/new', { planCode: NQ03_PLAN_CODE, code: 'HN-F1', title: '', leadUnitCode: '48', priority: 'normal' });
    expect(badNew.status).toBe(400);
    expect(badNew.body).toContain('Vui lòng nhập');
    const outOfScope = await who.hanoi.agent.postForm('/tasks/new', { planCode: NQ03_PLAN_CODE, code: 'HN-F1', title: 'Nhiệm vụ', leadUnitCode: '48', priority: 'normal' });
    expect(outOfScope.status).toBe(403);
    const created = await who.hanoi.agent.postForm('/tasks/new', {
      planCode: NQ03_PLAN_CODE,
      code: 'HN-F1',
      title: 'Nhiệm vụ tạo bằng biểu mẫu',
      leadUnitCode: '00070',
      coordinatingUnitCodes: '01.SKHCN, BKHCN',
      deadline: '2030-08-31',
      priority: 'high',
    });
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/tasks\/[0-9a-f-]{36}$/);
    expect((await who.viewer.agent.get('/tasks/new')).status).toBe(403);

    const page = await who.hanoi.agent.get(`/tasks/${hanoiTaskId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đang thực hiện');
    expect(page.body).toContain('Tạo nhiệm vụ');
    expect(page.body).toContain('Đề nghị gia hạn');
    expect(page.body).toContain('Chờ quyết định');
    // the lead unit's officer may not decide, so no decision form for them
    expect(page.body).not.toContain('/decision"');
    const officePage = await who.office.agent.get(`/tasks/${hanoiTaskId}`);
    expect(officePage.body).toContain('/decision"');
    const otherPage = await who.danang.agent.get(`/tasks/${hanoiTaskId}`);
    expect(otherPage.status).toBe(403);
  });
});
