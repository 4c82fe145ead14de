/**
 * The live dashboard in a real browser: the standing office keeps the national dashboard open; a
 * Hà Nội officer enters a KPI value for a ward on the report sheet and submits it; the city's
 * leader approves it; the open dashboard shows the new value and its status without a reload
 * (pushed over Server-Sent Events, sections swapped in place) and announces the update. The
 * dashboard passes axe and fits a 360 px screen. (Without JavaScript the page is the same
 * server-rendered HTML, checked in test/integration/dashboard-live.db.test.ts.)
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communesOf } from '../../src/dashboards/queries';
import { indicator } from '../../src/indicators/schema';
import { findUnitByCode } from '../../src/org/queries';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

type User = Awaited<ReturnType<typeof makeUser>>;
const PERIOD = '2026';

describe.skipIf(!!browserSkipReason)(`browser: KPI value approved, dashboard updates live (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let office: User;
  let officer: User;
  let leader: User;
  let ward: { id: string; code: string; name: string };
  let candidates: string[];

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW', fullName: 'Văn Phòng Thường Trực' });
    officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01', fullName: 'Chuyên Viên Hà Nội' });
    leader = await makeUser(p.ctx.db, { role: 'leader', orgCode: '01', fullName: 'Lãnh Đạo Hà Nội' });
    const hanoi = (await findUnitByCode(p.ctx.db, '01'))!;
    [ward] = await communesOf(p.ctx.db, hanoi.id);
    // yearly strategic indicators that add up the tree, so a ward's value reaches the national tile
    const rows = await p.ctx.db
      .select({ code: indicator.code })
      .from(indicator)
      .where(
        and(
          eq(indicator.kind, 'strategic'),
          eq(indicator.isActive, true),
          eq(indicator.isHeader, false),
          eq(indicator.qualitative, false),
          eq(indicator.frequency, 'year'),
          inArray(indicator.aggregation, ['sum', 'mean']),
        ),
      );
    candidates = rows.map((r) => r.code);
    // national statistics appear on the sheet of the unit answerable for them: make the ward answerable for one
    await p.ctx.db.update(indicator).set({ responsibleUnitId: ward.id }).where(eq(indicator.code, candidates[0]));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
  const signIn = (context: BrowserContext, user: User) => signInPage(context, baseUrl, user.email, user.password);

  it('shows an approved value on the open national dashboard without a reload', async () => {
    expect(candidates.length).toBeGreaterThan(0);
    const officeContext = await browser.newContext(desktop);
    const dash = await signIn(officeContext, office);
    await dash.goto(`${baseUrl}/dashboard`);
    await dash.locator('[data-live-connected="true"]').waitFor({ timeout: 15_000 });
    await dash.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // the officer enters the ward's value on the report sheet and submits the period
    const officerContext = await browser.newContext(desktop);
    const sheet = await signIn(officerContext, officer);
    await sheet.goto(`${baseUrl}/indicators/report?unit=${encodeURIComponent(ward.code)}&period=${PERIOD}`);
    let code = '';
    for (const c of candidates) {
      if ((await sheet.locator(`input[name="value_${c}"]`).count()) > 0) {
        code = c;
        break;
      }
    }
    expect(code, 'a summed strategic indicator on the yearly sheet').not.toBe('');
    expect(await dash.locator(`[data-kpi="${code}"]`).count()).toBe(0);
    await sheet.locator(`input[name="value_${code}"]`).fill('1234,5');
    await Promise.all([sheet.waitForURL(/\/indicators\/report\?/), sheet.locator('button[name="action"][value="submit"]').click()]);

    // the city's leader approves it
    const leaderContext = await browser.newContext(desktop);
    const approvals = await signIn(leaderContext, leader);
    await approvals.goto(`${baseUrl}/indicators/approvals`);
    await Promise.all([
      approvals.waitForURL(/\/indicators\/approvals$/),
      approvals.getByRole('button', { name: `Phê duyệt số liệu Năm ${PERIOD} của ${ward.name}` }).click(),
    ]);

    // the open dashboard changes by itself
    const tile = dash.locator(`[data-kpi="${code}"]`);
    await tile.waitFor({ timeout: 20_000 });
    await expect.poll(async () => tile.locator('[data-kpi-value]').textContent(), { timeout: 10_000 }).toBe('1.234,5');
    expect(await tile.locator('[data-kpi-status]').textContent()).toMatch(/\S/);
    expect(await dash.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(async () => dash.locator('[data-live-status]').textContent(), { timeout: 5_000 }).toBe('Số liệu vừa được cập nhật');
    expect(await dash.locator('[data-updated-at]').textContent()).toMatch(/^Cập nhật lúc \d{2}:\d{2}$/);

    await expectAccessible(dash);
    await officeContext.close();
    await officerContext.close();
    await leaderContext.close();
  });

  it('is usable on a 360 px screen', async () => {
    const small = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await signIn(small, office);
    await page.goto(`${baseUrl}/dashboard`);
    expect(await fitsViewport(page)).toBe(true);
    expect(await page.locator('[data-province]').count()).toBe(34);
    expect(await page.getByText('Quần đảo Trường Sa (Việt Nam)').count()).toBe(1);
    await expectAccessible(page);
    await page.goto(`${baseUrl}/dashboard/units/01`);
    expect(await fitsViewport(page)).toBe(true);
    await expectAccessible(page);
    // the comparison is chosen with a plain form
    await page.goto(`${baseUrl}/dashboard/compare`);
    await page.getByLabel('Đơn vị 1').selectOption('01');
    await page.getByLabel('Đơn vị 2').selectOption('48');
    await Promise.all([page.waitForURL(/\/dashboard\/compare\?units=01&units=48/), page.getByRole('button', { name: 'So sánh' }).click()]);
    expect(await page.locator('table[data-compare] thead th').count()).toBe(3);
    expect(await fitsViewport(page)).toBe(true);
    await expectAccessible(page);
    await small.close();
  });
});
