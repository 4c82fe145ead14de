/**
 * A public submission's admission statement (receive-feedback.ts): the limits, the duplicate rule's
 * candidates, the place, the tracking code and the SLA in one statement, before the write. What
 * must hold: the year's counter moves only for a case that is let through, so refusals leave no gap
 * in the numbering, and a repeat contact whose case proves no duplicate is still numbered; the
 * parts of a statement come back under their own names.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeLimits } from '../../src/feedback/intake/limits';
import { receiveFeedback } from '../../src/feedback/intake/receive-feedback';
import { feedbackCodeCounter, feedbackSubmission } from '../../src/feedback/schema';
import type { SubmitFeedbackInput } from '../../src/feedback/submit-feedback';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { selectParts } from '../../src/platform/db/one-statement';
import { AppError } from '../../src/platform/errors';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

// a year of its own, so no other test's submissions share the counter
const now = new Date('2033-04-05T03:00:00Z');
const input = (over: Partial<SubmitFeedbackInput> = {}): SubmitFeedbackInput => ({
  kind: 'feedback',
  topicCode: 'thu-tuc-hanh-chinh',
  title: 'Cổng dịch vụ công không nhận chữ ký số',
  content: 'Tôi ký số hồ sơ đăng ký kinh doanh nhưng cổng dịch vụ công báo lỗi chữ ký không hợp lệ.',
  submitterType: 'individual',
  submitterName: 'Lê Văn Cường',
  submitterEmail: 'cuong.admission@example.vn',
  publishConsent: 'none',
  ...over,
});
const receive = (raw: SubmitFeedbackInput, ip: string) => receiveFeedback(p.ctx, raw, { actor: SYSTEM_ACTOR, channel: 'web', ip, now });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const numberOf = (code: string) => Number(code.slice('PAKN-2033-'.length));
const counter = async () => (await p.ctx.db.select().from(feedbackCodeCounter).where(eq(feedbackCodeCounter.year, 2033)))[0]?.lastNumber ?? 0;

describe(`the admission statement on ${backend}`, () => {
  it('numbers only the cases it lets through: refusals leave no gap, a repeat contact is still numbered', async () => {
    const first = await receive(input(), '198.51.100.31');
    expect(first.code).toMatch(/^PAKN-2033-\d{6}$/);

    // the same contact, the same words without diacritics: a duplicate, refused before a code is taken
    const duplicate = input({ title: 'Cong dich vu cong khong nhan chu ky so', content: 'Toi ky so ho so dang ky kinh doanh nhung cong dich vu cong bao loi chu ky khong hop le' });
    expect(await refusal(receive(duplicate, '198.51.100.31'))).toBe('CONFLICT');
    // a place that names no unit
    expect(await refusal(receive(input({ submitterEmail: 'noi-khac@example.vn', locationCode: 'ZZ-99' }), '198.51.100.32'))).toBe('VALIDATION_FAILED');
    // over the IP limit
    const saved = intakeLimits.submitsPerIpPerHour;
    intakeLimits.submitsPerIpPerHour = 0;
    try {
      expect(await refusal(receive(input({ submitterEmail: 'qua-gioi-han@example.vn' }), '198.51.100.33'))).toBe('RATE_LIMITED');
    } finally {
      intakeLimits.submitsPerIpPerHour = saved;
    }
    expect(await counter()).toBe(numberOf(first.code));

    // the same contact with another matter: its recent case held the counter still in the
    // statement, the rule found no duplicate, and the case is numbered next
    const other = await receive(input({ title: 'Đề nghị bổ sung hướng dẫn nộp lệ phí', content: 'Đề nghị cổng dịch vụ công có hướng dẫn nộp lệ phí trực tuyến cho hộ kinh doanh.' }), '198.51.100.31');
    const placed = await receive(input({ submitterEmail: 'co-dia-ban@example.vn', locationCode: '01' }), '198.51.100.34');
    expect([numberOf(other.code), numberOf(placed.code)]).toEqual([numberOf(first.code) + 1, numberOf(first.code) + 2]);
    expect(await counter()).toBe(numberOf(placed.code));
    const [row] = await p.ctx.db.select({ unit: feedbackSubmission.locationUnitId, due: feedbackSubmission.forwardDueOn }).from(feedbackSubmission).where(eq(feedbackSubmission.code, placed.code));
    expect(row!.unit).not.toBeNull();
    // received on Tuesday 5 April: five working days to forward, and Monday 11 April is off (the
    // Hùng Kings' day falls on Saturday 9 April that year)
    expect(row!.due).toBe('2033-04-13');
  });

  it('gives each part its column and refuses two parts naming one CTE', async () => {
    const row = await selectParts(p.ctx.db, {
      one: { ctes: [['admission_a', sql`SELECT 41 AS n`]], column: sql`(SELECT n + 1 FROM admission_a)` },
      two: { column: sql`${'hai'}::text` },
    });
    expect(row).toEqual({ one: 42, two: 'hai' });
    await expect(
      selectParts(p.ctx.db, { a: { ctes: [['trung', sql`SELECT 1`]], column: sql`1` }, b: { ctes: [['trung', sql`SELECT 2`]], column: sql`2` } }),
    ).rejects.toThrow(/same CTE/);
  });
});
