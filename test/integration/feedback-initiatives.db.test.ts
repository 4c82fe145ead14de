/**
 * Initiatives on a real database: expert review (experts only, scores 1–5, one per expert,
 * editable until decided), the standing office's decision (only initiative.decide), and adoption
 * as a monitoring task in the SANG-KIEN plan with its lead unit and deadline, linked both ways and
 * visible on the task page and the public page. A non-initiative cannot be reviewed.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIATIVE_PLAN_CODE } from '../../src/feedback/initiatives/decide-initiative';
import { feedbackEvent, feedbackSubmission, initiativeReview } from '../../src/feedback/schema';
import { submitFeedback } from '../../src/feedback/submit-feedback';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { progressReport } from '../../src/monitoring/reports/schema';
import { plan, task } from '../../src/monitoring/schema';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { mailOutbox } from '../../src/platform/mail/schema';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let expert: TestAgent;
let expert2: TestAgent;
let office: TestAgent;
let officer: TestAgent;
let expertId: string;
const codes: Record<string, string> = {};

const proposal = {
  kind: 'initiative' as const,
  topicCode: 'chuyen-doi-so-co-quan',
  title: 'Trợ lý ảo trả lời thủ tục hành chính cho người dân',
  content: 'Xây dựng trợ lý ảo dùng mô hình ngôn ngữ tiếng Việt để hướng dẫn thủ tục.',
  problem: 'Người dân phải gọi tổng đài nhiều lần để hỏi thủ tục.',
  proposal: 'Trợ lý ảo trên Cổng dịch vụ công, học từ cơ sở dữ liệu thủ tục hành chính.',
  expectedImpact: 'Giảm 50% cuộc gọi tổng đài.',
  estimatedCost: 'Khoảng 2 tỷ đồng.',
  feasibility: 'Đã có dữ liệu thủ tục và mô hình mã nguồn mở.',
  submitterType: 'expert' as const,
  submitterName: 'TS. Hà Sáng Tạo',
  submitterEmail: 'sang.tao@example.vn',
  submitterPhone: '0977777777',
  publishConsent: 'named' as const,
};

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const e1 = await makeUser(db, { role: 'expert', fullName: 'GS. Chuyên Gia Một' });
  const e2 = await makeUser(db, { role: 'expert', fullName: 'PGS. Chuyên Gia Hai' });
  const so = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
  const of = await makeUser(db, { role: 'officer', orgCode: 'BKHCN' });
  expertId = e1.id;
  expert = await agentFor(p.app, db, e1.id);
  expert2 = await agentFor(p.app, db, e2.id);
  office = await agentFor(p.app, db, so.id);
  officer = await agentFor(p.app, db, of.id);
  codes.adopt = (await submitFeedback(db, proposal, { actor: SYSTEM_ACTOR })).code;
  codes.study = (await submitFeedback(db, { ...proposal, kind: 'solution', title: 'Giải pháp ký số từ xa trên điện thoại', publishConsent: 'none' }, { actor: SYSTEM_ACTOR })).code;
  codes.feedback = (
    await submitFeedback(
      db,
      { kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh', title: 'Phản ánh thường', content: 'Không phải sáng kiến.', submitterType: 'individual', submitterName: 'Ai Đó', submitterEmail: 'ai.do@example.vn' },
      { actor: SYSTEM_ACTOR },
    )
  ).code;
});
afterAll(async () => {
  await p?.close();
});

const scores = { novelty: '4', feasibility: '3', impact: '5', cost: '2', comment: 'Ý tưởng tốt, cần thử nghiệm tại một tỉnh.' };

async function reviewsOf(code: string) {
  const [s] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
  return p.ctx.db.select().from(initiativeReview).where(eq(initiativeReview.submissionId, s!.id));
}

describe('expert review', () => {
  it('lets an expert score an initiative once, and edit the same review', async () => {
    const queue = await expert.get('/initiatives');
    expect(queue.status).toBe(200);
    expect(queue.body).toContain(codes.adopt);
    expect(queue.body).not.toContain(codes.feedback);
    const res = await expert.postForm(`/initiatives/${codes.adopt}/review`, scores);
    expect(res.status).toBe(303);
    let rows = await reviewsOf(codes.adopt!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reviewerId: expertId, novelty: 4, feasibility: 3, impact: 5, cost: 2 });
    await expert.postForm(`/initiatives/${codes.adopt}/review`, { ...scores, cost: '3', comment: 'Đã xem lại chi phí.' });
    rows = await reviewsOf(codes.adopt!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cost: 3, comment: 'Đã xem lại chi phí.' });
    await expert2.postForm(`/initiatives/${codes.adopt}/review`, { novelty: '2', feasibility: '5', impact: '3', cost: '4', comment: 'Khả thi.' });
    expect(await reviewsOf(codes.adopt!)).toHaveLength(2);
    const page = await expert.get(`/initiatives/${codes.adopt}`);
    // averages: novelty (4+2)/2=3, feasibility (3+5)/2=4, impact (5+3)/2=4, cost (3+4)/2=3,5; overall 3,63
    expect(page.body).toContain('Điểm trung bình (2 đánh giá)');
    expect(page.body).toContain('3,5');
    expect(page.body).toContain('Trung bình chung: 3,63');
    expect(page.body).toContain('PGS. Chuyên Gia Hai');
    const events = await p.ctx.db.select().from(feedbackEvent).where(eq(feedbackEvent.type, 'reviewed'));
    expect(events).toHaveLength(3);
    expect(events.every((e) => !e.isPublic)).toBe(true);
  });

  it('validates scores 1–5 and keeps the typed values', async () => {
    for (const bad of [{ novelty: '0' }, { impact: '6' }, { cost: 'nhiều' }, { comment: '' }]) {
      const res = await expert.postForm(`/initiatives/${codes.study}/review`, { ...scores, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatch(bad.comment === '' ? /Nhận xét: Vui lòng nhập trường này/ : /Điểm phải là số nguyên từ 1 đến 5/);
    }
    expect(await reviewsOf(codes.study!)).toHaveLength(0);
  });

  it('refuses non-experts and non-initiatives', async () => {
    const byOfficer = await officer.postForm(`/initiatives/${codes.adopt}/review`, scores);
    expect(byOfficer.status).toBe(403);
    const byOffice = await office.postForm(`/initiatives/${codes.study}/review`, scores);
    expect(byOffice.status).toBe(403);
    expect(byOffice.body).toContain('Chỉ thành viên Hội đồng Tư vấn');
    const notInitiative = await expert.postForm(`/initiatives/${codes.feedback}/review`, scores);
    expect(notInitiative.status).toBe(404);
    const queueByOfficer = await officer.get('/initiatives');
    expect(queueByOfficer.status).toBe(403);
  });
});

describe('decision', () => {
  it('is only for initiative.decide and needs a review first', async () => {
    const byExpert = await expert.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'not_adopt', note: 'Không.' });
    expect(byExpert.status).toBe(403);
    const noReview = await office.postForm(`/initiatives/${codes.study}/decision`, { decision: 'study', note: 'Cần nghiên cứu thêm.' });
    expect(noReview.status).toBe(409);
    expect(noReview.body).toContain('Cần ít nhất một đánh giá');
    const [s] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.adopt!));
    expect(s!.decision).toBeNull();
  });

  it('asks adopt for a lead unit and a deadline, writing nothing', async () => {
    const missing = await office.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'adopt', note: 'Áp dụng.' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Chọn đơn vị chủ trì');
    expect(missing.body).toContain('Nhập thời hạn hoàn thành');
    const unknown = await office.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'adopt', note: 'Áp dụng.', leadUnitCode: 'KHONG-CO', deadline: addDays(hcmDate(new Date()), 90) });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('KHONG-CO');
    expect(unknown.body).toContain('value="KHONG-CO"');
    const past = await office.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'adopt', note: 'Áp dụng.', leadUnitCode: 'BKHCN', deadline: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(await p.ctx.db.$count(task, eq(task.source, codes.adopt!))).toBe(0);
  });

  it('adopting creates a linked task in the SANG-KIEN plan, shown on the task page and the public page', async () => {
    const deadline = addDays(hcmDate(new Date()), 120);
    const res = await office.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'adopt', note: 'Áp dụng thí điểm toàn quốc.', leadUnitCode: 'BKHCN', deadline });
    expect(res.status).toBe(303);
    const [s] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.adopt!));
    expect(s).toMatchObject({ decision: 'adopt', decisionNote: 'Áp dụng thí điểm toàn quốc.', status: 'answered' });
    expect(s!.publishedAt).not.toBeNull();
    const [tk] = await p.ctx.db.select().from(task).where(eq(task.id, s!.linkedTaskId!));
    const [pl] = await p.ctx.db.select().from(plan).where(eq(plan.id, tk!.planId));
    const [bkhcn] = await p.ctx.db.select().from(orgUnit).where(eq(orgUnit.code, 'BKHCN'));
    const [vptw] = await p.ctx.db.select().from(orgUnit).where(eq(orgUnit.code, 'VPTW'));
    expect(pl).toMatchObject({ code: INITIATIVE_PLAN_CODE, title: 'Sáng kiến, giải pháp được áp dụng', issuingUnitId: vptw!.id });
    expect(tk).toMatchObject({ source: codes.adopt, leadUnitId: bkhcn!.id, deadline, title: proposal.title, status: 'not_started' });
    const events = await p.ctx.db.select().from(feedbackEvent).where(eq(feedbackEvent.submissionId, s!.id));
    expect(events.filter((e) => e.type === 'decided' && e.isPublic)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'task_created' && e.isPublic)).toHaveLength(1);
    const [mail] = await p.ctx.db.select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, proposal.submitterEmail)));
    expect(mail!.subject).toContain(codes.adopt);
    expect(mail!.bodyText).toContain('Quyết định: Áp dụng');

    const taskPage = await office.get(`/tasks/${tk!.id}`);
    expect(taskPage.status).toBe(200);
    expect(taskPage.body).toContain(`href="/initiatives/${codes.adopt}"`);
    expect(taskPage.body).toContain(`Nguồn: sáng kiến ${codes.adopt}`);
    const initiativePage = await office.get(`/initiatives/${codes.adopt}`);
    expect(initiativePage.body).toContain(`href="/tasks/${tk!.id}"`);

    // progress on the task shows on the public page
    const [author] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.adopt!));
    await p.ctx.db.update(task).set({ status: 'in_progress', percentDone: 40 }).where(eq(task.id, tk!.id));
    await p.ctx.db.insert(progressReport).values({
      taskId: tk!.id,
      reportingUnitId: bkhcn!.id,
      authorId: author!.decidedBy!,
      kind: 'ad_hoc',
      percentDone: 40,
      doneText: 'Đã thử nghiệm trợ lý ảo tại hai tỉnh.',
      status: 'accepted',
      submittedAt: new Date(),
      reviewedAt: new Date(),
    });
    const pub = await new TestAgent(p.app).get(`/feedback/answers/${codes.adopt}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toContain('Đang thực hiện');
    expect(pub.body).toContain('40%');
    expect(pub.body).toContain('Đã thử nghiệm trợ lý ảo tại hai tỉnh.');
    expect(pub.body).toContain('TS. Hà Sáng Tạo');
    expect(pub.body).toContain(`Đã giao thành nhiệm vụ ${codes.adopt}`);
    for (const secret of [proposal.submitterEmail, proposal.submitterPhone, 'Ý tưởng tốt', 'GS. Chuyên Gia Một']) expect(pub.body).not.toContain(secret);

    // decided: no more reviews or decisions
    const late = await expert.postForm(`/initiatives/${codes.adopt}/review`, scores);
    expect(late.status).toBe(409);
    const again = await office.postForm(`/initiatives/${codes.adopt}/decision`, { decision: 'not_adopt', note: 'Đổi ý.' });
    expect(again.status).toBe(409);
    const decided = await expert.get('/initiatives?show=decided');
    expect(decided.body).toContain(codes.adopt);
  });

  it('"study further" keeps the proposal open, unpublished without consent', async () => {
    await expert.postForm(`/initiatives/${codes.study}/review`, scores);
    const res = await office.postForm(`/initiatives/${codes.study}/decision`, { decision: 'study', note: 'Cần thử nghiệm thêm.' });
    expect(res.status).toBe(303);
    const [s] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.study!));
    expect(s).toMatchObject({ decision: 'study', linkedTaskId: null, publishedAt: null });
    const more = await expert2.postForm(`/initiatives/${codes.study}/review`, scores);
    expect(more.status).toBe(303);
    const notAdopt = await office.postForm(`/initiatives/${codes.study}/decision`, { decision: 'not_adopt', note: 'Chi phí quá cao.' });
    expect(notAdopt.status).toBe(303);
    const [after] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.study!));
    expect(after).toMatchObject({ decision: 'not_adopt', status: 'answered', publishedAt: null });
    const pub = await officer.get(`/feedback/answers/${codes.study}`);
    expect(pub.status).toBe(404);
  });
});

describe('use-case rules', () => {
  it('refuses to review a non-initiative with a clear message, writing nothing', async () => {
    const { reviewInitiative } = await import('../../src/feedback/initiatives/review-initiative');
    const { loadPrincipal } = await import('../../src/org/queries');
    const principal = (await loadPrincipal(p.ctx.db, expertId, 'session'))!;
    const err = await reviewInitiative(p.ctx.db, codes.feedback!, { novelty: 3, feasibility: 3, impact: 3, cost: 3, comment: 'Thử.' }, { principal, actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toBe('Chỉ sáng kiến, giải pháp mới được đánh giá và quyết định.');
    expect(await reviewsOf(codes.feedback!)).toHaveLength(0);
  });
});
