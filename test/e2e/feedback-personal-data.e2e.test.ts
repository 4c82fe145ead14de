/**
 * The submitter's personal-data pages in a real browser with JavaScript off, at 360 px, checked
 * with axe: the form, a wrong PIN, the JSON download, the erasure confirmation (refused without
 * the box ticked) and its result; then the staff page for a written request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveFeedback } from '../../src/feedback/intake/receive-feedback';
import { feedbackSubmission } from '../../src/feedback/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: personal data of a submitter (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-e2e-privacy-'));
    p = await createTestPlatform({ config: { dataDir } });
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

  it('downloads and erases without JavaScript at 360 px, accessibly', async () => {
    const c = await receiveFeedback(
      p.ctx,
      {
        kind: 'feedback',
        topicCode: 'thu-tuc-hanh-chinh',
        title: 'Cổng dịch vụ công báo lỗi ký số khi nộp hồ sơ',
        content: 'Tôi đã nộp hồ sơ cấp phép ba lần nhưng bước ký số đều báo lỗi, đề nghị cơ quan kiểm tra.',
        submitterType: 'individual',
        submitterName: 'Phạm Minh Khoa',
        submitterEmail: 'khoa.e2e@example.vn',
        publishConsent: 'anonymous',
      },
      { actor: SYSTEM_ACTOR, channel: 'web', ip: '192.0.2.200' },
    );
    // The whole flow with JavaScript off (plain forms and a download).
    const noJs = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, javaScriptEnabled: false, acceptDownloads: true });
    const page = await noJs.newPage();
    await page.goto(`${baseUrl}/feedback/my-data`);
    await page.fill('input[name="code"]', c.code);
    await page.fill('input[name="pin"]', '00000000');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tải dữ liệu của tôi (JSON)' }).click()]);
    expect(await page.textContent('.error-summary')).toContain('không đúng');
    await page.fill('input[name="code"]', c.code);
    await page.fill('input[name="pin"]', c.pin);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải dữ liệu của tôi (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`du-lieu-ca-nhan-${c.code}.json`);
    const file = path.join(dataDir, 'download.json');
    await download.saveAs(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).submitter.email).toBe('khoa.e2e@example.vn');

    await page.goto(`${baseUrl}/feedback/my-data`);
    await page.fill('input[name="code"]', c.code);
    await page.fill('input[name="pin"]', c.pin);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Yêu cầu xóa thông tin cá nhân' }).click()]);
    expect(await page.textContent('h1')).toBe('Xác nhận xóa thông tin cá nhân');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click()]);
    expect(await page.textContent('.error-summary')).toContain('Hãy đánh dấu ô xác nhận');
    await page.check('#f-confirm-box');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click()]);
    expect(await page.textContent('main')).toContain('đã được xóa');
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, c.id));
    expect(row!.submitterEmail).toBeNull();
    await noJs.close();

    // The same pages at 360 px, checked with axe (which needs script in the page to run).
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const view = await phone.newPage();
    await view.goto(`${baseUrl}/feedback/my-data`);
    expect(await fitsViewport(view)).toBe(true);
    await expectAccessible(view);
    await view.fill('input[name="code"]', c.code);
    await view.fill('input[name="pin"]', c.pin);
    await Promise.all([view.waitForLoadState('load'), view.getByRole('button', { name: 'Yêu cầu xóa thông tin cá nhân' }).click()]);
    await Promise.all([view.waitForLoadState('load'), view.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click()]);
    expect(await view.textContent('.error-summary')).toContain('Hãy đánh dấu ô xác nhận');
    expect(await fitsViewport(view)).toBe(true);
    await expectAccessible(view);
    await view.check('#f-confirm-box');
    await Promise.all([view.waitForLoadState('load'), view.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click()]);
    expect(await view.textContent('main')).toContain('đã được xóa trước đây');
    await expectAccessible(view);
    await phone.close();
  });

  it('shows the staff page to the standing office, accessibly', async () => {
    const office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW' });
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signInPage(desktop, baseUrl, office.email, office.password);
    await page.goto(`${baseUrl}/admin/personal-data`);
    expect(await page.textContent('h1')).toBe('Yêu cầu về dữ liệu cá nhân');
    await expectAccessible(page);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Xóa thông tin cá nhân' }).click()]);
    expect(await page.textContent('.error-summary')).toContain('Không tìm thấy');
    await expectAccessible(page);
    await desktop.close();
  });
});
