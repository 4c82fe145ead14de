/**
 * Indicator pages and API over HTTP: bad input gets a 4xx with a Vietnamese message and changes
 * nothing; scope is enforced; the catalogue searches without diacritics; the value sheet saves a
 * draft and sends it up like a browser; the approval queue approves; evidence files are stored;
 * targets and confidence ratings are validated and audited.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator, indicatorConfidence, indicatorSubmission, indicatorTarget, indicatorValue } from '../../src/indicators/schema';
import { findUnitByCode } from '../../src/org/queries';
import { auditEvent } from '../../src/platform/audit/schema';
import { makeUser } from '../support/factories';
import { type TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let dataDir: string;
let officer: TestAgent;
let office: TestAgent;
let viewer: TestAgent;
let danang: TestAgent;

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-indicators-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  officer = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '79' })).id);
  danang = await agentFor(p.app, db, (await makeUser(db, { role: 'leader', orgCode: '48' })).id);
  office = await agentFor(p.app, db, (await makeUser(db, { role: 'standing_office' })).id);
  viewer = await agentFor(p.app, db, (await makeUser(db, { role: 'viewer' })).id);
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function counts() {
  const db = p.ctx.db;
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0].n);
  return {
    values: await n(db.select({ n: sql<number>`count(*)::int` }).from(indicatorValue)),
    submissions: await n(db.select({ n: sql<number>`count(*)::int` }).from(indicatorSubmission)),
    targets: await n(db.select({ n: sql<number>`count(*)::int` }).from(indicatorTarget)),
    ratings: await n(db.select({ n: sql<number>`count(*)::int` }).from(indicatorConfidence)),
    audit: await n(db.select({ n: sql<number>`count(*)::int` }).from(auditEvent)),
  };
}

describe('bad input changes nothing', () => {
  it('refuses a bad period, a non-number, a huge comment, an unknown code and an out-of-scope unit with Vietnamese 4xx', async () => {
    const before = await counts();
    const cases: [unknown, string, number][] = [
      [{ unitCode: '79', period: '2026-13', value: 1 }, 'DP-01', 400],
      [{ unitCode: '79', period: '2026-Q1', value: 'abc' }, 'DP-01', 400],
      [{ unitCode: '79', period: '2026-Q1', value: 5, comment: 'x'.repeat(10_240) }, 'DP-01', 400],
      [{ unitCode: '79', period: '2026', value: 5 }, 'DP-01', 400],
      [{ unitCode: '79', period: '2026-Q1', value: 5 }, 'KHONG-CO', 404],
      [{ unitCode: '48', period: '2026-Q1', value: 5 }, 'DP-01', 403],
      [{ unitCode: 'ZZ99', period: '2026-Q1', value: 5 }, 'DP-01', 404],
    ];
    for (const [body, code, status] of cases) {
      const res = await officer.api('PUT', `/api/v1/indicators/${code}/values`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      const err = res.json().error;
      expect(err.message).toMatch(VIETNAMESE);
      for (const m of Object.values(err.fields ?? {})) expect(m).toMatch(VIETNAMESE);
    }
    expect((await officer.api('POST', '/api/v1/indicator-periods/79/2026-13/submit')).status).toBe(400);
    expect((await officer.api('POST', '/api/v1/indicator-periods/79/2026-Q1/submit')).status).toBe(409); // nothing entered
    expect((await officer.api('POST', '/api/v1/indicator-periods/48/2026-Q1/submit')).status).toBe(403);
    expect((await officer.api('GET', '/api/v1/indicators?limit=0')).status).toBe(400);
    expect((await officer.api('GET', '/api/v1/indicators?cursor=bad!')).status).toBe(400);
    expect((await officer.api('GET', '/api/v1/indicators/DP-01/values?period=2026-Q5')).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('the value sheet re-renders a bad number with its message and keeps what was typed', async () => {
    const before = await counts();
    const res = await officer.postForm('/indicators/report?unit=79&period=2026-Q1', { value_DP_X: '', 'value_DP-01': 'abc', 'comment_DP-01': 'Ghi chú thử', action: 'save' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Giá trị phải là một số');
    expect(res.body).toContain('Ghi chú thử');
    expect(await counts()).toEqual(before);
  });
});

describe('pages', () => {
  it('the catalogue filters, searches without diacritics and shows the hierarchy; viewers may read it', async () => {
    const all = await viewer.get('/indicators');
    expect(all.status).toBe(200);
    expect(all.body).toContain('NQ57-2030-11');
    expect(all.body).toContain('DP-01');
    expect(all.body).toContain('Chưa đánh giá');
    const search = await viewer.get('/indicators?q=dich%20vu%20cong%20truc%20tuyen%20toan%20trinh');
    expect(search.body).toContain('DP-01');
    expect(search.body).not.toContain('NQ03-CT-12');
    const kind = await viewer.get('/indicators?kind=strategic');
    expect(kind.body).toContain('NQ57-2030-01');
    expect(kind.body).not.toContain('DP-01');
    const local = await viewer.get('/indicators?source=LOCAL');
    expect(local.body).toContain('DP-07');
    expect(local.body).not.toContain('NQ57-2030-11');
    const detail = await viewer.get('/indicators/DP-01');
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('Quý I/2026');
    expect(detail.body).toContain('Trung bình cộng');
    expect(detail.body).not.toContain('Đánh giá mức độ tin cậy');
    expect((await viewer.get('/indicators/KHONG-CO')).status).toBe(404);
    expect((await viewer.get('/indicators/report?unit=79&period=2026-Q1')).status).toBe(403);
    expect((await viewer.get('/indicators/DP-01/edit')).status).toBe(403);
  });

  it('a province saves a draft, attaches evidence, sends it up; the standing office approves from the queue', async () => {
    const db = p.ctx.db;
    const hcm = (await findUnitByCode(db, '79'))!;
    const sheet = await officer.get('/indicators/report?unit=79&period=2026-Q3');
    expect(sheet.status).toBe(200);
    expect(sheet.body).toContain('Giá trị DP-01');
    expect(sheet.body).toContain('Gửi phê duyệt');
    expect(sheet.body).not.toContain('NQ57-2030-11'); // yearly national statistics are not on a quarter sheet

    const saved = await officer.postForm('/indicators/report?unit=79&period=2026-Q3', { 'value_DP-01': '81,5', 'comment_DP-01': 'Số liệu ngày 30/9', 'evidence_DP-01': 'Báo cáo số 12/BC-UBND', action: 'save' });
    expect(saved.status).toBe(303);
    const [row] = await db.select().from(indicatorValue).where(and(eq(indicatorValue.orgUnitId, hcm.id), eq(indicatorValue.period, '2026-Q3')));
    expect(Number(row.value)).toBe(81.5);
    expect(row.evidenceText).toBe('Báo cáo số 12/BC-UBND');

    // evidence file through the one-indicator form (multipart)
    const token = await officer.csrf();
    const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%${randomUUID()}\n%%EOF\n`);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="value_DP-01"\r\n\r\n82\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file_DP-01"; filename="bao-cao-quy-3.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const cookie = [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const up = await p.app.inject({
      method: 'POST',
      url: '/indicators/report/entry?unit=79&period=2026-Q3&code=DP-01',
      headers: { cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(up.statusCode).toBe(303);
    const [withFile] = await db.select().from(indicatorValue).where(and(eq(indicatorValue.orgUnitId, hcm.id), eq(indicatorValue.period, '2026-Q3')));
    expect(Number(withFile.value)).toBe(82);
    expect(withFile.evidenceFileName).toBe('bao-cao-quy-3.pdf');
    const dl = await office.get('/indicators/evidence/79/2026-Q3/DP-01');
    expect(dl.status).toBe(200);
    expect(dl.body).toContain('%PDF');
    expect((await danang.get('/indicators/evidence/79/2026-Q3/DP-01')).status).toBe(403);

    const sent = await officer.postForm('/indicators/report?unit=79&period=2026-Q3', { 'value_DP-01': '82', action: 'submit' });
    expect(sent.status).toBe(303);
    const lockedSheet = await officer.get('/indicators/report?unit=79&period=2026-Q3');
    expect(lockedSheet.body).toContain('Chờ phê duyệt');
    expect(lockedSheet.body).toContain('đang khoá');

    const queue = await office.get('/indicators/approvals');
    expect(queue.status).toBe(200);
    expect(queue.body).toContain('Phê duyệt số liệu Quý III/2026 của');
    expect((await danang.get('/indicators/approvals')).body).not.toContain('/indicators/approvals/79/');
    const noMessage = await office.postForm('/indicators/approvals/79/2026-Q3/return', { message: '' });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body).toContain('nội dung cần chỉnh sửa');
    const approve = await office.postForm('/indicators/approvals/79/2026-Q3/approve', {});
    expect(approve.status).toBe(303);
    const [sub] = await db.select().from(indicatorSubmission).where(and(eq(indicatorSubmission.orgUnitId, hcm.id), eq(indicatorSubmission.period, '2026-Q3')));
    expect(sub.status).toBe('approved');
    const again = await office.postForm('/indicators/approvals/79/2026-Q3/approve', {});
    expect(again.status).toBe(409);

    // the approved value now drives the national status on the page: root = 82 (only province) vs Q3 target 80
    const page = await office.get('/indicators/DP-01?period=2026-Q3');
    expect(page.body).toContain('Đúng tiến độ');
    expect(page.body).toContain('Đánh giá mức độ tin cậy');
  });
});

describe('targets and confidence', () => {
  it('validates and audits targets; only indicator.manage may set them', async () => {
    const before = await counts();
    expect((await officer.api('PUT', '/api/v1/indicators/DP-03/targets', { targets: [{ period: '2027-Q1', value: 96 }] })).status).toBe(403);
    const bad = await office.api('PUT', '/api/v1/indicators/DP-03/targets', { targets: [{ period: '2027-13', value: 96 }, { period: '2027-Q2', value: 'nhiều' }] });
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields['targets.0.period']).toMatch(VIETNAMESE);
    expect(bad.json().error.fields['targets.1.value']).toMatch(VIETNAMESE);
    expect(await counts()).toEqual(before);
    const ok = await office.api('PUT', '/api/v1/indicators/DP-03/targets', { targets: [{ period: '2027-Q1', value: 96 }, { period: '2030', value: 100 }] });
    expect(ok.status).toBe(200);
    expect(ok.json().targets).toEqual(expect.arrayContaining([{ period: '2027-Q1', value: 96, note: null }]));
    const after = await counts();
    expect(after.targets).toBe(before.targets + 2);
    expect(after.audit).toBe(before.audit + 1);
    const form = await office.postForm('/indicators/DP-03/targets', { 'targets.0.period': '2027-Q5', 'targets.0.value': '1' });
    expect(form.status).toBe(400);
    expect(form.body).toContain('không hợp lệ');
  });

  it('edits a definition with validation', async () => {
    const bad = await office.postForm('/indicators/DP-05/edit', {
      name: 'Tỉ lệ người trưởng thành có chữ ký số',
      direction: 'higher',
      aggregation: 'mean',
      frequency: 'quarter',
      onTrackRatio: '0,8',
      atRiskRatio: '0,9',
      weight: '1',
      parentCode: 'DP-05',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Ngưỡng “có nguy cơ”');
    const ok = await office.postForm('/indicators/DP-05/edit', {
      name: 'Tỉ lệ người trưởng thành có chữ ký số',
      direction: 'higher',
      aggregation: 'mean',
      frequency: 'quarter',
      onTrackRatio: '0,9',
      atRiskRatio: '0,75',
      weight: '2',
      parentCode: 'NQ03-CT-31',
      isActive: 'on',
    });
    expect(ok.status).toBe(303);
    const [row] = await p.ctx.db.select().from(indicator).where(eq(indicator.code, 'DP-05'));
    expect(Number(row.onTrackRatio)).toBe(0.9);
    expect(Number(row.weight)).toBe(2);
  });

  it('rates confidence with a required reason; history keeps every rating', async () => {
    const before = await counts();
    expect((await officer.api('POST', '/api/v1/indicators/DP-01/confidence', { level: 4, reason: 'Có kế hoạch' })).status).toBe(403);
    const noReason = await office.api('POST', '/api/v1/indicators/DP-01/confidence', { level: 4, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect((await office.api('POST', '/api/v1/indicators/DP-01/confidence', { level: 6, reason: 'Quá cao' })).status).toBe(400);
    expect(await counts()).toEqual(before);
    const ok = await office.api('POST', '/api/v1/indicators/DP-01/confidence', { level: 2, reason: 'Nhiều tỉnh chưa kết nối hệ thống một cửa.' });
    expect(ok.status).toBe(201);
    expect((await danang.api('POST', '/api/v1/indicators/DP-01/confidence', { unitCode: '48', level: 4, reason: 'Đà Nẵng đã hoàn thành kết nối.' })).status).toBe(201);
    expect((await danang.api('POST', '/api/v1/indicators/DP-01/confidence', { unitCode: '79', level: 4, reason: 'Không thuộc phạm vi' })).status).toBe(403);
    const detail = await office.api('GET', '/api/v1/indicators/DP-01');
    expect(detail.json().confidence).toMatchObject({ level: 4, unitCode: '48' });
    const page = await office.get('/indicators/DP-01');
    expect(page.body).toContain('Nhiều tỉnh chưa kết nối');
    expect(page.body).toContain('4 – Cao');
    expect((await counts()).audit).toBe(before.audit + 2);
  });

  it('lists the catalogue through the API with keyset paging', async () => {
    const first = await viewer.api('GET', '/api/v1/indicators?kind=operational&limit=10');
    expect(first.status).toBe(200);
    expect(first.json().items).toHaveLength(10);
    const second = await viewer.api('GET', `/api/v1/indicators?kind=operational&limit=10&cursor=${first.json().nextCursor}`);
    const codes = [...first.json().items, ...second.json().items].map((i: { code: string }) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    // a cursor belongs to its listing
    expect((await viewer.api('GET', `/api/v1/indicators?kind=strategic&limit=10&cursor=${first.json().nextCursor}`)).status).toBe(400);
  });
});
