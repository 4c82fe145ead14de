/**
 * The public PAKN pages and the initiative review in a real browser, on the demo data: published
 * answers searched without diacritics, an adopted initiative's page with its task progress, the
 * statistics page with its charts, at 360 px and checked with axe; then an expert scores an
 * initiative and the standing office asks for further study, without JavaScript-only steps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FEEDBACK } from '../../src/feedback/seed-demo-feedback';
import { feedbackSubmission, initiativeReview } from '../../src/feedback/schema';
import { DEMO_PASSWORD, seedDemoData } from '../../src/seed/seed-demo';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: public PAKN pages and initiatives (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-e2e-pub-'));
    p = await createTestPlatform({ config: { dataDir } });
    await seedDemoData(p.ctx.db, p.ctx.mailer);
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });


  const signIn = (context: BrowserContext, email: string) => signInPage(context, baseUrl, email, DEMO_PASSWORD);

  it('shows published answers, an adopted initiative and the statistics at 360 px, accessibly', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await page.goto(`${baseUrl}/feedback/answers`);
    expect(await fitsViewport(page), 'the list scrolls sideways at 360 px').toBe(true);
    await expectAccessible(page);
    await page.fill('input[name="q"]', 'dich vu cong');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Lọc' }).click()]);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Dịch vụ công cấp phiếu lý lịch tư pháp');
    expect(main).not.toContain('Thôn vùng cao');

    const [adopted] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.decision, 'adopt'));
    await page.goto(`${baseUrl}/feedback/answers/${adopted!.code}`);
    expect(await fitsViewport(page)).toBe(true);
    expect(await page.textContent('main')).toContain('Nhiệm vụ triển khai');
    await expectAccessible(page);

    await page.goto(`${baseUrl}/feedback/statistics`);
    expect(await fitsViewport(page), 'the statistics scroll sideways at 360 px').toBe(true);
    expect(await page.locator('svg[role="img"]').count()).toBe(4);
    expect(await page.textContent('#totals-h + dl')).toContain(String(DEMO_FEEDBACK.length));
    await expectAccessible(page);
    await phone.close();
  });

  it('lets the demo expert score an initiative and the standing office decide on it', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const ep = await signIn(desktop, 'chuyengia@demo.nq57.vn');
    await ep.goto(`${baseUrl}/initiatives`);
    await expectAccessible(ep);
    await Promise.all([ep.waitForLoadState('load'), ep.getByRole('link', { name: /Giải pháp nhận dạng tiếng nói/ }).click()]);
    await ep.selectOption('select[name="novelty"]', '5');
    await ep.selectOption('select[name="feasibility"]', '3');
    await ep.selectOption('select[name="impact"]', '5');
    await ep.selectOption('select[name="cost"]', '2');
    await ep.fill('textarea[name="comment"]', 'Có giá trị cho vùng dân tộc thiểu số; chi phí cần làm rõ.');
    await Promise.all([ep.waitForLoadState('load'), ep.getByRole('button', { name: 'Lưu đánh giá' }).click()]);
    expect(await ep.textContent('main')).toContain('Điểm trung bình (1 đánh giá)');
    await expectAccessible(ep);
    const [solution] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.kind, 'solution'));
    expect(await p.ctx.db.$count(initiativeReview, eq(initiativeReview.submissionId, solution!.id))).toBe(1);
    await desktop.close();

    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const op = await signIn(office, 'thuongtruc@demo.nq57.vn');
    await op.goto(`${baseUrl}/initiatives/${solution!.code}`);
    await expectAccessible(op);
    await op.selectOption('select[name="decision"]', 'study');
    await op.fill('textarea[name="note"]', 'Đề nghị nhóm bổ sung dự toán chi tiết.');
    await Promise.all([op.waitForLoadState('load'), op.getByRole('button', { name: 'Ghi quyết định' }).click()]);
    expect(await op.textContent('main')).toContain('Nghiên cứu thêm');
    const [after] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, solution!.id));
    expect(after!.decision).toBe('study');
    await office.close();
  });
});
