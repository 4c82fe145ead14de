/**
 * The live dashboards on a hand-built slice of data: KPI tiles (approved values only, against the
 * target of the same period), task counts per province and commune, who may open which unit
 * dashboard, exports, the comparison page, and the event stream over a real HTTP listener.
 */
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainScope, loadSection, unitScope } from '../../src/dashboards/dashboard-view';
import { kpiTiles } from '../../src/dashboards/kpi-tiles';
import { streamHubFor } from '../../src/dashboards/live/stream-hub';
import { communesOf, findDashboardUnit, strategicIndicators, taskCountsByUnit } from '../../src/dashboards/queries';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue } from '../../src/indicators/schema';
import { createTask } from '../../src/monitoring/create-task';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { progressReport } from '../../src/monitoring/reports/schema';
import { task } from '../../src/monitoring/schema';
import { findUnitByCode, loadPrincipal, rootUnit } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let office: Awaited<ReturnType<typeof makeUser>>;
let officer11: Awaited<ReturnType<typeof makeUser>>;
let leader11: Awaited<ReturnType<typeof makeUser>>;
let officer48: Awaited<ReturnType<typeof makeUser>>;
let kpi: { id: string; code: string };
let commune: { id: string; code: string };
let commune2: { id: string; code: string };
let province: { id: string; path: string };
let reportId: string;
const today = hcmDate(new Date());

async function putValue(unitId: string, period: string, value: string, status: 'submitted' | 'approved') {
  const db = p.ctx.db;
  await db.insert(indicatorValue).values({ indicatorId: kpi.id, orgUnitId: unitId, period, value });
  await db.insert(indicatorSubmission).values({ orgUnitId: unitId, period, status, submittedAt: new Date() });
}

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
  officer11 = await makeUser(db, { role: 'officer', orgCode: '11' });
  leader11 = await makeUser(db, { role: 'leader', orgCode: '11' });
  officer48 = await makeUser(db, { role: 'officer', orgCode: '48' });
  const p11 = (await findUnitByCode(db, '11'))!;
  const p48 = (await findUnitByCode(db, '48'))!;
  province = { id: p11.id, path: p11.path };
  [commune, commune2] = await communesOf(db, p11.id);
  const [commune48] = await communesOf(db, p48.id);

  // one strategic indicator made predictable: summed up the tree, higher is better, no baseline
  const [first] = await strategicIndicators(db);
  kpi = { id: first.id, code: first.code };
  await db.update(indicator).set({ aggregation: 'sum', direction: 'higher', baselineValue: null, onTrackRatio: '0.95', atRiskRatio: '0.8', weightIndicatorId: null }).where(eq(indicator.id, kpi.id));
  const root = (await rootUnit(db))!;
  await db.insert(indicatorTarget).values([
    { indicatorId: kpi.id, orgUnitId: root.id, period: '2099', value: '100' },
    { indicatorId: kpi.id, orgUnitId: p11.id, period: '2099', value: '50' },
  ]);
  await putValue(commune.id, '2098', '30', 'approved');
  await putValue(commune.id, '2099', '45', 'approved');
  // submitted but not approved: never on a dashboard
  await putValue(commune48.id, '2099', '40', 'submitted');
  // waiting for the leader's approval in the stream test
  await putValue(commune2.id, '2100', '7', 'submitted');

  const principal = (await loadPrincipal(db, office.id, 'session'))!;
  const make = async (code: string, lead: string, deadline: string, status: 'not_started' | 'overdue' | 'done_on_time' | 'in_progress') => {
    const row = await createTask(db, { planCode: NQ03_PLAN_CODE, code, groupNumber: 'I', title: `Nhiệm vụ ${code}`, leadUnitCode: lead, deadline }, { principal, actor: SYSTEM_ACTOR });
    await db.update(task).set({ status }).where(eq(task.id, row.id));
    return row.id;
  };
  const a = await make('LV-A', '11', addDays(today, 30), 'not_started');
  const [report] = await db
    .insert(progressReport)
    .values({ taskId: a, reportingUnitId: p11.id, authorId: officer11.id, kind: 'periodic', percentDone: 40, doneText: 'Đã triển khai một phần', status: 'submitted', submittedAt: new Date() })
    .returning();
  reportId = report.id;
  await make('LV-B', '11', addDays(today, -10), 'overdue');
  await make('LV-C', commune.code, addDays(today, -2), 'in_progress');
  await make('LV-D', commune.code, addDays(today, -20), 'done_on_time');
});
afterAll(async () => {
  await p?.close();
});

describe(`dashboard read models on ${backend}`, () => {
  it('shows the approved national value against the national target, with its trend', async () => {
    const root = (await rootUnit(p.ctx.db))!;
    const tile = (await kpiTiles(p.ctx.db, { id: root.id, path: root.path }, 100)).find((x) => x.code === kpi.code)!;
    // 45 approved in the commune rolls up; the 40 only submitted in Đà Nẵng does not count
    expect(tile).toMatchObject({ period: '2099', value: 45, target: 100, status: 'off_track' });
    expect(tile.achievement).toBeCloseTo(0.45, 10);
    expect(tile.trend).toEqual([
      { period: '2098', value: 30 },
      { period: '2099', value: 45 },
    ]);
  });

  it("rates the province against its own target: 45 of 50 is 90 %, at risk", async () => {
    const tile = (await kpiTiles(p.ctx.db, province, 100)).find((x) => x.code === kpi.code)!;
    expect(tile).toMatchObject({ value: 45, target: 50, status: 'at_risk' });
    expect(tile.achievement).toBeCloseTo(0.9, 10);
  });

  it('counts tasks per province (its communes included) and per commune', async () => {
    const counts = await taskCountsByUnit(p.ctx.db, [province.id, commune.id, commune2.id], null, today);
    expect(counts.get(province.id)).toMatchObject({ total: 4, overdue: 2, byStatus: { not_started: 1, overdue: 1, in_progress: 1, done_on_time: 1 } });
    expect(counts.get(commune.id)).toMatchObject({ total: 2, overdue: 1 });
    expect(counts.get(commune2.id)).toMatchObject({ total: 0, overdue: 0 });
    // a viewer scoped to Đà Nẵng sees none of Điện Biên's tasks
    const p48 = (await findUnitByCode(p.ctx.db, '48'))!;
    expect((await taskCountsByUnit(p.ctx.db, [province.id], [p48.path], today)).get(province.id)!.total).toBe(0);
  });

  it('lists the province among units nationally, ranks the overdue list, and shows its communes on its own dashboard', async () => {
    const national = await mainScope(p.ctx.db, null);
    const units = await loadSection(p.ctx.db, national, 'units');
    if (units.name !== 'units') throw new Error('wrong section');
    expect(units.rows.find((r) => r.unit.code === '11')!.counts.total).toBe(4);
    const overdue = await loadSection(p.ctx.db, national, 'overdue');
    if (overdue.name !== 'overdue') throw new Error('wrong section');
    // the ten units with most overdue tasks, most first, computed again by hand from the full table
    const expected = units.rows
      .filter((r) => r.counts.overdue > 0)
      .map((r) => r.counts.overdue)
      .sort((a, b) => b - a)
      .slice(0, 10);
    expect(overdue.rows.map((r) => r.counts.overdue)).toEqual(expected);
    const unit = (await findDashboardUnit(p.ctx.db, '11'))!;
    const communes = await loadSection(p.ctx.db, unitScope(unit), 'units');
    if (communes.name !== 'units') throw new Error('wrong section');
    expect(communes.communes).toBe(true);
    expect(communes.rows.find((r) => r.unit.code === commune.code)!.counts).toMatchObject({ total: 2, overdue: 1 });
  });
});

describe(`dashboard pages and scope on ${backend}`, () => {
  it('renders the national dashboard with tiles, map, archipelagos and exports', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const r = await agent.get('/dashboard');
    expect(r.status).toBe(200);
    expect(r.body).toContain(`data-kpi="${kpi.code}"`);
    expect(r.body).toContain('Quần đảo Hoàng Sa (Việt Nam)');
    expect(r.body).toContain('Quần đảo Trường Sa (Việt Nam)');
    expect(r.body).toContain('geoBoundaries');
    expect((r.body.match(/data-province="/g) ?? []).length).toBe(34);
    expect(r.body).toContain('href="/dashboard/export/units.csv"');
    expect(r.body).toContain('/assets/dashboard-live.js');
    expect(r.body).toMatch(/data-unit="11">.*?data-overdue="true"><a href="\/tasks\?leadUnit=11&amp;overdue=true"[^>]*>2</);
  });

  it("keeps a province officer out of another province's dashboard, fragments and exports", async () => {
    const agent = await agentFor(p.app, p.ctx.db, officer11.id);
    expect((await agent.get('/dashboard/units/11')).status).toBe(200);
    expect((await agent.get('/dashboard/units/48')).status).toBe(403);
    expect((await agent.get('/dashboard/fragments/kpis?unit=48')).status).toBe(403);
    expect((await agent.get('/dashboard/export/units.csv?unit=48')).status).toBe(403);
    expect((await agent.get('/dashboard/compare?units=11,48')).status).toBe(403);
    expect((await agent.get('/dashboard/units/KHONGCO')).status).toBe(404);
    expect((await new TestAgent(p.app).api('GET', '/api/v1/dashboard/stream')).status).toBe(401);
    const office_ = await agentFor(p.app, p.ctx.db, office.id);
    expect((await office_.get('/dashboard/units/48')).status).toBe(200);
  });

  it("shows a province's own numbers, its communes and its KPI tile", async () => {
    const agent = await agentFor(p.app, p.ctx.db, officer11.id);
    const r = await agent.get('/dashboard/units/11');
    expect(r.body).toMatch(/data-metric="tasks"><a href="\/tasks\?leadUnit=11">4</);
    expect(r.body).toContain(`data-unit="${commune.code}"`);
    expect(r.body).toContain('data-kpi-status="at_risk"');
    expect(r.body).toContain('Có nguy cơ chậm');
  });

  it('exports the same numbers as CSV and JSON', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const csv = await agent.get('/dashboard/export/units.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const line = csv.body.split('\r\n').find((l) => l.startsWith('11,'))!;
    expect(line.split(',').at(-2)).toBe('4');
    expect(line.split(',').at(-1)).toBe('2');
    const json = (await agent.get('/dashboard/export/kpis.json?unit=11')).json();
    expect(json.rows.find((r: { code: string }) => r.code === kpi.code)).toMatchObject({ value: 45, target: 50, status: 'at_risk' });
    expect((await agent.get('/dashboard/export/nothing.csv')).status).toBe(404);
    expect((await agent.get('/dashboard/fragments/map')).status).toBe(200);
  });

  it('compares 2–6 units side by side and refuses other counts', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const r = await agent.get('/dashboard/compare?units=01,48,11');
    expect(r.status).toBe(200);
    expect(r.body).toContain('href="/dashboard/units/48"');
    expect(r.body).toContain('href="/tasks?leadUnit=11&amp;overdue=true">2<');
    expect((await agent.get('/dashboard/compare?units=01')).status).toBe(400);
    expect((await agent.get('/dashboard/compare?units=01,48,79,11,12,14,15')).status).toBe(400);
    expect((await agent.get('/dashboard/compare')).status).toBe(200);
  });
});

/** Reads a text/event-stream over real HTTP, collecting `update` events. */
async function openStream(base: string, agent: TestAgent) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/dashboard/stream`, { headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, signal: controller.signal });
  const events: { type: string; unitCode: string | null }[] = [];
  const comments: string[] = [];
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let i = text.indexOf('\n\n');
        while (i >= 0) {
          const block = text.slice(0, i);
          text = text.slice(i + 2);
          if (block.startsWith('event: update')) events.push(JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)));
          else comments.push(block);
          i = text.indexOf('\n\n');
        }
      }
    } catch {}
  })();
  return { res, events, comments, close: () => controller.abort(), pump };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe(`dashboard event stream on ${backend}`, () => {
  it('delivers an approval to the national viewer, not to another province, and frees the slot on disconnect', async () => {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const hub = streamHubFor(p.ctx.events);
    // keep-alive comments every 25 s in production; a short gap here to see them arrive
    hub.heartbeatMs = 100;
    const national = await openStream(base, await agentFor(p.app, p.ctx.db, office.id));
    hub.heartbeatMs = 25_000;
    const danang = await openStream(base, await agentFor(p.app, p.ctx.db, officer48.id));
    expect(national.res.status).toBe(200);
    expect(national.res.headers.get('content-type')).toMatch(/text\/event-stream/);
    await until(() => national.comments.some((c) => c === ': ping'), 'a heartbeat comment');
    expect(national.comments[0]).toMatch(/^retry: \d+\n/);
    await until(() => hub.size === 2, 'two open streams');

    // over the cap: 503 with Retry-After, and only then
    hub.limit = 2;
    const refused = await fetch(`${base}/api/v1/dashboard/stream`, { headers: { cookie: [...(await agentFor(p.app, p.ctx.db, office.id)).cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect((await refused.json()).error.message).toMatch(/thử lại/);
    hub.limit = 2000;

    // the real approval path: a provincial leader approves a commune's period
    const leader = await agentFor(p.app, p.ctx.db, leader11.id);
    const approved = await leader.postForm(`/indicators/approvals/${encodeURIComponent(commune2.code)}/2100/approve`, {});
    expect(approved.status).toBe(303);
    const [sub] = await p.ctx.db.select().from(indicatorSubmission).where(and(eq(indicatorSubmission.orgUnitId, commune2.id), eq(indicatorSubmission.period, '2100')));
    expect(sub.status).toBe('approved');
    await until(() => national.events.length > 0, 'the approval event');
    expect(national.events[0]).toEqual({ type: 'indicator.period.approved', unitCode: commune2.code });
    // what the live script fetches next is computed afresh: the new period is on the tile
    const fragment = await (await agentFor(p.app, p.ctx.db, office.id)).get('/dashboard/fragments/kpis');
    expect(fragment.headers['cache-control']).toBe('no-store');
    expect(fragment.body).toContain(`href="/indicators/${kpi.code}?period=2100">7<`);

    // a reviewed progress report is announced too (published by the review route)
    const reviewed = await (await agentFor(p.app, p.ctx.db, office.id)).api('POST', `/api/v1/reports/${reportId}/review`, { decision: 'accept' });
    expect(reviewed.status).toBe(200);
    await until(() => national.events.length > 1, 'the review event');
    expect(national.events[1]).toEqual({ type: 'report.reviewed', unitCode: '11' });

    // an event in Đà Nẵng reaches the Đà Nẵng officer, and it is the first they get
    const p48 = (await findUnitByCode(p.ctx.db, '48'))!;
    await p.ctx.events.publish({ type: 'report.reviewed', unitPath: p48.path, data: { reportId: 'x', decision: 'accept', unitCode: '48' } });
    await until(() => danang.events.length > 0 && national.events.length > 2, 'the Đà Nẵng event');
    expect(danang.events).toEqual([{ type: 'report.reviewed', unitCode: '48' }]);

    national.close();
    danang.close();
    await until(() => hub.size === 0, 'streams closed after disconnect');
  });
});
