/**
 * PAKN-GPSK deadlines on a real database: the per-kind SLA on receipt, pausing and resuming the
 * clock, the hourly reminder/escalation job (each notice exactly once, also when two runs race,
 * nothing for paused cases), the overdue lists scoped by unit, and the SLA and calendar pages.
 */
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDueOn, deadlinesOnReceipt, loadWorkingCalendar, pauseClock, resumeClock } from '../../src/feedback/deadlines';
import { calendarDay, feedbackNotice } from '../../src/feedback/deadlines/schema';
import { sendDeadlineNotices } from '../../src/feedback/deadlines/send-deadline-notices';
import { feedbackAssignment, feedbackEvent, feedbackSla, feedbackSubmission } from '../../src/feedback/schema';
import { type SubmitFeedbackInput, submitFeedback } from '../../src/feedback/submit-feedback';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { mailOutbox } from '../../src/platform/mail/schema';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
type User = Awaited<ReturnType<typeof makeUser>>;
let office: User;
let hanoiLeader: User;
let hanoiOfficer: User;
let hanoiOther: User;
let danangOfficer: User;
let admin: User;
const unitId = new Map<string, string>();

const base: SubmitFeedbackInput = {
  kind: 'feedback',
  topicCode: 'thu-tuc-hanh-chinh',
  title: 'Cổng dịch vụ công chậm xử lý hồ sơ',
  content: 'Hồ sơ nộp trực tuyến quá hạn nhưng chưa có kết quả, đề nghị kiểm tra.',
  submitterType: 'individual',
  submitterName: 'Lê Văn Cường',
  submitterEmail: 'cuong@example.vn',
};

/** 09:00 in Hà Nội on an ISO date. */
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW', fullName: 'Văn Phòng Thường Trực' });
  hanoiLeader = await makeUser(db, { role: 'leader', orgCode: '01', fullName: 'Lãnh Đạo Hà Nội' });
  hanoiOfficer = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Chuyên Viên Hà Nội' });
  hanoiOther = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Chuyên Viên Khác Hà Nội' });
  danangOfficer = await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Chuyên Viên Đà Nẵng' });
  admin = await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Không Cấu Hình' });
  for (const u of await db.select({ id: orgUnit.id, code: orgUnit.code }).from(orgUnit).where(inArray(orgUnit.code, ['01', '48']))) unitId.set(u.code, u.id);
});
afterAll(async () => {
  await p?.close();
});

/** A submitted case moved straight to the given state, with one assignment per unit code. */
async function makeCase(opts: {
  title: string;
  status: 'received' | 'in_progress';
  forwardDueOn?: string;
  pausedAt?: Date;
  assignments?: { unit: string; answerDueOn: string; officerId?: string; status?: 'forwarded' | 'accepted' | 'answered'; lastUpdateAt?: Date }[];
}) {
  const db = p.ctx.db;
  const s = await submitFeedback(db, { ...base, title: opts.title }, { actor: SYSTEM_ACTOR, now: at('2026-02-02') });
  await db
    .update(feedbackSubmission)
    .set({
      status: opts.status,
      forwardDueOn: opts.forwardDueOn ?? null,
      pausedAt: opts.pausedAt ?? null,
      forwardedAt: opts.status === 'received' ? null : at('2026-02-03'),
    })
    .where(eq(feedbackSubmission.id, s.id));
  const assignmentIds: string[] = [];
  for (const a of opts.assignments ?? []) {
    const [row] = await db
      .insert(feedbackAssignment)
      .values({
        submissionId: s.id,
        unitId: unitId.get(a.unit)!,
        status: a.status ?? 'accepted',
        forwardedAt: at('2026-02-03'),
        acceptedAt: at('2026-02-03'),
        assignedOfficerId: a.officerId ?? null,
        answerDueOn: a.answerDueOn,
        lastUpdateAt: a.lastUpdateAt ?? at('2026-03-09'),
      })
      .returning({ id: feedbackAssignment.id });
    assignmentIds.push(row!.id);
  }
  return { ...s, assignmentIds };
}

async function noticesOf(submissionId: string) {
  const rows = await p.ctx.db.select().from(feedbackNotice).where(eq(feedbackNotice.submissionId, submissionId));
  return rows.map((r) => `${r.kind}:${r.recipientUserId}`).sort();
}

describe('deadlines on receipt and forwarding', () => {
  it('reference seeding stored the default SLA for every kind and the 2026 Tết decision', async () => {
    const rows = await p.ctx.db.select().from(feedbackSla);
    expect(rows.map((r) => [r.kind, r.forwardWorkingDays, r.answerDays, r.answerInWorkingDays, r.updateEveryDays]).sort()).toEqual([
      ['feedback', 5, 20, true, 7],
      ['initiative', 5, 20, true, 7],
      ['recommendation', 5, 20, true, 7],
      ['solution', 5, 20, true, 7],
    ]);
    const tet = await p.ctx.db.select().from(calendarDay).where(like(calendarDay.name, '%Tết%'));
    expect(tet.map((d) => d.date).sort()).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
  });

  it('submitFeedback sets the forward deadline from the kind’s setting, across Tết', async () => {
    const db = p.ctx.db;
    await db.update(feedbackSla).set({ forwardWorkingDays: 3 }).where(eq(feedbackSla.kind, 'recommendation'));
    try {
      // Thursday 12/02/2026: Fri 13 = 1, Tết break 14–22, Mon 23 = 2, Tue 24 = 3 … Thu 26 = 5
      const thursday = new Date('2026-02-12T03:00:00Z');
      const fb = await submitFeedback(db, base, { actor: SYSTEM_ACTOR, now: thursday });
      const rec = await submitFeedback(db, { ...base, kind: 'recommendation' }, { actor: SYSTEM_ACTOR, now: thursday });
      const rows = await db.select().from(feedbackSubmission).where(inArray(feedbackSubmission.id, [fb.id, rec.id]));
      expect(rows.find((r) => r.id === fb.id)!.forwardDueOn).toBe('2026-02-26');
      expect(rows.find((r) => r.id === rec.id)!.forwardDueOn).toBe('2026-02-24');
      // 23:30 on Friday 13/02 in Hà Nội is still Friday there (16:30 UTC)
      expect((await deadlinesOnReceipt(db, 'recommendation', new Date('2026-02-13T16:30:00Z'))).forwardDueOn).toBe('2026-02-25');
      // 00:30 on Saturday 14/02 in Hà Nội (17:30 UTC Friday): counts from Monday 23/02
      expect((await deadlinesOnReceipt(db, 'recommendation', new Date('2026-02-13T17:30:00Z'))).forwardDueOn).toBe('2026-02-26');
    } finally {
      await db.update(feedbackSla).set({ forwardWorkingDays: 5 }).where(eq(feedbackSla.kind, 'recommendation'));
    }
  });

  it('answers in working days or, when so set, in calendar days ending on a working day', async () => {
    const db = p.ctx.db;
    // Monday 02/03/2026 + 20 working days (no holiday in between) = Monday 30/03
    expect(await answerDueOn(db, 'feedback', at('2026-03-02'))).toBe('2026-03-30');
    await db.update(feedbackSla).set({ answerInWorkingDays: false, answerDays: 19 }).where(eq(feedbackSla.kind, 'solution'));
    try {
      // 02/03 + 19 calendar days = Saturday 21/03 → Monday 23/03
      expect(await answerDueOn(db, 'solution', at('2026-03-02'))).toBe('2026-03-23');
    } finally {
      await db.update(feedbackSla).set({ answerInWorkingDays: true, answerDays: 20 }).where(eq(feedbackSla.kind, 'solution'));
    }
  });

  it('a calendar decision stored in calendar_day changes the arithmetic', async () => {
    const db = p.ctx.db;
    // Friday 06/03 + 1 = Monday 09/03; with Saturday 07/03 worked, it is the Saturday
    expect((await loadWorkingCalendar(db)).addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    await db.insert(calendarDay).values({ date: '2026-03-07', isWorkingDay: true, name: 'Làm bù (thử nghiệm)' });
    try {
      expect((await loadWorkingCalendar(db)).addWorkingDays('2026-03-06', 1)).toBe('2026-03-07');
    } finally {
      await db.delete(calendarDay).where(eq(calendarDay.date, '2026-03-07'));
    }
  });
});

describe('pausing the clock', () => {
  it('moves the open deadlines later by the working days paused, and nothing else', async () => {
    const db = p.ctx.db;
    const c = await makeCase({
      title: 'Tạm dừng chờ bổ sung',
      status: 'in_progress',
      assignments: [
        { unit: '01', answerDueOn: '2026-03-13' },
        { unit: '48', answerDueOn: '2026-03-13', status: 'answered' },
      ],
    });
    await db.update(feedbackSubmission).set({ answerDueOn: '2026-03-13', nextUpdateDueOn: '2026-03-09' }).where(eq(feedbackSubmission.id, c.id));
    // paused Monday 02/03, resumed Friday 06/03: Tue, Wed, Thu, Fri = 4 working days
    await db.transaction((tx) => pauseClock(tx, c.id, at('2026-03-02')));
    await db.transaction((tx) => pauseClock(tx, c.id, at('2026-03-04')));
    const [paused] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, c.id));
    expect(paused!.pausedAt?.toISOString()).toBe(at('2026-03-02').toISOString());
    await db.transaction((tx) => resumeClock(tx, c.id, at('2026-03-06')));
    const [sub] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, c.id));
    expect(sub!.pausedAt).toBeNull();
    expect(sub!.answerDueOn).toBe('2026-03-19');
    expect(sub!.nextUpdateDueOn).toBe('2026-03-13');
    const rows = await db.select().from(feedbackAssignment).where(eq(feedbackAssignment.submissionId, c.id));
    expect(rows.find((r) => r.id === c.assignmentIds[0])!.answerDueOn).toBe('2026-03-19');
    expect(rows.find((r) => r.id === c.assignmentIds[1])!.answerDueOn).toBe('2026-03-13');
    // resuming again does nothing
    await db.transaction((tx) => resumeClock(tx, c.id, at('2026-03-20')));
    const [again] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, c.id));
    expect(again!.answerDueOn).toBe('2026-03-19');
  });

  it('counts only working days of a pause over Tết', async () => {
    const db = p.ctx.db;
    const c = await makeCase({ title: 'Tạm dừng qua Tết', status: 'in_progress', assignments: [{ unit: '01', answerDueOn: '2026-03-02' }] });
    await db.update(feedbackSubmission).set({ answerDueOn: '2026-03-02' }).where(eq(feedbackSubmission.id, c.id));
    // paused Thursday 12/02, resumed Tuesday 24/02: Fri 13, Mon 23, Tue 24 = 3 working days
    await db.transaction((tx) => pauseClock(tx, c.id, at('2026-02-12')));
    await db.transaction((tx) => resumeClock(tx, c.id, at('2026-02-24')));
    const [sub] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, c.id));
    expect(sub!.answerDueOn).toBe('2026-03-05');
  });
});

describe('the feedback.deadlines job', () => {
  // Tuesday 10/03/2026, 09:00 in Hà Nội
  const now = at('2026-03-10');
  let forwardSoon: Awaited<ReturnType<typeof makeCase>>;
  let forwardLate: Awaited<ReturnType<typeof makeCase>>;
  let answerSoon: Awaited<ReturnType<typeof makeCase>>;
  let answerLate: Awaited<ReturnType<typeof makeCase>>;
  let paused: Awaited<ReturnType<typeof makeCase>>;
  let stale: Awaited<ReturnType<typeof makeCase>>;
  let danangLate: Awaited<ReturnType<typeof makeCase>>;

  beforeAll(async () => {
    forwardSoon = await makeCase({ title: 'Chờ chuyển, sắp hạn', status: 'received', forwardDueOn: '2026-03-11' });
    forwardLate = await makeCase({ title: 'Chờ chuyển, quá hạn', status: 'received', forwardDueOn: '2026-03-09' });
    // Fri 13/03 is 3 working days after Tue 10/03
    answerSoon = await makeCase({ title: 'Sắp hạn trả lời', status: 'in_progress', assignments: [{ unit: '01', answerDueOn: '2026-03-13', officerId: hanoiOfficer.id }] });
    // due Mon 02/03: 6 working days late on Tue 10/03
    answerLate = await makeCase({ title: 'Quá hạn trả lời Hà Nội', status: 'in_progress', assignments: [{ unit: '01', answerDueOn: '2026-03-02' }] });
    paused = await makeCase({
      title: 'Đang chờ người gửi bổ sung',
      status: 'in_progress',
      pausedAt: at('2026-02-25'),
      assignments: [{ unit: '01', answerDueOn: '2026-03-02', lastUpdateAt: at('2026-02-03') }],
    });
    // last update Sun 01/03 + 7 days = Sun 08/03 → due Mon 09/03
    stale = await makeCase({
      title: 'Lâu không cập nhật',
      status: 'in_progress',
      assignments: [{ unit: '01', answerDueOn: '2026-04-29', officerId: hanoiOfficer.id, lastUpdateAt: at('2026-03-01') }],
    });
    danangLate = await makeCase({ title: 'Quá hạn trả lời Đà Nẵng', status: 'in_progress', assignments: [{ unit: '48', answerDueOn: '2026-03-09' }] });
  });

  it('reminds and escalates each case once, to the right people', async () => {
    const db = p.ctx.db;
    await sendDeadlineNotices(db, p.ctx.mailer, now, { publicUrl: 'https://nq57.test' });
    expect(await noticesOf(forwardSoon.id)).toEqual([`forward_reminder:${office.id}`]);
    expect(await noticesOf(forwardLate.id)).toEqual([`forward_escalation:${office.id}`]);
    expect(await noticesOf(answerSoon.id)).toEqual([`answer_reminder_3d:${hanoiOfficer.id}`]);
    expect(await noticesOf(answerLate.id)).toEqual([`answer_escalation_leader:${hanoiLeader.id}`, `answer_escalation_office:${office.id}`].sort());
    expect(await noticesOf(stale.id)).toEqual([`update_reminder:${hanoiOfficer.id}`]);
    expect(await noticesOf(paused.id)).toEqual([]);
    // Đà Nẵng's case is 1 working day late: its leaders only (none exist), not yet the office
    expect(await noticesOf(danangLate.id)).toEqual([]);

    const events = await db.select().from(feedbackEvent).where(eq(feedbackEvent.submissionId, answerLate.id));
    const types = events.map((e) => e.type);
    expect(types.filter((x) => x === 'overdue')).toHaveLength(1);
    expect(types.filter((x) => x === 'escalated')).toHaveLength(2);
    expect(events.filter((e) => ['overdue', 'escalated'].includes(e.type)).every((e) => !e.isPublic)).toBe(true);
    const danangEvents = await db.select().from(feedbackEvent).where(and(eq(feedbackEvent.submissionId, danangLate.id), eq(feedbackEvent.type, 'overdue')));
    expect(danangEvents).toHaveLength(1);
    expect((await db.select().from(feedbackEvent).where(eq(feedbackEvent.submissionId, paused.id))).map((e) => e.type)).not.toContain('overdue');

    const mail = await db.select().from(mailOutbox).where(like(mailOutbox.subject, `%${answerLate.code}%`));
    expect(mail.map((m) => m.toAddress).sort()).toEqual([hanoiLeader.email, office.email].sort());
    expect(mail[0]!.bodyText).toContain(`https://nq57.test/cases/${answerLate.code}`);
    expect(mail[0]!.bodyText).toContain('02/03/2026');
    const audits = await db.select().from(auditEvent).where(eq(auditEvent.action, 'feedback.overdue'));
    expect(audits.map((a) => a.entityId)).toContain(answerLate.assignmentIds[0]);
  });

  it('sends nothing more when run again, nor when two runs race', async () => {
    const db = p.ctx.db;
    const notices = await db.$count(feedbackNotice);
    const mails = await db.$count(mailOutbox);
    const again = await sendDeadlineNotices(db, p.ctx.mailer, now);
    expect(again).toEqual({ notices: 0, markedOverdue: 0 });
    expect(await db.$count(feedbackNotice)).toBe(notices);
    expect(await db.$count(mailOutbox)).toBe(mails);

    // Thursday 12/03: the 1-day reminder is due; two runs at once send it once
    const later = at('2026-03-12');
    const [r1, r2] = await Promise.all([sendDeadlineNotices(db, p.ctx.mailer, later), sendDeadlineNotices(db, p.ctx.mailer, later)]);
    const rows = await db.select().from(feedbackNotice).where(and(eq(feedbackNotice.submissionId, answerSoon.id), eq(feedbackNotice.kind, 'answer_reminder_1d')));
    expect(rows).toHaveLength(1);
    const reminderMail = await db.select().from(mailOutbox).where(like(mailOutbox.subject, `%${answerSoon.code}%`));
    expect(reminderMail).toHaveLength(2);
    // the Đà Nẵng case reached 3 working days late: still no office escalation, and no second overdue step
    expect((await db.select().from(feedbackEvent).where(and(eq(feedbackEvent.submissionId, danangLate.id), eq(feedbackEvent.type, 'overdue'))))).toHaveLength(1);
    const total = r1.notices + r2.notices;
    expect(await db.$count(feedbackNotice)).toBe(notices + total);
  });

  it('a moved deadline gets its own reminders; a paused case still gets none', async () => {
    const db = p.ctx.db;
    await db.update(feedbackAssignment).set({ answerDueOn: '2026-03-16' }).where(eq(feedbackAssignment.id, answerSoon.assignmentIds[0]!));
    await sendDeadlineNotices(db, p.ctx.mailer, at('2026-03-12'));
    const kinds = (await db.select().from(feedbackNotice).where(eq(feedbackNotice.submissionId, answerSoon.id))).map((n) => `${n.kind}:${n.dueOn}`).sort();
    expect(kinds).toEqual(['answer_reminder_1d:2026-03-13', 'answer_reminder_3d:2026-03-13', 'answer_reminder_3d:2026-03-16']);
    await sendDeadlineNotices(db, p.ctx.mailer, at('2026-04-20'));
    expect(await noticesOf(paused.id)).toEqual([]);
  });
});

describe('in-app notices', () => {
  it('lists a user’s own notices and marks only theirs read', async () => {
    const agent = await agentFor(p.app, p.ctx.db, hanoiOfficer.id);
    const page = await agent.get('/cases/notices');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đến hạn cập nhật tiến độ xử lý');
    expect(page.body).toContain('Sắp hạn trả lời');
    expect(page.body).not.toContain('Quá hạn chuyển xử lý');
    const unread = (id: string) => p.ctx.db.$count(feedbackNotice, and(eq(feedbackNotice.recipientUserId, id), isNull(feedbackNotice.readAt)));
    expect(await unread(hanoiOfficer.id)).toBeGreaterThan(0);
    const officeUnread = await unread(office.id);
    expect(officeUnread).toBeGreaterThan(0);
    const res = await agent.postForm('/cases/notices/read', {});
    expect(res.status).toBe(303);
    expect(await unread(hanoiOfficer.id)).toBe(0);
    expect(await unread(office.id)).toBe(officeUnread);
    expect((await agent.postForm('/cases/notices/read', {}, { csrf: false })).status).toBe(403);
  });
});

describe('overdue lists', () => {
  it('the API shows a province officer only their province’s overdue cases', async () => {
    const agent = await agentFor(p.app, p.ctx.db, hanoiOther.id);
    const res = await agent.api('GET', '/api/v1/feedback/overdue?limit=200');
    expect(res.status).toBe(200);
    const items = res.json().items as { code: string; unit: { code: string }; daysLate: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.unit.code === '01')).toBe(true);
    expect(items.every((i) => i.daysLate > 0)).toBe(true);
    const titles = res.json().items.map((i: { title: string }) => i.title);
    expect(titles).toContain('Quá hạn trả lời Hà Nội');
    expect(titles).not.toContain('Quá hạn trả lời Đà Nẵng');
    // paused cases are not overdue
    expect(titles).not.toContain('Đang chờ người gửi bổ sung');

    const other = await agentFor(p.app, p.ctx.db, danangOfficer.id);
    const dn = (await other.api('GET', '/api/v1/feedback/overdue')).json().items.map((i: { title: string }) => i.title);
    expect(dn).toContain('Quá hạn trả lời Đà Nẵng');
    expect(dn).not.toContain('Quá hạn trả lời Hà Nội');
  });

  it('the standing office sees every agency, filters by unit code and pages with a cursor', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const all = (await agent.api('GET', '/api/v1/feedback/overdue?limit=200')).json().items as { unit: { code: string } }[];
    expect(new Set(all.map((i) => i.unit.code))).toEqual(new Set(['01', '48']));
    const dn = (await agent.api('GET', '/api/v1/feedback/overdue?unit=48')).json().items as { unit: { code: string } }[];
    expect(dn.length).toBeGreaterThan(0);
    expect(dn.every((i) => i.unit.code === '48')).toBe(true);

    const first = (await agent.api('GET', '/api/v1/feedback/overdue?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await agent.api('GET', `/api/v1/feedback/overdue?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].code === first.items[0].code && second.items[0].unit.code === first.items[0].unit.code).toBe(false);

    const bad = await agent.api('GET', '/api/v1/feedback/overdue?cursor=abc');
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields.cursor).toBeTruthy();
    const unknown = await agent.api('GET', '/api/v1/feedback/overdue?unit=KHONG-CO');
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.fields.unit).toBe('Không có đơn vị mã KHONG-CO.');
  });

  it('the page groups by agency; the office also sees cases not forwarded in time', async () => {
    const officer = await agentFor(p.app, p.ctx.db, hanoiOfficer.id);
    const page = await officer.get('/cases/overdue');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Phản ánh, kiến nghị quá hạn');
    expect(page.body).toContain('Quá hạn trả lời Hà Nội');
    expect(page.body).not.toContain('Quá hạn trả lời Đà Nẵng');
    expect(page.body).not.toContain('Chờ chuyển, quá hạn');
    const off = await agentFor(p.app, p.ctx.db, office.id);
    const all = await off.get('/cases/overdue');
    expect(all.body).toContain('Quá hạn trả lời Đà Nẵng');
    expect(all.body).toContain('Chờ chuyển, quá hạn');
    expect(all.body).toContain('Chưa chuyển cơ quan xử lý');
    const bad = await off.get('/cases/overdue?unit=KHONG-CO');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Không có đơn vị mã KHONG-CO.');
    const anon = await p.app.inject({ method: 'GET', url: '/api/v1/feedback/overdue' });
    expect(anon.statusCode).toBe(401);
    const docs = await p.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/v1/feedback/overdue');
  });
});

describe('settings pages', () => {
  it('edits the SLA with validation and audit; others may not', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    expect((await agent.get('/admin/feedback-sla')).status).toBe(200);
    const bad = await agent.postForm('/admin/feedback-sla', {
      kind: 'initiative',
      'initiative-forwardWorkingDays': '0',
      'initiative-answerDays': 'hai mươi',
      'initiative-updateEveryDays': '7',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nhập số nguyên từ 1 đến 30.');
    expect(bad.body).toContain('hai mươi');
    const [unchanged] = await p.ctx.db.select().from(feedbackSla).where(eq(feedbackSla.kind, 'initiative'));
    expect(unchanged!.forwardWorkingDays).toBe(5);

    const ok = await agent.postForm('/admin/feedback-sla', {
      kind: 'initiative',
      'initiative-forwardWorkingDays': '10',
      'initiative-answerDays': '30',
      'initiative-updateEveryDays': '14',
    });
    expect(ok.status).toBe(303);
    const [row] = await p.ctx.db.select().from(feedbackSla).where(eq(feedbackSla.kind, 'initiative'));
    expect([row!.forwardWorkingDays, row!.answerDays, row!.answerInWorkingDays, row!.updateEveryDays]).toEqual([10, 30, false, 14]);
    const audits = await p.ctx.db.select().from(auditEvent).where(eq(auditEvent.action, 'feedback.sla.update'));
    expect(audits).toHaveLength(1);

    const officer = await agentFor(p.app, p.ctx.db, admin.id);
    expect((await officer.get('/admin/feedback-sla')).status).toBe(403);
    const denied = await officer.postForm('/admin/feedback-sla', { kind: 'feedback', 'feedback-forwardWorkingDays': '1', 'feedback-answerDays': '1', 'feedback-updateEveryDays': '1' });
    expect(denied.status).toBe(403);
    const [fb] = await p.ctx.db.select().from(feedbackSla).where(eq(feedbackSla.kind, 'feedback'));
    expect(fb!.forwardWorkingDays).toBe(5);
  });

  it('lists the computed holidays of a year and adds and removes a decision', async () => {
    const agent = await agentFor(p.app, p.ctx.db, office.id);
    const page = await agent.get('/admin/calendar?year=2026');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Giỗ Tổ Hùng Vương');
    expect(page.body).toContain('26/04/2026');
    expect(page.body).toContain('Nghỉ bù');
    expect(page.body).toContain('Nghỉ Tết Nguyên đán Bính Ngọ 2026');
    expect((await agent.get('/admin/calendar?year=abc')).status).toBe(400);

    const bad = await agent.postForm('/admin/calendar', { date: '31/02/2026', isWorkingDay: 'working', name: 'Làm bù', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nhập ngày hợp lệ');
    expect(await p.ctx.db.$count(calendarDay, eq(calendarDay.date, '2026-03-28'))).toBe(0);

    const ok = await agent.postForm('/admin/calendar', { date: '28/03/2026', isWorkingDay: 'working', name: 'Làm bù cho ngày nghỉ', note: 'Thông báo số 01/TB (thử nghiệm)' });
    expect(ok.status).toBe(303);
    expect((await loadWorkingCalendar(p.ctx.db)).isWorkingDay('2026-03-28')).toBe(true);
    const removed = await agent.postForm('/admin/calendar/remove', { date: '2026-03-28' });
    expect(removed.status).toBe(303);
    expect((await loadWorkingCalendar(p.ctx.db)).isWorkingDay('2026-03-28')).toBe(false);
    expect((await agent.postForm('/admin/calendar/remove', { date: '2026-03-28' })).status).toBe(404);
    const audits = await p.ctx.db.select().from(auditEvent).where(inArray(auditEvent.action, ['feedback.calendar.set', 'feedback.calendar.remove']));
    expect(audits).toHaveLength(2);
  });
});
