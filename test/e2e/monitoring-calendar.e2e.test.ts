/** The deadline calendar in a real browser: a table on a desktop, a list of days at 360 px; axe passes on both. */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { axeViolations, browserSkipReason, describeViolations, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: deadline calendar (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  const code = `HN-LICH-${randomUUID().slice(0, 6)}`;
  const deadline = addDays(hcmDate(new Date()), 3);
  const month = deadline.slice(0, 7);

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const office = await makeUser(p.ctx.db, { role: 'standing_office' });
    const principal = (await loadPrincipal(p.ctx.db, office.id, 'session'))!;
    await createTask(
      p.ctx.db,
      { planCode: NQ03_PLAN_CODE, code, title: 'Hoàn thiện cơ sở dữ liệu dân cư dùng chung của thành phố', leadUnitCode: '01', deadline, coordinatingUnitCodes: [] },
      { principal, actor: { ...SYSTEM_ACTOR, label: 'test' } },
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('shows the month as a table at desktop width and as a list at 360 px, accessible on both', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 780 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Thư điện tử').fill(officer.email);
      await page.getByLabel('Mật khẩu').fill(officer.password);
      await Promise.all([page.waitForURL(/\/app$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
      await page.goto(`${baseUrl}/tasks`);
      await Promise.all([page.waitForURL(/\/tasks\/calendar$/), page.getByRole('link', { name: 'Xem lịch hạn nhiệm vụ' }).click()]);
      // the deadline may fall in next month near a month's end: open its month
      if (month !== hcmDate(new Date()).slice(0, 7)) await page.goto(`${baseUrl}/tasks/calendar?month=${month}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('table caption').count()).toBe(1);
      await expect(page.getByRole('link', { name: code }).isVisible()).resolves.toBe(true);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      if (viewport.width === 360) {
        expect(await fitsViewport(page), '/tasks/calendar scrolls sideways at 360 px').toBe(true);
        // the list shows the weekday name beside the date
        expect(await page.locator('td.calendar-has-tasks .calendar-weekday').first().isVisible()).toBe(true);
      } else {
        expect(await page.locator('thead th').first().isVisible()).toBe(true);
      }
      await context.close();
    }
  });
});
