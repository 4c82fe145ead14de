/**
 * The deadline calendar on a real database: a month grid scoped by the task visibility rules,
 * month boundaries, a bad month refused in Vietnamese, and the iCalendar feed (escaping, folding).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan, task } from '../../src/monitoring/schema';
import { findUnitByCode, rootUnit } from '../../src/org/queries';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let hanoi: TestAgent;
let danang: TestAgent;
let office: TestAgent;
let planId: string;
const tag = randomUUID().slice(0, 6).toUpperCase();
const code = (s: string) => `LH-${tag}-${s}`;

async function makeTask(opts: { code: string; lead: string; deadline: string; title?: string; status?: 'cancelled' | 'overdue' | 'done_on_time' }) {
  const db = p.ctx.db;
  const lead = (await findUnitByCode(db, opts.lead))!;
  const root = (await rootUnit(db))!;
  const [row] = await db
    .insert(task)
    .values({
      planId,
      code: opts.code,
      title: opts.title ?? `Nhiệm vụ ${opts.code}`,
      leadUnitId: lead.id,
      assigningUnitId: root.id,
      deadline: opts.deadline,
      ...(opts.status ? { status: opts.status } : {}),
    })
    .returning();
  return row;
}

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  hanoi = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '01' })).id);
  danang = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '48' })).id);
  office = await agentFor(p.app, db, (await makeUser(db, { role: 'standing_office' })).id);
  const [pl] = await db.insert(plan).values({ code: `KH-${tag}`, title: 'Kế hoạch kiểm thử lịch hạn', reportingCadence: 'monthly' }).returning();
  planId = pl.id;
  await makeTask({ code: code('HN-OCT31'), lead: '01', deadline: '2026-10-31' });
  await makeTask({ code: code('HN-NOV01'), lead: '01', deadline: '2026-11-01' });
  await makeTask({ code: code('HN-NOV30'), lead: '01', deadline: '2026-11-30', status: 'overdue' });
  await makeTask({ code: code('HN-DEC01'), lead: '01', deadline: '2026-12-01' });
  await makeTask({ code: code('HN-HUY'), lead: '01', deadline: '2026-11-15', status: 'cancelled' });
  await makeTask({ code: code('DN-NOV15'), lead: '48', deadline: '2026-11-15', status: 'done_on_time' });
});
afterAll(async () => {
  await p?.close();
});

describe(`task deadline calendar on ${backend}`, () => {
  it('shows the tasks a user may see whose deadline falls in the month, in a Monday-first accessible table', async () => {
    const res = await hanoi.get('/tasks/calendar?month=2026-11');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toContain('<caption>');
    expect(b).toMatch(/<th scope="col">Thứ Hai<\/th><th scope="col">Thứ Ba<\/th>.*<th scope="col">Chủ Nhật<\/th>/s);
    expect(b).toContain(code('HN-NOV01'));
    expect(b).toContain(code('HN-NOV30'));
    expect(b).toContain('Quá hạn chưa hoàn thành');
    // month boundaries
    expect(b).not.toContain(code('HN-OCT31'));
    expect(b).not.toContain(code('HN-DEC01'));
    // cancelled tasks are left out; a sibling province's task is not visible
    expect(b).not.toContain(code('HN-HUY'));
    expect(b).not.toContain(code('DN-NOV15'));
    // 1 November 2026 is a Sunday: the first week has six empty cells before it
    const firstRow = /<tbody><tr>(.*?)<\/tr>/s.exec(b)?.[1] ?? '';
    expect((firstRow.match(/calendar-outside/g) ?? []).length).toBe(6);
    expect(firstRow).toContain('datetime="2026-11-01"');
    expect(firstRow).toContain(code('HN-NOV01'));
    // previous / next month
    expect(b).toContain('href="/tasks/calendar?month=2026-10"');
    expect(b).toContain('href="/tasks/calendar?month=2026-12"');

    const oct = await hanoi.get('/tasks/calendar?month=2026-10');
    expect(oct.body).toContain(code('HN-OCT31'));
    expect(oct.body).not.toContain(code('HN-NOV01'));
    const dec = await hanoi.get('/tasks/calendar?month=2026-12');
    expect(dec.body).toContain(code('HN-DEC01'));

    const dn = await danang.get('/tasks/calendar?month=2026-11');
    expect(dn.body).toContain(code('DN-NOV15'));
    expect(dn.body).toContain('Hoàn thành đúng hạn');
    expect(dn.body).not.toContain(code('HN-NOV01'));

    const so = await office.get('/tasks/calendar?month=2026-11');
    for (const c of ['HN-NOV01', 'HN-NOV30', 'DN-NOV15']) expect(so.body).toContain(code(c));

    // the task list links to the calendar; the current month is the default
    expect((await hanoi.get('/tasks')).body).toContain('href="/tasks/calendar"');
    expect((await hanoi.get('/tasks/calendar')).status).toBe(200);
  });

  it('refuses a bad month with 400 in Vietnamese and asks anonymous users to sign in', async () => {
    for (const bad of ['2026-13', '11-2026', 'abc', '2026-1', '2026-11-01']) {
      const res = await hanoi.get(`/tasks/calendar?month=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body).toContain('Tháng không hợp lệ');
    }
    const json = await hanoi.get('/tasks/calendar?month=2026-00', { accept: 'application/json' });
    expect(json.status).toBe(400);
    const anon = await new TestAgent(p.app).get('/tasks/calendar?month=2026-11');
    expect([302, 303, 401]).toContain(anon.status);
    expect([302, 303, 401]).toContain((await new TestAgent(p.app).get('/tasks/calendar.ics')).status);
  });

  it('serves an iCalendar feed with one all-day event per visible deadline, escaped and folded at 75 octets', async () => {
    const title = 'Xây dựng, vận hành hệ thống; kết nối \\ liên thông dữ liệu chuyển đổi số của Thành phố Hà Nội giai đoạn 2026–2030';
    const t = await makeTask({ code: code('HN-ICS'), lead: '01', deadline: '2027-01-15', title });
    const res = await hanoi.get('/tasks/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const raw = res.body;
    expect(raw.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(raw.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const physical = raw.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\n');
    }
    const unfolded = raw.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded.filter((l) => l === 'BEGIN:VEVENT').length).toBe(unfolded.filter((l) => l === 'END:VEVENT').length);
    const uidIndex = unfolded.indexOf(`UID:task-${t.id}-deadline@localhost:3000`);
    expect(uidIndex).toBeGreaterThan(0);
    const event = unfolded.slice(uidIndex - 1, unfolded.indexOf('END:VEVENT', uidIndex) + 1);
    expect(event).toContain('DTSTART;VALUE=DATE:20270115');
    expect(event).toContain('DTEND;VALUE=DATE:20270116');
    expect(event).toContain(
      `SUMMARY:Hạn nhiệm vụ ${code('HN-ICS')}: Xây dựng\\, vận hành hệ thống\\; kết nối \\\\ liên thông dữ liệu chuyển đổi số của Thành phố Hà Nội giai đoạn 2026–2030`,
    );
    expect(event).toContain(`URL:http://localhost:3000/tasks/${t.id}`);
    // the summary line was long enough to be folded
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    // scope: only visible, not cancelled
    expect(raw).toContain(code('HN-NOV01'));
    expect(raw).not.toContain(code('DN-NOV15'));
    expect(raw).not.toContain(code('HN-HUY'));
  });
});
