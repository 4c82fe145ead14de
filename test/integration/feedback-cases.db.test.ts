/**
 * The staff side of PAKN-GPSK end to end on a real database, through the HTTP routes: triage
 * (accept, forward to two agencies), one agency returns, the other accepts, assigns, notes, asks
 * the submitter for information (clock paused and resumed), drafts, the leader returns and then
 * approves; the case is answered and published with consent (not without); e-mails land in the
 * outbox for the right people; merge with follower notification; rejection; wrong-state actions
 * refused with 409 and nothing changed; and who may read and do what.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeClock } from '../../src/feedback/deadlines';
import {
  feedbackAnswer,
  feedbackAssignment,
  feedbackAttachment,
  feedbackEvent,
  feedbackFollower,
  feedbackInfoRequest,
  feedbackNote,
  feedbackSubmission,
  triageExample,
} from '../../src/feedback/schema';
import { type SubmitFeedbackInput, submitFeedback } from '../../src/feedback/submit-feedback';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { storedFile } from '../../src/platform/files/schema';
import { writeBlob } from '../../src/platform/files/store';
import { mailOutbox } from '../../src/platform/mail/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

type User = Awaited<ReturnType<typeof makeUser>>;

let p: TestPlatform;
let office: User;
let bkhcnOfficer: User;
let bkhcnOfficer2: User;
let bkhcnLeader: User;
let hanoiOfficer: User;
let btcOfficer: User;
let expertUser: User;
const agents: Record<string, TestAgent> = {};
let anon: TestAgent;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-cases-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW', fullName: 'Cán Bộ Văn Phòng' });
  bkhcnOfficer = await makeUser(db, { role: 'officer', orgCode: 'BKHCN', fullName: 'Chuyên Viên Bộ KH&CN' });
  bkhcnOfficer2 = await makeUser(db, { role: 'officer', orgCode: 'BKHCN', fullName: 'Chuyên Viên Thứ Hai' });
  bkhcnLeader = await makeUser(db, { role: 'leader', orgCode: 'BKHCN', fullName: 'Lãnh Đạo Bộ KH&CN' });
  hanoiOfficer = await makeUser(db, { role: 'officer', orgCode: '01.UBND', fullName: 'Chuyên Viên UBND Hà Nội' });
  btcOfficer = await makeUser(db, { role: 'officer', orgCode: 'BTC', fullName: 'Chuyên Viên Bộ Tài chính' });
  expertUser = await makeUser(db, { role: 'expert', fullName: 'Chuyên Gia' });
  for (const [k, u] of Object.entries({ office, bkhcnOfficer, bkhcnOfficer2, bkhcnLeader, hanoiOfficer, btcOfficer, expertUser })) {
    agents[k] = await agentFor(p.app, db, u.id);
  }
  anon = new TestAgent(p.app);
});
afterAll(async () => {
  await p?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function citizen(extra: Partial<SubmitFeedbackInput> = {}): SubmitFeedbackInput {
  const tag = randomUUID().slice(0, 8);
  return {
    kind: 'feedback',
    topicCode: 'thu-tuc-hanh-chinh',
    title: `Dịch vụ công trực tuyến cấp phép bị lỗi ${tag}`,
    content: `Khi nộp hồ sơ trên Cổng dịch vụ công, bước ký số báo lỗi và không lưu được hồ sơ (${tag}).`,
    submitterType: 'individual',
    submitterName: 'Trần Thị Bình',
    submitterEmail: `binh-${tag}@example.vn`,
    submitterPhone: '0912345678',
    submitterIdNumber: '001190012345',
    publishConsent: 'anonymous',
    ...extra,
  };
}

async function submit(extra: Partial<SubmitFeedbackInput> = {}) {
  const input = citizen(extra);
  const r = await submitFeedback(p.ctx.db, input, { actor: SYSTEM_ACTOR });
  return { ...r, email: input.submitterEmail! };
}

async function caseRow(code: string) {
  const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
  return row!;
}

async function assignmentsOf(submissionId: string) {
  return p.ctx.db
    .select({ id: feedbackAssignment.id, status: feedbackAssignment.status, unitCode: sql<string>`(SELECT code FROM org_unit WHERE id = ${feedbackAssignment.unitId})`, answerDueOn: feedbackAssignment.answerDueOn, officer: feedbackAssignment.assignedOfficerId })
    .from(feedbackAssignment)
    .where(eq(feedbackAssignment.submissionId, submissionId));
}

async function assignmentFor(submissionId: string, unitCode: string) {
  return (await assignmentsOf(submissionId)).find((a) => a.unitCode === unitCode)!;
}

async function mailsTo(address: string) {
  return p.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address));
}

async function eventTypes(submissionId: string) {
  const rows = await p.ctx.db.select({ type: feedbackEvent.type }).from(feedbackEvent).where(eq(feedbackEvent.submissionId, submissionId)).orderBy(feedbackEvent.createdAt, feedbackEvent.id);
  return rows.map((r) => r.type);
}

/** A snapshot of everything an action may change, to prove a refused action changed nothing. */
async function snapshot(submissionId: string) {
  const db = p.ctx.db;
  const [s] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, submissionId));
  const a = await db.select().from(feedbackAssignment).where(eq(feedbackAssignment.submissionId, submissionId)).orderBy(feedbackAssignment.id);
  const ev = await eventTypes(submissionId);
  const [mails] = await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
  const [audits] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent);
  return JSON.stringify({ s, a, ev, mails: Number(mails.n), audits: Number(audits.n) });
}

const base = (code: string) => `/cases/${code}`;

describe(`PAKN case handling on ${backend}`, () => {
  it('runs the whole flow: triage, two agencies, return, information request, draft, leader review, answer and publication', async () => {
    const sub = await submit();
    const { code } = sub;
    const so = agents.office;

    // the triage queue shows it to the standing office only
    const queue = await so.api('GET', '/api/v1/feedback?tab=triage&limit=200');
    expect(queue.status).toBe(200);
    expect(queue.json().items.map((i: { code: string }) => i.code)).toContain(code);
    expect((await agents.bkhcnOfficer.get(base(code))).status).toBe(403);
    expect((await agents.bkhcnOfficer.api('GET', '/api/v1/feedback?tab=triage')).status).toBe(403);

    // accept, correcting the kind; the classifier learns
    let r = await so.postForm(`${base(code)}/accept`, { kind: 'recommendation', topicCode: 'thu-tuc-hanh-chinh', agencyCode: 'BKHCN' });
    expect(r.status).toBe(303);
    let row = await caseRow(code);
    expect(row.status).toBe('received');
    expect(row.kind).toBe('recommendation');
    const [example] = await p.ctx.db.select().from(triageExample).where(eq(triageExample.submissionId, row.id));
    expect(example?.agencyCode).toBe('BKHCN');

    // forward to a ministry and a provincial People's Committee
    r = await so.postForm(`${base(code)}/forward`, { unitCodes: ['BKHCN'], otherUnitCodes: '01.UBND', instruction: 'Đề nghị xem xét, trả lời theo thẩm quyền.' });
    expect(r.status).toBe(303);
    row = await caseRow(code);
    expect(row.status).toBe('forwarded');
    expect(row.forwardedAt).not.toBeNull();
    const assigned = await assignmentsOf(row.id);
    expect(assigned.map((a) => a.unitCode).sort()).toEqual(['01.UBND', 'BKHCN']);
    expect(assigned.every((a) => a.status === 'forwarded' && /^\d{4}-\d{2}-\d{2}$/.test(a.answerDueOn ?? ''))).toBe(true);
    for (const u of [bkhcnOfficer, bkhcnLeader, hanoiOfficer]) expect((await mailsTo(u.email)).some((m) => m.subject.includes(code))).toBe(true);
    expect((await mailsTo(btcOfficer.email)).length).toBe(0);

    const bk = await assignmentFor(row.id, 'BKHCN');
    const hn = await assignmentFor(row.id, '01.UBND');

    // Hà Nội returns it (a reason is required)
    const before = await snapshot(row.id);
    r = await agents.hanoiOfficer.postForm(`${base(code)}/assignments/${hn.id}/return`, { reason: '   ' });
    expect(r.status).toBe(400);
    expect(r.body).toContain('Vui lòng');
    expect(await snapshot(row.id)).toBe(before);
    r = await agents.hanoiOfficer.postForm(`${base(code)}/assignments/${hn.id}/return`, { reason: 'Thuộc thẩm quyền của Bộ Khoa học và Công nghệ.' });
    expect(r.status).toBe(303);
    expect((await assignmentFor(row.id, '01.UBND')).status).toBe('returned');
    expect((await caseRow(code)).status).toBe('forwarded');

    // the ministry accepts; a second accept is a conflict
    r = await agents.bkhcnOfficer.postForm(`${base(code)}/assignments/${bk.id}/accept`, {});
    expect(r.status).toBe(303);
    expect((await caseRow(code)).status).toBe('in_progress');
    const beforeAgain = await snapshot(row.id);
    r = await agents.bkhcnOfficer.postForm(`${base(code)}/assignments/${bk.id}/accept`, {});
    expect(r.status).toBe(409);
    expect(await snapshot(row.id)).toBe(beforeAgain);

    // assign an officer of the ministry; someone of another ministry is refused
    r = await agents.bkhcnLeader.postForm(`${base(code)}/assignments/${bk.id}/officer`, { userId: btcOfficer.id });
    expect(r.status).toBe(400);
    r = await agents.bkhcnLeader.postForm(`${base(code)}/assignments/${bk.id}/officer`, { userId: bkhcnOfficer2.id });
    expect(r.status).toBe(303);
    expect((await assignmentFor(row.id, 'BKHCN')).officer).toBe(bkhcnOfficer2.id);
    expect((await mailsTo(bkhcnOfficer2.email)).some((m) => m.subject.includes(code))).toBe(true);
    const mine = await agents.bkhcnOfficer2.api('GET', '/api/v1/feedback?tab=mine');
    expect(mine.json().items.map((i: { code: string }) => i.code)).toContain(code);

    // internal notes: the ministry's and the office's
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/notes`, { body: 'Ghi chú nội bộ của Bộ: cần phối hợp Cục Chuyển đổi số.' });
    expect(r.status).toBe(303);
    r = await so.postForm(`${base(code)}/notes`, { body: 'Ghi chú của Văn phòng: theo dõi sát hạn.' });
    expect(r.status).toBe(303);
    const notes = await p.ctx.db.select().from(feedbackNote).where(eq(feedbackNote.submissionId, row.id));
    expect(notes).toHaveLength(2);

    // what each reader sees
    const leaderPage = await agents.bkhcnLeader.get(base(code));
    expect(leaderPage.status).toBe(200);
    expect(leaderPage.body).toContain('cần phối hợp Cục Chuyển đổi số');
    expect(leaderPage.body).not.toContain('theo dõi sát hạn');
    expect(leaderPage.body).toContain(sub.email);
    const officePage = await so.get(base(code));
    expect(officePage.body).toContain('cần phối hợp Cục Chuyển đổi số');
    expect(officePage.body).toContain('theo dõi sát hạn');
    expect(officePage.body).toContain('Đã chuyển đến Bộ Khoa học và Công nghệ');
    const hanoiPage = await agents.hanoiOfficer.get(base(code));
    expect(hanoiPage.status).toBe(200);
    expect(hanoiPage.body).not.toContain('cần phối hợp Cục Chuyển đổi số');
    expect(hanoiPage.body).not.toContain(sub.email);
    expect(hanoiPage.body).not.toContain('001190012345');
    const hanoiApi = (await agents.hanoiOfficer.api('GET', `/api/v1/feedback/${code}`)).json();
    expect(hanoiApi.submitter.email).toBeUndefined();
    expect(hanoiApi.notes).toEqual([]);
    const bkApi = (await agents.bkhcnOfficer.api('GET', `/api/v1/feedback/${code}`)).json();
    expect(bkApi.submitter.email).toBe(sub.email);
    expect(bkApi.notes.map((n: { body: string }) => n.body)).toEqual(['Ghi chú nội bộ của Bộ: cần phối hợp Cục Chuyển đổi số.']);
    expect((await agents.btcOfficer.get(base(code))).status).toBe(403);
    expect((await agents.btcOfficer.api('GET', `/api/v1/feedback/${code}`)).status).toBe(403);

    // ask the submitter for more: the case waits with its clock paused; the mail has the link, not the PIN
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/info-request`, { question: 'Đề nghị cung cấp ảnh chụp màn hình thông báo lỗi.' });
    expect(r.status).toBe(303);
    row = await caseRow(code);
    expect(row.status).toBe('awaiting_info');
    expect(row.pausedAt).not.toBeNull();
    const infoMail = (await mailsTo(sub.email)).find((m) => m.subject.includes('bổ sung'));
    expect(infoMail?.bodyText).toContain('/feedback/lookup');
    expect(infoMail?.bodyText).toContain('ảnh chụp màn hình');
    expect(infoMail?.bodyText).not.toContain(sub.pin);
    // a second question while the first is open is refused
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/info-request`, { question: 'Câu hỏi thứ hai.' });
    expect(r.status).toBe(409);

    // the submitter replies (the public side's job, simulated) and the clock resumes
    await p.ctx.db.transaction(async (tx) => {
      await tx.update(feedbackInfoRequest).set({ reply: 'Tôi gửi kèm ảnh chụp màn hình.', repliedAt: new Date() }).where(eq(feedbackInfoRequest.submissionId, row.id));
      await tx.update(feedbackSubmission).set({ status: 'in_progress' }).where(eq(feedbackSubmission.id, row.id));
      await resumeClock(tx, row.id, new Date());
    });
    expect((await caseRow(code)).pausedAt).toBeNull();

    // a public progress message
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/status-update`, { message: 'Bộ đang làm việc với đơn vị vận hành Cổng.' });
    expect(r.status).toBe(303);
    expect((await caseRow(code)).nextUpdateDueOn).not.toBeNull();

    // draft, submit; the officer may not approve; the leader returns it
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer/submit`, {});
    expect(r.status).toBe(409);
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer`, { body: 'Bản nháp thứ nhất.' });
    expect(r.status).toBe(303);
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer/submit`, {});
    expect(r.status).toBe(303);
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer`, { body: 'Sửa khi đang chờ duyệt.' });
    expect(r.status).toBe(409);
    expect((await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer/approve`, {})).status).toBe(403);
    const approvals = await agents.bkhcnLeader.api('GET', '/api/v1/feedback?tab=approval');
    expect(approvals.json().items.map((i: { code: string }) => i.code)).toContain(code);
    r = await agents.bkhcnLeader.postForm(`${base(code)}/assignments/${bk.id}/answer/return`, { comment: '' });
    expect(r.status).toBe(400);
    r = await agents.bkhcnLeader.postForm(`${base(code)}/assignments/${bk.id}/answer/return`, { comment: 'Cần nêu rõ thời hạn khắc phục.' });
    expect(r.status).toBe(303);
    let [answer] = await p.ctx.db.select().from(feedbackAnswer).where(eq(feedbackAnswer.assignmentId, bk.id));
    expect(answer.status).toBe('returned');

    // redraft, submit, approve: the case is answered and published (the submitter consented)
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer`, { body: 'Lỗi ký số đã được khắc phục ngày 15/3; hồ sơ có thể nộp lại.' });
    expect(r.status).toBe(303);
    r = await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer/submit`, {});
    expect(r.status).toBe(303);
    r = await agents.bkhcnLeader.postForm(`${base(code)}/assignments/${bk.id}/answer/approve`, {});
    expect(r.status).toBe(303);
    [answer] = await p.ctx.db.select().from(feedbackAnswer).where(eq(feedbackAnswer.assignmentId, bk.id));
    expect(answer.status).toBe('approved');
    expect(answer.approvedBy).toBe(bkhcnLeader.id);
    row = await caseRow(code);
    expect(row.status).toBe('answered');
    expect(row.answeredAt).not.toBeNull();
    expect(row.publishedAt).not.toBeNull();
    expect(row.publicAnswer).toContain('Bộ Khoa học và Công nghệ');
    expect(row.publicAnswer).toContain('Lỗi ký số đã được khắc phục');
    expect(row.publicAnswer).not.toContain('Ủy ban nhân dân');
    expect((await assignmentFor(row.id, 'BKHCN')).status).toBe('answered');
    const types = await eventTypes(row.id);
    for (const t of ['received', 'accepted', 'forwarded', 'agency_returned', 'agency_accepted', 'officer_assigned', 'note_added', 'info_requested', 'status_update', 'answer_drafted', 'answer_returned', 'answer_approved', 'answered', 'published']) {
      expect(types).toContain(t);
    }
    const answeredMail = (await mailsTo(sub.email)).find((m) => m.subject.includes('đã có trả lời'));
    expect(answeredMail?.bodyText).toContain(code);
    expect(answeredMail?.bodyText).toContain('/feedback/lookup');

    // no personal data in the audit trail
    const audits = await p.ctx.db.select().from(auditEvent).where(sql`${auditEvent.action} LIKE 'feedback.%'`);
    const trail = JSON.stringify(audits.map((a) => [a.before, a.after]));
    expect(trail).toContain(code);
    expect(trail).not.toContain(sub.email);
    expect(trail).not.toContain('0912345678');
    expect(trail).not.toContain('001190012345');

    // acting on an answered case is refused
    expect((await agents.bkhcnOfficer2.postForm(`${base(code)}/assignments/${bk.id}/answer`, { body: 'Thêm.' })).status).toBe(409);
    expect((await so.postForm(`${base(code)}/reject`, { reason: 'duplicate' })).status).toBe(409);
  });

  it('answers without publishing when the submitter did not consent', async () => {
    const sub = await submit({ publishConsent: 'none' });
    const so = agents.office;
    expect((await so.postForm(`${base(sub.code)}/forward`, { unitCodes: 'BKHCN' })).status).toBe(303);
    const bk = await assignmentFor(sub.id, 'BKHCN');
    const url = `${base(sub.code)}/assignments/${bk.id}`;
    expect((await agents.bkhcnOfficer.postForm(`${url}/accept`, {})).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer`, { body: 'Trả lời không công khai.' })).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer/submit`, {})).status).toBe(303);
    expect((await agents.bkhcnLeader.postForm(`${url}/answer/approve`, {})).status).toBe(303);
    const row = await caseRow(sub.code);
    expect(row.status).toBe('answered');
    expect(row.publicAnswer).toContain('Trả lời không công khai.');
    expect(row.publishedAt).toBeNull();
    expect(await eventTypes(sub.id)).not.toContain('published');
  });

  it('sends a case back to the standing office when every agency returns it', async () => {
    const sub = await submit();
    expect((await agents.office.postForm(`${base(sub.code)}/forward`, { unitCodes: ['BTC'] })).status).toBe(303);
    const a = await assignmentFor(sub.id, 'BTC');
    expect((await agents.btcOfficer.postForm(`${base(sub.code)}/assignments/${a.id}/return`, { reason: 'Không thuộc thẩm quyền của Bộ.' })).status).toBe(303);
    const row = await caseRow(sub.code);
    expect(row.status).toBe('received');
    const [ev] = await p.ctx.db.select().from(feedbackEvent).where(and(eq(feedbackEvent.submissionId, sub.id), eq(feedbackEvent.type, 'agency_returned')));
    expect((ev.data as { backToTriage: boolean }).backToTriage).toBe(true);
    // and it can be forwarded again, to the same agency or another
    expect((await agents.office.postForm(`${base(sub.code)}/forward`, { unitCodes: ['BTC', 'BKHCN'] })).status).toBe(303);
    expect((await assignmentsOf(sub.id)).map((x) => x.status).sort()).toEqual(['forwarded', 'forwarded']);
    // forwarding to an agency that already has it is refused
    const snap = await snapshot(sub.id);
    const r = await agents.office.postForm(`${base(sub.code)}/forward`, { unitCodes: ['BKHCN'] });
    expect(r.status).toBe(400);
    expect(r.body).toContain('đã được chuyển');
    expect(await snapshot(sub.id)).toBe(snap);
  });

  it('merges a duplicate: the merged case closes, its submitter follows the surviving case and hears of its answer', async () => {
    const target = await submit();
    const dup = await submit({ title: 'Cổng dịch vụ công lỗi ký số khi nộp hồ sơ' });
    const so = agents.office;
    let r = await so.postForm(`${base(dup.code)}/merge`, { targetCode: dup.code });
    expect(r.status).toBe(400);
    r = await so.postForm(`${base(dup.code)}/merge`, { targetCode: 'PAKN-1999-000001' });
    expect(r.status).toBe(400);
    r = await so.postForm(`${base(dup.code)}/merge`, { targetCode: target.code.toLowerCase() });
    expect(r.status).toBe(303);
    const merged = await caseRow(dup.code);
    expect(merged.status).toBe('merged');
    expect(merged.mergedIntoId).toBe(target.id);
    const followers = await p.ctx.db.select().from(feedbackFollower).where(eq(feedbackFollower.submissionId, target.id));
    expect(followers.map((f) => f.followerSubmissionId)).toEqual([dup.id]);
    const told = await mailsTo(dup.email);
    expect(told).toHaveLength(1);
    expect(told[0].bodyText).toContain(target.code);
    // merged cases are closed to triage
    expect((await so.postForm(`${base(dup.code)}/forward`, { unitCodes: ['BKHCN'] })).status).toBe(409);
    expect((await so.postForm(`${base(target.code)}/merge`, { targetCode: dup.code })).status).toBe(409);

    // the surviving case is answered: both submitters are told
    expect((await so.postForm(`${base(target.code)}/forward`, { unitCodes: ['BKHCN'] })).status).toBe(303);
    const bk = await assignmentFor(target.id, 'BKHCN');
    const url = `${base(target.code)}/assignments/${bk.id}`;
    expect((await agents.bkhcnOfficer.postForm(`${url}/accept`, {})).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer`, { body: 'Đã khắc phục lỗi ký số.' })).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer/submit`, {})).status).toBe(303);
    expect((await agents.bkhcnLeader.postForm(`${url}/answer/approve`, {})).status).toBe(303);
    expect((await mailsTo(dup.email)).some((m) => m.bodyText.includes(target.code) && m.subject.includes('đã có trả lời'))).toBe(true);
    expect((await mailsTo(target.email)).some((m) => m.subject.includes('đã có trả lời'))).toBe(true);
  });

  it('rejects with a reason and tells the submitter; a second rejection changes nothing', async () => {
    const sub = await submit();
    const so = agents.office;
    let r = await so.postForm(`${base(sub.code)}/reject`, { reason: 'not_a_reason' });
    expect(r.status).toBe(400);
    r = await so.postForm(`${base(sub.code)}/reject`, { reason: 'complaint_procedure', note: 'Đề nghị gửi đơn khiếu nại theo Luật Khiếu nại.' });
    expect(r.status).toBe(303);
    const row = await caseRow(sub.code);
    expect(row.status).toBe('rejected');
    expect(row.rejectReason).toBe('complaint_procedure');
    const mails = await mailsTo(sub.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].bodyText).toContain('khiếu nại, tố cáo');
    expect(mails[0].bodyText).toContain('Luật Khiếu nại');
    const snap = await snapshot(sub.id);
    r = await so.postForm(`${base(sub.code)}/reject`, { reason: 'duplicate' });
    expect(r.status).toBe(409);
    expect(r.body).toContain('Không tiếp nhận');
    r = await so.postForm(`${base(sub.code)}/accept`, { kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh' });
    expect(r.status).toBe(409);
    expect(await snapshot(sub.id)).toBe(snap);
  });

  it('enforces who may read and act, through the HTTP routes', async () => {
    const sub = await submit();
    const so = agents.office;
    // before forwarding: only the standing office
    const reads = async (code: string) =>
      Promise.all(['office', 'bkhcnOfficer', 'bkhcnLeader', 'btcOfficer', 'expertUser'].map(async (k) => (await agents[k].get(base(code))).status));
    expect(await reads(sub.code)).toEqual([200, 403, 403, 403, 403]);
    expect([302, 303, 401]).toContain((await anon.get(base(sub.code))).status);
    expect((await anon.api('GET', `/api/v1/feedback/${sub.code}`)).status).toBe(401);
    expect((await anon.api('GET', '/api/v1/feedback')).status).toBe(401);

    // triage actions are the standing office's
    for (const k of ['bkhcnOfficer', 'bkhcnLeader', 'btcOfficer', 'expertUser']) {
      expect((await agents[k].postForm(`${base(sub.code)}/forward`, { unitCodes: ['BKHCN'] })).status).toBe(403);
    }
    expect([401, 403]).toContain((await anon.postForm(`${base(sub.code)}/forward`, { unitCodes: ['BKHCN'] })).status);
    expect((await caseRow(sub.code)).status).toBe('received');
    expect((await so.postForm(`${base(sub.code)}/forward`, { unitCodes: ['BKHCN'] })).status).toBe(303);
    expect(await reads(sub.code)).toEqual([200, 200, 200, 403, 403]);

    // the attachment downloads for those who see the case, nobody else
    const bytes = Buffer.from(`%PDF-1.4\n%${randomUUID()}\n%%EOF\n`);
    const hash = await writeBlob(dataDir, bytes);
    const [file] = await p.ctx.db.insert(storedFile).values({ hash, size: bytes.length, mimeType: 'application/pdf', originalName: 'ảnh lỗi.pdf' }).returning();
    await p.ctx.db.insert(feedbackAttachment).values({ submissionId: sub.id, fileId: file.id, fileName: 'ảnh lỗi.pdf' });
    const fileUrl = `${base(sub.code)}/files/${file.id}`;
    const got = await agents.bkhcnOfficer.get(fileUrl);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.body).toBe(bytes.toString());
    expect((await so.get(fileUrl)).status).toBe(200);
    expect((await agents.btcOfficer.get(fileUrl)).status).toBe(403);
    expect((await agents.expertUser.get(fileUrl)).status).toBe(403);
    expect([302, 303, 401]).toContain((await anon.get(fileUrl)).status);
    expect((await so.get(`${base(sub.code)}/files/${randomUUID()}`)).status).toBe(404);

    const bk = await assignmentFor(sub.id, 'BKHCN');
    const url = `${base(sub.code)}/assignments/${bk.id}`;
    // another ministry, an expert and the standing office cannot act for the ministry
    for (const k of ['btcOfficer', 'expertUser', 'office']) expect((await agents[k].postForm(`${url}/accept`, {})).status).toBe(403);
    expect((await agents.btcOfficer.postForm(`${base(sub.code)}/notes`, { body: 'Không được phép.' })).status).toBe(403);
    expect((await agents.bkhcnOfficer.postForm(`${url}/accept`, {})).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer`, { body: 'Dự thảo.' })).status).toBe(303);
    expect((await agents.bkhcnOfficer.postForm(`${url}/answer/submit`, {})).status).toBe(303);
    for (const k of ['bkhcnOfficer', 'btcOfficer', 'office', 'expertUser']) expect((await agents[k].postForm(`${url}/answer/approve`, {})).status).toBe(403);
    // an assignment id of another case is not found
    const other = await submit();
    expect((await so.postForm(`${base(other.code)}/forward`, { unitCodes: ['BKHCN'] })).status).toBe(303);
    expect((await agents.bkhcnLeader.postForm(`${base(other.code)}/assignments/${bk.id}/answer/approve`, {})).status).toBe(404);
    expect((await agents.bkhcnLeader.postForm(`${url}/answer/approve`, {})).status).toBe(303);

    // lists: scoped to the unit; contact data only where allowed
    const btcList = (await agents.btcOfficer.api('GET', '/api/v1/feedback?tab=unit&limit=200')).json();
    expect(btcList.items.map((i: { code: string }) => i.code)).not.toContain(sub.code);
    const bkList = (await agents.bkhcnOfficer.api('GET', '/api/v1/feedback?tab=unit&limit=200')).json();
    expect(bkList.items.map((i: { code: string }) => i.code)).toContain(sub.code);
    expect((await agents.expertUser.api('GET', '/api/v1/feedback')).status).toBe(403);
    // the assignment is answered, no longer active: the ministry no longer sees contact data
    const detail = (await agents.bkhcnOfficer.api('GET', `/api/v1/feedback/${sub.code}`)).json();
    expect(detail.submitter.email).toBeUndefined();
    expect((await so.api('GET', `/api/v1/feedback/${sub.code}`)).json().submitter.email).toBe(sub.email);
  });

  it('offers the same actions through the JSON API, with the error shape on bad input and wrong state', async () => {
    const sub = await submit();
    const so = agents.office;
    let r = await so.api('POST', `/api/v1/feedback/${sub.code}/forward`, { unitCodes: [] });
    expect(r.status).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.fields.unitCodes).toContain('Chọn ít nhất một cơ quan');
    r = await so.api('POST', `/api/v1/feedback/${sub.code}/forward`, { unitCodes: ['KHONG-CO'] });
    expect(r.status).toBe(400);
    expect(r.json().error.fields.unitCodes).toContain('KHONG-CO');
    r = await so.api('POST', `/api/v1/feedback/${sub.code}/forward`, { unitCodes: ['bkhcn'], instruction: 'Xử lý theo thẩm quyền.' });
    expect(r.status).toBe(200);
    expect(r.json().status).toBe('forwarded');
    expect(r.json().assignments.map((a: { unitCode: string }) => a.unitCode)).toEqual(['BKHCN']);
    const assignmentId = r.json().assignments[0].id as string;
    r = await so.api('POST', `/api/v1/feedback/${sub.code}/reject`, { reason: 'duplicate' });
    expect(r.status).toBe(409);
    expect(r.json().error.code).toBe('CONFLICT');
    expect(r.json().error.message).toContain('Đã chuyển cơ quan xử lý');
    r = await agents.btcOfficer.api('POST', `/api/v1/feedback/${sub.code}/assignments/${assignmentId}/accept`);
    expect(r.status).toBe(403);
    r = await agents.bkhcnOfficer.api('POST', `/api/v1/feedback/${sub.code}/assignments/${assignmentId}/accept`);
    expect(r.status).toBe(200);
    expect(r.json().status).toBe('in_progress');
    expect(r.json().submitter.email).toBe(sub.email);
    r = await agents.bkhcnOfficer.api('POST', `/api/v1/feedback/${sub.code}/assignments/${assignmentId}/answer`, { body: '' });
    expect(r.status).toBe(400);
    r = await agents.bkhcnOfficer.api('POST', `/api/v1/feedback/${sub.code}/assignments/not-an-id/answer`, { body: 'Trả lời.' });
    expect(r.status).toBe(404);
    r = await agents.bkhcnOfficer.api('POST', `/api/v1/feedback/${sub.code}/assignments/${assignmentId}/answer`, { body: 'Trả lời qua API.' });
    expect(r.status).toBe(200);
    expect(r.json().assignments[0].answerStatus).toBe('draft');
  });

  it('filters the lists diacritic-insensitively and pages them with a cursor', async () => {
    const tag = randomUUID().slice(0, 6);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await submit({ title: `Đường truyền Internet ở xã Đồng Tâm chập chờn ${tag} ${i}` })).code);
    }
    const so = agents.office;
    const found = (await so.api('GET', `/api/v1/feedback?tab=all&q=${encodeURIComponent(`duong truyen internet dong tam ${tag}`)}`)).json();
    expect(found.items.map((i: { code: string }) => i.code).sort()).toEqual([...codes].sort());
    const page1 = (await so.api('GET', `/api/v1/feedback?tab=triage&limit=2&q=${encodeURIComponent(`chập chờn ${tag}`)}`)).json();
    expect(page1.items.map((i: { code: string }) => i.code)).toEqual(codes.slice(0, 2));
    expect(page1.nextCursor).toBeTruthy();
    const page2 = (await so.api('GET', `/api/v1/feedback?tab=triage&limit=2&q=${encodeURIComponent(`chập chờn ${tag}`)}&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((i: { code: string }) => i.code)).toEqual(codes.slice(2));
    expect(page2.nextCursor).toBeNull();
    // a cursor of another listing is bad input, not a server error
    const bad = await so.api('GET', `/api/v1/feedback?tab=all&limit=2&cursor=${page1.nextCursor}`);
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields.cursor).toBeTruthy();
    // kind, status and overdue filters
    await p.ctx.db.update(feedbackSubmission).set({ forwardDueOn: '2020-01-06' }).where(eq(feedbackSubmission.code, codes[0]));
    await p.ctx.db.update(feedbackSubmission).set({ forwardDueOn: '2999-01-06' }).where(eq(feedbackSubmission.code, codes[1]));
    await p.ctx.db.update(feedbackSubmission).set({ kind: 'initiative' }).where(eq(feedbackSubmission.code, codes[2]));
    const listed = async (query: string) =>
      ((await so.api('GET', `/api/v1/feedback?limit=200&q=${encodeURIComponent(tag)}&${query}`)).json().items as { code: string; overdue: boolean }[]).map((i) => i.code).sort();
    expect(await listed('tab=all&overdue=true')).toEqual([codes[0]]);
    expect(await listed('tab=all&kind=initiative')).toEqual([codes[2]]);
    expect(await listed('tab=all&kind=feedback&status=received')).toEqual([codes[0], codes[1]].sort());
    expect(await listed('tab=all&status=answered')).toEqual([]);
    expect((await so.api('GET', '/api/v1/feedback?tab=all&status=nonsense')).status).toBe(400);
    expect((await so.api('GET', '/api/v1/feedback?limit=100000')).status).toBe(400);
    const overduePage = await so.get(`/cases?tab=triage&overdue=1&q=${encodeURIComponent(tag)}`);
    expect(overduePage.body).toContain(codes[0]);
    expect(overduePage.body).not.toContain(codes[1]);
    expect(overduePage.body).toContain('Quá hạn');
    const html = await so.get(`/cases?tab=triage&q=${encodeURIComponent(`dong tam ${tag}`)}`);
    expect(html.status).toBe(200);
    for (const c of codes) expect(html.body).toContain(c);
    expect(html.body).toContain('href="/cases"');
  });
});
