/**
 * Progress reports end to end on a real database: multipart upload with evidence files, content
 * addressed storage, review (return, fix, accept), task completion, locking, scope, the review
 * queue and the bottleneck register, with the audit trail.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode, rootUnit } from '../../src/org/queries';
import { bottleneck, progressReport, reportEvidence } from '../../src/monitoring/reports/schema';
import { plan, task, taskCoordinator } from '../../src/monitoring/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { storedFile } from '../../src/platform/files/schema';
import { pathForHash } from '../../src/platform/files/store';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

type User = Awaited<ReturnType<typeof makeUser>>;

let p: TestPlatform;
let dataDir: string;
let hanoiOfficer: User;
let danangOfficer: User;
let bkhcnOfficer: User;
let office: User;
let hanoi: TestAgent;
let danang: TestAgent;
let bkhcn: TestAgent;
let so: TestAgent;
let planId: string;

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n'), Buffer.from(`%${randomUUID()}\n%%EOF\n`)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64, 0)]);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-reports-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  hanoiOfficer = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Chuyên Viên Hà Nội' });
  danangOfficer = await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Chuyên Viên Đà Nẵng' });
  bkhcnOfficer = await makeUser(db, { role: 'officer', orgCode: 'BKHCN', fullName: 'Chuyên Viên Bộ KH&CN' });
  office = await makeUser(db, { role: 'standing_office', fullName: 'Văn Phòng Thường Trực' });
  hanoi = await agentFor(p.app, db, hanoiOfficer.id);
  danang = await agentFor(p.app, db, danangOfficer.id);
  bkhcn = await agentFor(p.app, db, bkhcnOfficer.id);
  so = await agentFor(p.app, db, office.id);
  const [pl] = await db.insert(plan).values({ code: `KH-${randomUUID().slice(0, 8)}`, title: 'Kế hoạch kiểm thử báo cáo', reportingCadence: 'monthly' }).returning();
  planId = pl.id;
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function makeTask(opts: { deadline: string }) {
  const db = p.ctx.db;
  const hanoiUnit = (await findUnitByCode(db, '01'))!;
  const ministry = (await findUnitByCode(db, 'BKHCN'))!;
  const root = (await rootUnit(db))!;
  const [row] = await db
    .insert(task)
    .values({
      planId,
      code: `NV-${randomUUID().slice(0, 8)}`,
      title: 'Xây dựng cơ sở dữ liệu chuyển đổi số của thành phố',
      leadUnitId: hanoiUnit.id,
      assigningUnitId: root.id,
      deadline: opts.deadline,
    })
    .returning();
  await db.insert(taskCoordinator).values({ taskId: row.id, orgUnitId: ministry.id });
  return row;
}

async function count(table: typeof progressReport | typeof storedFile | typeof reportEvidence | typeof bottleneck) {
  const [r] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(r.n);
}

async function auditCount(action: string, entityId?: string) {
  const conds = [eq(auditEvent.action, action)];
  if (entityId) conds.push(eq(auditEvent.entityId, entityId));
  const [r] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(and(...conds));
  return Number(r.n);
}

async function taskRow(id: string) {
  const [row] = await p.ctx.db.select().from(task).where(eq(task.id, id));
  return row;
}

/** Files stored on disk under DATA_DIR/files. */
function filesOnDisk(): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

/** A multipart/form-data body built by hand, fields in order, then files. */
function multipartBody(fields: [string, string][], files: { field: string; filename: string; content: Buffer; type?: string }[]) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs the report form as a browser would (multipart, CSRF field first unless told otherwise). */
async function postReport(
  agent: TestAgent,
  taskId: string,
  fields: Record<string, string>,
  files: { field: string; filename: string; content: Buffer; type?: string }[] = [],
  opts: { csrf?: boolean } = {},
) {
  const token = await agent.csrf();
  const list: [string, string][] = [...(opts.csrf === false ? [] : [['_csrf', token] as [string, string]]), ...Object.entries(fields)];
  const body = multipartBody(list, files);
  const res = await p.app.inject({
    method: 'POST',
    url: `/tasks/${taskId}/reports`,
    headers: {
      accept: 'text/html',
      'content-type': body.contentType,
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

const reportIdFrom = (location: string | undefined) => /^\/reports\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1] ?? '';

describe(`progress reports on ${backend}`, () => {
  it('takes a report with an evidence file from the lead unit, stores the file once, and lets only people in scope download it', async () => {
    const t1 = await makeTask({ deadline: '2099-12-31' });
    const form = await hanoi.get(`/tasks/${t1.id}/reports/new`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body.indexOf('name="_csrf"')).toBeLessThan(form.body.indexOf('name="files"'));

    const r = await postReport(
      hanoi,
      t1.id,
      { kind: 'periodic', periodDate: '2026-11-15', percentDone: '40', doneText: 'Đã hoàn thành khảo sát hiện trạng dữ liệu.', obstaclesText: '' },
      [{ field: 'files', filename: 'Biên bản khảo sát.pdf', content: PDF }],
    );
    expect(r.status).toBe(303);
    const id = reportIdFrom(r.location);
    expect(id).not.toBe('');
    const [row] = await p.ctx.db.select().from(progressReport).where(eq(progressReport.id, id));
    expect(row).toMatchObject({ status: 'submitted', percentDone: 40, periodLabel: 'Tháng 11/2026', periodStart: '2026-11-01', periodEnd: '2026-11-30', version: 1 });
    expect(row.authorId).toBe(hanoiOfficer.id);
    expect(await auditCount('report.submit', id)).toBe(1);
    // the task page lists the report and offers the lead unit a new one
    const taskPage = await hanoi.get(`/tasks/${t1.id}`);
    expect(taskPage.body).toContain(`href="/reports/${id}"`);
    expect(taskPage.body).toContain(`href="/tasks/${t1.id}/reports/new"`);

    const hash = createHash('sha256').update(PDF).digest('hex');
    const [file] = await p.ctx.db.select().from(storedFile).where(eq(storedFile.hash, hash));
    expect(file).toMatchObject({ size: PDF.length, mimeType: 'application/pdf', originalName: 'Biên bản khảo sát.pdf'.normalize('NFC') });
    expect(fs.readFileSync(pathForHash(dataDir, hash)).equals(PDF)).toBe(true);
    expect(pathForHash(dataDir, hash)).toContain(path.join('files', hash.slice(0, 2), hash.slice(2, 4), hash));

    // the same bytes again: one stored file, two pieces of evidence
    const again = await postReport(hanoi, t1.id, { kind: 'ad_hoc', percentDone: '45', doneText: 'Bổ sung.' }, [
      { field: 'files', filename: 'ban-sao.pdf', content: PDF },
    ]);
    expect(again.status).toBe(303);
    expect((await p.ctx.db.select().from(storedFile).where(eq(storedFile.hash, hash))).length).toBe(1);
    expect(filesOnDisk().filter((f) => f.endsWith(hash)).length).toBe(1);

    // the reviewer sees the claim beside the evidence and downloads it
    const page = await so.get(`/reports/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đã hoàn thành khảo sát hiện trạng dữ liệu.');
    const link = new RegExp(`/reports/${id}/files/${file.id}`);
    expect(page.body).toMatch(link);
    expect(page.body).toContain('name="decision" value="accept"');
    const dl = await p.app.inject({ method: 'GET', url: `/reports/${id}/files/${file.id}`, headers: { cookie: `nq57_session=${so.cookies.get('nq57_session')}` } });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment; filename="Bien ban khao sat.pdf"; filename\*=UTF-8''Bi%C3%AAn/);

    // a sibling province's officer may neither open the report nor download its file
    expect((await danang.get(`/reports/${id}`)).status).toBe(403);
    expect((await danang.get(`/reports/${id}/files/${file.id}`)).status).toBe(403);
    expect((await new TestAgent(p.app).get(`/reports/${id}/files/${file.id}`)).status).toBe(303);
  });

  it('refuses a multipart post without the CSRF field, a file of the wrong type, and a completion report without evidence, writing nothing', async () => {
    const t2 = await makeTask({ deadline: '2099-12-31' });
    const before = { reports: await count(progressReport), files: await count(storedFile), evidence: await count(reportEvidence), disk: filesOnDisk().length };
    const fields = { kind: 'periodic', periodDate: '2026-11-15', percentDone: '10', doneText: 'Nội dung.' };

    const noCsrf = await postReport(hanoi, t2.id, fields, [{ field: 'files', filename: 'a.pdf', content: PDF }], { csrf: false });
    expect(noCsrf.status).toBe(403);
    const anonymous = await postReport(new TestAgent(p.app), t2.id, fields, [{ field: 'files', filename: 'a.pdf', content: PDF }]);
    expect(anonymous.status).toBe(401);
    const wrongCsrf = await postReport(hanoi, t2.id, { _csrf: 'x'.repeat(32), ...fields }, [{ field: 'files', filename: 'a.pdf', content: PDF }], { csrf: false });
    expect(wrongCsrf.status).toBe(403);
    expect(wrongCsrf.body).toContain('Phiên làm việc');

    const big = await postReport(hanoi, t2.id, fields, [{ field: 'files', filename: 'lon.pdf', content: Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]) }]);
    expect(big.status).toBe(413);
    expect(big.body).toContain('tối đa 20 MB');

    const exe = await postReport(hanoi, t2.id, fields, [{ field: 'files', filename: 'chuong-trinh.pdf', content: ELF }]);
    expect(exe.status).toBe(400);
    expect(exe.body).toContain('không đúng định dạng cho phép');
    expect(exe.body).toContain('chuong-trinh.pdf');

    const noEvidence = await postReport(hanoi, t2.id, { ...fields, percentDone: '100', isFinal: 'on' });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body).toContain('Báo cáo hoàn thành phải kèm sản phẩm đầu ra');

    const apiNoEvidence = await hanoi.api('POST', `/api/v1/tasks/${t2.id}/reports`, { kind: 'ad_hoc', percentDone: 100, doneText: 'Xong.', isFinal: true });
    expect(apiNoEvidence.status).toBe(400);
    expect(apiNoEvidence.json().error.fields.documentNumber).toMatch(/sản phẩm đầu ra/);

    // a sibling province's officer cannot report on the task
    const sibling = await postReport(danang, t2.id, fields, [{ field: 'files', filename: 'a.pdf', content: PDF }]);
    expect(sibling.status).toBe(403);
    expect((await danang.api('POST', `/api/v1/tasks/${t2.id}/reports`, { kind: 'ad_hoc', percentDone: 5, doneText: 'x' })).status).toBe(403);

    expect({ reports: await count(progressReport), files: await count(storedFile), evidence: await count(reportEvidence), disk: filesOnDisk().length }).toEqual(before);
    expect((await taskRow(t2.id)).status).toBe('not_started');
  });

  it('returns a report with a comment, takes a fixed version, accepts it and closes the task on time; the accepted report is locked', async () => {
    const t3 = await makeTask({ deadline: '2099-12-31' });
    const first = await postReport(hanoi, t3.id, { kind: 'ad_hoc', percentDone: '100', isFinal: 'on', doneText: 'Đã ban hành quyết định.', link: 'https://example.gov.vn/qd' });
    expect(first.status).toBe(303);
    const v1 = reportIdFrom(first.location);

    // the reviewer queue lists it
    expect((await so.get('/reviews')).body).toContain(`/reports/${v1}`);

    // returning needs a comment
    const noComment = await so.postForm(`/reports/${v1}/review`, { decision: 'return', comment: '' });
    expect(noComment.status).toBe(400);
    expect(noComment.body).toContain('Nhập ý kiến khi trả lại báo cáo.');
    // a sibling province's officer cannot review
    const siblingReview = await danang.postForm(`/reports/${v1}/review`, { decision: 'accept' });
    expect(siblingReview.status).toBe(403);
    expect((await danang.api('POST', `/api/v1/reports/${v1}/review`, { decision: 'accept' })).status).toBe(403);
    expect((await p.ctx.db.select().from(progressReport).where(eq(progressReport.id, v1)))[0].status).toBe('submitted');

    const ret = await so.postForm(`/reports/${v1}/review`, { decision: 'return', comment: 'Cần bổ sung số và ngày của quyết định.' });
    expect(ret.status).toBe(303);
    expect(await auditCount('report.return', v1)).toBe(1);
    expect((await so.get('/reviews')).body).not.toContain(`/reports/${v1}`);
    const returnedPage = await hanoi.get(`/reports/${v1}`);
    expect(returnedPage.body).toContain('Cần bổ sung số và ngày của quyết định.');
    expect(returnedPage.body).toContain(`/tasks/${t3.id}/reports/new?supersedes=${v1}`);

    // another unit (the co-ordinating ministry) cannot write a version of Hà Nội's report
    const otherUnit = await bkhcn.api('POST', `/api/v1/tasks/${t3.id}/reports`, { supersedesId: v1, percentDone: 100, isFinal: true, doneText: 'x', link: 'https://a.vn' });
    expect(otherUnit.status).toBe(403);
    const fixed = await postReport(hanoi, t3.id, {
      supersedesId: v1,
      percentDone: '100',
      isFinal: 'on',
      doneText: 'Đã ban hành quyết định.',
      documentNumber: '123/QĐ-UBND',
      documentDate: '2026-11-20',
    });
    expect(fixed.status).toBe(303);
    const v2 = reportIdFrom(fixed.location);
    const [row2] = await p.ctx.db.select().from(progressReport).where(eq(progressReport.id, v2));
    expect(row2).toMatchObject({ version: 2, supersedesId: v1, status: 'submitted', documentNumber: '123/QĐ-UBND', documentDate: '2026-11-20', onTime: true });
    // a returned report is fixed once
    const twice = await postReport(hanoi, t3.id, { supersedesId: v1, percentDone: '100', isFinal: 'on', doneText: 'x', link: 'https://a.vn' });
    expect(twice.status).toBe(409);

    const accept = await so.postForm(`/reports/${v2}/review`, { decision: 'accept' });
    expect(accept.status).toBe(303);
    const done = await taskRow(t3.id);
    expect(done).toMatchObject({ status: 'done_on_time', percentDone: 100 });
    expect(done.completedAt).not.toBeNull();
    expect(await auditCount('task.complete', t3.id)).toBe(1);

    // history stays visible
    const page = await so.get(`/reports/${v2}`);
    expect(page.body).toContain('Phiên bản 1');
    expect(page.body).toContain('Phiên bản 2');
    expect(page.body).toContain('123/QĐ-UBND');
    expect(page.body).not.toContain('name="decision"');

    // locked: no second review, no new version over it, no more reports on a closed task
    const again = await so.postForm(`/reports/${v2}/review`, { decision: 'return', comment: 'Thử sửa.' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('đã được chấp nhận và bị khóa');
    const api = await so.api('POST', `/api/v1/reports/${v2}/review`, { decision: 'return', comment: 'x' });
    expect(api.status).toBe(409);
    const over = await hanoi.api('POST', `/api/v1/tasks/${t3.id}/reports`, { supersedesId: v2, percentDone: 50, doneText: 'sửa' });
    expect(over.status).toBe(409);
    const [still] = await p.ctx.db.select().from(progressReport).where(eq(progressReport.id, v2));
    expect(still).toMatchObject({ status: 'accepted', percentDone: 100, reviewComment: null });
  });

  it('closes a task late when completion is accepted after its deadline, and moves progress on ordinary reports', async () => {
    const late = await makeTask({ deadline: '2020-01-31' });
    const prog = await hanoi.api('POST', `/api/v1/tasks/${late.id}/reports`, { kind: 'periodic', periodDate: '2020-01-10', percentDone: 60, doneText: 'Đang triển khai.' });
    expect(prog.status).toBe(201);
    expect(prog.json()).toMatchObject({ status: 'submitted', onTime: false, periodLabel: 'Tháng 01/2020' });
    expect((await so.api('POST', `/api/v1/reports/${prog.json().id}/review`, { decision: 'accept' })).status).toBe(200);
    expect(await taskRow(late.id)).toMatchObject({ status: 'in_progress', percentDone: 60 });

    // the co-ordinating ministry reports its part: it cannot claim completion, and its part leaves the task's percent alone
    const part = await bkhcn.api('POST', `/api/v1/tasks/${late.id}/reports`, { kind: 'ad_hoc', percentDone: 90, doneText: 'Phần phối hợp của Bộ.' });
    expect(part.status).toBe(201);
    const ministry = (await findUnitByCode(p.ctx.db, 'BKHCN'))!;
    expect(part.json().reportingUnitId).toBe(ministry.id);
    const claim = await bkhcn.api('POST', `/api/v1/tasks/${late.id}/reports`, { kind: 'ad_hoc', percentDone: 100, isFinal: true, doneText: 'x', link: 'https://a.vn' });
    expect(claim.status).toBe(400);
    expect(claim.json().error.fields.isFinal).toMatch(/chủ trì/);
    expect((await so.api('POST', `/api/v1/reports/${part.json().id}/review`, { decision: 'accept' })).status).toBe(200);
    expect((await taskRow(late.id)).percentDone).toBe(60);

    const final = await hanoi.api('POST', `/api/v1/tasks/${late.id}/reports`, {
      kind: 'ad_hoc',
      percentDone: 100,
      isFinal: true,
      doneText: 'Đã hoàn thành.',
      link: 'https://hanoi.gov.vn/van-ban/1',
    });
    expect(final.status).toBe(201);
    expect(final.json().onTime).toBe(false);
    expect((await so.api('POST', `/api/v1/reports/${final.json().id}/review`, { decision: 'accept' })).status).toBe(200);
    expect(await taskRow(late.id)).toMatchObject({ status: 'done_late', percentDone: 100 });

    const one = await hanoi.api('GET', `/api/v1/reports/${final.json().id}`);
    expect(one.json()).toMatchObject({ status: 'accepted', isFinal: true, link: 'https://hanoi.gov.vn/van-ban/1' });
    expect((await danang.api('GET', `/api/v1/reports/${final.json().id}`)).status).toBe(403);
    const list = await hanoi.api('GET', `/api/v1/tasks/${late.id}/reports`);
    expect(list.status).toBe(200);
    expect(list.json().items).toHaveLength(3);
    expect((await danang.api('GET', `/api/v1/tasks/${late.id}/reports`)).status).toBe(403);
  });

  it('lists only reports awaiting review, oldest first, for the reviewer in scope', async () => {
    const t5 = await makeTask({ deadline: '2099-12-31' });
    const a = await hanoi.api('POST', `/api/v1/tasks/${t5.id}/reports`, { kind: 'ad_hoc', percentDone: 10, doneText: 'Một.' });
    const b = await hanoi.api('POST', `/api/v1/tasks/${t5.id}/reports`, { kind: 'ad_hoc', percentDone: 20, doneText: 'Hai.' });
    const c = await hanoi.api('POST', `/api/v1/tasks/${t5.id}/reports`, { kind: 'ad_hoc', percentDone: 30, doneText: 'Ba.' });
    await so.api('POST', `/api/v1/reports/${b.json().id}/review`, { decision: 'accept' });
    const queue = await so.get('/reviews');
    expect(queue.status).toBe(200);
    const ids = [...queue.body.matchAll(/href="\/reports\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids).toContain(a.json().id);
    expect(ids).toContain(c.json().id);
    expect(ids).not.toContain(b.json().id);
    expect(ids.indexOf(a.json().id)).toBeLessThan(ids.indexOf(c.json().id));
    const accepted = (await p.ctx.db.select({ id: progressReport.id }).from(progressReport).where(eq(progressReport.status, 'accepted'))).map((r) => r.id);
    for (const id of accepted) expect(ids).not.toContain(id);
    // a sibling province's officer reviews nothing
    const other = await danang.get('/reviews');
    expect(other.status).toBe(200);
    expect(other.body).not.toContain('/reports/');
    expect(other.body).not.toContain('href="/reviews"');
    expect(queue.body).toContain('href="/reviews"');
  });

  it('raises a bottleneck from a report, lists it by scope and filter, and resolves it, audited', async () => {
    const t6 = await makeTask({ deadline: '2099-12-31' });
    const r = await postReport(hanoi, t6.id, {
      kind: 'ad_hoc',
      percentDone: '30',
      doneText: 'Đang chờ hướng dẫn.',
      obstaclesText: 'Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu\nCần Bộ hướng dẫn.',
      raiseBottleneck: 'on',
    });
    expect(r.status).toBe(303);
    const reportId = reportIdFrom(r.location);
    const [b] = await p.ctx.db.select().from(bottleneck).where(eq(bottleneck.reportId, reportId));
    expect(b).toMatchObject({ taskId: t6.id, title: 'Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu', status: 'open' });
    expect(await auditCount('bottleneck.raise', b.id)).toBe(1);

    const page = await so.get('/bottlenecks?status=open');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu');
    expect((await so.get('/bottlenecks?status=resolved')).body).not.toContain('Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu');
    expect((await so.get('/bottlenecks?unit=48')).body).not.toContain('Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu');
    expect((await danang.get('/bottlenecks')).body).not.toContain('Thiếu hướng dẫn kỹ thuật về chia sẻ dữ liệu');
    const api = await hanoi.api('GET', '/api/v1/bottlenecks?status=open');
    expect(api.json().items.map((x: { id: string }) => x.id)).toContain(b.id);
    expect((await danang.api('GET', '/api/v1/bottlenecks')).json().items.map((x: { id: string }) => x.id)).not.toContain(b.id);

    // raised directly, on a unit, by the API
    const direct = await hanoi.api('POST', '/api/v1/bottlenecks', { title: 'Thiếu kinh phí', ownerUnitCode: '01', taskId: t6.id });
    expect(direct.status).toBe(201);
    expect(direct.json()).toMatchObject({ status: 'open', ownerUnit: { code: '01' }, taskId: t6.id });
    const foreign = await danang.api('POST', '/api/v1/bottlenecks', { title: 'Của tỉnh khác', ownerUnitCode: '01' });
    expect(foreign.status).toBe(403);
    // and with the form on the register page, by task code
    const before = await count(bottleneck);
    const bad = await hanoi.postForm('/bottlenecks', { title: '', taskCode: t6.code, ownerUnitCode: '' });
    expect(bad.status).toBe(400);
    expect(await count(bottleneck)).toBe(before);
    const viaForm = await hanoi.postForm('/bottlenecks', { title: 'Chưa có hạ tầng kết nối', description: 'Đường truyền chưa đủ.', taskCode: t6.code, ownerUnitCode: '' });
    expect(viaForm.status).toBe(303);
    const [formRow] = await p.ctx.db.select().from(bottleneck).where(eq(bottleneck.title, 'Chưa có hạ tầng kết nối'));
    expect(formRow).toMatchObject({ taskId: t6.id, ownerUnitId: t6.leadUnitId, raisedBy: hanoiOfficer.id });
    expect(await auditCount('bottleneck.raise', formRow.id)).toBe(1);
    const noResolution = await hanoi.api('POST', `/api/v1/bottlenecks/${formRow.id}/resolve`, { status: 'resolved' });
    expect(noResolution.status).toBe(400);
    expect(noResolution.json().error.fields.resolution).toMatch(/kết quả xử lý/);
    const working = await hanoi.api('POST', `/api/v1/bottlenecks/${formRow.id}/resolve`, { status: 'in_progress' });
    expect(working.status).toBe(200);
    expect(working.json().status).toBe('in_progress');
    expect(await auditCount('bottleneck.update', formRow.id)).toBe(1);

    // the sibling cannot resolve; resolving needs a resolution
    expect((await danang.postForm(`/bottlenecks/${b.id}`, { status: 'resolved', resolution: 'x' })).status).toBe(403);
    const empty = await so.postForm(`/bottlenecks/${b.id}`, { status: 'resolved', resolution: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Nhập kết quả xử lý');
    const ok = await so.postForm(`/bottlenecks/${b.id}`, { status: 'resolved', resolution: 'Bộ KH&CN đã ban hành hướng dẫn.' });
    expect(ok.status).toBe(303);
    const [after] = await p.ctx.db.select().from(bottleneck).where(eq(bottleneck.id, b.id));
    expect(after).toMatchObject({ status: 'resolved', resolution: 'Bộ KH&CN đã ban hành hướng dẫn.', resolvedBy: office.id });
    expect(await auditCount('bottleneck.resolve', b.id)).toBe(1);
    expect((await so.postForm(`/bottlenecks/${b.id}`, { status: 'in_progress', resolution: '' })).status).toBe(409);
  });

  it('documents the reports and bottlenecks API', async () => {
    const doc = await new TestAgent(p.app).get('/api/docs/json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/tasks/{id}/reports', '/api/v1/reports/{id}/review', '/api/v1/bottlenecks']));
    expect(doc.json().paths['/api/v1/bottlenecks'].get.tags).toEqual(['bottlenecks']);
    expect(doc.json().paths['/api/v1/tasks/{id}/reports'].post.tags).toEqual(['reports']);
  });
});
