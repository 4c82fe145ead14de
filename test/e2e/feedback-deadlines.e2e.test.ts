/** The deadline control's pages in a real browser: overdue list, SLA settings, working-day calendar; axe-clean at desktop width and at 360 px. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { feedbackAssignment, feedbackSubmission } from '../../src/feedback/schema';
import { submitFeedback } from '../../src/feedback/submit-feedback';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { axeViolations, browserSkipReason, describeViolations, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: PAKN deadlines (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let office: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW' });
    const s = await submitFeedback(
      p.ctx.db,
      {
        kind: 'feedback',
        topicCode: 'thu-tuc-hanh-chinh',
        title: 'Hồ sơ cấp phép chậm trả kết quả',
        content: 'Đã quá hạn giải quyết nhưng chưa nhận được kết quả.',
        submitterType: 'individual',
        submitterName: 'Phạm Thị Dung',
        submitterEmail: 'dung@example.vn',
      },
      { actor: SYSTEM_ACTOR, now: new Date('2026-03-02T02:00:00Z') },
    );
    const [hn] = await p.ctx.db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, '01'));
    await p.ctx.db.update(feedbackSubmission).set({ status: 'in_progress', forwardedAt: new Date('2026-03-03T02:00:00Z') }).where(eq(feedbackSubmission.id, s.id));
    await p.ctx.db.insert(feedbackAssignment).values({ submissionId: s.id, unitId: hn!.id, status: 'accepted', answerDueOn: '2026-03-31' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('shows the pages accessibly on a desktop and at 360 px', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 780 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Thư điện tử').fill(office.email);
      await page.getByLabel('Mật khẩu').fill(office.password);
      await Promise.all([page.waitForURL(/\/app$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
      for (const [path, heading] of [
        ['/cases/overdue', 'Phản ánh, kiến nghị quá hạn'],
        ['/admin/feedback-sla', 'Thời hạn xử lý phản ánh, kiến nghị'],
        ['/admin/calendar?year=2026', 'Lịch ngày làm việc'],
        ['/cases/notices', 'Thông báo nhắc hạn xử lý PAKN'],
      ] as const) {
        await page.goto(`${baseUrl}${path}`);
        expect(await page.locator('h1').textContent()).toBe(heading);
        const violations = await axeViolations(page);
        expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
        if (viewport.width === 360) expect(await fitsViewport(page), `${path} scrolls sideways at 360 px`).toBe(true);
      }
      await page.goto(`${baseUrl}/cases/overdue`);
      await expect(page.getByRole('link', { name: 'Thành phố Hà Nội' }).first().isVisible()).resolves.toBe(true);
      // the SLA form works without JavaScript: a bad value comes back with its message
      await page.goto(`${baseUrl}/admin/feedback-sla`);
      await page.locator('#f-solution-answerDays').fill('0');
      await page.getByRole('button', { name: 'Lưu thời hạn — Giải pháp' }).click();
      await expect(page.locator('.error-summary').first().textContent()).resolves.toContain('Nhập số nguyên từ 1 đến 180.');
      await context.close();
    }
  });
});
