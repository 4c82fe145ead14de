/**
 * A staff member signs in with a real browser, opens the organisation directory, searches it
 * without diacritics, opens a unit, and every page passes axe and fits a 360 px phone screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSkipReason, describeViolations, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: sign in and directory (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let user: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    user = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01', fullName: 'Nguyễn Thị Kiểm Thử' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  async function expectAccessible(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  async function signIn(context: BrowserContext, opts: { audit?: boolean } = {}): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    // axe is JavaScript: it cannot run in a context that has JavaScript switched off.
    if (opts.audit !== false) await expectAccessible(page);
    await page.getByLabel('Thư điện tử').fill(user.email);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await Promise.all([page.waitForURL(/\/app$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    return page;
  }

  it('signs in, browses and searches the directory on a desktop screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signIn(context);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.textContent('body')).toContain('Nguyễn Thị Kiểm Thử');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Danh bạ đơn vị' }).first().click();
    await page.waitForURL(/\/org$/);
    await expectAccessible(page);

    await page.getByLabel(/Tìm đơn vị/).fill('da nang');
    await Promise.all([page.waitForURL(/\/org\?q=/), page.getByLabel(/Tìm đơn vị/).press('Enter')]);
    const results = await page.textContent('main');
    expect(results).toContain('Đà Nẵng');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Thành phố Đà Nẵng' }).first().click();
    await page.waitForURL(/\/org\/48$/);
    expect(await page.textContent('h1')).toContain('Đà Nẵng');
    await expectAccessible(page);
    await context.close();
  });

  it('works on a 360 px phone screen without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await signIn(context);
    for (const path of ['/app', '/org', '/org/01', '/org?q=hoan+kiem']) {
      await page.goto(`${baseUrl}${path}`);
      expect(await fitsViewport(page), `${path} scrolls sideways at 360 px`).toBe(true);
      await expectAccessible(page);
    }
    await context.close();
  });

  it('works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
    const page = await signIn(context, { audit: false });
    await page.goto(`${baseUrl}/org?q=hoan+kiem`);
    expect(await page.textContent('main')).toContain('Hoàn Kiếm');
    await context.close();
  });
});
