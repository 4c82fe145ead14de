/**
 * The public side of PAKN-GPSK on a real database: published answers (search with and without
 * diacritics, filters, pages), statistics computed by hand on a small fixture, open data as CSV and
 * JSON; unpublished or unconsented cases and personal data never appear in any public output.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackAnswer, feedbackAssignment, feedbackNote, feedbackSubmission, type PublishConsent, type SubmissionKind, type SubmissionStatus } from '../../src/feedback/schema';
import { recordFeedbackEvent } from '../../src/feedback/record-feedback-event';
import { submitFeedback } from '../../src/feedback/submit-feedback';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
let agent: TestAgent;
const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number) => new Date(now - days * DAY);

interface CaseSpec {
  kind?: SubmissionKind;
  topic: string;
  title: string;
  content: string;
  name: string;
  email: string;
  phone: string;
  consent: PublishConsent;
  createdDaysAgo: number;
  status: SubmissionStatus;
  dueInDays?: number;
  answeredDaysAfter?: number;
  published?: boolean;
  agencies?: string[];
  answer?: string;
}

/** Creates a case through submitFeedback, then moves it to the wanted state by writing rows. */
async function makeCase(spec: CaseSpec) {
  const db = p.ctx.db;
  const created = ago(spec.createdDaysAgo);
  const kind = spec.kind ?? 'feedback';
  const proposal =
    kind === 'initiative'
      ? { problem: 'Vấn đề', proposal: 'Đề xuất', expectedImpact: 'Hiệu quả', estimatedCost: 'Chi phí', feasibility: 'Khả thi' }
      : {};
  const r = await submitFeedback(
    db,
    {
      kind,
      topicCode: spec.topic,
      title: spec.title,
      content: spec.content,
      ...proposal,
      submitterType: 'individual',
      submitterName: spec.name,
      submitterEmail: spec.email,
      submitterPhone: spec.phone,
      submitterAddress: 'Số 9 ngõ Bí Mật, Hà Nội',
      publishConsent: spec.consent,
    },
    { actor: SYSTEM_ACTOR, now: created },
  );
  const due = spec.dueInDays == null ? null : hcmDate(new Date(created.getTime() + spec.dueInDays * DAY));
  const answeredAt = spec.answeredDaysAfter == null ? null : new Date(created.getTime() + spec.answeredDaysAfter * DAY);
  await db
    .update(feedbackSubmission)
    .set({
      status: spec.status,
      answerDueOn: due,
      answeredAt,
      publicAnswer: spec.answer ?? null,
      publishedAt: spec.published ? (answeredAt ?? created) : null,
    })
    .where(eq(feedbackSubmission.id, r.id));
  for (const code of spec.agencies ?? []) {
    const [unit] = await db.select().from(orgUnit).where(eq(orgUnit.code, code));
    const [a] = await db
      .insert(feedbackAssignment)
      .values({ submissionId: r.id, unitId: unit!.id, status: answeredAt ? 'answered' : 'accepted', answerDueOn: due, answeredAt, forwardedAt: created })
      .returning();
    await db.transaction((tx) => recordFeedbackEvent(tx, { submissionId: r.id, type: 'forwarded', unitId: unit!.id }));
    if (answeredAt && spec.answer) {
      await db.insert(feedbackAnswer).values({ assignmentId: a!.id, body: spec.answer, status: 'approved', approvedAt: answeredAt });
    }
  }
  return r;
}

const A = {
  topic: 'thu-tuc-hanh-chinh',
  title: 'Dịch vụ công trực tuyến cấp phép xây dựng bị lỗi ký số',
  content: 'Bước ký số trên cổng dịch vụ công báo lỗi, không lưu được hồ sơ.',
  name: 'Trần Thị Ẩn Danh',
  email: 'an.danh@example.vn',
  phone: '0912345678',
  consent: 'anonymous' as const,
  createdDaysAgo: 40,
  status: 'answered' as const,
  dueInDays: 20,
  answeredDaysAfter: 10,
  published: true,
  agencies: ['BKHCN'],
  answer: 'Bộ Khoa học và Công nghệ đã khắc phục lỗi ký số từ xa trên Cổng.',
};
const B = {
  kind: 'recommendation' as const,
  topic: 'du-lieu',
  title: 'Kiến nghị mở dữ liệu đất đai cho doanh nghiệp',
  content: 'Đề nghị công bố dữ liệu đất đai dạng mở để doanh nghiệp khởi nghiệp khai thác.',
  name: 'Nguyễn Văn Nêu Tên',
  email: 'neu.ten@example.vn',
  phone: '0987654321',
  consent: 'named' as const,
  createdDaysAgo: 70,
  status: 'answered' as const,
  dueInDays: 5,
  answeredDaysAfter: 15,
  published: true,
  agencies: ['01'],
  answer: 'UBND Thành phố sẽ công bố bộ dữ liệu đất đai trong quý tới.',
};
const C = {
  topic: 'thu-tuc-hanh-chinh',
  title: 'Cổng dịch vụ công chậm vào giờ cao điểm',
  content: 'Cổng dịch vụ công rất chậm vào buổi sáng.',
  name: 'Lê Không Đồng Ý',
  email: 'khong.dong.y@example.vn',
  phone: '0911111111',
  consent: 'none' as const,
  createdDaysAgo: 30,
  status: 'answered' as const,
  dueInDays: 20,
  answeredDaysAfter: 3,
  published: true,
  answer: 'Trả lời không được công khai vì người gửi không đồng ý.',
};
const D = {
  topic: 'thu-tuc-hanh-chinh',
  title: 'Dịch vụ công cấp giấy phép chưa được duyệt công khai',
  content: 'Nội dung dịch vụ công đã trả lời nhưng chưa công bố.',
  name: 'Phạm Chưa Duyệt',
  email: 'chua.duyet@example.vn',
  phone: '0922222222',
  consent: 'anonymous' as const,
  createdDaysAgo: 20,
  status: 'answered' as const,
  dueInDays: 20,
  answeredDaysAfter: 5,
  published: false,
  agencies: ['BKHCN'],
  answer: 'Dự thảo trả lời chưa công khai.',
};
const E = {
  kind: 'initiative' as const,
  topic: 'nhan-luc',
  title: 'Sáng kiến đào tạo kỹ năng số cho cán bộ xã',
  content: 'Tổ chức khóa học trực tuyến mở cho cán bộ cấp xã.',
  name: 'Đỗ Sáng Kiến',
  email: 'sang.kien@example.vn',
  phone: '0933333333',
  consent: 'named' as const,
  createdDaysAgo: 10,
  status: 'received' as const,
  dueInDays: 5,
};
const F = {
  topic: 'du-lieu',
  title: 'Phản ánh trùng đã gộp',
  content: 'Trùng nội dung.',
  name: 'Gộp',
  email: 'gop@example.vn',
  phone: '0944444444',
  consent: 'anonymous' as const,
  createdDaysAgo: 15,
  status: 'merged' as const,
};
const SECRETS = [A, B, C, D, E, F].flatMap((x) => [x.email, x.phone]).concat(['Bí Mật', 'GHI-CHU-NOI-BO', A.name]);
const codes: Record<string, string> = {};

beforeAll(async () => {
  p = await createTestPlatform();
  agent = new TestAgent(p.app);
  for (const [k, spec] of Object.entries({ A, B, C, D, E, F })) codes[k] = (await makeCase(spec)).code;
  const author = await makeUser(p.ctx.db, { role: 'officer', orgCode: 'BKHCN' });
  const [sub] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, codes.A!));
  const [unit] = await p.ctx.db.select().from(orgUnit).where(eq(orgUnit.code, 'BKHCN'));
  await p.ctx.db.insert(feedbackNote).values({ submissionId: sub!.id, unitId: unit!.id, authorId: author.id, body: 'GHI-CHU-NOI-BO' });
  await p.ctx.db.transaction((tx) => recordFeedbackEvent(tx, { submissionId: sub!.id, type: 'note_added', data: { body: 'GHI-CHU-NOI-BO' } }));
});
afterAll(async () => {
  await p?.close();
});

function expectNoSecrets(body: string) {
  for (const s of SECRETS) expect(body, `public output leaks ${s}`).not.toContain(s);
}

describe('statistics', () => {
  it('counts received, answered, on time, open and overdue as computed by hand', async () => {
    const res = await agent.get('/api/v1/public/feedback-stats', { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const s = res.json();
    // A, B, C, D, E (F is merged): answered A, B, C, D; on time A, C, D; E open and overdue
    expect(s.totals).toEqual({ received: 5, answered: 4, onTime: 3, onTimeShare: 75, open: 1, overdue: 1 });
    const byKind = Object.fromEntries(s.byKind.map((r: any) => [r.key, [r.received, r.answered, r.onTime]]));
    expect(byKind).toEqual({ feedback: [3, 3, 3], recommendation: [1, 1, 0], initiative: [1, 0, 0] });
    const byTopic = Object.fromEntries(s.byTopic.map((r: any) => [r.key, [r.received, r.answered, r.onTime]]));
    expect(byTopic).toEqual({ 'thu-tuc-hanh-chinh': [3, 3, 3], 'du-lieu': [1, 1, 0], 'nhan-luc': [1, 0, 0] });
    const byAgency = Object.fromEntries(s.byAgency.map((r: any) => [r.key, [r.received, r.answered, r.onTime]]));
    expect(byAgency).toEqual({ BKHCN: [2, 2, 2], '01': [1, 1, 0] });
    expect(s.trend).toHaveLength(12);
    expect(s.trend.reduce((n: number, m: any) => n + m.received, 0)).toBe(5);
    expect(s.trend.reduce((n: number, m: any) => n + m.answered, 0)).toBe(4);
    const monthOfB = hcmDate(ago(B.createdDaysAgo)).slice(0, 7);
    expect(s.trend.find((m: any) => m.month === monthOfB).received).toBeGreaterThanOrEqual(1);
    expect(s.trend.at(-1).month).toBe(hcmDate(new Date()).slice(0, 7));
  });

  it('renders the statistics page with tables and labelled SVG charts', async () => {
    const res = await agent.get('/feedback/statistics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Thống kê phản ánh, kiến nghị');
    expect(res.body).toMatch(/<svg[^>]*role="img"/);
    expect(res.body).toContain('<title id="by-kind-chart-title">');
    expect(res.body).toContain('<table class="data-table" id="trend">');
    expect(res.body).toContain('75%');
    expect(res.body).not.toMatch(/style="/);
    expectNoSecrets(res.body);
  });
});

describe('published answers', () => {
  it('finds "dịch vụ công" with and without diacritics, and only published consented cases', async () => {
    for (const q of ['dich vu cong', 'Dịch vụ công', 'DICH VU']) {
      const res = await agent.get(`/feedback/answers?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body).toContain(codes.A);
      expect(res.body).not.toContain(codes.C);
      expect(res.body).not.toContain(codes.D);
      expect(res.body).not.toContain(codes.B);
      expect(res.body).toContain('Tìm thấy 1 kết quả');
    }
    const all = await agent.get('/feedback/answers');
    expect(all.body).toContain(codes.A);
    expect(all.body).toContain(codes.B);
    for (const hidden of [codes.C, codes.D, codes.E, codes.F]) expect(all.body).not.toContain(hidden);
    // newest published first: A was published after B
    expect(all.body.indexOf(codes.A!)).toBeLessThan(all.body.indexOf(codes.B!));
    expectNoSecrets(all.body);
  });

  it('filters by kind, topic, agency and year', async () => {
    const kind = await agent.get('/feedback/answers?kind=recommendation');
    expect(kind.body).toContain(codes.B);
    expect(kind.body).not.toContain(codes.A);
    const topic = await agent.get('/feedback/answers?topic=du-lieu');
    expect(topic.body).toContain(codes.B);
    expect(topic.body).not.toContain(codes.A);
    const agency = await agent.get('/feedback/answers?agency=BKHCN');
    expect(agency.body).toContain(codes.A);
    expect(agency.body).not.toContain(codes.B);
    const year = Number(hcmDate(ago(A.createdDaysAgo)).slice(0, 4));
    const none = await agent.get(`/feedback/answers?year=${year - 3}`);
    expect(none.body).toContain('Không có trả lời công khai nào phù hợp');
    const bad = await agent.get('/feedback/answers?kind=hack');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Dữ liệu');
  });

  it('shows a published case with its answer, agency and public timeline, never personal data', async () => {
    const res = await agent.get(`/feedback/answers/${codes.A}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(A.answer);
    expect(res.body).toContain('Bộ Khoa học và Công nghệ');
    expect(res.body).toContain('Đã chuyển đến');
    expect(res.body).toContain('Người gửi đề nghị không công khai họ tên');
    expect(res.body).toContain('Trả lời đúng hạn');
    expect(res.body).not.toContain('Ghi chú nội bộ');
    expectNoSecrets(res.body);
    const named = await agent.get(`/feedback/answers/${codes.B}`);
    expect(named.status).toBe(200);
    expect(named.body).toContain(B.name);
    expect(named.body).toContain('Trả lời quá hạn');
    expect(named.body).not.toContain(B.email);
    expect(named.body).not.toContain(B.phone);
  });

  it('answers 404 with the same message for unpublished, unconsented and unknown codes', async () => {
    const unknown = await agent.get('/feedback/answers/PAKN-2000-999999');
    expect(unknown.status).toBe(404);
    for (const code of [codes.C, codes.D, codes.E, codes.F]) {
      const res = await agent.get(`/feedback/answers/${code}`);
      expect(res.status).toBe(404);
      expect(res.body).toContain('Không tìm thấy trả lời công khai với mã này.');
      expectNoSecrets(res.body);
    }
  });
});

describe('public answers API', () => {
  it('pages published answers with limit and cursor, filters, and refuses a bad cursor', async () => {
    const first = await agent.get('/api/v1/public/feedback-answers?limit=1', { accept: 'application/json' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const p1 = first.json();
    expect(p1.items.map((x: any) => x.code)).toEqual([codes.A]);
    expect(p1.items[0]).toMatchObject({ kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh', agencies: [{ code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ' }], url: `http://localhost:3000/feedback/answers/${codes.A}` });
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = (await agent.get(`/api/v1/public/feedback-answers?limit=1&cursor=${p1.nextCursor}`, { accept: 'application/json' })).json();
    expect(p2.items.map((x: any) => x.code)).toEqual([codes.B]);
    expect(p2.nextCursor).toBeNull();
    const search = (await agent.get(`/api/v1/public/feedback-answers?q=${encodeURIComponent('đất đai')}`, { accept: 'application/json' })).json();
    expect(search.items.map((x: any) => x.code)).toEqual([codes.B]);
    const bad = await agent.get('/api/v1/public/feedback-answers?cursor=xyz', { accept: 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.json().error.fields.cursor).toContain('nextCursor');
    const badLimit = await agent.get('/api/v1/public/feedback-answers?limit=1000', { accept: 'application/json' });
    expect(badLimit.status).toBe(400);
    expect(badLimit.json().error.code).toBe('VALIDATION_FAILED');
    expectNoSecrets(first.body + JSON.stringify(p2) + JSON.stringify(search));
  });
});

describe('open data', () => {
  it('serves published cases only as CSV with a BOM and the documented columns', async () => {
    const res = await agent.get('/open-data/feedback.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('code,kind,topic,topic_name,agency_codes,received_date,answered_date,answer_due_date,on_time,status,url');
    expect(lines).toHaveLength(3);
    const rowA = lines.find((l) => l.startsWith(codes.A!))!;
    expect(rowA).toContain(',feedback,thu-tuc-hanh-chinh,');
    expect(rowA).toContain(',BKHCN,');
    expect(rowA).toContain(`,${hcmDate(ago(A.createdDaysAgo))},`);
    expect(rowA).toContain(',true,answered,');
    expect(lines.find((l) => l.startsWith(codes.B!))).toContain(',false,answered,');
    expectNoSecrets(res.body);
  });

  it('serves the same rows as JSON', async () => {
    const res = await agent.get('/open-data/feedback.json');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.json();
    expect(body.items.map((x: any) => x.code).sort()).toEqual([codes.A, codes.B].sort());
    const b = body.items.find((x: any) => x.code === codes.B);
    expect(b).toEqual({
      code: codes.B,
      kind: 'recommendation',
      topic: 'du-lieu',
      topic_name: expect.any(String),
      agency_codes: ['01'],
      received_date: hcmDate(ago(B.createdDaysAgo)),
      answered_date: hcmDate(new Date(ago(B.createdDaysAgo).getTime() + 15 * DAY)),
      answer_due_date: addDays(hcmDate(ago(B.createdDaysAgo)), 5),
      on_time: false,
      status: 'answered',
      url: `http://localhost:3000/feedback/answers/${codes.B}`,
    });
    expectNoSecrets(res.body);
  });
});

describe('demo data', () => {
  it('seeds about twenty demo cases once, with published answers, a trend and an adopted initiative', async () => {
    const demo = await createTestPlatform();
    try {
      const { seedDemoData } = await import('../../src/seed/seed-demo');
      const { seedDemoFeedback, DEMO_FEEDBACK } = await import('../../src/feedback/seed-demo-feedback');
      const { task } = await import('../../src/monitoring/schema');
      await seedDemoData(demo.ctx.db, demo.ctx.mailer);
      const rows = await demo.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.isDemo, true));
      expect(rows).toHaveLength(DEMO_FEEDBACK.length);
      expect(rows.length).toBeGreaterThanOrEqual(18);
      expect(await seedDemoFeedback(demo.ctx.db)).toBe(0);
      expect(await demo.ctx.db.$count(feedbackSubmission)).toBe(DEMO_FEEDBACK.length);
      const published = rows.filter((r) => r.publishedAt);
      expect(published.length).toBeGreaterThanOrEqual(6);
      expect(published.every((r) => r.publishConsent !== 'none')).toBe(true);
      const adopted = rows.find((r) => r.decision === 'adopt')!;
      const [tk] = await demo.ctx.db.select().from(task).where(eq(task.id, adopted.linkedTaskId!));
      expect(tk).toMatchObject({ source: adopted.code, isDemo: true });
      const stats = (await new TestAgent(demo.app).get('/api/v1/public/feedback-stats', { accept: 'application/json' })).json();
      expect(stats.totals.received).toBe(DEMO_FEEDBACK.length);
      expect(stats.trend.filter((m: any) => m.received > 0).length).toBeGreaterThanOrEqual(6);
      expect(stats.totals.answered).toBeGreaterThan(stats.totals.onTime);
      const page = await new TestAgent(demo.app).get(`/feedback/answers/${adopted.code}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Nhiệm vụ triển khai');
    } finally {
      await demo.close();
    }
  });
});
