/** Task pages in a real browser: list, task page (all forms shown) and My work pass axe and fit 360 px. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cascadeTask } from '../../src/monitoring/cascade-task';
import { createTask } from '../../src/monitoring/create-task';
import { detectOverdueTasks } from '../../src/monitoring/detect-overdue-tasks';
import { requestExtension } from '../../src/monitoring/request-extension';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { axeViolations, browserSkipReason, describeViolations, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: tasks (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let office: Awaited<ReturnType<typeof makeUser>>;
  let taskId: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW', fullName: 'Văn phòng Thường trực' });
    const officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const actor = { ...SYSTEM_ACTOR, label: 'test' };
    const principal = (await loadPrincipal(p.ctx.db, office.id, 'session'))!;
    const created = await createTask(
      p.ctx.db,
      { planCode: NQ03_PLAN_CODE, code: 'HN-E2E', title: 'Triển khai nền tảng số dùng chung của Hà Nội', leadUnitCode: '01', deadline: '2026-01-15', coordinatingUnitCodes: ['BKHCN'] },
      { principal, actor },
    );
    taskId = created.id;
    await cascadeTask(p.ctx.db, taskId, { target: 'units', unitCodes: ['00070', '00082'] }, { principal, actor });
    await requestExtension(p.ctx.db, taskId, { requestedDeadline: '2030-01-31', reason: 'Chờ hạ tầng' }, { principal: (await loadPrincipal(p.ctx.db, officer.id, 'session'))!, actor });
    await detectOverdueTasks(p.ctx.db, p.ctx.mailer, new Date());
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

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Thư điện tử').fill(office.email);
    await page.getByLabel('Mật khẩu').fill(office.password);
    await Promise.all([page.waitForURL(/\/app$/), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    return page;
  }

  it('task list, task page and My work pass axe and fit a 360 px screen', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 780 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await signIn(context);
      for (const path of ['/app', '/tasks', '/tasks?overdue=true&sort=code', '/tasks/new', `/tasks/${taskId}`]) {
        await page.goto(`${baseUrl}${path}`);
        expect(await page.locator('h1').count()).toBe(1);
        if (viewport.width === 360) expect(await fitsViewport(page), `${path} scrolls sideways at 360 px`).toBe(true);
        await expectAccessible(page);
      }
      expect(await page.textContent('main')).toContain('Chờ quyết định');
      await context.close();
    }
  });

  it('approves the extension with the form, without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', javaScriptEnabled: false });
    const page = await signIn(context);
    await page.goto(`${baseUrl}/tasks/${taskId}`);
    await page.getByLabel('Ý kiến').fill('Đồng ý gia hạn');
    await Promise.all([page.waitForURL(new RegExp(`/tasks/${taskId}$`)), page.getByRole('button', { name: 'Đồng ý', exact: true }).click()]);
    const main = await page.textContent('main');
    expect(main).toContain('Đã đồng ý');
    expect(main).toContain('31/01/2030');
    await context.close();
  });
});
