/**
 * Indicator value exchange: CSV import all-or-nothing with per-row errors, scope and locks, CSV
 * and DHIS2 round trips, DHIS2 period mapping, formula injection neutralised on export, and
 * hostile files (wrong encoding, 3 MB) refused with a clear 4xx and nothing written.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CL_CQDP2C } from '../../src/indicators/checklist/definitions';
import { indicator, indicatorSubmission, indicatorValue } from '../../src/indicators/schema';
import { orgUnit } from '../../src/org/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let officer: TestAgent;
let hanoi: TestAgent;
let office: TestAgent;
let commune: string;
let indicatorIds: string[];

const HEADER = 'indicator_code,unit_code,period,value,comment';

async function raw(agent: TestAgent, method: 'POST' | 'GET', url: string, payload?: Buffer | string, contentType = 'text/csv') {
  const headers: Record<string, string> = { accept: 'application/json', cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (method === 'POST') {
    headers['x-csrf-token'] = await agent.csrf();
    headers.cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    headers['content-type'] = contentType;
  }
  const res = await p.app.inject({ method, url, headers, payload });
  return { status: res.statusCode, body: res.body, headers: res.headers, json: () => JSON.parse(res.body) };
}

async function upload(agent: TestAgent, url: string, file: Buffer | string, fields: Record<string, string> = {}) {
  const b = '----nq57exchange';
  const csrf = await agent.csrf();
  const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(part('_csrf', csrf) + Object.entries(fields).map(([k, v]) => part(k, v)).join('')),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="so-lieu.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(file) ? file : Buffer.from(file),
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await p.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', 'content-type': `multipart/form-data; boundary=${b}`, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: body,
  });
  return { status: res.statusCode, body: res.body };
}

async function valueCount() {
  const [{ n }] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(indicatorValue).where(inArray(indicatorValue.indicatorId, indicatorIds));
  return Number(n);
}

async function values() {
  const rows = await p.ctx.db
    .select({ i: indicator.code, u: orgUnit.code, period: indicatorValue.period, value: indicatorValue.value, comment: indicatorValue.comment })
    .from(indicatorValue)
    .innerJoin(indicator, eq(indicator.id, indicatorValue.indicatorId))
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorValue.orgUnitId))
    .where(inArray(indicatorValue.indicatorId, indicatorIds));
  return rows.map((r) => ({ ...r, value: Number(r.value) })).sort((a, b) => `${a.i}${a.u}${a.period}`.localeCompare(`${b.i}${b.u}${b.period}`));
}

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const made = await db
    .insert(indicator)
    .values([
      { code: 'XT-NAM', source: 'NQ57', name: 'Chỉ tiêu thử theo năm', kind: 'operational', frequency: 'year' },
      { code: 'XT-QUY', source: 'NQ57', name: 'Chỉ tiêu thử theo quý', kind: 'operational', frequency: 'quarter' },
      { code: 'XT-THANG', source: 'NQ57', name: 'Chỉ tiêu thử theo tháng', kind: 'operational', frequency: 'month' },
    ])
    .returning({ id: indicator.id });
  indicatorIds = made.map((m) => m.id);
  const [danang] = await db.select().from(orgUnit).where(eq(orgUnit.code, '48'));
  const [c] = await db.select().from(orgUnit).where(and(eq(orgUnit.parentId, danang.id), eq(orgUnit.kind, 'ward'))).limit(1);
  commune = c.code;
  officer = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '48' })).id);
  hanoi = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '01' })).id);
  office = await agentFor(p.app, db, (await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' })).id);
});
afterAll(async () => {
  await p?.close();
});

describe(`indicator value exchange on ${backend}`, () => {
  it('imports a CSV (with BOM, decimal comma) and writes one audit event with the counts', async () => {
    const csv = `\uFEFF${HEADER}\r\nXT-NAM,48,2026,1234.5,Số liệu năm\r\nXT-QUY,48,2026-Q3,"12,5",\r\nXT-THANG,${commune},2026-07,7,"=cmd|' /C calc'!A0"\r\nxt-nam,${commune},2026,-3,\r\n`;
    const res = await raw(officer, 'POST', '/api/v1/indicators/values.csv', csv);
    expect(res.status, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dryRun: false, rows: 4, imported: 4, updated: 0, ignored: 0, errors: [] });
    expect(await values()).toEqual([
      { i: 'XT-NAM', u: commune, period: '2026', value: -3, comment: null },
      { i: 'XT-NAM', u: '48', period: '2026', value: 1234.5, comment: 'Số liệu năm' },
      { i: 'XT-QUY', u: '48', period: '2026-Q3', value: 12.5, comment: null },
      { i: 'XT-THANG', u: commune, period: '2026-07', value: 7, comment: "=cmd|' /C calc'!A0" },
    ]);
    const audits = await p.ctx.db.select().from(auditEvent).where(eq(auditEvent.action, 'indicator.values.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ source: 'csv', rows: 4, imported: 4, updated: 0 });
  });

  it('exports CSV with BOM, neutralising formulas, and the export imports back to the same values', async () => {
    const res = await raw(officer, 'GET', '/api/v1/indicators/values.csv?unit=48');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(res.body).toContain(`XT-THANG,${commune},2026-07,7,'=cmd|' /C calc'!A0\r\n`);
    expect(res.body).not.toMatch(/,=cmd/);
    expect(res.body).toContain(`XT-NAM,${commune},2026,-3,`);
    const before = await values();
    // same file again: nothing changes
    const again = await raw(officer, 'POST', '/api/v1/indicators/values.csv', res.body);
    expect(again.json()).toMatchObject({ imported: 0, updated: 0, ignored: 4 });
    // wiped and re-imported from the export: the same values
    await p.ctx.db.delete(indicatorValue).where(inArray(indicatorValue.indicatorId, indicatorIds));
    const restored = await raw(officer, 'POST', '/api/v1/indicators/values.csv', res.body);
    expect(restored.json()).toMatchObject({ imported: 4 });
    expect(await values()).toEqual(before);
    // filters: indicator and period; another province's officer sees none of Đà Nẵng's values
    const one = await raw(officer, 'GET', '/api/v1/indicators/values.csv?indicator=XT-QUY&period=2026-Q3');
    expect(one.body.replace(/\r\n$/, '').split('\r\n')).toEqual([`\uFEFF${HEADER}`, 'XT-QUY,48,2026-Q3,12.5,']);
    const outside = await raw(hanoi, 'GET', '/api/v1/indicators/values.csv?unit=48');
    expect(outside.body.trim().split('\r\n')).toHaveLength(1);
    const badFilter = await raw(officer, 'GET', '/api/v1/indicators/values.csv?indicator=KHONG-CO');
    expect(badFilter.status).toBe(400);
  });

  it('checks every row and writes nothing when any row is wrong', async () => {
    const db = p.ctx.db;
    const [unit] = await db.select().from(orgUnit).where(eq(orgUnit.code, '48'));
    await db.insert(indicatorSubmission).values({ orgUnitId: unit.id, period: '2025', status: 'approved' });
    // the city's 2024 is approved: its bodies below may no longer change their 2024 figures
    await db.insert(indicatorSubmission).values({ orgUnitId: unit.id, period: '2024', status: 'approved' });
    const before = await values();
    const audits = (await db.select().from(auditEvent).where(eq(auditEvent.action, 'indicator.values.import'))).length;
    const csv = [
      HEADER,
      'XT-NAM,48,2027,10,hợp lệ', // row 2: valid, but must not be written
      'KHONG-CO,48,2026,1,', // 3 unknown indicator
      'XT-NAM,ZZZ,2026,1,', // 4 unknown unit
      'XT-NAM,48,2026-13,1,', // 5 bad period
      'XT-QUY,48,2026,1,', // 6 period not the indicator's frequency
      'XT-NAM,48,2028,mười,', // 7 not a number
      'XT-NAM,01,2026,1,', // 8 out of scope (Hà Nội)
      'XT-NAM,48,2025,1,', // 9 locked (approved)
      'XT-NAM,48,2027,11,', // 10 duplicate of row 2
      `${CL_CQDP2C},${commune},2026-Q3,1,`, // 11 checklist: not a number indicator
      'XT-NAM,48.UBND,2024,1,', // 12 closed: the city above approved 2024
    ].join('\n');
    const res = await raw(officer, 'POST', '/api/v1/indicators/values.csv', csv);
    expect(res.status).toBe(400);
    const errors = res.json().errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'indicator_code'],
      [4, 'unit_code'],
      [5, 'period'],
      [6, 'period'],
      [7, 'value'],
      [8, 'unit_code'],
      [9, 'period'],
      [10, 'row'],
      [11, 'indicator_code'],
      [12, 'period'],
    ]);
    expect(errors[0].message).toBe('Dòng 3: không có chỉ tiêu mã “KHONG-CO”.');
    expect(errors[3].message).toContain('không khớp tần suất quý của chỉ tiêu XT-QUY');
    expect(errors[5].message).toContain('không có quyền');
    expect(errors[6].message).toContain('đã khóa');
    expect(errors[9].message).toContain('Ủy ban nhân dân');
    expect(errors[7].message).toContain('trùng với dòng 2');
    expect(await values()).toEqual(before);
    expect((await db.select().from(auditEvent).where(eq(auditEvent.action, 'indicator.values.import'))).length).toBe(audits);
  });

  it('refuses hostile files with a clear 4xx: wrong encoding, 3 MB, binary, no columns', async () => {
    const count = await valueCount();
    const latin = Buffer.concat([Buffer.from(`${HEADER}\nXT-NAM,48,2029,1,`), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]), Buffer.from('\n')]);
    const enc = await raw(officer, 'POST', '/api/v1/indicators/values.csv', latin);
    expect(enc.status).toBe(415);
    expect(enc.json().error.message).toContain('UTF-8');
    const big = Buffer.from(`${HEADER}\n${'XT-NAM,48,2029,1,ghi chú dài cho đủ ba megabyte\n'.repeat(64_000)}`);
    expect(big.length).toBeGreaterThan(3 * 1000 * 1000);
    const large = await raw(officer, 'POST', '/api/v1/indicators/values.csv', big);
    expect(large.status).toBe(413);
    expect(large.json().error.message).toContain('tối đa 2 MB');
    const bin = await raw(officer, 'POST', '/api/v1/indicators/values.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2]));
    expect(bin.status).toBe(415);
    const cols = await raw(officer, 'POST', '/api/v1/indicators/values.csv', 'ma,gia_tri\nXT-NAM,1\n');
    expect(cols.status).toBe(400);
    expect(cols.json().error.message).toContain('indicator_code');
    // the upload page says the same, as a page
    const page = await upload(officer, '/indicators/exchange/import', big);
    expect(page.status).toBe(413);
    expect(page.body).toContain('tối đa 2 MB');
    expect(await valueCount()).toBe(count);
    // a viewer may not import at all
    const viewer = await agentFor(p.app, p.ctx.db, (await makeUser(p.ctx.db, { role: 'viewer', orgCode: '48' })).id);
    expect((await raw(viewer, 'POST', '/api/v1/indicators/values.csv', `${HEADER}\nXT-NAM,48,2029,1,\n`)).status).toBe(403);
  });

  it('imports through the page (multipart), with dry run and the error list by row', async () => {
    expect((await officer.get('/indicators/exchange')).status).toBe(200);
    const dry = await upload(officer, '/indicators/exchange/import', `${HEADER}\nXT-NAM,48,2030,5,\n`, { dryRun: 'on' });
    expect(dry.status).toBe(200);
    expect(dry.body).toContain('1 số liệu mới');
    expect(dry.body).toContain('Chưa ghi');
    expect((await values()).some((v) => v.period === '2030')).toBe(false);
    const bad = await upload(officer, '/indicators/exchange/import', `${HEADER}\nXT-NAM,48,2030,abc,\n`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Dòng 2: giá trị “abc” không phải là số');
    const ok = await upload(officer, '/indicators/exchange/import', `${HEADER}\nXT-NAM,48,2030,5,\n`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Đã nhập: 1 số liệu mới');
    expect((await values()).find((v) => v.period === '2030')?.value).toBe(5);
  });

  it('exports DHIS2 dataValueSets with DHIS2 periods, and imports them back all or nothing', async () => {
    const res = await raw(office, 'GET', '/api/v1/indicators/values.dhis2.json?unit=48');
    expect(res.status).toBe(200);
    const doc = res.json();
    const periods = doc.dataValues.map((d: any) => `${d.dataElement}:${d.orgUnit}:${d.period}`).sort();
    expect(periods).toEqual([`XT-NAM:${commune}:2026`, 'XT-NAM:48:2026', 'XT-NAM:48:2030', 'XT-QUY:48:2026Q3', `XT-THANG:${commune}:202607`]);
    const q = doc.dataValues.find((d: any) => d.dataElement === 'XT-QUY');
    expect(q).toMatchObject({ value: '12.5', orgUnit: '48' });
    expect(new Date(q.lastUpdated).getTime()).toBeGreaterThan(0);
    expect((await raw(office, 'GET', '/api/v1/indicators/values.dhis2.json?period=2026Q3')).json().dataValues).toHaveLength(1);

    // round trip: the same document changes nothing
    const before = await values();
    const back = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json', JSON.stringify(doc), 'application/json');
    expect(back.status, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 5, deleted: 0 }, conflicts: [] });
    expect(await values()).toEqual(before);

    // dry run counts without writing; top-level period and orgUnit apply to values without them
    const set = { period: '202608', orgUnit: '48', dataValues: [{ dataElement: 'XT-THANG', value: '42' }, { dataElement: 'XT-QUY', period: '2026Q3', value: 13 }] };
    const dry = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json?dryRun=true', JSON.stringify(set), 'application/json');
    expect(dry.json()).toMatchObject({ status: 'SUCCESS', dryRun: true, importCount: { imported: 1, updated: 1 } });
    expect(await values()).toEqual(before);
    const real = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json', JSON.stringify(set), 'application/json');
    expect(real.json()).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1, updated: 1 } });
    const now = await values();
    expect(now.find((v) => v.i === 'XT-THANG' && v.period === '2026-08')).toMatchObject({ u: '48', value: 42 });
    expect(now.find((v) => v.i === 'XT-QUY')?.value).toBe(13);

    // one bad value: ERROR with conflicts, nothing written
    const wrong = { dataValues: [{ dataElement: 'XT-NAM', period: '2031', orgUnit: '48', value: '1' }, { dataElement: 'XT-NAM', period: '2026W10', orgUnit: '48', value: '1' }, { dataElement: 'XT-NAM', period: '2032', orgUnit: '01', value: '1' }] };
    const err = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json', JSON.stringify(wrong), 'application/json');
    expect(err.status).toBe(409);
    expect(err.json()).toMatchObject({ status: 'ERROR', importCount: { imported: 0, updated: 0, ignored: 3 } });
    expect(err.json().conflicts).toEqual([
      { object: '2026W10', value: 'Dòng 2: kỳ “2026W10” không hợp lệ (DHIS2: 2026, 2026Q3 hoặc 202607).' },
      { object: '01', value: expect.stringContaining('Dòng 3: bạn không có quyền') },
    ]);
    expect(await values()).toEqual(now);
    // a malformed document is a 400 in the error shape; an oversized one a clear 413
    const malformed = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json', JSON.stringify({ values: [] }), 'application/json');
    expect(malformed.status).toBe(400);
    const huge = JSON.stringify({ dataValues: Array.from({ length: 19_000 }, (_, i) => ({ dataElement: 'XT-NAM', period: '2026', orgUnit: '48', value: String(i), comment: 'x'.repeat(120) })) });
    const tooBig = await raw(officer, 'POST', '/api/v1/indicators/values.dhis2.json', huge, 'application/json');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json().error.message).toContain('tối đa 2 MB');
    expect(await values()).toEqual(now);
  });
});
