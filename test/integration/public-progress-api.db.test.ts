/**
 * The public progress page and its open data show only what the public may see: approved values
 * (never submitted ones), tasks of public plans, the latest frozen snapshot, adopted initiatives
 * without their submitters — in the JSON, the CSV files and the HTML alike.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackSubmission } from '../../src/feedback/schema';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue, scoreConfig, scoreSnapshot, scoreSnapshotRow } from '../../src/indicators/schema';
import { plan, task } from '../../src/monitoring/schema';
import { findUnitByCode } from '../../src/org/queries';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { type TestPlatform, TestAgent, createTestPlatform } from '../support/platform';

let p: TestPlatform;
let anon: TestAgent;
let codeA: string;
let codeB: string;
let publicTaskId: string;

/** Strings that must never reach the public: unapproved values, internal notes, a private plan, a submitter. */
const SECRETS = ['999.99', '999,99', '777.77', '777,77', 'GHI-CHU-NOI-BO', 'MINH-CHUNG-NOI-BO', 'NHIEM-VU-NOI-BO', 'Nguyễn Bí Mật', 'bimat@example.vn', '0912345678', 'Lý do trả lại nội bộ'];

beforeAll(async () => {
  p = await createTestPlatform();
  anon = new TestAgent(p.app);
  const db = p.ctx.db;
  const root = (await findUnitByCode(db, 'BCDTW'))!;
  const hanoi = (await findUnitByCode(db, '01'))!;
  const danang = (await findUnitByCode(db, '48'))!;
  const hcm = (await findUnitByCode(db, '79'))!;
  const ministry = (await findUnitByCode(db, 'BKHCN'))!;

  // two catalogue rows, made yearly national statistics so the figure is the root's own value
  const [a] = await db.select().from(indicator).where(and(eq(indicator.source, 'NQ57'), eq(indicator.isHeader, false))).orderBy(indicator.sortOrder).limit(1);
  const [b] = await db.select().from(indicator).where(and(eq(indicator.source, 'NQ03'), eq(indicator.isHeader, false))).orderBy(indicator.sortOrder).limit(1);
  codeA = a!.code;
  codeB = b!.code;
  for (const id of [a!.id, b!.id]) {
    await db
      .update(indicator)
      .set({ kind: id === a!.id ? 'strategic' : 'operational', isActive: true, frequency: 'year', aggregation: 'latest', direction: 'higher', baselineValue: null, onTrackRatio: '0.95', atRiskRatio: '0.8' })
      .where(eq(indicator.id, id));
  }
  await db.insert(indicatorTarget).values({ indicatorId: a!.id, orgUnitId: root.id, period: '2025', value: '50' }).onConflictDoNothing();
  await db.update(indicatorTarget).set({ value: '50' }).where(and(eq(indicatorTarget.indicatorId, a!.id), eq(indicatorTarget.orgUnitId, root.id), eq(indicatorTarget.period, '2025')));
  // A: approved 2025 (42.5 of 50 → 0.85: at risk), a newer 2026 figure only submitted; B: only submitted
  await db.insert(indicatorValue).values([
    { indicatorId: a!.id, orgUnitId: root.id, period: '2025', value: '42.5', comment: 'GHI-CHU-NOI-BO về cách tính', evidenceText: 'MINH-CHUNG-NOI-BO' },
    { indicatorId: a!.id, orgUnitId: root.id, period: '2026', value: '999.99', comment: 'GHI-CHU-NOI-BO chưa duyệt' },
    { indicatorId: b!.id, orgUnitId: root.id, period: '2024', value: '777.77' },
    { indicatorId: a!.id, orgUnitId: hanoi.id, period: '2025', value: '999.99' },
  ]);
  await db.insert(indicatorSubmission).values([
    { orgUnitId: root.id, period: '2025', status: 'approved', decidedAt: new Date() },
    { orgUnitId: root.id, period: '2026', status: 'submitted', submittedAt: new Date() },
    { orgUnitId: root.id, period: '2024', status: 'returned', decisionMessage: 'Lý do trả lại nội bộ' },
    { orgUnitId: hanoi.id, period: '2025', status: 'submitted', submittedAt: new Date() },
  ]);

  // a private plan's overdue task, and a public one
  const [priv] = await db.insert(plan).values({ code: 'KH-NOI-BO-TEST', title: 'Kế hoạch nội bộ', isPublic: false }).returning();
  await db.insert(task).values({ planId: priv!.id, code: 'NOI-BO-1', title: 'NHIEM-VU-NOI-BO cần giữ kín', groupNumber: 'II', status: 'overdue', leadUnitId: hanoi.id });
  const [nq03] = await db.select().from(plan).where(eq(plan.code, NQ03_PLAN_CODE));
  expect(nq03!.isPublic).toBe(true);
  const [pub] = await db
    .insert(task)
    .values({ planId: nq03!.id, code: 'CONG-KHAI-1', title: 'Nhiệm vụ công khai từ sáng kiến', groupNumber: 'II', status: 'in_progress', percentDone: 40, leadUnitId: hanoi.id, deadline: '2027-06-30' })
    .returning();
  publicTaskId = pub!.id;

  // adopted initiative (submitter did not consent to publication) and a rejected one
  const submission = {
    kind: 'initiative' as const,
    content: 'Nội dung sáng kiến',
    submitterType: 'individual' as const,
    submitterName: 'Nguyễn Bí Mật',
    submitterEmail: 'bimat@example.vn',
    submitterPhone: '0912345678',
    publishConsent: 'none' as const,
    status: 'answered' as const,
  };
  await db.insert(feedbackSubmission).values([
    { ...submission, code: 'PAKN-2026-900001', title: 'Nhiệm vụ công khai từ sáng kiến', decision: 'adopt', decidedAt: new Date('2026-10-01T03:00:00Z'), linkedTaskId: pub!.id, decisionNote: 'GHI-CHU-NOI-BO quyết định' },
    { ...submission, code: 'PAKN-2026-900002', title: 'Sáng kiến không được áp dụng', decision: 'not_adopt', decidedAt: new Date() },
  ]);

  // two frozen snapshots by hand: movement is the previous rank minus the current one
  const [cfg] = await db.insert(scoreConfig).values({ code: 'KIEM-THU-CONG-KHAI', name: 'Kiểm thử', weights: { components: {} } }).returning();
  const [prev] = await db.insert(scoreSnapshot).values({ period: '2090-11', configId: cfg!.id, asOf: '2090-11-30' }).returning();
  const [last] = await db.insert(scoreSnapshot).values({ period: '2090-12', configId: cfg!.id, asOf: '2090-12-31' }).returning();
  const comp = (score: number) => ({ tasksOnTime: { score, counts: { due: 10, doneOnTime: 7 } }, overdue: { score: null, counts: {} } });
  await db.insert(scoreSnapshotRow).values([
    { snapshotId: prev!.id, orgUnitId: hanoi.id, dimension: 'total', score: '60', rank: 3, components: comp(60) },
    { snapshotId: prev!.id, orgUnitId: danang.id, dimension: 'total', score: '90', rank: 1, components: comp(90) },
    { snapshotId: prev!.id, orgUnitId: hcm.id, dimension: 'total', score: '70', rank: 2, components: comp(70) },
    { snapshotId: last!.id, orgUnitId: hanoi.id, dimension: 'total', score: '88.25', rank: 1, components: comp(88.25) },
    { snapshotId: last!.id, orgUnitId: danang.id, dimension: 'total', score: '80', rank: 2, components: comp(80) },
    { snapshotId: last!.id, orgUnitId: hcm.id, dimension: 'total', score: '55.5', rank: 3, components: comp(55.5) },
    { snapshotId: last!.id, orgUnitId: hcm.id, dimension: 'bloc:party', score: '12', rank: 9, components: comp(12) },
    { snapshotId: last!.id, orgUnitId: ministry.id, dimension: 'total', score: '99', rank: 1, components: comp(99) },
  ]);
});
afterAll(async () => {
  await p?.close();
});

function expectNoSecrets(body: string) {
  for (const s of SECRETS) expect(body, s).not.toContain(s);
}

describe(`public progress open data on ${backend}`, () => {
  it('JSON: only the approved figure, with its period target and status; nothing internal', async () => {
    const res = await anon.request({ method: 'GET', url: '/api/v1/public/progress', headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expectNoSecrets(res.body);
    const body = res.json();
    expect(body.licence.name).toBe('CC BY 4.0');
    const a = body.targets.find((x: any) => x.code === codeA);
    expect(a.latest).toEqual({ period: '2025', value: 42.5, target: 50, achievement: 0.85, status: 'at_risk' });
    const b = body.targets.find((x: any) => x.code === codeB);
    expect(b.latest).toBeNull();
  });

  it('JSON: task counts cover public plans only', async () => {
    const body = (await anon.request({ method: 'GET', url: '/api/v1/public/progress', headers: { accept: 'application/json' } })).json();
    const rows = (await p.ctx.db.execute(sql`select t.status, count(*)::int as n from task t join plan pl on pl.id = t.plan_id where pl.is_public group by t.status`)) as any;
    const expected: Record<string, number> = Object.fromEntries((rows.rows ?? rows).map((r: any) => [r.status, Number(r.n)]));
    const total = Object.values(expected).reduce((x, y) => x + y, 0);
    expect(body.tasks.total).toBe(total);
    expect(body.tasks.byStatus.overdue).toBe(expected.overdue ?? 0);
    const groupII = body.tasks.byGroup.find((g: any) => g.groupNumber === 'II');
    const groupRows = (await p.ctx.db.execute(sql`select count(*)::int as n from task t join plan pl on pl.id = t.plan_id where pl.is_public and t.group_number = 'II'`)) as any;
    const n = (groupRows.rows ?? groupRows)[0].n;
    expect(groupII.total).toBe(Number(n));
  });

  it('JSON: provinces from the latest frozen snapshot, with movement, component scores without counts', async () => {
    const body = (await anon.request({ method: 'GET', url: '/api/v1/public/progress', headers: { accept: 'application/json' } })).json();
    expect(body.scores.snapshot).toMatchObject({ period: '2090-12', asOf: '2090-12-31', previousPeriod: '2090-11' });
    expect(body.scores.provinces.map((r: any) => [r.code, r.rank, r.score, r.movement])).toEqual([
      ['01', 1, 88.25, 2],
      ['48', 2, 80, -1],
      ['79', 3, 55.5, -1],
    ]);
    expect(body.scores.provinces[0].components).toMatchObject({ tasksOnTime: 88.25, overdue: null });
    expect(JSON.stringify(body.scores)).not.toContain('doneOnTime');
  });

  it('JSON: adopted initiatives with their task, never their submitter', async () => {
    const body = (await anon.request({ method: 'GET', url: '/api/v1/public/progress', headers: { accept: 'application/json' } })).json();
    expect(body.initiatives).toHaveLength(1);
    expect(body.initiatives[0]).toMatchObject({
      code: 'PAKN-2026-900001',
      agency: 'Thành phố Hà Nội',
      decidedOn: '2026-10-01',
      task: { code: 'CONG-KHAI-1', status: 'in_progress', percentDone: 40, deadline: '2027-06-30', url: `http://localhost:3000/progress/tasks/${publicTaskId}` },
      answerUrl: null,
    });
  });

  it('CSV files: BOM, header, the same figures, nothing internal', async () => {
    const targets = await anon.request({ method: 'GET', url: '/api/v1/public/progress/targets.csv' });
    expect(targets.status).toBe(200);
    expect(targets.headers['content-type']).toContain('text/csv');
    expect(targets.headers['cache-control']).toBe('public, max-age=60');
    expect(targets.body.charCodeAt(0)).toBe(0xfeff);
    expect(targets.body.slice(1).split('\r\n')[0]).toMatch(/^code,source,kind,name,/);
    const rowA = targets.body.split('\r\n').find((l) => l.startsWith(`${codeA},`))!;
    expect(rowA).toContain(',2025,Năm 2025,42.5,50,0.85,at_risk');
    const rowB = targets.body.split('\r\n').find((l) => l.startsWith(`${codeB},`))!;
    expect(rowB).toMatch(/,,,,,,$/);
    expectNoSecrets(targets.body);

    const provinces = await anon.request({ method: 'GET', url: '/api/v1/public/progress/provinces.csv' });
    expect(provinces.body.charCodeAt(0)).toBe(0xfeff);
    expect(provinces.body).toContain('2090-12,2090-12-31,1,01,Thành phố Hà Nội,88.25,2,');
    expect(provinces.body).not.toContain('BKHCN');
    expectNoSecrets(provinces.body);

    const initiatives = await anon.request({ method: 'GET', url: '/api/v1/public/progress/initiatives.csv' });
    expect(initiatives.body.charCodeAt(0)).toBe(0xfeff);
    expect(initiatives.body).toContain('PAKN-2026-900001,Nhiệm vụ công khai từ sáng kiến,Thành phố Hà Nội,2026-10-01,CONG-KHAI-1,in_progress,40,2027-06-30');
    expect(initiatives.body).not.toContain('PAKN-2026-900002');
    expectNoSecrets(initiatives.body);
  });

  it('the page shows the same, with the status in words, and sorts provinces by links', async () => {
    const res = await anon.request({ method: 'GET', url: '/progress' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=60/);
    expectNoSecrets(res.body);
    const rowA = res.body.slice(res.body.indexOf(`data-indicator="${codeA}"`), res.body.indexOf('</tr>', res.body.indexOf(`data-indicator="${codeA}"`)));
    expect(rowA).toContain('42,5');
    expect(rowA).toContain('Năm 2025');
    expect(rowA).toContain('Có nguy cơ chậm');
    const rowB = res.body.slice(res.body.indexOf(`data-indicator="${codeB}"`), res.body.indexOf('</tr>', res.body.indexOf(`data-indicator="${codeB}"`)));
    expect(rowB).toContain('Chưa có số liệu được phê duyệt');
    expect(res.body).toContain('tăng 2 bậc');
    expect(res.body).toContain('Nhiệm vụ công khai từ sáng kiến');
    const order = (html: string) => [...html.matchAll(/data-province="(\d+)"/g)].map((m) => m[1]);
    expect(order(res.body)).toEqual(['01', '48', '79']);
    const byScoreAsc = await anon.request({ method: 'GET', url: '/progress?sort=score&order=asc' });
    expect(order(byScoreAsc.body)).toEqual(['79', '48', '01']);
    expect(byScoreAsc.body).toContain('aria-sort="ascending"');
    const byMovement = await anon.request({ method: 'GET', url: '/progress?sort=movement' });
    expect(order(byMovement.body)[0]).toBe('01');
  });

  it('refuses a bad sort with a 4xx and no stack', async () => {
    const res = await anon.request({ method: 'GET', url: '/progress?sort=drop%20table' });
    expect(res.status).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  // last: it approves the 2026 figure the tests above keep out
  it('shows a newly approved national period (served through the live cache, off in tests; its refresh rules are tested in live-cache.db.test.ts)', async () => {
    const root = (await findUnitByCode(p.ctx.db, 'BCDTW'))!;
    const latestOfA = async () => {
      const body = (await anon.request({ method: 'GET', url: '/api/v1/public/progress', headers: { accept: 'application/json' } })).json();
      return body.targets.find((x: any) => x.code === codeA).latest;
    };
    expect((await latestOfA()).period).toBe('2025');
    await p.ctx.db
      .update(indicatorSubmission)
      .set({ status: 'approved', decidedAt: new Date() })
      .where(and(eq(indicatorSubmission.orgUnitId, root.id), eq(indicatorSubmission.period, '2026')));
    expect(await latestOfA()).toMatchObject({ period: '2026', value: 999.99 });
  });
});
