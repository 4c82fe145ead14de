/**
 * The weekly briefing pack (giao ban) on a real database with a controlled clock: which tasks,
 * reports and bottlenecks it picks, scope (a province sees its subtree, the standing office the
 * country, `?unit` narrows and 403s outside), and the page, PDF and XLSX over HTTP.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Briefing, buildBriefing, isoWeek, weekLabel } from '../../src/monitoring/briefing/build-briefing';
import { inspectPdf } from '../../src/monitoring/briefing/pdf-inspect';
import { resolveBriefingScope } from '../../src/monitoring/briefing/routes';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { bottleneck, progressReport } from '../../src/monitoring/reports/schema';
import { type TaskStatus, plan, task } from '../../src/monitoring/schema';
import { findUnitByCode, loadPrincipal, rootUnit } from '../../src/org/queries';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

const PHRASE = 'Quá hạn chưa hoàn thành, Đà Nẵng, Thừa Thiên Huế, ưu tiên';
/** 09:00 on 15/06/2031 in Hanoi */
const NOW = new Date('2031-06-15T09:00:00+07:00');
const DAY = 86_400_000;

let p: TestPlatform;
let planId: string;
let rootId: string;
const units: Record<string, { id: string; path: string }> = {};
const users: Record<string, string> = {};
const taskIds: Record<string, string> = {};

async function addTask(code: string, unitCode: string, status: TaskStatus, deadline: string, extra: Partial<typeof task.$inferInsert> = {}) {
  const [row] = await p.ctx.db
    .insert(task)
    .values({ planId, code, title: `Nhiệm vụ ${code}`, leadUnitId: units[unitCode].id, assigningUnitId: rootId, status, deadline, ...extra })
    .returning({ id: task.id });
  taskIds[code] = row.id;
  return row.id;
}

async function addReport(taskCode: string, unitCode: string, status: 'submitted' | 'accepted', submittedAt: Date, onTime: boolean | null) {
  await p.ctx.db.insert(progressReport).values({
    taskId: taskIds[taskCode],
    reportingUnitId: units[unitCode].id,
    authorId: users.danang,
    kind: 'periodic',
    periodLabel: 'Tháng 5/2031',
    percentDone: 50,
    doneText: 'Đã triển khai một phần.',
    status,
    submittedAt,
    dueAt: new Date(submittedAt.getTime() - (onTime ? -DAY : DAY)),
    onTime,
  });
}

async function addBottleneck(title: string, unitCode: string, createdAt: Date, taskCode?: string) {
  await p.ctx.db.insert(bottleneck).values({ title, ownerUnitId: units[unitCode].id, createdAt, taskId: taskCode ? taskIds[taskCode] : null });
}

const ours = (codes: string[]) => codes.filter((c) => c.startsWith('BRF-')).sort();
const overdueCodes = (b: Briefing) => ours(b.overdueByUnit.flatMap((g) => g.tasks.map((x) => x.code)));
const dueCodes = (b: Briefing) => ours(b.dueSoon.map((x) => x.code));
const reportCodes = (b: Briefing) => ours(b.awaitingReview.map((r) => r.taskCode));
const bottleneckTitles = (b: Briefing) => b.newBottlenecks.map((x) => x.title).filter((x) => x.startsWith('BRF')).sort();

async function principal(key: string) {
  return (await loadPrincipal(p.ctx.db, users[key], 'session'))!;
}
async function briefingFor(key: string, now = NOW, unit = '') {
  return buildBriefing(p.ctx.db, now, await resolveBriefingScope(p.ctx, await principal(key), unit));
}

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  for (const code of ['01', '48', '48.SKHCN']) {
    const u = (await findUnitByCode(db, code))!;
    units[code] = { id: u.id, path: u.path };
  }
  rootId = (await rootUnit(db))!.id;
  users.danang = (await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Chuyên viên Đà Nẵng' })).id;
  users.danangViewer = (await makeUser(db, { role: 'viewer', orgCode: '48' })).id;
  users.danangDept = (await makeUser(db, { role: 'leader', orgCode: '48.SKHCN' })).id;
  users.hanoi = (await makeUser(db, { role: 'leader', orgCode: '01' })).id;
  users.office = (await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' })).id;
  const [pl] = await db.insert(plan).values({ code: `KH-BRF-${randomUUID().slice(0, 6)}`, title: 'Kế hoạch kiểm thử giao ban' }).returning();
  planId = pl.id;

  await addTask('BRF-OD1', '48', 'overdue', '2031-06-01', { responsibleName: 'Trần Văn Bình', title: PHRASE, percentDone: 30 });
  await addTask('BRF-OD2', '48.SKHCN', 'in_progress', '2031-06-14', { responsibleUserId: users.danangDept });
  await addTask('BRF-OD3', '01', 'overdue', '2031-05-15');
  await addTask('BRF-DONE', '48', 'done_late', '2031-06-01');
  await addTask('BRF-PAUSE', '48', 'paused', '2031-06-01');
  await addTask('BRF-D0', '48', 'not_started', '2031-06-15');
  await addTask('BRF-D14', '48', 'in_progress', '2031-06-29');
  await addTask('BRF-D15', '48', 'not_started', '2031-06-30');
  await addTask('BRF-DCAN', '48', 'cancelled', '2031-06-20');
  await addTask('BRF-HN', '01', 'not_started', '2031-06-20');
  // marked overdue, then an extension moved its deadline ahead: due, not overdue
  await addTask('BRF-EXT', '48', 'overdue', '2031-06-20');

  await addReport('BRF-D14', '48', 'submitted', new Date(NOW.getTime() - 3 * DAY), false);
  await addReport('BRF-D0', '48', 'accepted', new Date(NOW.getTime() - 3 * DAY), true);
  await addReport('BRF-HN', '01', 'submitted', new Date(NOW.getTime() - DAY), true);

  await addBottleneck('BRF nghẽn Đà Nẵng mới', '48', new Date(NOW.getTime() - 2 * DAY), 'BRF-D14');
  await addBottleneck('BRF nghẽn Đà Nẵng cũ', '48', new Date(NOW.getTime() - 8 * DAY));
  await addBottleneck('BRF nghẽn Hà Nội mới', '01', new Date(NOW.getTime() - DAY));
  await addBottleneck('BRF nghẽn sau thời điểm lập', '48', new Date(NOW.getTime() + DAY));
});
afterAll(async () => {
  await p?.close();
});

describe(`briefing read model on ${backend}`, () => {
  it('the standing office sees the whole country', async () => {
    const b = await briefingFor('office');
    expect(b.scope.roots).toBeNull();
    expect(b.weekLabel).toBe('Tuần 24/2031 (09/06–15/06/2031)');
    expect(overdueCodes(b)).toEqual(['BRF-OD1', 'BRF-OD2', 'BRF-OD3']);
    expect(dueCodes(b)).toEqual(['BRF-D0', 'BRF-D14', 'BRF-EXT', 'BRF-HN']);
    expect(reportCodes(b)).toEqual(['BRF-D14', 'BRF-HN']);
    expect(bottleneckTitles(b)).toEqual(['BRF nghẽn Hà Nội mới', 'BRF nghẽn Đà Nẵng mới']);
    expect(b.counts.overdue).toBeGreaterThanOrEqual(3);
    expect(b.counts.awaitingReview).toBeGreaterThanOrEqual(2);
  });

  it('groups overdue tasks by lead unit with days overdue and the responsible person', async () => {
    const b = await briefingFor('danang');
    expect(overdueCodes(b)).toEqual(['BRF-OD1', 'BRF-OD2']);
    const byUnit = Object.fromEntries(b.overdueByUnit.map((g) => [g.unitCode, g.tasks.map((x) => x.code)]));
    expect(byUnit['48']).toEqual(['BRF-OD1']);
    expect(byUnit['48.SKHCN']).toEqual(['BRF-OD2']);
    const od1 = b.overdueByUnit.flatMap((g) => g.tasks).find((x) => x.code === 'BRF-OD1')!;
    expect(od1).toMatchObject({ daysOverdue: 14, responsible: 'Trần Văn Bình', deadline: '2031-06-01', title: PHRASE });
    const od2 = b.overdueByUnit.flatMap((g) => g.tasks).find((x) => x.code === 'BRF-OD2')!;
    expect(od2.daysOverdue).toBe(1);
    expect(od2.responsible).toBe('Người dùng leader');
    expect(b.counts).toMatchObject({ overdue: 2, overdueUnits: 2, dueSoon: 3, awaitingReview: 1, awaitingReviewLate: 1, newBottlenecks: 1 });
  });

  it('a province sees only its subtree: tasks due in the 14-day window, its reports and new bottlenecks', async () => {
    const b = await briefingFor('danang');
    expect(dueCodes(b)).toEqual(['BRF-D0', 'BRF-D14', 'BRF-EXT']);
    expect(b.dueSoon.map((x) => [x.code, x.daysLeft])).toEqual([
      ['BRF-D0', 0],
      ['BRF-EXT', 5],
      ['BRF-D14', 14],
    ]);
    expect(b.dueSoonUntil).toBe('2031-06-29');
    expect(reportCodes(b)).toEqual(['BRF-D14']);
    expect(b.awaitingReview[0]).toMatchObject({ onTime: false, daysWaiting: 3, unitName: expect.stringContaining('Đà Nẵng') });
    expect(bottleneckTitles(b)).toEqual(['BRF nghẽn Đà Nẵng mới']);
    // the same for a read-only viewer of the province
    const v = await briefingFor('danangViewer');
    expect(overdueCodes(v)).toEqual(['BRF-OD1', 'BRF-OD2']);
    // and Hà Nội sees none of Đà Nẵng's
    const h = await briefingFor('hanoi');
    expect(overdueCodes(h)).toEqual(['BRF-OD3']);
    expect(dueCodes(h)).toEqual(['BRF-HN']);
    expect(bottleneckTitles(h)).toEqual(['BRF nghẽn Hà Nội mới']);
  });

  it('uses the calendar day of Hanoi at the window edges', async () => {
    // 23:30 on 14/06 in Hanoi: the task due on 14/06 is due today, not overdue
    const before = await briefingFor('danang', new Date('2031-06-14T23:30:00+07:00'));
    expect(overdueCodes(before)).toEqual(['BRF-OD1']);
    // 29/06 is 15 days from 14/06: outside the window
    expect(dueCodes(before)).toEqual(['BRF-D0', 'BRF-EXT', 'BRF-OD2']);
    expect(before.dueSoon.find((x) => x.code === 'BRF-OD2')!.daysLeft).toBe(0);
    // 00:30 on 15/06 in Hanoi (still 14/06 in UTC): overdue by one day; 30/06 is day 15, outside
    const after = await briefingFor('danang', new Date('2031-06-15T00:30:00+07:00'));
    expect(overdueCodes(after)).toEqual(['BRF-OD1', 'BRF-OD2']);
    expect(dueCodes(after)).toEqual(['BRF-D0', 'BRF-D14', 'BRF-EXT']);
    const d15 = await briefingFor('danang', new Date('2031-06-16T09:00:00+07:00'));
    expect(dueCodes(d15)).toEqual(['BRF-D14', 'BRF-D15', 'BRF-EXT']);
  });

  it('narrows to a unit inside the scope and refuses one outside it', async () => {
    const b = await briefingFor('danang', NOW, '48.SKHCN');
    expect(b.scope.unit?.code).toBe('48.SKHCN');
    expect(overdueCodes(b)).toEqual(['BRF-OD2']);
    expect(dueCodes(b)).toEqual([]);
    await expect(briefingFor('danang', NOW, '01')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(briefingFor('danangDept', NOW, '48')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(briefingFor('danang', NOW, 'KHONG-CO')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const office = await briefingFor('office', NOW, '01');
    expect(overdueCodes(office)).toEqual(['BRF-OD3']);
  });
});

describe(`briefing over HTTP on ${backend}`, () => {
  let danang: TestAgent;
  const today = hcmDate(new Date());

  beforeAll(async () => {
    await addTask('BRF-LIVE-OD', '48', 'overdue', addDays(today, -3), { title: PHRASE, responsibleName: 'Lê Thị Hồng' });
    await addTask('BRF-LIVE-DUE', '48', 'in_progress', addDays(today, 5), { title: 'Số hóa hồ sơ đất đai Đà Nẵng' });
    danang = await agentFor(p.app, p.ctx.db, users.danang);
  });

  it('sends anonymous visitors to the login page', async () => {
    for (const url of ['/briefing', '/briefing.pdf', '/briefing.xlsx']) {
      const r = await new TestAgent(p.app).get(url);
      expect(r.status).toBe(303);
      expect(r.location).toMatch(/^\/login\?next=/);
    }
  });

  it('renders the page in Vietnamese with the week, counts, sections and links', async () => {
    const r = await danang.get('/briefing');
    expect(r.status).toBe(200);
    const html = r.body.normalize('NFC');
    expect(html).toContain(weekLabel(isoWeek(today)));
    expect(html).toContain('Nhiệm vụ quá hạn theo đơn vị chủ trì');
    expect(html).toContain('Báo cáo tiến độ chờ thẩm định');
    expect(html).toContain(PHRASE);
    expect(html).toContain('Lê Thị Hồng');
    expect(html).toContain(`href="/tasks/${taskIds['BRF-LIVE-OD']}"`);
    expect(html).toContain('<span class="chip chip-danger">Quá hạn chưa hoàn thành</span>');
    expect(html).toContain('class="table-wrap"');
    const [y, m, d] = addDays(today, -3).split('-');
    expect(html).toContain(`${d}/${m}/${y}`);
    expect(html).toContain('href="/briefing.pdf"');
    expect(html).not.toContain('style=');
    // the standing office finds it in the navigation
    const office = await agentFor(p.app, p.ctx.db, users.office);
    const officePage = await office.get('/briefing');
    expect(officePage.status).toBe(200);
    expect(officePage.body).toContain('<a href="/briefing" aria-current="page"');
    expect(officePage.body.normalize('NFC')).toContain('Phạm vi: Toàn quốc');
  });

  it('lets a read-only viewer see it, and refuses a unit outside the scope with 403', async () => {
    const viewer = await agentFor(p.app, p.ctx.db, users.danangViewer);
    expect((await viewer.get('/briefing')).status).toBe(200);
    for (const url of ['/briefing?unit=01', '/briefing.pdf?unit=01', '/briefing.xlsx?unit=01']) expect((await danang.get(url)).status).toBe(403);
    const narrowed = await danang.get('/briefing?unit=48.skhcn');
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.normalize('NFC')).not.toContain(PHRASE);
  });

  it('downloads a PDF with Be Vietnam Pro embedded and the Vietnamese text encoded', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/briefing.pdf', headers: { cookie: `nq57_session=${danang.cookies.get('nq57_session')}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="giao-ban-tuan-\d+-\d{4}\.pdf"$/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    const info = inspectPdf(pdf);
    expect(info.embeddedFonts.some((f) => /\+BeVietnamPro/.test(f))).toBe(true);
    const text = info.pages.join('\n').replace(/\n/g, ' ');
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain(PHRASE);
    expect(text).toContain('Lê Thị Hồng');
    expect(text).toContain(weekLabel(isoWeek(today)));
    expect(text).toContain(`Trang 1/${info.pageCount}`);
  });

  it('downloads an XLSX that parses back with the expected rows', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/briefing.xlsx', headers: { cookie: `nq57_session=${danang.cookies.get('nq57_session')}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Quá hạn', 'Đến hạn 14 ngày', 'Chờ thẩm định', 'Điểm nghẽn mới']);
    const overdue = wb.getWorksheet('Quá hạn')!;
    const rows: ExcelJS.Row[] = [];
    overdue.eachRow((row, n) => {
      if (n > 1) rows.push(row);
    });
    const live = rows.find((row) => row.getCell(2).value === 'BRF-LIVE-OD')!;
    expect(live).toBeDefined();
    const title = live.getCell(3).value as string;
    expect(title).toBe(PHRASE);
    expect(title.normalize('NFC')).toBe(title);
    expect(String(live.getCell(1).value)).toContain('Đà Nẵng');
    expect((live.getCell(4).value as Date).toISOString().slice(0, 10)).toBe(addDays(today, -3));
    expect(live.getCell(5).value).toBe(3);
    expect(live.getCell(8).value).toBe('Lê Thị Hồng');
    // no task of another province
    expect(rows.some((row) => row.getCell(2).value === 'BRF-OD3')).toBe(false);
    const due = wb.getWorksheet('Đến hạn 14 ngày')!;
    const dueCodes: unknown[] = [];
    due.eachRow((row, n) => {
      if (n > 1) dueCodes.push(row.getCell(1).value);
    });
    expect(dueCodes).toContain('BRF-LIVE-DUE');
  });
});
