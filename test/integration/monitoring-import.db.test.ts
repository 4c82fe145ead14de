/**
 * Importing tasks from XLSX/CSV and exporting the filtered list to XLSX, end to end on a real
 * database: template download and round trip, dry run, all-or-nothing writes with a per-row
 * report in Vietnamese, scope, refused files, and an export parsed back with exceljs.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { plan, task, taskCoordinator } from '../../src/monitoring/schema';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let office: TestAgent;
let hanoi: TestAgent;
let viewer: TestAgent;
let planCode: string;
let planId: string;

const HEADERS = {
  code: 'mã nhiệm vụ',
  plan: 'kế hoạch (mã)',
  group: 'nhóm (I–VII)',
  title: 'tên nhiệm vụ',
  lead: 'cơ quan chủ trì (mã đơn vị)',
  coordinators: 'cơ quan phối hợp (mã, cách nhau bởi ;)',
  deadline: 'thời hạn (dd/mm/yyyy)',
  priority: 'ưu tiên',
};

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const so = await makeUser(db, { role: 'standing_office' });
  const hn = await makeUser(db, { role: 'officer', orgCode: '01' });
  const v = await makeUser(db, { role: 'viewer', orgCode: '01' });
  office = await agentFor(p.app, db, so.id);
  hanoi = await agentFor(p.app, db, hn.id);
  viewer = await agentFor(p.app, db, v.id);
  planCode = `KH-IMP-${randomUUID().slice(0, 6).toUpperCase()}`;
  const [pl] = await db.insert(plan).values({ code: planCode, title: 'Kế hoạch kiểm thử nhập tệp' }).returning();
  planId = pl.id;
});
afterAll(async () => {
  await p?.close();
});

async function planTasks() {
  return p.ctx.db.select().from(task).where(eq(task.planId, planId));
}
async function auditCount(action: string) {
  const [{ n }] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, action));
  return n;
}

function multipartBody(fields: [string, string][], file?: { filename: string; content: Buffer; type: string }) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(agent: TestAgent, content: Buffer, opts: { filename?: string; dryRun?: boolean; planCode?: string; csrf?: boolean } = {}) {
  const token = await agent.csrf();
  const fields: [string, string][] = [];
  if (opts.csrf !== false) fields.push(['_csrf', token]);
  fields.push(['planCode', opts.planCode ?? planCode]);
  if (opts.dryRun) fields.push(['dryRun', 'on']);
  const filename = opts.filename ?? 'nhiem-vu.xlsx';
  const body = multipartBody(fields, { filename, content, type: filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' });
  const res = await p.app.inject({
    method: 'POST',
    url: '/tasks/import',
    headers: { accept: 'text/html', 'content-type': body.contentType, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

async function download(agent: TestAgent, url: string) {
  const res = await p.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload };
}

/** Fills the downloaded template with rows (by header) the way a person would in Excel. */
async function filledTemplate(rows: Record<string, ExcelJS.CellValue>[]) {
  const tpl = await download(office, '/tasks/import/template.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(tpl.raw as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Nhiệm vụ')!;
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  for (const r of rows) {
    const values: ExcelJS.CellValue[] = [];
    for (const [h, v] of Object.entries(r)) values[headers.indexOf(h)] = v;
    sheet.addRow(values.slice(1));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe(`task import and export on ${backend}`, () => {
  it('serves the XLSX and CSV templates with Vietnamese headers and an instructions sheet', async () => {
    const x = await download(office, '/tasks/import/template.xlsx');
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as unknown as ExcelJS.Buffer);
    const headers = (wb.getWorksheet('Nhiệm vụ')!.getRow(1).values as ExcelJS.CellValue[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(Object.values(HEADERS)));
    const help = wb.getWorksheet('Hướng dẫn')!;
    const helpText = JSON.stringify(help.getSheetValues());
    expect(helpText).toContain('Bình thường');
    expect(helpText).toContain('UBND');
    const csv = await download(office, '/tasks/import/template.csv');
    expect(csv.status).toBe(200);
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.raw.toString('utf8')).toContain('mã nhiệm vụ,kế hoạch (mã)');
    // the form is for managers only
    const form = await office.get('/tasks/import');
    expect(form.status).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('chỉ kiểm tra (dry run)'.replace('chỉ', 'Chỉ'));
    expect((await viewer.get('/tasks/import')).status).toBe(403);
    expect((await viewer.get('/tasks/import/template.xlsx')).status).toBe(403);
  });

  it('round-trips the template: a dry run writes nothing, a real run creates every task with its audit', async () => {
    const file = await filledTemplate([
      { [HEADERS.code]: 'IMP-1', [HEADERS.title]: 'Xây dựng kho dữ liệu dùng chung', [HEADERS.lead]: '01', [HEADERS.coordinators]: 'BKHCN; 48', [HEADERS.deadline]: '30/06/2030', [HEADERS.group]: 'III' },
      { [HEADERS.code]: 'IMP-2', [HEADERS.title]: 'Đào tạo kỹ năng số cho cán bộ', [HEADERS.lead]: '48', [HEADERS.deadline]: new Date(Date.UTC(2030, 11, 31)), [HEADERS.priority]: 'Cao' },
    ]);
    const auditBefore = await auditCount('task.create');
    const dry = await upload(office, file, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toContain('có thể tạo 2 nhiệm vụ');
    expect(dry.body).toContain('IMP-2');
    expect(dry.body).toContain('31/12/2030');
    expect(await planTasks()).toEqual([]);
    expect(await auditCount('task.create')).toBe(auditBefore);

    const real = await upload(office, file);
    expect(real.status).toBe(303);
    expect(real.location).toBe(`/tasks?plan=${planCode}&sort=updated`);
    const rows = await planTasks();
    expect(rows.map((r) => r.code).sort()).toEqual(['IMP-1', 'IMP-2']);
    const one = rows.find((r) => r.code === 'IMP-1')!;
    expect(one.deadline).toBe('2030-06-30');
    expect(one.groupNumber).toBe('III');
    expect(one.assigningUnitId).not.toBeNull();
    expect((await p.ctx.db.select().from(taskCoordinator).where(eq(taskCoordinator.taskId, one.id))).length).toBe(2);
    expect(rows.find((r) => r.code === 'IMP-2')!).toMatchObject({ deadline: '2030-12-31', priority: 'high' });
    expect(await auditCount('task.create')).toBe(auditBefore + 2);
    const events = await p.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'task.create'), eq(auditEvent.entityId, one.id)));
    expect(events[0].after).toMatchObject({ code: 'IMP-1', importedFrom: 'nhiem-vu.xlsx', importRow: 2 });
    expect(await auditCount('task.import')).toBe(1);
    // the same file again: every code now exists in the plan
    const again = await upload(office, file);
    expect(again.status).toBe(400);
    expect(again.body).toContain('Mã nhiệm vụ này đã có trong kế hoạch.');
  });

  it('writes nothing when one row is bad, and reports its row and column in Vietnamese', async () => {
    const file = await filledTemplate([
      { [HEADERS.code]: 'BAD-1', [HEADERS.title]: 'Dòng tốt thứ nhất', [HEADERS.lead]: '01' },
      { [HEADERS.code]: 'BAD-2', [HEADERS.title]: 'Dòng có hạn sai', [HEADERS.lead]: '01', [HEADERS.deadline]: '31/02/2030' },
      { [HEADERS.code]: 'BAD-3', [HEADERS.title]: 'Dòng tốt thứ ba', [HEADERS.lead]: 'KHONGCO' },
      { [HEADERS.code]: 'BAD-1', [HEADERS.title]: 'Trùng mã', [HEADERS.lead]: '01' },
    ]);
    const before = (await planTasks()).length;
    const res = await upload(office, file);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Chưa ghi nhiệm vụ nào');
    const cells = [...res.body.matchAll(/<tr><td class="numeric">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(cells).toEqual([
      [3, HEADERS.deadline, 'Ngày không hợp lệ: “31/02/2030” (định dạng dd/mm/yyyy).'],
      [4, HEADERS.lead, 'Không có đơn vị mã KHONGCO.'],
      [5, HEADERS.code, 'Mã nhiệm vụ BAD-1 trùng với dòng 2 trong tệp.'],
    ]);
    expect((await planTasks()).length).toBe(before);
  });

  it('imports a CSV with a BOM and Vietnamese text (stored in NFC)', async () => {
    const decomposed = 'Chuyển đổi số cấp xã'.normalize('NFD');
    const csv = `\uFEFF${HEADERS.code},${HEADERS.title},${HEADERS.lead},${HEADERS.deadline},"${HEADERS.coordinators}"\r\nCSV-1,"${decomposed}, giai đoạn 1",01,15/09/2030,"BKHCN;48"\r\n`;
    const res = await upload(hanoi, Buffer.from(csv, 'utf8'), { filename: 'nhiệm vụ.csv' });
    expect(res.status).toBe(303);
    const [row] = (await planTasks()).filter((r) => r.code === 'CSV-1');
    expect(row.title).toBe('Chuyển đổi số cấp xã, giai đoạn 1'.normalize('NFC'));
    expect(row.title).toBe(row.title.normalize('NFC'));
    expect(row.deadline).toBe('2030-09-15');
    expect(row.coordinatingUnitCodes.sort()).toEqual(['48', 'BKHCN']);
  });

  it('refuses a province officer importing for another province’s unit, writing nothing', async () => {
    const csv = `${HEADERS.code},${HEADERS.title},${HEADERS.lead}\nHN-OK,Việc của Hà Nội,01\nDN-NO,Việc của Đà Nẵng,48\n`;
    const before = (await planTasks()).length;
    const res = await upload(hanoi, Buffer.from(csv), { filename: 'a.csv' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Bạn không có quyền giao nhiệm vụ cho đơn vị 48.');
    expect(res.body).toContain('<td class="numeric">3</td>');
    expect((await planTasks()).length).toBe(before);
  });

  it('refuses files that are neither XLSX nor CSV, uploads without the CSRF field, and bad headers', async () => {
    const before = (await planTasks()).length;
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64, 0)]);
    const bin = await upload(office, elf, { filename: 'tasks.xlsx' });
    expect(bin.status).toBe(415);
    expect(bin.body).toContain('không phải Excel');
    const pdf = await upload(office, Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'tasks.csv' });
    expect(pdf.status).toBe(415);
    const noCsrf = await upload(office, Buffer.from(`${HEADERS.code},${HEADERS.title},${HEADERS.lead}\nX-1,Việc,01\n`), { filename: 'a.csv', csrf: false });
    expect(noCsrf.status).toBe(403);
    const noHeader = await upload(office, Buffer.from('a,b\n1,2\n'), { filename: 'a.csv' });
    expect(noHeader.status).toBe(400);
    expect(noHeader.body).toContain('Tệp thiếu cột bắt buộc “mã nhiệm vụ”');
    expect((await viewer.get('/tasks/import')).status).toBe(403);
    expect((await planTasks()).length).toBe(before);
  });

  it('offers the same import on the API with a dry run, answering JSON', async () => {
    const csv = `${HEADERS.code},${HEADERS.title},${HEADERS.lead}\nAPI-1,Việc qua API,01\n`;
    const post = async (dryRun: boolean, content: string) => {
      const body = multipartBody([['_csrf', await office.csrf()], ['planCode', planCode]], { filename: 'api.csv', content: Buffer.from(content), type: 'text/csv' });
      const res = await p.app.inject({
        method: 'POST',
        url: `/api/v1/tasks/import${dryRun ? '?dryRun=true' : ''}`,
        headers: { accept: 'application/json', 'content-type': body.contentType, cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        payload: body.payload,
      });
      return { status: res.statusCode, json: res.json() };
    };
    const dry = await post(true, csv);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, created: 0, errors: [], rows: [expect.objectContaining({ row: 2, code: 'API-1', leadUnitCode: '01' })] });
    expect((await planTasks()).some((r) => r.code === 'API-1')).toBe(false);
    const bad = await post(false, `${csv}API-2,,01\n`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ row: 3, column: HEADERS.title, message: 'Bắt buộc nhập.' }]);
    expect((await planTasks()).some((r) => r.code === 'API-1')).toBe(false);
    const real = await post(false, csv);
    expect(real.status).toBe(201);
    expect(real.json.created).toBe(1);
    await p.ctx.db.delete(task).where(and(eq(task.planId, planId), eq(task.code, 'API-1')));
  });

  it('exports exactly the filtered tasks the caller may see, with real dates and Vietnamese statuses', async () => {
    const db = p.ctx.db;
    // a Đà Nẵng task outside the Hà Nội officer's scope is already in the plan (IMP-2)
    const officePrincipal = (await loadPrincipal(db, (await makeUser(db, { role: 'standing_office' })).id, 'session'))!;
    await createTask(db, { planCode, code: 'HN-LATE', title: 'Nhiệm vụ quá hạn', leadUnitCode: '01', deadline: '2029-01-15' }, { principal: officePrincipal, actor: { ...SYSTEM_ACTOR, label: 'test' } });
    await db.update(task).set({ status: 'overdue' }).where(and(eq(task.planId, planId), eq(task.code, 'HN-LATE')));

    const parse = async (raw: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(raw as unknown as ExcelJS.Buffer);
      return wb.worksheets[0];
    };
    const res = await download(hanoi, `/tasks/export.xlsx?plan=${planCode}&sort=code`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toMatch(/nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx/);
    const sheet = await parse(res.raw);
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header[0]).toBe('Mã nhiệm vụ');
    const codes: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) codes.push(String(r.getCell(1).value));
    });
    // IMP-1, CSV-1 and HN-LATE are Hà Nội's; IMP-2 (Đà Nẵng) is out of scope
    expect(codes).toEqual(['CSV-1', 'HN-LATE', 'IMP-1']);
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const deadlineCol = header.indexOf('Hạn đang áp dụng') + 1;
    const statusCol = header.indexOf('Trạng thái') + 1;
    const late = sheet.getRow(codes.indexOf('HN-LATE') + 2);
    expect(late.getCell(deadlineCol).value).toBeInstanceOf(Date);
    expect((late.getCell(deadlineCol).value as Date).toISOString().slice(0, 10)).toBe('2029-01-15');
    expect(late.getCell(deadlineCol).numFmt).toBe('dd/mm/yyyy');
    expect(late.getCell(statusCol).value).toBe('Quá hạn chưa hoàn thành');

    const overdue = await parse((await download(hanoi, `/tasks/export.xlsx?plan=${planCode}&overdue=true`)).raw);
    expect(overdue.rowCount).toBe(2);
    expect(overdue.getRow(2).getCell(1).value).toBe('HN-LATE');
    const all = await parse((await download(office, `/tasks/export.xlsx?plan=${planCode}&sort=code`)).raw);
    expect(all.rowCount).toBe(5);
    const searched = await parse((await download(office, `/tasks/export.xlsx?plan=${planCode}&q=${encodeURIComponent('dao tao')}`)).raw);
    expect(searched.getRow(2).getCell(1).value).toBe('IMP-2');
    expect(searched.rowCount).toBe(2);
    expect((await download(office, '/tasks/export.xlsx?plan=KHONG-CO')).status).toBe(400);
    // the list page links to the export with its filters
    const page = await hanoi.get(`/tasks?plan=${planCode}&overdue=true`);
    expect(page.body).toContain(`/tasks/export.xlsx?plan=${planCode}&amp;overdue=true`);
  });
});
