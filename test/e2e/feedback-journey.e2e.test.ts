/**
 * A PAKN case's whole journey in a real browser: a citizen on a 360 px phone sends a feedback with
 * a PDF attached, the standing office forwards it to a ministry, the ministry asks for more
 * information, the citizen answers through the lookup page, the officer drafts, the leader
 * approves, the answer is published (the citizen consented) and the citizen rates it. Public pages
 * and the staff case page are checked with axe.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackSubmission } from '../../src/feedback/schema';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

type User = Awaited<ReturnType<typeof makeUser>>;

const WORDS: Record<string, number> = { không: 0, một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

describe.skipIf(!!browserSkipReason)(`browser: PAKN case journey (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;
  let pdfPath: string;
  let office: User;
  let officer: User;
  let leader: User;
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-e2e-pakn-'));
    p = await createTestPlatform({ config: { dataDir } });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    office = await makeUser(p.ctx.db, { role: 'standing_office', orgCode: 'VPTW', fullName: 'Cán Bộ Văn Phòng' });
    officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: 'BKHCN', fullName: 'Chuyên Viên Bộ KH&CN' });
    leader = await makeUser(p.ctx.db, { role: 'leader', orgCode: 'BKHCN', fullName: 'Lãnh Đạo Bộ KH&CN' });
    pdfPath = path.join(dataDir, 'anh-chup-loi.pdf');
    fs.writeFileSync(pdfPath, `%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%${randomUUID()}\n%%EOF\n`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });


  const signIn = (context: BrowserContext, user: User) => signInPage(context, baseUrl, user.email, user.password);

  async function lookUp(page: Page, code: string, pin: string) {
    await page.goto(`${baseUrl}/feedback/lookup`);
    await page.getByLabel('Mã tra cứu').fill(code);
    await page.getByLabel('Mã bí mật').fill(pin);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tra cứu', exact: true }).click()]);
    expect(await page.textContent('main')).toContain(code);
  }

  const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

  it('goes from a phone submission to a published, rated answer', async () => {
    // --- the citizen, on a 360 px phone -------------------------------------------------------
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const cp = await phone.newPage();
    await cp.goto(`${baseUrl}/feedback/new`);
    expect(await fitsViewport(cp), 'the form scrolls sideways at 360 px').toBe(true);
    await expectAccessible(cp);
    await cp.check('input[name="kind"][value="feedback"]');
    await cp.selectOption('select[name="topicCode"]', 'thu-tuc-hanh-chinh');
    await cp.fill('input[name="title"]', `Cổng dịch vụ công lỗi ký số ${tag}`);
    await cp.fill('textarea[name="content"]', `Bước ký số trên Cổng dịch vụ công báo lỗi, không lưu được hồ sơ cấp phép (mã ${tag}).`);
    await cp.selectOption('select[name="submitterType"]', 'individual');
    await cp.fill('input[name="submitterName"]', 'Trần Thị Bình');
    const email = `binh-${tag}@example.vn`;
    await cp.fill('input[name="submitterEmail"]', email);
    await cp.check('input[name="publishConsent"][value="anonymous"]');
    await cp.setInputFiles('input[type="file"][name="files"]', pdfPath);
    const terms = cp.locator('input[name="termsAgree"]');
    if ((await terms.count()) > 0) await terms.check();
    const question = (await cp.locator('label[for="f-challengeAnswer"]').textContent()) ?? '';
    const m = /Câu hỏi kiểm tra: (\S+) (cộng|trừ) (\S+) bằng mấy\?/i.exec(question);
    expect(m, `the form asks an arithmetic question: ${question}`).not.toBeNull();
    const a = WORDS[m![1]!.toLowerCase()]!;
    const b = WORDS[m![3]!.toLowerCase()]!;
    await cp.fill('input[name="challengeAnswer"]', String(m![2] === 'cộng' ? a + b : a - b));
    await Promise.all([cp.waitForLoadState('load'), cp.getByRole('button', { name: 'Gửi', exact: true }).click()]);
    const code = ((await cp.locator('#tracking-code').textContent()) ?? '').trim();
    const pin = ((await cp.locator('#tracking-pin').textContent()) ?? '').trim();
    expect(code).toMatch(/^PAKN-\d{4}-\d{6}$/);
    expect(pin).toMatch(/^\d{8}$/);
    expect(await fitsViewport(cp)).toBe(true);
    await expectAccessible(cp);

    // --- the standing office forwards it to the ministry ----------------------------------------
    const officeCtx = await browser.newContext(desktop);
    const sp = await signIn(officeCtx, office);
    await sp.goto(`${baseUrl}/cases?tab=triage`);
    await expectAccessible(sp);
    await Promise.all([sp.waitForURL(new RegExp(`/cases/${code}$`)), sp.getByRole('link', { name: code }).click()]);
    const casePage = await sp.textContent('main');
    expect(casePage).toContain('anh-chup-loi.pdf');
    expect(casePage).toContain(email);
    await expectAccessible(sp);
    const download = await sp.request.get(`${baseUrl}/cases/${code}/files/${await sp.locator('a[href*="/files/"]').first().getAttribute('href').then((h) => h!.split('/').pop())}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');
    await sp.locator('select[name="unitCodes"]').selectOption('BKHCN');
    await sp.getByLabel('Chỉ đạo, hướng dẫn xử lý').fill('Đề nghị Bộ xem xét, trả lời theo thẩm quyền.');
    await Promise.all([sp.waitForURL(new RegExp(`/cases/${code}$`)), sp.getByRole('button', { name: 'Chuyển xử lý' }).click()]);
    expect(await sp.textContent('main')).toContain('Đã chuyển đến Bộ Khoa học và Công nghệ');

    // --- the ministry accepts and asks for more information -------------------------------------
    const officerCtx = await browser.newContext(desktop);
    const op = await signIn(officerCtx, officer);
    await op.goto(`${baseUrl}/cases?tab=unit`);
    await Promise.all([op.waitForURL(new RegExp(`/cases/${code}$`)), op.getByRole('link', { name: code }).click()]);
    await Promise.all([op.waitForURL(new RegExp(`/cases/${code}$`)), op.getByRole('button', { name: 'Tiếp nhận xử lý' }).click()]);
    await expectAccessible(op);
    await op.getByLabel('Nội dung cần bổ sung').fill('Đề nghị cho biết trình duyệt và thời điểm xảy ra lỗi.');
    await Promise.all([op.waitForURL(new RegExp(`/cases/${code}$`)), op.getByRole('button', { name: 'Gửi đề nghị' }).click()]);
    expect(await op.textContent('main')).toContain('Chờ bổ sung thông tin');

    // --- the citizen answers through the lookup page -----------------------------------------------
    await lookUp(cp, code, pin);
    expect(await cp.textContent('main')).toContain('trình duyệt và thời điểm xảy ra lỗi');
    expect(await fitsViewport(cp)).toBe(true);
    await expectAccessible(cp);
    await cp.fill('textarea[name="reply"]', 'Lỗi xảy ra trên Chrome lúc 9 giờ sáng ngày 20/11.');
    await Promise.all([cp.waitForLoadState('load'), cp.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click()]);
    expect(await cp.textContent('main')).toContain('Đã gửi thông tin bổ sung');

    // --- the officer drafts, the leader approves ----------------------------------------------------
    await op.goto(`${baseUrl}/cases/${code}`);
    expect(await op.textContent('main')).toContain('Lỗi xảy ra trên Chrome');
    await op.getByLabel('Dự thảo trả lời', { exact: true }).fill('Lỗi ký số đã được khắc phục; đề nghị Bà nộp lại hồ sơ.');
    await Promise.all([op.waitForURL(new RegExp(`/cases/${code}$`)), op.getByRole('button', { name: 'Lưu dự thảo' }).click()]);
    await Promise.all([op.waitForURL(new RegExp(`/cases/${code}$`)), op.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click()]);
    expect(await op.textContent('main')).toContain('Chờ lãnh đạo duyệt');
    const leaderCtx = await browser.newContext(desktop);
    const lp = await signIn(leaderCtx, leader);
    await lp.goto(`${baseUrl}/cases?tab=approval`);
    await Promise.all([lp.waitForURL(new RegExp(`/cases/${code}$`)), lp.getByRole('link', { name: code }).click()]);
    await expectAccessible(lp);
    await Promise.all([lp.waitForURL(new RegExp(`/cases/${code}$`)), lp.getByRole('button', { name: 'Duyệt trả lời' }).click()]);
    expect(await lp.textContent('main')).toContain('Đã trả lời');
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
    expect(row.status).toBe('answered');
    expect(row.publishedAt).not.toBeNull();

    // --- the citizen reads the answer and rates it ---------------------------------------------
    await lookUp(cp, code, pin);
    expect(await cp.textContent('main')).toContain('Lỗi ký số đã được khắc phục');
    await expectAccessible(cp);
    await cp.check('#f-rating-5');
    await Promise.all([cp.waitForLoadState('load'), cp.getByRole('button', { name: 'Gửi đánh giá' }).click()]);
    expect(await cp.textContent('main')).toContain('Cảm ơn bạn đã đánh giá');
    const [rated] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
    expect(rated.rating).toBe(5);
    expect(rated.status).toBe('closed');

    // the staff case page and list also work on a phone
    const staffPhone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const pp = await signIn(staffPhone, office);
    await pp.goto(`${baseUrl}/cases/${code}`);
    expect(await pp.textContent('main')).toContain('Lỗi ký số đã được khắc phục');
    expect(await fitsViewport(pp), 'the case page scrolls sideways at 360 px').toBe(true);
    await expectAccessible(pp);
    await pp.goto(`${baseUrl}/cases?tab=all`);
    expect(await fitsViewport(pp), 'the case list scrolls sideways at 360 px').toBe(true);
    await expectAccessible(pp);
    await staffPhone.close();

    await phone.close();
    await officeCtx.close();
    await officerCtx.close();
    await leaderCtx.close();
  });
});
