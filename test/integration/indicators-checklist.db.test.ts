/**
 * Checklist indicators end to end: the seeded checklist, self-assessment and its colour
 * (hand-computed: 8/8 green, 6/8 yellow, 5/8 red), confirmation only from strictly above, the
 * province share of green and the national table, locks, configuration, and the demo data.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CL_CQDP2C } from '../../src/indicators/checklist/definitions';
import { seedChecklists } from '../../src/indicators/checklist/seed-checklists';
import { DEMO_CHECKLIST_PERIOD, seedDemoChecklists } from '../../src/indicators/checklist/seed-demo-checklists';
import { findChecklist, provinceSummaries } from '../../src/indicators/checklist/queries';
import { checklistAnswer, indicatorSubmission } from '../../src/indicators/schema';
import { orgUnit } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

const PERIOD = '2026-Q2';
const CODES = ['TC01', 'TC02', 'TC03', 'TC04', 'TC05', 'TC06', 'TC07', 'TC08'];
const answers = (met: number) => CODES.map((c, i) => ({ criterion: c, met: i < met, comment: i < met ? null : 'Chưa đủ', evidence: i < met ? `Văn bản số ${i + 1}/QĐ-UBND` : null }));

let p: TestPlatform;
let communes: { id: string; code: string; name: string }[];
let provinceOfficer: Awaited<ReturnType<typeof makeUser>>;
let provinceLeader: Awaited<ReturnType<typeof makeUser>>;
let communeLeader: Awaited<ReturnType<typeof makeUser>>;
let otherLeader: Awaited<ReturnType<typeof makeUser>>;
let office: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const [danang] = await db.select().from(orgUnit).where(eq(orgUnit.code, '48'));
  communes = await db
    .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name })
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, danang.id), inArray(orgUnit.kind, ['commune', 'ward', 'special_zone'])))
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code));
  provinceOfficer = await makeUser(db, { role: 'officer', orgCode: '48' });
  provinceLeader = await makeUser(db, { role: 'leader', orgCode: '48' });
  communeLeader = await makeUser(db, { role: 'leader', orgCode: communes[0].code });
  otherLeader = await makeUser(db, { role: 'leader', orgCode: '01' });
  office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
});
afterAll(async () => {
  await p?.close();
});

describe(`checklist indicators on ${backend}`, () => {
  it('seeds one quarterly checklist of 8 criteria for communes, idempotently', async () => {
    await seedChecklists(p.ctx.db);
    const c = (await findChecklist(p.ctx.db, CL_CQDP2C))!;
    expect(c.frequency).toBe('quarter');
    expect(c.criteria.map((x) => x.code)).toEqual(CODES);
    expect([c.greenRatio, c.yellowRatio]).toEqual([1, 0.7]);
    expect(communes.length).toBeGreaterThan(10);
  });

  it('colours units from their answers: 8/8 green, 6/8 yellow, 5/8 red, not yet confirmed', async () => {
    const agent = await agentFor(p.app, p.ctx.db, provinceOfficer.id);
    for (const [i, met] of [8, 6, 5].entries()) {
      const res = await agent.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit: communes[i].code, period: PERIOD, answers: answers(met) });
      expect(res.status, res.body).toBe(200);
    }
    const res = await agent.api('GET', `/api/v1/checklists/${CL_CQDP2C}/units?parent=48&period=${PERIOD}`);
    expect(res.status).toBe(200);
    const body = res.json();
    const byCode = new Map(body.items.map((x: any) => [x.code, x]));
    expect(byCode.get(communes[0].code)).toMatchObject({ colour: 'green', met: 8, total: 8, confirmed: false });
    expect(byCode.get(communes[1].code)).toMatchObject({ colour: 'yellow', met: 6, confirmed: false });
    expect(byCode.get(communes[2].code)).toMatchObject({ colour: 'red', met: 5, confirmed: false });
    expect(byCode.get(communes[3].code)).toMatchObject({ colour: null, answered: 0 });
    expect(body.units).toBe(communes.length);
    expect(body.green).toBe(1);
    expect(body.greenShare).toBe(Math.round((1 / communes.length) * 1000) / 10);
    const audits = await p.ctx.db.select().from(auditEvent).where(eq(auditEvent.action, 'checklist.assess'));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses incomplete or malformed self-assessments with a Vietnamese 4xx and writes nothing', async () => {
    const agent = await agentFor(p.app, p.ctx.db, provinceOfficer.id);
    const unit = communes[4].code;
    const missing = await agent.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit, period: PERIOD, answers: answers(8).slice(0, 7) });
    expect(missing.status).toBe(400);
    expect(missing.json().error.fields['c-TC08']).toContain('Chọn “Đạt” hoặc “Chưa đạt”');
    const badPeriod = await agent.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit, period: '2026-07', answers: answers(8) });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.json().error.fields.period).toContain('theo quý');
    const province = await agent.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit: '48', period: PERIOD, answers: answers(8) });
    expect(province.status).toBe(400);
    const unknown = await agent.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit: 'KHONGCO', period: PERIOD, answers: answers(8) });
    expect(unknown.status).toBe(400);
    const notFound = await agent.api('PUT', '/api/v1/checklists/KHONG-CO/answers', { unit, period: PERIOD, answers: answers(8) });
    expect(notFound.status).toBe(404);
    // another province's commune is out of scope
    const outside = await agentFor(p.app, p.ctx.db, otherLeader.id);
    const forbidden = await outside.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit, period: PERIOD, answers: answers(8) });
    expect(forbidden.status).toBe(403);
    const [{ n }] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(checklistAnswer).where(and(eq(checklistAnswer.orgUnitId, communes[4].id), eq(checklistAnswer.period, PERIOD)));
    expect(Number(n)).toBe(0);
  });

  it('confirmation comes only from strictly above, and overrides the self-assessment', async () => {
    const body = { unit: communes[0].code, period: PERIOD, confirmations: CODES.map((c) => ({ criterion: c, met: c !== 'TC03', comment: c === 'TC03' ? 'Phó Chủ tịch chưa có chữ ký số' : null })) };
    const own = await agentFor(p.app, p.ctx.db, communeLeader.id);
    expect((await own.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, body)).status).toBe(403);
    const officer = await agentFor(p.app, p.ctx.db, provinceOfficer.id);
    expect((await officer.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, body)).status).toBe(403);
    const sibling = await agentFor(p.app, p.ctx.db, otherLeader.id);
    expect((await sibling.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, body)).status).toBe(403);
    const leader = await agentFor(p.app, p.ctx.db, provinceLeader.id);
    const res = await leader.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, body);
    expect(res.status, res.body).toBe(200);
    expect(res.json()).toMatchObject({ colour: 'yellow', met: 7, total: 8, confirmed: true });
    // nothing to confirm where the commune has not assessed itself
    const none = await leader.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, { ...body, unit: communes[5].code });
    expect(none.status).toBe(409);
    // the commune changes an answer: that criterion's confirmation is dropped, the others stay
    const again = await officer.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit: communes[0].code, period: PERIOD, answers: answers(8).map((a) => (a.criterion === 'TC08' ? { ...a, met: false } : a)) });
    expect(again.json()).toMatchObject({ met: 6, colour: 'yellow', confirmed: false });
    const tc08 = again.json().answers.find((a: any) => a.criterion === 'TC08');
    const tc03 = again.json().answers.find((a: any) => a.criterion === 'TC03');
    expect(tc08.confirmedMet).toBeNull();
    expect(tc03.confirmedMet).toBe(false);
  });

  it('shows the province page with share of green, "chưa xác nhận" and colour as words', async () => {
    const leader = await agentFor(p.app, p.ctx.db, provinceLeader.id);
    const page = await leader.get(`/checklists/${CL_CQDP2C}/units?parent=48&period=${PERIOD}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Chưa xác nhận');
    expect(page.body).toContain('Đỏ');
    expect(page.body).toContain('Chưa đánh giá');
    expect(page.body).toMatch(/id="share-green">0\/\d+ xã, phường, đặc khu đạt màu xanh/);
    expect(page.body).toContain(`/checklists/${CL_CQDP2C}/confirm?unit=${communes[1].code}`);
    const csv = await leader.get(`/checklists/${CL_CQDP2C}/units.csv?parent=48&period=${PERIOD}`);
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('\uFEFFma_don_vi,ten_don_vi')).toBe(true);
    expect(csv.body).toContain(`${communes[2].code},`);
    expect(csv.body.split('\r\n').length).toBe(communes.length + 2);
  });

  it('the national table counts each province by colour in one query', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const res = await agent.api('GET', `/api/v1/checklists/${CL_CQDP2C}/provinces?period=${PERIOD}`);
    expect(res.status).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(34);
    const dn = items.find((x: any) => x.code === '48');
    // communes[0]: 6 met (one confirmed no, one changed) → yellow; [1] 6/8 yellow; [2] 5/8 red
    expect(dn).toMatchObject({ units: communes.length, green: 0, yellow: 2, red: 1, notAssessed: communes.length - 3, confirmed: 0 });
    expect(items.find((x: any) => x.code === '01')).toMatchObject({ green: 0, yellow: 0, red: 0 });
    const page = await agent.get(`/checklists/${CL_CQDP2C}?period=${PERIOD}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-province="48"');
    const csv = await agent.get(`/checklists/${CL_CQDP2C}/provinces.csv?period=${PERIOD}`);
    expect(csv.body.split('\r\n').length).toBe(34 + 2);
    // a province leader sees only their province
    const leader = await agentFor(p.app, p.ctx.db, provinceLeader.id);
    const own = await leader.api('GET', `/api/v1/checklists/${CL_CQDP2C}/provinces?period=${PERIOD}`);
    expect(own.json().items.map((x: any) => x.code)).toEqual(['48']);
    const other = await leader.api('GET', `/api/v1/checklists/${CL_CQDP2C}/units?parent=01&period=${PERIOD}`);
    expect(other.status).toBe(403);
  });

  it('a submitted period is locked for self-assessment; confirmation stays open until approval', async () => {
    const db = p.ctx.db;
    await db.insert(indicatorSubmission).values({ orgUnitId: communes[2].id, period: PERIOD, status: 'submitted', submittedAt: new Date() });
    const officer = await agentFor(p.app, db, provinceOfficer.id);
    const res = await officer.api('PUT', `/api/v1/checklists/${CL_CQDP2C}/answers`, { unit: communes[2].code, period: PERIOD, answers: answers(8) });
    expect(res.status).toBe(409);
    expect(res.json().error.message).toContain('không thể sửa');
    const after = await officer.api('GET', `/api/v1/checklists/${CL_CQDP2C}/answers?unit=${communes[2].code}&period=${PERIOD}`);
    expect(after.json()).toMatchObject({ met: 5, colour: 'red' });
    const page = await officer.get(`/checklists/${CL_CQDP2C}/assess?unit=${communes[2].code}&period=${PERIOD}`);
    expect(page.body).toContain('chỉ xem, không sửa được');
    const leader = await agentFor(p.app, db, provinceLeader.id);
    const confirm = await leader.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, { unit: communes[2].code, period: PERIOD, confirmations: CODES.map((c, i) => ({ criterion: c, met: i < 5 })) });
    expect(confirm.status).toBe(200);
    await db.update(indicatorSubmission).set({ status: 'approved' }).where(eq(indicatorSubmission.orgUnitId, communes[2].id));
    const late = await leader.api('POST', `/api/v1/checklists/${CL_CQDP2C}/confirm`, { unit: communes[2].code, period: PERIOD, confirmations: CODES.map((c) => ({ criterion: c, met: true })) });
    expect(late.status).toBe(409);
  });

  it('asks who is calling before it reads the query of the assess and confirm pages', async () => {
    // a malformed query is a 400 only for a caller who may use the page at all
    for (const page of ['assess', 'confirm']) {
      const anon = await new TestAgent(p.app).get(`/checklists/${CL_CQDP2C}/${page}?unit=&period=khong-hop-le`);
      expect([302, 303, 401]).toContain(anon.status);
    }
    const officer = await agentFor(p.app, p.ctx.db, provinceOfficer.id);
    expect((await officer.get(`/checklists/${CL_CQDP2C}/confirm?unit=&period=khong-hop-le`)).status).toBe(403);
    expect((await officer.get(`/checklists/${CL_CQDP2C}/assess?unit=&period=khong-hop-le`)).status).toBe(400);
  });

  it('works as HTML forms without JavaScript', async () => {
    const officer = await agentFor(p.app, p.ctx.db, provinceOfficer.id);
    const url = `/checklists/${CL_CQDP2C}/assess?unit=${communes[6].code}&period=${PERIOD}`;
    expect((await officer.get(url)).status).toBe(200);
    const form: Record<string, string> = {};
    for (const c of CODES.slice(0, 7)) form[`met-${c}`] = 'yes';
    const bad = await officer.postForm(url, form);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('error-summary');
    expect(bad.body).toContain('Có phương án bảo đảm an toàn thông tin');
    const ok = await officer.postForm(url, { ...form, 'met-TC08': 'no', 'comment-TC08': 'Đang xây dựng' });
    expect(ok.status).toBe(303);
    const leader = await agentFor(p.app, p.ctx.db, provinceLeader.id);
    const curl = `/checklists/${CL_CQDP2C}/confirm?unit=${communes[6].code}&period=${PERIOD}`;
    const cpage = await leader.get(curl);
    expect(cpage.status).toBe(200);
    expect(cpage.body).toContain('Đang xây dựng');
    const cform: Record<string, string> = {};
    for (const c of CODES) cform[`met-${c}`] = c === 'TC08' ? 'no' : 'yes';
    const done = await leader.postForm(curl, cform);
    expect(done.status).toBe(303);
    expect(done.location).toContain('/units?parent=48');
    expect((await officer.get(curl)).status).toBe(403);
  });

  it('indicator.manage changes thresholds; others may not', async () => {
    const leader = await agentFor(p.app, p.ctx.db, provinceLeader.id);
    expect((await leader.get(`/checklists/${CL_CQDP2C}/manage`)).status).toBe(403);
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const c = (await findChecklist(p.ctx.db, CL_CQDP2C))!;
    const form: Record<string, string> = { greenRatio: '1', yellowRatio: '0,9' };
    for (const x of c.criteria) form[`c-${x.code}`] = x.name;
    const wrong = await agent.postForm(`/checklists/${CL_CQDP2C}/manage`, { ...form, yellowRatio: '1,5' });
    expect(wrong.status).toBe(400);
    const ok = await agent.postForm(`/checklists/${CL_CQDP2C}/manage`, { ...form, yellowRatio: '50%' });
    expect(ok.status).toBe(303);
    const after = (await findChecklist(p.ctx.db, CL_CQDP2C))!;
    expect(after.yellowRatio).toBe(0.5);
    // 5/8 = 0.625 is now yellow
    const res = await agent.api('GET', `/api/v1/checklists/${CL_CQDP2C}/answers?unit=${communes[2].code}&period=${PERIOD}`);
    expect(res.json().colour).toBe('yellow');
    await agent.postForm(`/checklists/${CL_CQDP2C}/manage`, { ...form, yellowRatio: '0,7' });
  });

  it('demo data: communes of two provinces for 2026-Q3, some confirmed', async () => {
    await seedDemoChecklists(p.ctx.db);
    const c = (await findChecklist(p.ctx.db, CL_CQDP2C))!;
    const rows = await provinceSummaries(p.ctx.db, c, DEMO_CHECKLIST_PERIOD, null);
    for (const code of ['01', '48']) {
      const r = rows.find((x) => x.code === code)!;
      expect(r.green + r.yellow + r.red).toBeGreaterThan(0);
      expect(r.notAssessed).toBeGreaterThan(0);
      expect(r.confirmed).toBeGreaterThan(0);
      expect(r.confirmed).toBeLessThan(r.green + r.yellow + r.red);
    }
    expect(rows.find((x) => x.code === '79')).toMatchObject({ green: 0, yellow: 0, red: 0 });
  });
});
