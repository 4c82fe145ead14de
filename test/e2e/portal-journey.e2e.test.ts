/**
 * The portal's journey in a real browser: an editor of Hà Nội writes an article with a cover
 * image and sends it for review; an approver of Hà Nội publishes it from the review queue; a
 * visitor on a 360 px phone finds it on the home page, in the news, in search (typed without
 * diacritics, with suggestions as they type, and with JavaScript off) and in the feed. Every
 * public page passes axe, fits 360 px and ships at most 30 KB of compressed JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

type User = Awaited<ReturnType<typeof makeUser>>;

describe.skipIf(!!browserSkipReason)(`browser: portal journey (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;
  let imagePath: string;
  let editor: User;
  let approver: User;
  const title = 'Hà Nội khai trương trung tâm đổi mới sáng tạo cho thanh niên';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-e2e-portal-'));
    p = await createTestPlatform({ config: { dataDir } });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    editor = await makeUser(p.ctx.db, { role: 'editor', orgCode: '01', fullName: 'Biên Tập Viên Hà Nội' });
    approver = await makeUser(p.ctx.db, { role: 'leader', orgCode: '01', fullName: 'Lãnh Đạo Hà Nội' });
    imagePath = path.join(dataDir, 'anh-bia.jpg');
    await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#1b4f8a' } })
      .jpeg()
      .toFile(imagePath);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });


  /** Sum of the gzip sizes of every script the page loads. */
  async function compressedScriptBytes(page: Page): Promise<number> {
    const srcs = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).filter(Boolean));
    let total = 0;
    for (const src of srcs) {
      const res = await fetch(src);
      total += gzipSync(Buffer.from(await res.arrayBuffer())).length;
    }
    return total;
  }

  async function checkPublicPage(page: Page, url: string) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expectAccessible(page);
    expect(await fitsViewport(page), `${url} fits 360 px`).toBe(true);
    expect(await compressedScriptBytes(page), `${url} JavaScript`).toBeLessThanOrEqual(30 * 1024);
  }

  const signIn = (context: BrowserContext, user: User) => signInPage(context, baseUrl, user.email, user.password);

  const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
  const phone = { viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true, hasTouch: true };

  it('an editor writes with an image, an approver publishes, the public finds it everywhere', async () => {
    // the editor writes the article
    const ep = await signIn(await browser.newContext(desktop), editor);
    await ep.getByRole('link', { name: 'Biên tập', exact: true }).click();
    await ep.waitForURL(/\/editor$/);
    await expectAccessible(ep);
    await ep.getByRole('link', { name: 'Viết bài mới' }).first().click();
    await ep.waitForURL(/\/editor\/articles\/new$/);
    await expectAccessible(ep);
    await ep.getByLabel('Chuyên mục').selectOption({ label: 'Đổi mới sáng tạo' });
    await ep.getByLabel('Tiêu đề').fill(title);
    await ep.getByLabel('Tóm tắt').fill('Trung tâm hỗ trợ thanh niên khởi nghiệp công nghệ.');
    await ep.getByLabel('Nội dung', { exact: true }).fill('Trung tâm có **phòng thí nghiệm** mở.\n\n- Cố vấn khởi nghiệp\n- Không gian làm việc chung');
    await ep.getByLabel('Từ khóa').fill('khởi nghiệp, thanh niên');
    await ep.getByLabel('Ảnh bìa', { exact: true }).setInputFiles(imagePath);
    await ep.getByLabel('Mô tả ảnh bìa').fill('Mặt tiền trung tâm đổi mới sáng tạo');
    // preview first: nothing is saved
    await ep.getByRole('button', { name: 'Xem trước' }).click();
    await ep.waitForSelector('#preview-heading');
    expect(await ep.locator('.portal-preview strong').textContent()).toBe('phòng thí nghiệm');
    await ep.getByLabel('Ảnh bìa', { exact: true }).setInputFiles(imagePath);
    await Promise.all([ep.waitForURL(/\/editor\/articles\/[0-9a-f-]{36}$/), ep.getByRole('button', { name: 'Lưu', exact: true }).click()]);
    expect(await ep.textContent('main')).toContain('Đã tạo bản nháp.');
    await expectAccessible(ep);
    await Promise.all([ep.waitForLoadState('load'), ep.getByRole('button', { name: 'Gửi duyệt' }).click()]);
    expect(await ep.textContent('main')).toContain('Đã gửi bài viết chờ duyệt.');
    expect(await ep.getByRole('button', { name: 'Xuất bản ngay' }).count()).toBe(0);

    // the approver publishes from the review queue
    const ap = await signIn(await browser.newContext(desktop), approver);
    await ap.goto(`${baseUrl}/editor/review`);
    await expectAccessible(ap);
    await Promise.all([ap.waitForURL(/\/editor\/articles\/[0-9a-f-]{36}$/), ap.getByRole('link', { name: title }).click()]);
    await Promise.all([ap.waitForLoadState('load'), ap.getByRole('button', { name: 'Xuất bản ngay' }).click()]);
    expect(await ap.textContent('main')).toContain('Đã xuất bản bài viết.');

    // a visitor on a phone
    const visitor = await (await browser.newContext(phone)).newPage();
    await checkPublicPage(visitor, `${baseUrl}/`);
    expect(await visitor.textContent('main')).toContain(title);
    await Promise.all([visitor.waitForURL(/\/news\/ha-noi-khai-truong/), visitor.getByRole('link', { name: title }).first().click()]);
    await expectAccessible(visitor);
    expect(await fitsViewport(visitor)).toBe(true);
    const cover = visitor.locator('img.portal-cover');
    expect(await cover.getAttribute('alt')).toBe('Mặt tiền trung tâm đổi mới sáng tạo');
    expect(await cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await cover.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/media\/[0-9a-f]{64}\/(480|960|1440)\.webp$/);
    await checkPublicPage(visitor, `${baseUrl}/news`);
    await checkPublicPage(visitor, `${baseUrl}/documents`);
    await checkPublicPage(visitor, `${baseUrl}/documents/57-nq-tw`);
    await checkPublicPage(visitor, `${baseUrl}/news/category/doi-moi-sang-tao`);
    expect(await visitor.textContent('main')).toContain(title);
    await checkPublicPage(visitor, `${baseUrl}/portal/01`);
    expect(await visitor.textContent('main')).toContain(title);

    // search typed without diacritics: suggestions as you type, then the full results page
    await checkPublicPage(visitor, `${baseUrl}/search`);
    await visitor.getByLabel('Từ khóa').pressSequentially('trung tam doi moi', { delay: 20 });
    await visitor.waitForSelector('#portal-suggest li a');
    expect(await visitor.locator('#portal-suggest').textContent()).toContain(title);
    await Promise.all([visitor.waitForURL(/\/search\?q=/), visitor.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    expect(await visitor.locator('.portal-results mark').first().textContent()).toBeTruthy();
    expect(await visitor.textContent('main')).toContain(title);
    await expectAccessible(visitor);
    expect(await fitsViewport(visitor)).toBe(true);

    // and the feeds: well-formed XML (the browser's own parser) naming the article
    for (const [url, itemTag] of [
      [`${baseUrl}/feeds/doi-moi-sang-tao.atom`, 'entry'],
      [`${baseUrl}/feeds/doi-moi-sang-tao.rss`, 'item'],
      [`${baseUrl}/feeds/all.atom`, 'entry'],
    ] as const) {
      const xml = await (await fetch(url)).text();
      const parsed = await visitor.evaluate(
        ([text, tag]) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          return { error: doc.getElementsByTagName('parsererror').length, titles: Array.from(doc.getElementsByTagName(tag), (e) => e.getElementsByTagName('title')[0]?.textContent) };
        },
        [xml, itemTag] as const,
      );
      expect(parsed.error, url).toBe(0);
      expect(parsed.titles, url).toContain(title);
    }
  });

  it('works without JavaScript', async () => {
    const ctx = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl}/search`);
    await page.getByLabel('Từ khóa').fill('khoi nghiep thanh nien');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    expect(await page.textContent('main')).toContain(title);
    await page.goto(`${baseUrl}/documents`);
    await page.getByLabel('Năm ban hành').selectOption('2024');
    await Promise.all([page.waitForURL(/year=2024/), page.getByRole('button', { name: 'Lọc' }).click()]);
    expect(await page.textContent('main')).toContain('57-NQ/TW');
  });
});
