/** Submitting PAKN on a real database: codes, PINs, idempotency, proposal fields, validation, audit. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackAttachment, feedbackEvent, feedbackSubmission } from '../../src/feedback/schema';
import { storedFile } from '../../src/platform/files/schema';
import { submitFeedback, type SubmitFeedbackInput } from '../../src/feedback/submit-feedback';
import { pinMatches } from '../../src/feedback/tracking-code';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { AppError } from '../../src/platform/errors';
import { type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const base: SubmitFeedbackInput = {
  kind: 'feedback',
  topicCode: 'thu-tuc-hanh-chinh',
  title: 'Dịch vụ công trực tuyến cấp phép xây dựng bị lỗi',
  content: 'Khi nộp hồ sơ trên cổng dịch vụ công, bước ký số báo lỗi và không lưu được hồ sơ.',
  submitterType: 'individual',
  submitterName: 'Trần Thị Bình',
  submitterEmail: 'binh@example.vn',
  publishConsent: 'anonymous',
};

describe('submitFeedback', () => {
  it('gives consecutive codes of the year and a PIN that only matches its own code', async () => {
    const a = await submitFeedback(p.ctx.db, base, { actor: SYSTEM_ACTOR, now: new Date('2026-03-02T03:00:00Z') });
    const b = await submitFeedback(p.ctx.db, { ...base, title: 'Một phản ánh khác về thủ tục' }, { actor: SYSTEM_ACTOR, now: new Date('2026-03-02T03:00:00Z') });
    expect(a.code).toMatch(/^PAKN-2026-\d{6}$/);
    expect(Number(b.code.slice(-6))).toBe(Number(a.code.slice(-6)) + 1);
    expect(a.pin).toMatch(/^\d{8}$/);
    expect(await pinMatches(p.ctx.db, a.code, a.pin)).toBe(true);
    expect(await pinMatches(p.ctx.db, b.code, a.pin)).toBe(a.pin === b.pin);
    expect(await pinMatches(p.ctx.db, a.code, '00000000')).toBe(a.pin === '00000000');
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, a.id));
    expect(row!.status).toBe('received');
    expect(row!.searchText).toContain('dich vu cong truc tuyen');
    const events = await p.ctx.db.select().from(feedbackEvent).where(eq(feedbackEvent.submissionId, a.id));
    expect(events.map((e) => [e.type, e.isPublic])).toEqual([['received', true]]);
    const audits = await p.ctx.db.select().from(auditEvent).where(eq(auditEvent.entityId, a.id));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.after)).not.toContain('binh@example.vn');
  });

  it('returns the first submission, with the same PIN, when the idempotency key repeats', async () => {
    const key = 'form-7f1c2b9e-0d4a-4c55-9a1e-2b6f0c3d4e5f';
    // on PostgreSQL the five race to the insert; the losers' statements write nothing at all
    const results = await Promise.all(Array.from({ length: 5 }, () => submitFeedback(p.ctx.db, { ...base, idempotencyKey: key }, { actor: SYSTEM_ACTOR })));
    const [a] = results;
    for (const r of results) expect([r.code, r.pin]).toEqual([a!.code, a!.pin]);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    expect(await p.ctx.db.$count(feedbackEvent, eq(feedbackEvent.submissionId, rows[0]!.id))).toBe(1);
    expect(await p.ctx.db.$count(auditEvent, eq(auditEvent.entityId, rows[0]!.id))).toBe(1);
    // the same race with an attachment: the losers' attachment rows have no case to point at either
    const [file] = await p.ctx.db.insert(storedFile).values({ hash: 'a'.repeat(64), size: 3, mimeType: 'application/pdf', originalName: 'to-trinh.pdf' }).returning();
    const withFile = { ...base, idempotencyKey: `${key}-tep` };
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => submitFeedback(p.ctx.db, withFile, { actor: SYSTEM_ACTOR, attachments: [{ fileId: file!.id, fileName: 'to-trinh.pdf' }] })),
    );
    expect(new Set(raced.map((r) => r.code)).size).toBe(1);
    expect(await p.ctx.db.$count(feedbackAttachment, eq(feedbackAttachment.fileId, file!.id))).toBe(1);
  });

  it('asks initiatives for problem, proposal, impact, cost and feasibility, in Vietnamese, writing nothing', async () => {
    const before = await p.ctx.db.$count(feedbackSubmission);
    const err = await submitFeedback(p.ctx.db, { ...base, kind: 'initiative', proposal: 'Dùng chữ ký số từ xa' }, { actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(Object.keys(err.fields).sort()).toEqual(['estimatedCost', 'expectedImpact', 'feasibility', 'problem']);
    expect(err.fields.problem).toMatch(/Sáng kiến/);
    expect(await p.ctx.db.$count(feedbackSubmission)).toBe(before);
  });

  it('refuses a missing contact, an unknown topic, a bad phone number', async () => {
    const noContact = await submitFeedback(p.ctx.db, { ...base, submitterEmail: '' }, { actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(noContact.fields.submitterEmail).toMatch(/điện thoại/);
    const topic = await submitFeedback(p.ctx.db, { ...base, topicCode: 'khong-co' }, { actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(topic.fields.topicCode).toMatch(/Lĩnh vực/);
    // both references are checked inside the insert (foreign key, sub-select): a miss stores nothing
    const countBefore = await p.ctx.db.$count(feedbackSubmission);
    const place = await submitFeedback(p.ctx.db, { ...base, locationCode: 'ZZ-99' }, { actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(place.fields.locationCode).toBeTruthy();
    expect(await p.ctx.db.$count(feedbackSubmission)).toBe(countBefore);
    const placed = await submitFeedback(p.ctx.db, { ...base, title: 'Có địa bàn', locationCode: '01' }, { actor: SYSTEM_ACTOR });
    const [withPlace] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, placed.id));
    expect(withPlace!.locationUnitId).not.toBeNull();
    const phone = await submitFeedback(p.ctx.db, { ...base, submitterPhone: '12345' }, { actor: SYSTEM_ACTOR }).catch((e) => e);
    expect(phone.fields.submitterPhone).toMatch(/Số điện thoại/);
    const ok = await submitFeedback(p.ctx.db, { ...base, submitterEmail: undefined, submitterPhone: '0912 345 678' }, { actor: SYSTEM_ACTOR });
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, ok.id));
    expect(row!.submitterPhone).toBe('0912345678');
  });
});
