/**
 * Agency scores on a small hand-built world: two provinces (Hà Nội '01', Đà Nẵng '48') and test
 * ministries, with tasks, reports, PAKN cases and KPI values on fixed dates. Every expected number
 * is worked out by hand in the comments (weights 30/20/20/20/10), as in docs/SCORING.md.
 * The rest of the country is retired (valid_to in the past) so ranks are among these units only.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackAssignment, feedbackSubmission } from '../../src/feedback/schema';
import { computeScores } from '../../src/indicators/scoring/compute-scores';
import { createScoreConfig } from '../../src/indicators/scoring/create-score-config';
import { runSnapshotJob } from '../../src/indicators/scoring/jobs';
import { seedDemoScoreSnapshots } from '../../src/indicators/scoring/seed-demo-snapshots';
import { loadLeagueTable } from '../../src/indicators/scoring/load-league-table';
import { activeScoreConfig } from '../../src/indicators/scoring/queries';
import { takeScoreSnapshot } from '../../src/indicators/scoring/take-score-snapshot';
import type { UnitScore } from '../../src/indicators/scoring/types';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue, scoreConfig, scoreSnapshot } from '../../src/indicators/schema';
import { progressReport } from '../../src/monitoring/reports/schema';
import { plan, task } from '../../src/monitoring/schema';
import { findUnitByCode, rootUnit } from '../../src/org/queries';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import type { Database } from '../../src/platform/db/client';
import type { DomainEvent } from '../../src/platform/events/bus';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

const AS_OF = '2026-06-30';
const TEST_MINISTRIES = ['BTEST1', 'BTEST2', 'BTEST3', 'BTEST4'];

let p: TestPlatform;
let db: Database;
const ids: Record<string, string> = {};

async function unitId(code: string): Promise<string> {
  if (!ids[code]) ids[code] = (await findUnitByCode(db, code))!.id;
  return ids[code];
}

async function addMinistry(code: string) {
  const root = (await rootUnit(db))!;
  const id = randomUUID();
  await db.insert(orgUnit).values({ id, code, name: `Bộ Kiểm thử ${code.slice(-1)}`, kind: 'ministry', parentId: root.id, path: `${root.path}${id}/`, level: root.level + 1, searchText: code.toLowerCase() });
  ids[code] = id;
}

type TaskStatus = (typeof task.$inferInsert)['status'];
async function addTask(code: string, lead: string, deadline: string, status: TaskStatus, bloc: 'party' | 'council' | 'government' | 'front' | null, group: 'institutions' | 'platforms' | 'data' | 'implementation' | null) {
  const [pl] = await db.select({ id: plan.id }).from(plan).where(eq(plan.code, NQ03_PLAN_CODE));
  const [row] = await db
    .insert(task)
    .values({ planId: pl.id, code, title: `Nhiệm vụ kiểm thử ${code}`, leadUnitId: await unitId(lead), deadline, status, bloc, criteriaGroup: group })
    .returning({ id: task.id });
  ids[code] = row.id;
  return row.id;
}

function byCode(rows: UnitScore[], code: string): UnitScore {
  const r = rows.find((x) => x.unitCode === code);
  if (!r) throw new Error(`no score for ${code}`);
  return r;
}

beforeAll(async () => {
  p = await createTestPlatform();
  db = p.ctx.db;
  for (const c of TEST_MINISTRIES) await addMinistry(c);
  // the rest of the country leaves the stage
  await db.execute(sql`UPDATE org_unit SET valid_to = DATE '2000-01-01'
    WHERE kind IN ('ministry', 'ministerial_agency', 'government_agency', 'province') AND code NOT IN ('01', '48', 'BTEST1', 'BTEST2', 'BTEST3', 'BTEST4')`);
  const author = await makeUser(db, { role: 'officer', orgCode: '01.UBND' });

  // Hà Nội
  await addTask('SC-A1', '01.UBND', '2026-05-31', 'done_on_time', 'government', 'data');
  await addTask('SC-A2', '01', '2026-06-15', 'done_late', 'government', 'institutions');
  await addTask('SC-A3', '01.TU', '2026-06-20', 'overdue', null, 'data');
  await addTask('SC-A4', '01', '2026-08-31', 'in_progress', 'government', 'data');
  await addTask('SC-A5', '01', '2026-04-30', 'cancelled', 'government', 'data');
  // Đà Nẵng
  await addTask('SC-B1', '48', '2026-06-01', 'done_on_time', 'government', 'platforms');
  await addTask('SC-B2', '48.HDND', '2026-06-01', 'paused', 'council', 'platforms');
  // ministries: two equal, one failing, one with nothing at all
  await addTask('SC-M1', 'BTEST1', '2026-06-01', 'done_on_time', 'government', 'institutions');
  await addTask('SC-M2', 'BTEST2', '2026-06-01', 'done_on_time', 'government', 'institutions');
  await addTask('SC-M3', 'BTEST3', '2026-06-01', 'overdue', 'government', 'institutions');

  // periodic reports of Hà Nội
  const report = { reportingUnitId: await unitId('01.UBND'), authorId: author.id, kind: 'periodic' as const, percentDone: 50, doneText: 'Đã triển khai', status: 'accepted' as const };
  const [first] = await db
    .insert(progressReport)
    .values({ ...report, taskId: ids['SC-A4'], dueAt: new Date('2026-06-05T10:00:00Z'), submittedAt: new Date('2026-06-06T10:00:00Z'), onTime: false, status: 'returned' })
    .returning({ id: progressReport.id });
  await db.insert(progressReport).values([
    { ...report, taskId: ids['SC-A1'], dueAt: new Date('2026-06-05T10:00:00Z'), submittedAt: new Date('2026-06-04T10:00:00Z'), onTime: true },
    // a later version of a returned report: the first version is the one judged
    { ...report, taskId: ids['SC-A4'], dueAt: new Date('2026-06-05T10:00:00Z'), submittedAt: new Date('2026-06-07T10:00:00Z'), onTime: true, version: 2, supersedesId: first.id },
    // due after asOf: not counted yet
    { ...report, taskId: ids['SC-A1'], dueAt: new Date('2026-07-05T10:00:00Z'), submittedAt: new Date('2026-06-29T10:00:00Z'), onTime: true },
    // ad hoc: not a periodic report
    { ...report, taskId: ids['SC-A1'], kind: 'ad_hoc', submittedAt: new Date('2026-06-10T10:00:00Z'), onTime: false },
  ]);

  // PAKN cases forwarded to Hà Nội's people's committee on 1 June
  const cases: { due: string; answered: Date | null }[] = [
    { due: '2026-06-10', answered: new Date('2026-06-09T03:00:00Z') }, // on time
    { due: '2026-06-10', answered: new Date('2026-06-12T03:00:00Z') }, // late
    { due: '2026-06-20', answered: null }, // due, never answered
    { due: '2026-07-15', answered: null }, // not due yet: not counted
  ];
  let n = 0;
  for (const c of cases) {
    n += 1;
    const [s] = await db
      .insert(feedbackSubmission)
      .values({ code: `PAKN-2026-9${String(n).padStart(5, '0')}`, kind: 'feedback', title: `Phản ánh ${n}`, content: 'Nội dung', submitterType: 'individual', submitterName: 'Nguyễn Văn A', status: c.answered ? 'answered' : 'forwarded', answerDueOn: c.due })
      .returning({ id: feedbackSubmission.id });
    await db.insert(feedbackAssignment).values({
      submissionId: s.id,
      unitId: await unitId('01.UBND'),
      status: c.answered ? 'answered' : 'forwarded',
      forwardedAt: new Date('2026-06-01T02:00:00Z'),
      answerDueOn: c.due,
      answeredAt: c.answered,
    });
  }

  // KPIs: a count with Hà Nội's own target, a ratio held to the national target
  const root = (await rootUnit(db))!;
  const [count] = await db
    .insert(indicator)
    .values({ code: 'SC-KPI-COUNT', source: 'NQ57', name: 'Số dự án kiểm thử', unit: 'dự án', aggregation: 'sum', direction: 'higher', frequency: 'year' })
    .returning({ id: indicator.id });
  const [ratio] = await db
    .insert(indicator)
    .values({ code: 'SC-KPI-RATIO', source: 'NQ57', name: 'Tỷ lệ kiểm thử', unit: '%', aggregation: 'mean', direction: 'higher', frequency: 'year' })
    .returning({ id: indicator.id });
  await db.insert(indicatorTarget).values([
    { indicatorId: count.id, orgUnitId: await unitId('01'), period: '2026', value: '10' },
    { indicatorId: count.id, orgUnitId: await unitId('48'), period: '2026', value: '10' },
    { indicatorId: ratio.id, orgUnitId: root.id, period: '2026', value: '50' },
  ]);
  await db.insert(indicatorValue).values([
    { indicatorId: count.id, orgUnitId: await unitId('01'), period: '2026', value: '8' },
    { indicatorId: ratio.id, orgUnitId: await unitId('01.UBND'), period: '2026', value: '60' },
    { indicatorId: ratio.id, orgUnitId: await unitId('48'), period: '2026', value: '25' },
    // not approved: never counted
    { indicatorId: count.id, orgUnitId: await unitId('48.UBND'), period: '2026', value: '20' },
  ]);
  await db.insert(indicatorSubmission).values([
    { orgUnitId: await unitId('01'), period: '2026', status: 'approved' },
    { orgUnitId: await unitId('01.UBND'), period: '2026', status: 'approved' },
    { orgUnitId: await unitId('48'), period: '2026', status: 'approved' },
    { orgUnitId: await unitId('48.UBND'), period: '2026', status: 'submitted' },
  ]);
});
afterAll(async () => {
  await p?.close();
});

describe(`agency scores on ${backend}`, () => {
  it('seeds one active default configuration, 30/20/20/20/10', async () => {
    const active = await activeScoreConfig(db);
    expect(active?.code).toBe('MAC-DINH-2026');
    expect(active?.weights).toEqual({ components: { tasksOnTime: 30, overdue: 20, reportTimeliness: 20, kpiAchievement: 20, feedbackOnTime: 10 } });
  });

  it('scores the provinces exactly as computed by hand', async () => {
    const rows = await computeScores(db, { asOf: AS_OF, unitClass: 'province' });
    expect(rows.map((r) => r.unitCode)).toEqual(['48', '01']);
    const a = byCode(rows, '01');
    // due by 30/06 (A5 cancelled): A1, A2, A3; done on time: A1 → 1/3
    expect(a.components.tasksOnTime).toEqual({ score: 33.33, counts: { due: 3, doneOnTime: 1 } });
    // due or open: A1, A2, A3 + A4 (open, due in August); overdue: A3 → 100 − 25
    expect(a.components.overdue).toEqual({ score: 75, counts: { dueOrOpen: 4, overdue: 1 } });
    // A1's report on time, A4's first version late (its v2 ignored, July's not due, ad hoc not periodic)
    expect(a.components.reportTimeliness).toEqual({ score: 50, counts: { due: 2, onTime: 1 } });
    // count: 8/10 = 0.8; ratio: 60 (rolled up from 01.UBND) against the national 50 → 1.2, capped 1 → (0.8 + 1)/2
    expect(a.components.kpiAchievement).toEqual({ score: 90, counts: { indicators: 2, met: 1 } });
    // three cases due by 30/06, one answered on time
    expect(a.components.feedbackOnTime).toEqual({ score: 33.33, counts: { due: 3, answeredOnTime: 1 } });
    // (33.33·30 + 75·20 + 50·20 + 90·20 + 33.33·10) / 100 = 56.332
    expect(a.score).toBe(56.33);
    expect(a.rank).toBe(2);

    const b = byCode(rows, '48');
    expect(b.components.tasksOnTime.score).toBe(100);
    expect(b.components.overdue).toEqual({ score: 100, counts: { dueOrOpen: 1, overdue: 0 } });
    // nothing to measure: null, and its weight drops out
    expect(b.components.reportTimeliness.score).toBeNull();
    expect(b.components.feedbackOnTime.score).toBeNull();
    // own count target but the value is not approved; ratio 25 against 50
    expect(b.components.kpiAchievement).toEqual({ score: 50, counts: { indicators: 1, met: 0 } });
    // (100·30 + 100·20 + 50·20) / 70 = 85.714
    expect(b.score).toBe(85.71);
    expect(b.rank).toBe(1);
  });

  it('ranks ties together (1, 1, 3) and leaves units with nothing to measure unranked', async () => {
    const rows = await computeScores(db, { asOf: AS_OF, unitClass: 'ministry' });
    expect(rows.map((r) => [r.unitCode, r.score, r.rank])).toEqual([
      ['BTEST1', 100, 1],
      ['BTEST2', 100, 1],
      ['BTEST3', 0, 3],
      ['BTEST4', null, null],
    ]);
  });

  it('scores blocs and criteria groups on task-based components only', async () => {
    const party = await computeScores(db, { asOf: AS_OF, unitClass: 'province', dimension: 'bloc:party' });
    const aParty = byCode(party, '01');
    // A3 has no bloc but is led by 01.TU, the party committee: due 1, done 0; overdue 1 of 1
    expect(aParty.components.tasksOnTime.counts).toEqual({ due: 1, doneOnTime: 0 });
    expect(aParty.components.overdue.score).toBe(0);
    expect(aParty.components.kpiAchievement.score).toBeNull();
    expect(aParty.components.feedbackOnTime.score).toBeNull();
    expect([aParty.score, aParty.rank]).toEqual([0, 1]);
    expect([byCode(party, '48').score, byCode(party, '48').rank]).toEqual([null, null]);

    const gov = await computeScores(db, { asOf: AS_OF, unitClass: 'province', dimension: 'bloc:government' });
    // A1, A2 due (A1 on time) → 50; A1, A2, A4 due or open, none overdue → 100; reports on A1 and A4 → 50
    // (50·30 + 100·20 + 50·20) / 70 = 64.2857
    expect([byCode(gov, '01').score, byCode(gov, '01').rank]).toEqual([64.29, 2]);
    expect([byCode(gov, '48').score, byCode(gov, '48').rank]).toEqual([100, 1]);

    const data = await computeScores(db, { asOf: AS_OF, unitClass: 'province', dimension: 'group:data' });
    const aData = byCode(data, '01');
    // A1, A3 due → 50; A1, A3, A4 due or open, A3 overdue → 66.67; reports 50
    expect(aData.components.overdue).toEqual({ score: 66.67, counts: { dueOrOpen: 3, overdue: 1 } });
    // (50·30 + 66.67·20 + 50·20) / 70 = 54.7629
    expect(aData.score).toBe(54.76);
  });

  it('uses the weights it is given', async () => {
    const rows = await computeScores(db, {
      asOf: AS_OF,
      unitClass: 'province',
      weights: { components: { tasksOnTime: 0, overdue: 0, reportTimeliness: 0, kpiAchievement: 1, feedbackOnTime: 0 } },
    });
    expect([byCode(rows, '01').score, byCode(rows, '01').rank]).toEqual([90, 1]);
    expect([byCode(rows, '48').score, byCode(rows, '48').rank]).toEqual([50, 2]);
  });

  it('freezes months, shows movement, and never recomputes a frozen month', async () => {
    const actor = { ...SYSTEM_ACTOR, label: 'test' };
    // May (as of 31/05): Hà Nội — A1 due and on time → 100; A1, A3 (marked overdue), A4 open → 66.67; KPI 90;
    // (100·30 + 66.67·20 + 90·20) / 70 = 87.62. Đà Nẵng — no task due or open; KPI 50 → 50.
    const may = await takeScoreSnapshot(db, { period: '2026-05', actor });
    expect(may.created).toBe(true);
    expect(may.asOf).toBe('2026-05-31');
    const june = await takeScoreSnapshot(db, { period: '2026-06', actor });
    expect(june.rows).toBe(6 * 9);

    const mayTable = await loadLeagueTable(db, { unitClass: 'province', dimension: 'total', snapshot: '2026-05' });
    expect(mayTable.rows.map((r) => [r.unitCode, r.score, r.rank])).toEqual([
      ['01', 87.62, 1],
      ['48', 50, 2],
    ]);
    const juneTable = await loadLeagueTable(db, { unitClass: 'province', dimension: 'total', snapshot: '2026-06' });
    expect(juneTable.previousSnapshot).toBe('2026-05');
    expect(juneTable.rows.map((r) => [r.unitCode, r.score, r.rank, r.previousRank, r.movement])).toEqual([
      ['48', 85.71, 1, 2, 1],
      ['01', 56.33, 2, 1, -1],
    ]);

    // a second attempt is refused (or, for the job, a no-op) and writes nothing
    await expect(takeScoreSnapshot(db, { period: '2026-06', actor })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await takeScoreSnapshot(db, { period: '2026-06', actor, ifAbsent: true })).created).toBe(false);
    // a month that has not ended cannot be frozen
    await expect(takeScoreSnapshot(db, { period: '2099-01', actor })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    // the data changes afterwards: live scores move, the frozen month does not
    await db.update(task).set({ status: 'done_on_time' }).where(eq(task.id, ids['SC-A3']));
    const live = await computeScores(db, { asOf: AS_OF, unitClass: 'province' });
    expect(byCode(live, '01').score).not.toBe(56.33);
    const again = await loadLeagueTable(db, { unitClass: 'province', dimension: 'total', snapshot: '2026-06' });
    expect(again.rows.find((r) => r.unitCode === '01')?.score).toBe(56.33);
    await db.update(task).set({ status: 'overdue' }).where(eq(task.id, ids['SC-A3']));

    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'scoring.snapshot.take'));
    expect(audits.length).toBe(2);
  });
});

describe(`monthly snapshot job on ${backend}`, () => {
  it('freezes the previous month once and announces it after commit', async () => {
    const got: DomainEvent[] = [];
    const off = p.ctx.events.subscribe((e) => got.push(e));
    // 00:30 on 1 August in Vietnam is still 31 July in UTC: the month frozen is July
    const now = new Date('2026-07-31T17:30:00Z');
    const first = await runSnapshotJob(p.ctx, now);
    expect([first.created, first.period, first.asOf]).toEqual([true, '2026-07', '2026-07-31']);
    const second = await runSnapshotJob(p.ctx, now);
    expect(second.created).toBe(false);
    await expect.poll(() => got.filter((e) => e.type === 'scores.snapshot').map((e) => e.data)).toEqual([{ period: '2026-07' }]);
    off();
    // the demo seeds the two months before the current one, leaving frozen ones alone
    await seedDemoScoreSnapshots(db, new Date('2026-09-15T03:00:00Z'));
    const periods = (await db.select({ period: scoreSnapshot.period }).from(scoreSnapshot)).map((r) => r.period).sort();
    expect(periods).toEqual(['2026-05', '2026-06', '2026-07', '2026-08']);
  });
});

describe(`rankings over HTTP on ${backend}`, () => {
  it('refuses anonymous callers and serves staff who read tasks', async () => {
    const anon = new TestAgent(p.app);
    const r = await anon.api('GET', '/api/v1/rankings?class=province');
    expect(r.status).toBe(401);
    const viewer = await makeUser(db, { role: 'viewer', orgCode: '48' });
    const agent = await agentFor(p.app, db, viewer.id);
    const ok = await agent.api('GET', '/api/v1/rankings?class=province&snapshot=2026-06');
    expect(ok.status).toBe(200);
    const body = ok.json();
    expect(body.rows.map((x: { unitCode: string; rank: number; movement: number }) => [x.unitCode, x.rank, x.movement])).toEqual([
      ['48', 1, 1],
      ['01', 2, -1],
    ]);
    expect((await agent.api('GET', '/api/v1/rankings?dimension=bogus')).status).toBe(400);
    expect((await agent.api('GET', '/api/v1/rankings?snapshot=1999-01')).status).toBe(404);

    const page = await agent.get('/rankings?class=province&snapshot=2026-06');
    expect(page.status).toBe(200);
    expect(page.body).toContain('▲1 (tăng 1 bậc)');
    expect(page.body).toContain('▼1 (giảm 1 bậc)');
    expect(page.body).not.toContain('/rankings/weights');
    const csv = await agent.get('/rankings/export.csv?class=province&snapshot=2026-06');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body).toContain('1,48,Thành phố Đà Nẵng,85.71');
    const unit = await agent.get('/rankings/units/01?snapshot=2026-06');
    expect(unit.status).toBe(200);
    expect(unit.body).toContain('/tasks?leadUnit=01&amp;deadlineTo=2026-06-30&amp;status=done_on_time');
    // the viewer may not steer the scores
    expect((await agent.get('/rankings/weights')).status).toBe(403);
    expect((await agent.postForm('/rankings/snapshots', { period: '2026-04' })).status).toBe(403);
  });

  it('validates and applies new weights, and freezes a month on request', async () => {
    const office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
    const agent = await agentFor(p.app, db, office.id);
    const before = await db.select().from(scoreConfig);

    const form = await agent.get('/rankings/weights');
    expect(form.status).toBe(200);
    expect(form.body).toContain('MAC-DINH-2026');
    expect(form.body).toContain('Đang áp dụng');
    const league = await agent.get('/rankings?class=province&dimension=bloc:party');
    expect(league.status).toBe(200);
    expect(league.body).toContain('Chốt kỳ');
    expect(league.body).toContain('chỉ tính các thành phần gắn với nhiệm vụ');
    expect(league.body).toContain('Không áp dụng');
    const live = await agent.get('/rankings/units/48?dimension=bloc:government');
    expect(live.status).toBe(200);
    expect((await agent.get('/rankings/units/KHONG-CO')).status).toBe(404);

    const bad = await agent.postForm('/rankings/weights', { name: 'Thử', tasksOnTime: '-1', overdue: 'abc', reportTimeliness: '0', kpiAchievement: '0', feedbackOnTime: '0' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Trọng số phải là số không âm');
    const zero = await agent.postForm('/rankings/weights', { name: 'Thử', tasksOnTime: '0', overdue: '0', reportTimeliness: '0', kpiAchievement: '0', feedbackOnTime: '0' });
    expect(zero.status).toBe(400);
    expect(zero.body).toContain('Tổng các trọng số phải lớn hơn 0');
    expect((await db.select().from(scoreConfig)).length).toBe(before.length);

    const good = await agent.postForm('/rankings/weights', { name: 'Chỉ KPI', tasksOnTime: '0', overdue: '0', reportTimeliness: '0', kpiAchievement: '1', feedbackOnTime: '0' });
    expect(good.status).toBe(303);
    const active = await activeScoreConfig(db);
    expect(active?.name).toBe('Chỉ KPI');
    expect((await db.select().from(scoreConfig).where(eq(scoreConfig.isActive, true))).length).toBe(1);
    const rows = await computeScores(db, { asOf: AS_OF, unitClass: 'province' });
    expect(byCode(rows, '01').score).toBe(90);
    expect((await db.select().from(auditEvent).where(eq(auditEvent.action, 'scoring.config.create'))).length).toBe(1);

    const frozen = await agent.postForm('/rankings/snapshots', { period: '2026-04' });
    expect(frozen.status).toBe(303);
    const [snap] = await db.select().from(scoreSnapshot).where(eq(scoreSnapshot.period, '2026-04'));
    expect(snap.configId).toBe(active?.id);
    const twice = await agent.postForm('/rankings/snapshots', { period: '2026-04' });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('đã được chốt');
    const junk = await agent.postForm('/rankings/snapshots', { period: 'tháng tư' });
    expect(junk.status).toBe(400);

    // restore the default for any later test
    await createScoreConfig(db, { name: 'Mặc định', weights: { tasksOnTime: 30, overdue: 20, reportTimeliness: 20, kpiAchievement: 20, feedbackOnTime: 10 } }, SYSTEM_ACTOR);
  });
});
