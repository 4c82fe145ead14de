/** The monitoring dashboard's numbers on a hand-built province, its scope, and who may read the national summary. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringSummary } from '../../src/dashboards/monitoring-summary';
import { createTask } from '../../src/monitoring/create-task';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { bottleneck, progressReport } from '../../src/monitoring/reports/schema';
import { task } from '../../src/monitoring/schema';
import { findUnitByCode, loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let officer: Awaited<ReturnType<typeof makeUser>>;
let office: Awaited<ReturnType<typeof makeUser>>;
let unitPath: string;
let danangBefore: Awaited<ReturnType<typeof monitoringSummary>>;
const today = hcmDate(new Date());

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  officer = await makeUser(db, { role: 'officer', orgCode: '11' });
  office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
  const unit = (await findUnitByCode(db, '11'))!;
  const danang = (await findUnitByCode(db, '48'))!;
  unitPath = unit.path;
  danangBefore = await monitoringSummary(db, [danang.path]);
  const principal = (await loadPrincipal(db, office.id, 'session'))!;
  const make = async (code: string, groupNumber: string, deadline: string, status: 'not_started' | 'overdue' | 'done_on_time' | 'in_progress') => {
    const row = await createTask(db, { planCode: NQ03_PLAN_CODE, code, groupNumber, title: `Nhiệm vụ ${code} của Điện Biên`, leadUnitCode: '11', deadline }, { principal, actor: SYSTEM_ACTOR });
    await db.update(task).set({ status }).where(eq(task.id, row.id));
    return row.id;
  };
  const a = await make('DB-A', 'I', addDays(today, 30), 'not_started');
  await make('DB-B', 'I', addDays(today, -10), 'overdue');
  const c = await make('DB-C', 'III', addDays(today, -3), 'done_on_time');
  // past its deadline, not yet marked by the hourly job: still counted as overdue
  await make('DB-D', 'III', addDays(today, -1), 'in_progress');
  const base = { reportingUnitId: unit.id, authorId: officer.id, kind: 'periodic' as const, percentDone: 50, doneText: 'Đã triển khai' };
  await db.insert(progressReport).values([
    { ...base, taskId: a, status: 'submitted', submittedAt: new Date() },
    { ...base, taskId: c, status: 'accepted', submittedAt: new Date(), onTime: true, reviewedAt: new Date() },
    { ...base, taskId: c, status: 'accepted', submittedAt: new Date(Date.now() - 70 * 86_400_000), onTime: false, reviewedAt: new Date(Date.now() - 60 * 86_400_000) },
  ]);
  await db.insert(bottleneck).values([
    { taskId: a, title: 'Thiếu kinh phí triển khai', ownerUnitId: unit.id, status: 'open' },
    { taskId: a, title: 'Chờ hướng dẫn kỹ thuật', ownerUnitId: unit.id, status: 'resolved' },
  ]);
});
afterAll(async () => {
  await p?.close();
});

describe(`monitoring dashboard on ${backend}`, () => {
  it('counts a province exactly as built by hand', async () => {
    const s = await monitoringSummary(p.ctx.db, [unitPath]);
    expect(s.tasks.total).toBe(4);
    expect(s.tasks.byStatus).toMatchObject({ not_started: 1, overdue: 1, done_on_time: 1, in_progress: 1, done_late: 0 });
    expect(s.overdue).toBe(2);
    expect(s.byGroup.map((g) => [g.groupNumber, g.total, g.byStatus.overdue])).toEqual([
      ['I', 2, 1],
      ['III', 2, 0],
    ]);
    expect(s.reports).toEqual({ awaitingReview: 1, acceptedRecently: 1, dueReported: 2, onTime: 1 });
    expect(s.openBottlenecks).toBe(1);
  });

  it('keeps other provinces out of a province scope, and counts them nationally', async () => {
    const danang = (await findUnitByCode(p.ctx.db, '48'))!;
    expect(await monitoringSummary(p.ctx.db, [danang.path])).toEqual(danangBefore);
    const national = await monitoringSummary(p.ctx.db, null);
    expect(national.tasks.total).toBeGreaterThanOrEqual(140 + 4);
    expect(national.reports.awaitingReview).toBeGreaterThanOrEqual(1);
  });

  it('shows the officer their province on the page, each number linked to its list', async () => {
    const agent = await agentFor(p.app, p.ctx.db, officer.id);
    const r = await agent.get('/dashboard');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/data-metric="tasks"><a href="\/tasks">4</);
    expect(r.body).toMatch(/data-metric="overdue"><a href="\/tasks\?overdue=true">2</);
    expect(r.body).toMatch(/data-metric="awaitingReview"><a href="\/reviews">1</);
    expect(r.body).toContain('50% (1/2)');
  });

  it('gives the national summary to the standing office only', async () => {
    const anonymous = new TestAgent(p.app);
    expect((await anonymous.api('GET', '/api/v1/dashboard/national')).status).toBe(401);
    const asOfficer = await agentFor(p.app, p.ctx.db, officer.id);
    expect((await asOfficer.api('GET', '/api/v1/dashboard/national')).status).toBe(403);
    const asOffice = await agentFor(p.app, p.ctx.db, office.id);
    const r = await asOffice.api('GET', '/api/v1/dashboard/national');
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.tasks.total).toBeGreaterThanOrEqual(144);
    expect(Object.keys(body.tasks.byStatus).sort()).toEqual(['cancelled', 'done_late', 'done_on_time', 'in_progress', 'not_started', 'overdue', 'paused']);
  });
});
