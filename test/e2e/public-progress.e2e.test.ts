/**
 * The public task pages in a real browser: the list filtered without diacritics, a task's page,
 * and the portal search finding tasks — at 360 px, checked with axe, and without JavaScript.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: public task progress (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`lists, filters and opens public tasks at 360 px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true, javaScriptEnabled });
      const page = await phone.newPage();
      // axe runs inside the page: only where JavaScript runs
      const checkAxe = (pg: typeof page) => (javaScriptEnabled ? expectAccessible(pg) : Promise.resolve());
      await page.goto(`${baseUrl}/progress/tasks`);
      expect(await page.textContent('main')).toMatch(/Tìm thấy 140 nhiệm vụ/);
      if (javaScriptEnabled) expect(await fitsViewport(page), 'the page scrolls sideways at 360 px').toBe(true);
      await checkAxe(page);

      await page.getByLabel('Tìm theo mã, tên nhiệm vụ (gõ có dấu hoặc không dấu)').fill('chuyen doi so');
      await Promise.all([page.waitForURL(/q=chuyen/), page.getByRole('button', { name: 'Lọc' }).click()]);
      const found = Number(/Tìm thấy (\d+) nhiệm vụ/.exec((await page.textContent('main')) ?? '')?.[1]);
      expect(found).toBeGreaterThan(0);
      expect(found).toBeLessThan(140);

      await Promise.all([page.waitForURL(/\/progress\/tasks\/[0-9a-f-]{36}$/), page.locator('main table a').first().click()]);
      expect(await page.textContent('main')).toContain('Cơ quan chủ trì');
      if (javaScriptEnabled) expect(await fitsViewport(page)).toBe(true);
      await checkAxe(page);

      await page.goto(`${baseUrl}/search?q=${encodeURIComponent('chuyen doi so')}&type=task`);
      expect(await page.locator('main a[href^="/progress/tasks/"]').count()).toBeGreaterThan(0);
      await checkAxe(page);
      await phone.close();
    });
  }
});
