/**
 * Checklists in a real browser at 360 px: a ward officer self-assesses (plain forms, no scripts),
 * the city leader confirms one criterion as not met, and the province page shows the colour as a
 * word with "chưa xác nhận"/"đã xác nhận"; each page passes axe and fits the screen. The exchange
 * page is checked the same way.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { CL_CQDP2C } from '../../src/indicators/checklist/definitions';
import { orgUnit } from '../../src/org/schema';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

type User = Awaited<ReturnType<typeof makeUser>>;
const PERIOD = '2026-Q2';

describe.skipIf(!!browserSkipReason)(`browser: checklist self-assessment and confirmation (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let ward: { code: string; name: string };
  let officer: User;
  let leader: User;
  const mobile = { viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true };

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const [danang] = await p.ctx.db.select().from(orgUnit).where(eq(orgUnit.code, '48'));
    const [w] = await p.ctx.db.select().from(orgUnit).where(and(eq(orgUnit.parentId, danang.id), eq(orgUnit.kind, 'ward'))).limit(1);
    ward = w;
    officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: w.code, fullName: 'Công Chức Phường' });
    leader = await makeUser(p.ctx.db, { role: 'leader', orgCode: '48', fullName: 'Lãnh Đạo Thành Phố' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const signIn = (context: BrowserContext, user: User) => signInPage(context, baseUrl, user.email, user.password);

  it('assess, confirm and read the province page at 360 px, accessibly', async () => {
    const officerCtx = await browser.newContext(mobile);
    const page = await signIn(officerCtx, officer);
    await page.goto(`${baseUrl}/checklists/${CL_CQDP2C}/assess?unit=${ward.code}&period=${PERIOD}`);
    await expectAccessible(page);
    expect(await fitsViewport(page), 'the assessment form scrolls sideways at 360 px').toBe(true);
    // submitting with nothing chosen: the error summary names the criteria
    await page.getByRole('button', { name: 'Gửi tự đánh giá' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    await expectAccessible(page);
    const groups = page.locator('fieldset.checklist-criterion');
    const n = await groups.count();
    expect(n).toBe(8);
    for (let i = 0; i < n; i++) await groups.nth(i).getByLabel(i < 7 ? 'Đạt' : 'Chưa đạt', { exact: true }).check();
    await groups.nth(7).getByLabel('Nhận xét').fill('Đang xây dựng phương án');
    await page.getByRole('button', { name: 'Gửi tự đánh giá' }).click();
    await expect.poll(() => page.getByText('Đã lưu kết quả tự đánh giá.').count()).toBe(1);
    await expect.poll(() => page.locator('[data-colour="yellow"]').count()).toBeGreaterThan(0);
    await officerCtx.close();

    const leaderCtx = await browser.newContext(mobile);
    const lp = await signIn(leaderCtx, leader);
    await lp.goto(`${baseUrl}/checklists/${CL_CQDP2C}/units?parent=48&period=${PERIOD}`);
    const row = lp.locator(`tr[data-unit="${ward.code}"]`);
    await expect.poll(() => row.textContent()).toContain('Chưa xác nhận');
    expect(await row.textContent()).toContain('Vàng');
    await expectAccessible(lp);
    await lp.goto(`${baseUrl}/checklists/${CL_CQDP2C}/confirm?unit=${ward.code}&period=${PERIOD}`);
    await expectAccessible(lp);
    expect(await fitsViewport(lp), 'the confirmation form scrolls sideways at 360 px').toBe(true);
    const cg = lp.locator('fieldset.checklist-criterion');
    for (let i = 0; i < 8; i++) await cg.nth(i).getByLabel(i < 5 ? 'Đạt' : 'Không đạt', { exact: true }).check();
    await cg.nth(5).getByLabel('Ý kiến xác nhận').fill('Chưa có danh sách tập huấn');
    await Promise.all([lp.waitForURL(/\/units\?parent=48/), lp.getByRole('button', { name: 'Lưu xác nhận' }).click()]);
    const after = lp.locator(`tr[data-unit="${ward.code}"]`);
    await expect.poll(() => after.textContent()).toContain('Đã xác nhận');
    expect(await after.textContent()).toContain('Đỏ');
    expect(await after.textContent()).toContain('5/8');
    await lp.goto(`${baseUrl}/checklists/${CL_CQDP2C}?period=${PERIOD}`);
    await expectAccessible(lp);
    await lp.goto(`${baseUrl}/indicators/exchange`);
    await expectAccessible(lp);
    expect(await fitsViewport(lp), 'the exchange page scrolls sideways at 360 px').toBe(true);
    await leaderCtx.close();
  }, 240_000);
});
