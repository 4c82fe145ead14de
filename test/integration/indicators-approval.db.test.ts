/**
 * Indicator values and the approval state machine on a real database: draft → submitted →
 * returned (message required) → submitted → approved, the lock, the children rule, who may decide
 * (strictly above; never one's own unit, never a sibling), events after commit and audit rows; then
 * roll-up up the tree with hand-computed numbers (approvedOnly true/false) and the KPI status.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aggregateIndicator } from '../../src/indicators/aggregate-indicator';
import { indicatorStatus } from '../../src/indicators/indicator-status';
import { periodsWithValues } from '../../src/indicators/queries';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue } from '../../src/indicators/schema';
import { seedIndicatorCatalogue } from '../../src/indicators/seed-indicator-catalogue';
import { orgUnit } from '../../src/org/schema';
import { findUnitByCode, rootUnit } from '../../src/org/queries';
import { auditEvent } from '../../src/platform/audit/schema';
import type { DomainEvent } from '../../src/platform/events/bus';
import { makeUser } from '../support/factories';
import { type TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let hanoiOfficer: TestAgent;
let hanoiLeader: TestAgent;
let danangLeader: TestAgent;
let communeOfficer: TestAgent;
let commune2Officer: TestAgent;
let office: TestAgent;
let c1: { id: string; code: string; name: string; path: string };
let c2: { id: string; code: string; name: string; path: string };
let c3: { id: string; code: string; name: string; path: string };
let commune3Officer: TestAgent;
const events: DomainEvent[] = [];

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const hanoi = (await findUnitByCode(db, '01'))!;
  const communes = await db
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, hanoi.id), sql`${orgUnit.kind} in ('ward', 'commune')`))
    .orderBy(orgUnit.code)
    .limit(3);
  [c1, c2, c3] = communes;
  const mk = async (role: 'officer' | 'leader' | 'standing_office', orgCode?: string) => agentFor(p.app, db, (await makeUser(db, { role, orgCode })).id);
  hanoiOfficer = await mk('officer', '01');
  hanoiLeader = await mk('leader', '01');
  danangLeader = await mk('leader', '48');
  communeOfficer = await mk('officer', c1.code);
  commune2Officer = await mk('officer', c2.code);
  commune3Officer = await mk('officer', c3.code);
  office = await mk('standing_office');
  p.ctx.events.subscribe((e) => {
    if (e.type.startsWith('indicator.')) events.push(e);
  });
});
afterAll(async () => {
  await p?.close();
});

async function indicatorId(code: string) {
  const [row] = await p.ctx.db.select().from(indicator).where(eq(indicator.code, code));
  return row;
}

async function submissionOf(unitId: string, period: string) {
  const [row] = await p.ctx.db
    .select()
    .from(indicatorSubmission)
    .where(and(eq(indicatorSubmission.orgUnitId, unitId), eq(indicatorSubmission.period, period)));
  return row ?? null;
}

async function auditCount(action: string, entityId?: string) {
  const conds = [eq(auditEvent.action, action)];
  if (entityId) conds.push(eq(auditEvent.entityId, entityId));
  const [r] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(and(...conds));
  return Number(r.n);
}

const put = (agent: TestAgent, code: string, body: unknown) => agent.api('PUT', `/api/v1/indicators/${code}/values`, body);
const decide = (agent: TestAgent, unit: string, period: string, action: 'submit' | 'approve' | 'return', body?: unknown) =>
  agent.api('POST', `/api/v1/indicator-periods/${unit}/${period}/${action}`, body ?? {});

describe('catalogue top-up', () => {
  it('makes the reference rows a KPI catalogue with hierarchy and national targets, idempotently', async () => {
    const db = p.ctx.db;
    const nq57 = await indicatorId('NQ57-2030-11');
    const nq03 = await indicatorId('NQ03-CT-11.1');
    const sub = await indicatorId('NQ03-CT-11.5');
    const header = await indicatorId('NQ03-CT-11');
    expect(nq57.kind).toBe('strategic');
    expect(nq03.kind).toBe('operational');
    expect(nq03.parentId).toBe(nq57.id);
    expect(sub.parentId).toBe(header.id);
    expect(nq57.aggregation).toBe('latest');
    expect((await indicatorId('NQ03-CT-07')).aggregation).toBe('sum');
    expect(nq03.responsibleUnitId).toBe((await findUnitByCode(db, 'BKHCN'))!.id);
    const root = (await rootUnit(db))!;
    const [target] = await db
      .select()
      .from(indicatorTarget)
      .where(and(eq(indicatorTarget.indicatorId, nq57.id), eq(indicatorTarget.orgUnitId, root.id), eq(indicatorTarget.period, '2030')));
    expect(Number(target.value)).toBe(80);
    // 'between' 40–50 → the lower end
    const between = await indicatorId('NQ57-2030-19');
    const [bt] = await db.select().from(indicatorTarget).where(and(eq(indicatorTarget.indicatorId, between.id), eq(indicatorTarget.period, '2030')));
    expect(Number(bt.value)).toBe(40);
    const dp02 = await indicatorId('DP-02');
    expect(dp02.frequency).toBe('quarter');
    expect(dp02.aggregation).toBe('weighted_mean');
    expect(dp02.weightIndicatorId).toBe((await indicatorId('DP-07')).id);
    const dp01 = await indicatorId('DP-01');
    const trajectory = await db.select().from(indicatorTarget).where(eq(indicatorTarget.indicatorId, dp01.id)).orderBy(indicatorTarget.period);
    expect(trajectory.map((x) => [x.period, Number(x.value)])).toEqual([
      ['2026-Q1', 70],
      ['2026-Q2', 75],
      ['2026-Q3', 80],
      ['2026-Q4', 85],
    ]);
    // a manager's edit survives the next start
    await db.update(indicator).set({ aggregation: 'mean' }).where(eq(indicator.id, nq57.id));
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(indicatorTarget);
    await seedIndicatorCatalogue(db);
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(indicatorTarget);
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await indicatorId('NQ57-2030-11')).aggregation).toBe('mean');
    await db.update(indicator).set({ aggregation: 'latest' }).where(eq(indicator.id, nq57.id));
  });
});

describe('approval state machine', () => {
  const Q = '2026-Q1';

  it('draft → submitted locks the values; returned needs a message and unlocks them', async () => {
    const saved = await put(communeOfficer, 'DP-01', { unitCode: c1.code, period: Q, value: 71.5, comment: 'Theo hệ thống một cửa' });
    expect(saved.status).toBe(200);
    expect(saved.json().submission.status).toBe('draft');
    // nothing has been sent up yet: there is nothing to approve
    expect((await decide(hanoiLeader, c1.code, Q, 'approve')).status).toBe(409);

    const sent = await decide(communeOfficer, c1.code, Q, 'submit');
    expect(sent.status).toBe(200);
    expect(sent.json().status).toBe('submitted');
    expect((await decide(communeOfficer, c1.code, Q, 'submit')).status).toBe(409);
    const locked = await put(communeOfficer, 'DP-01', { unitCode: c1.code, period: Q, value: 75 });
    expect(locked.status).toBe(409);
    expect(locked.json().error.message).toMatch(/không sửa được/);

    const sub = (await submissionOf(c1.id, Q))!;
    const noMessage = await decide(hanoiLeader, c1.code, Q, 'return', { message: '   ' });
    expect(noMessage.status).toBe(400);
    expect(noMessage.json().error.fields.message).toMatch(/nội dung cần chỉnh sửa/);
    expect((await submissionOf(c1.id, Q))!.status).toBe('submitted');
    expect(await auditCount('indicator.period.return', sub.id)).toBe(0);

    const ret = await decide(hanoiLeader, c1.code, Q, 'return', { message: 'Kiểm tra lại số thủ tục đủ điều kiện.' });
    expect(ret.status).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', decisionMessage: 'Kiểm tra lại số thủ tục đủ điều kiện.' });
    expect(await auditCount('indicator.period.return', sub.id)).toBe(1);
    // with PostgreSQL the event arrives over LISTEN/NOTIFY, a moment after the response
    await vi.waitFor(() => expect(events.some((e) => e.type === 'indicator.period.returned' && e.data?.unitCode === c1.code && e.data?.period === Q)).toBe(true), { timeout: 5000 });

    // returned → editable again → submitted
    expect((await put(communeOfficer, 'DP-01', { unitCode: c1.code, period: Q, value: 72 })).status).toBe(200);
    expect((await decide(communeOfficer, c1.code, Q, 'submit')).json().status).toBe('submitted');
    expect(await auditCount('indicator.period.submit', sub.id)).toBe(2);
  });

  it('only a level strictly above decides: not the unit itself, not a sibling', async () => {
    // the commune cannot approve itself (officers hold no approve; a commune-level approver would be its own unit)
    expect((await decide(communeOfficer, c1.code, Q, 'approve')).status).toBe(403);
    // Đà Nẵng's leader is a sibling province's: no say over Hà Nội's communes
    const sibling = await decide(danangLeader, c1.code, Q, 'approve');
    expect(sibling.status).toBe(403);
    expect(sibling.json().error.message).toMatch(/không có quyền phê duyệt/);
    expect((await submissionOf(c1.id, Q))!.status).toBe('submitted');

    // Hà Nội submits its own figure; its own leader cannot approve it
    expect((await put(hanoiOfficer, 'DP-01', { unitCode: '01', period: Q, value: 74 })).status).toBe(200);
    expect((await decide(hanoiOfficer, '01', Q, 'submit')).status).toBe(200);
    const own = await decide(hanoiLeader, '01', Q, 'approve');
    expect(own.status).toBe(403);
  });

  it('a unit is approved only after every participating unit below it', async () => {
    const hanoi = (await findUnitByCode(p.ctx.db, '01'))!;
    // commune 2 entered a draft value but never submitted: it is pending too
    expect((await put(commune2Officer, 'DP-03', { unitCode: c2.code, period: Q, value: 81 })).status).toBe(200);
    const refused = await decide(office, '01', Q, 'approve');
    expect(refused.status).toBe(409);
    expect(refused.json().error.message).toContain('còn 2 đơn vị cấp dưới');
    expect(refused.json().error.message).toContain(c1.name);
    expect((await submissionOf(hanoi.id, Q))!.status).toBe('submitted');

    const approved = await decide(hanoiLeader, c1.code, Q, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.json().status).toBe('approved');
    await vi.waitFor(() => expect(events.some((e) => e.type === 'indicator.period.approved' && e.data?.unitCode === c1.code && e.unitPath === c1.path)).toBe(true), { timeout: 5000 });
    // approved → locked
    expect((await put(communeOfficer, 'DP-01', { unitCode: c1.code, period: Q, value: 1 })).status).toBe(409);
    expect((await decide(office, '01', Q, 'approve')).json().error.message).toContain('còn 1 đơn vị cấp dưới');

    expect((await decide(commune2Officer, c2.code, Q, 'submit')).status).toBe(200);
    expect((await decide(hanoiLeader, c2.code, Q, 'approve')).status).toBe(200);
    const ok = await decide(office, '01', Q, 'approve');
    expect(ok.status).toBe(200);
    expect(await auditCount('indicator.period.approve', (await submissionOf(hanoi.id, Q))!.id)).toBe(1);
    expect((await decide(office, '01', Q, 'approve')).status).toBe(409);
    // the province's approval rests on the commune's figures: they cannot be reopened below it
    const reopen = await decide(hanoiLeader, c1.code, Q, 'return', { message: 'Mở lại' });
    expect(reopen.status).toBe(409);
    expect((await submissionOf(c1.id, Q))!.status).toBe('approved');
    const [stored] = await p.ctx.db
      .select()
      .from(indicatorValue)
      .where(and(eq(indicatorValue.orgUnitId, c1.id), eq(indicatorValue.period, Q), eq(indicatorValue.indicatorId, (await indicatorId('DP-01')).id)));
    expect(Number(stored.value)).toBe(72);
    // a commune that took no part cannot slip a figure under the approved province afterwards
    const late = await put(commune3Officer, 'DP-01', { unitCode: c3.code, period: Q, value: 99 });
    expect(late.status).toBe(409);
    expect(late.json().error.message).toMatch(/Cấp trên đã phê duyệt/);
    expect(await submissionOf(c3.id, Q)).toBeNull();
  });
});

describe('aggregation and status through the database', () => {
  const Q = '2026-Q2';

  it('rolls up mean, sum and weighted mean with hand-computed numbers; approvedOnly counts approved periods only', async () => {
    const db = p.ctx.db;
    const hanoi = (await findUnitByCode(db, '01'))!;
    const danang = (await findUnitByCode(db, '48'))!;
    const root = (await rootUnit(db))!;
    const bloc = hanoi.parentId!;
    expect(danang.parentId).toBe(bloc);
    // DP-01 (mean): c1 60, c2 80, Đà Nẵng 90; Hà Nội has no own figure
    expect((await put(communeOfficer, 'DP-01', { unitCode: c1.code, period: Q, value: 60 })).status).toBe(200);
    expect((await put(commune2Officer, 'DP-01', { unitCode: c2.code, period: Q, value: '80' })).status).toBe(200);
    expect((await put(danangLeader, 'DP-01', { unitCode: '48', period: Q, value: '90,0' })).status).toBe(200);
    // DP-04 (sum): Hà Nội's own 100 wins over its communes' 5; Đà Nẵng 50
    expect((await put(hanoiOfficer, 'DP-04', { unitCode: '01', period: Q, value: 100 })).status).toBe(200);
    expect((await put(communeOfficer, 'DP-04', { unitCode: c1.code, period: Q, value: 5 })).status).toBe(200);
    expect((await put(danangLeader, 'DP-04', { unitCode: '48', period: Q, value: 50 })).status).toBe(200);
    // DP-02 weighted by DP-07: c1 50 × 100 records, c2 80 × 300 records
    for (const [agent, unit, share, records] of [
      [communeOfficer, c1.code, 50, 100],
      [commune2Officer, c2.code, 80, 300],
    ] as const) {
      expect((await put(agent, 'DP-02', { unitCode: unit, period: Q, value: share })).status).toBe(200);
      expect((await put(agent, 'DP-07', { unitCode: unit, period: Q, value: records })).status).toBe(200);
    }
    const dp01 = (await indicatorId('DP-01')).id;
    const all = await aggregateIndicator(db, { indicatorId: dp01, period: Q });
    expect(all.get(hanoi.id)).toBe(70); // (60 + 80) / 2
    expect(all.get(bloc)).toBe(80); // (70 + 90) / 2
    expect(all.get(root.id)).toBe(80);
    const sum = await aggregateIndicator(db, { indicatorId: (await indicatorId('DP-04')).id, period: Q });
    expect(sum.get(hanoi.id)).toBe(100);
    expect(sum.get(bloc)).toBe(150);
    const weighted = await aggregateIndicator(db, { indicatorId: (await indicatorId('DP-02')).id, period: Q });
    expect(weighted.get(hanoi.id)).toBe(72.5); // (50×100 + 80×300) / 400

    // nothing approved yet: approvedOnly sees nothing
    expect((await aggregateIndicator(db, { indicatorId: dp01, period: Q, approvedOnly: true })).size).toBe(0);
    expect(await indicatorStatus(db, { ...(await indicatorId('DP-01')) }, Q)).toBeNull();
    // approve commune 1 only → Hà Nội = 60, bloc = 60, root = 60
    expect((await decide(communeOfficer, c1.code, Q, 'submit')).status).toBe(200);
    expect((await decide(hanoiLeader, c1.code, Q, 'approve')).status).toBe(200);
    const approved = await aggregateIndicator(db, { indicatorId: dp01, period: Q, approvedOnly: true });
    expect(approved.get(hanoi.id)).toBe(60);
    expect(approved.get(root.id)).toBe(60);
    expect(approved.has(danang.id)).toBe(false);

    // status: national 60 against Q2 target 75 from baseline 62 → (60 − 62)/(75 − 62) < 0 → 0 → off track
    const s1 = await indicatorStatus(db, await indicatorId('DP-01'), Q);
    expect(s1).toMatchObject({ period: Q, value: 60, target: 75, achievement: 0, status: 'off_track' });
    // Đà Nẵng approved too → root = mean(60, 90) = 75 → (75 − 62)/(75 − 62) = 1 → on track
    expect((await decide(danangLeader, '48', Q, 'submit')).status).toBe(200);
    expect((await decide(office, '48', Q, 'approve')).status).toBe(200);
    const s2 = await indicatorStatus(db, await indicatorId('DP-01'));
    expect(s2).toMatchObject({ period: Q, value: 75, target: 75, achievement: 1, status: 'on_track' });
    // the API reports the same, with per-unit status
    const api = await office.api('GET', `/api/v1/indicators/DP-01/values?period=${Q}&approvedOnly=true`);
    expect(api.status).toBe(200);
    const byCode = new Map(api.json().items.map((i: { unitCode: string }) => [i.unitCode, i]));
    expect(byCode.get('48')).toMatchObject({ value: 90, source: 'reported', approval: 'approved', target: 75 });
    expect(byCode.get('01')).toMatchObject({ value: 60, source: 'aggregated' });
    expect(byCode.get('BCDTW')).toMatchObject({ value: 75, status: 'on_track' });
  });

  it('lists an indicator\'s periods newest first, approved ones only when asked, up to the limit', async () => {
    const db = p.ctx.db;
    const dp05 = (await indicatorId('DP-05')).id;
    // three older periods with values from commune 3; only 2024-Q2 is approved
    for (const period of ['2024-Q1', '2024-Q2', '2024-Q3']) {
      await db.insert(indicatorValue).values({ indicatorId: dp05, orgUnitId: c3.id, period, value: '10' });
    }
    await db.insert(indicatorSubmission).values({ orgUnitId: c3.id, period: '2024-Q2', status: 'approved' });
    const root = (await rootUnit(db))!;
    expect(await periodsWithValues(db, dp05, { limit: 10 })).toEqual(['2024-Q3', '2024-Q2', '2024-Q1']);
    expect(await periodsWithValues(db, dp05, { limit: 2 })).toEqual(['2024-Q3', '2024-Q2']);
    expect(await periodsWithValues(db, dp05, { limit: 10, approvedUnder: root.path })).toEqual(['2024-Q2']);
    // only inside the subtree asked for, and only among the newest periods looked back at
    expect(await periodsWithValues(db, dp05, { limit: 10, approvedUnder: (await findUnitByCode(db, '48'))!.path })).toEqual([]);
    expect(await periodsWithValues(db, dp05, { limit: 10, approvedUnder: root.path, lookBack: 1 })).toEqual([]);
    expect(await periodsWithValues(db, (await indicatorId('DP-06')).id, { limit: 10 })).toEqual([]);
  });
});
