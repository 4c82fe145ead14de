/**
 * A progress report's whole journey in a real browser: a Hà Nội officer reports completion of a
 * task with evidence and a PDF, the standing office returns it with a comment, the officer sends
 * a fixed version, the office accepts it, and the task is done on time and leaves "My work"; the
 * dashboard's counts move with each step.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { addDays, hcmDate } from '../../src/monitoring/dates';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium, signInPage } from '../support/browser';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

type User = Awaited<ReturnType<typeof makeUser>>;

describe.skipIf(!!browserSkipReason)(`browser: progress report journey (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;
  let pdfPath: string;
  let officer: User;
  let office: User;
  let taskId: string;
  const code = `HN-BC-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-e2e-reports-'));
    p = await createTestPlatform({ config: { dataDir } });
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = p.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01', fullName: 'Chuyên Viên Hà Nội' });
    office = await makeUser(p.ctx.db, { role: 'standing_office', fullName: 'Văn Phòng Thường Trực' });
    const principal = (await loadPrincipal(p.ctx.db, office.id, 'session'))!;
    const created = await createTask(
      p.ctx.db,
      {
        planCode: NQ03_PLAN_CODE,
        code,
        title: 'Ban hành kế hoạch chuyển đổi số của thành phố Hà Nội',
        leadUnitCode: '01',
        deadline: addDays(hcmDate(new Date()), 7),
        coordinatingUnitCodes: [],
      },
      { principal, actor: { ...SYSTEM_ACTOR, label: 'test' } },
    );
    taskId = created.id;
    pdfPath = path.join(dataDir, 'bien-ban-nghiem-thu.pdf');
    fs.writeFileSync(pdfPath, `%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%${randomUUID()}\n%%EOF\n`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });


  const signIn = (context: BrowserContext, user: User) => signInPage(context, baseUrl, user.email, user.password);

  const desktop = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

  /** The dashboard's headline numbers as the page shows them. */
  async function dashboard(page: Page) {
    await page.goto(`${baseUrl}/dashboard`);
    const read = async (id: string) => Number((await page.locator(`[data-metric="${id}"]`).textContent())?.replace(/\D/g, ''));
    return { awaitingReview: await read('awaitingReview'), doneOnTime: await read('doneOnTime'), tasks: await read('tasks') };
  }

  it('reports completion with evidence, is returned, fixed, accepted, and the task is done on time', async () => {
    const officerCtx = await browser.newContext(desktop);
    const officeCtx = await browser.newContext(desktop);
    const op = await signIn(officerCtx, officer);
    // before: the task is due within the week, so it is in the officer's "My work"
    expect(await op.textContent('main')).toContain(code);
    await expectAccessible(op);
    const before = await dashboard(op);
    expect(before.tasks).toBeGreaterThanOrEqual(1);
    await expectAccessible(op);

    await op.goto(`${baseUrl}/tasks/${taskId}`);
    await expectAccessible(op);
    await Promise.all([op.waitForURL(new RegExp(`/tasks/${taskId}/reports/new$`)), op.getByRole('link', { name: 'Gửi báo cáo tiến độ' }).click()]);
    await expectAccessible(op);

    // first version: completion with a document and a real PDF, but no document date
    await op.getByLabel('Loại báo cáo').selectOption('ad_hoc');
    await op.getByLabel('Tỷ lệ hoàn thành (%)').fill('100');
    await op.getByLabel('Kết quả đã thực hiện').fill('Đã ban hành kế hoạch; biên bản nghiệm thu kèm theo.');
    await op.getByLabel('Báo cáo hoàn thành nhiệm vụ (kèm sản phẩm đầu ra)').check();
    await op.getByLabel('Số, ký hiệu văn bản').fill('45/KH-UBND');
    await op.getByLabel(/^Ngày ban hành/).fill('2026-11-20');
    await op.getByLabel('Tệp minh chứng').setInputFiles(pdfPath);
    await Promise.all([op.waitForURL(/\/reports\/[0-9a-f-]{36}$/), op.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
    const v1Url = op.url();
    expect(await op.textContent('main')).toContain('Chờ thẩm định');
    await expectAccessible(op);
    expect(await dashboard(op)).toEqual({ ...before, awaitingReview: before.awaitingReview + 1 });
    await op.goto(v1Url);

    // the standing office opens the queue and the report: the claim beside the evidence
    const sp = await signIn(officeCtx, office);
    await sp.goto(`${baseUrl}/reviews`);
    await expectAccessible(sp);
    await Promise.all([sp.waitForURL(/\/reports\/[0-9a-f-]{36}$/), sp.getByRole('link', { name: `Xem và thẩm định: ${code}` }).click()]);
    expect(sp.url()).toBe(v1Url);
    const claim = await sp.locator('section[aria-labelledby="claim-title"]').textContent();
    expect(claim).toContain('Đã ban hành kế hoạch');
    expect(claim).toContain('100%');
    const evidence = await sp.locator('section[aria-labelledby="evidence-title"]').textContent();
    expect(evidence).toContain('45/KH-UBND');
    expect(evidence).toContain('20/11/2026');
    expect(evidence).toContain('bien-ban-nghiem-thu.pdf');
    await expectAccessible(sp);
    await sp.getByLabel('Ý kiến thẩm định').fill('Đề nghị bổ sung quyết định phê duyệt kế hoạch.');
    await Promise.all([sp.waitForURL(v1Url), sp.getByRole('button', { name: 'Trả lại', exact: true }).click()]);
    expect(await sp.textContent('main')).toContain('Bị trả lại');

    // the officer sees it returned with the comment and sends a fixed version
    await op.goto(v1Url);
    const returned = await op.textContent('main');
    expect(returned).toContain('Bị trả lại');
    expect(returned).toContain('Đề nghị bổ sung quyết định phê duyệt kế hoạch.');
    await Promise.all([op.waitForURL(/\/reports\/new\?supersedes=/), op.getByRole('link', { name: 'Gửi phiên bản đã sửa' }).click()]);
    expect(await op.textContent('main')).toContain('Phiên bản mới thay cho báo cáo bị trả lại');
    await op.getByLabel('Tỷ lệ hoàn thành (%)').fill('100');
    await op.getByLabel('Kết quả đã thực hiện').fill('Đã ban hành kế hoạch và quyết định phê duyệt kèm theo.');
    const isFinal = op.getByLabel('Báo cáo hoàn thành nhiệm vụ (kèm sản phẩm đầu ra)');
    if (!(await isFinal.isChecked())) await isFinal.check();
    await op.getByLabel('Số, ký hiệu văn bản').fill('46/QĐ-UBND');
    await op.getByLabel(/^Ngày ban hành/).fill('2026-11-21');
    await op.getByLabel('Tệp minh chứng').setInputFiles(pdfPath);
    await Promise.all([op.waitForURL(/\/reports\/[0-9a-f-]{36}$/), op.getByRole('button', { name: 'Gửi báo cáo' }).click()]);
    const v2Url = op.url();
    expect(v2Url).not.toBe(v1Url);
    expect(await op.textContent('h1')).toContain('Phiên bản 2');

    // the office accepts the fixed version
    await sp.goto(`${baseUrl}/reviews`);
    await Promise.all([sp.waitForURL(v2Url), sp.getByRole('link', { name: `Xem và thẩm định: ${code}` }).click()]);
    expect(await sp.locator('section[aria-labelledby="evidence-title"]').textContent()).toContain('46/QĐ-UBND');
    await Promise.all([sp.waitForURL(v2Url), sp.getByRole('button', { name: 'Chấp nhận', exact: true }).click()]);
    expect(await sp.textContent('main')).toContain('Đã chấp nhận');

    // the task is done on time and no longer in the officer's "My work"
    await op.goto(`${baseUrl}/tasks/${taskId}`);
    expect((await op.locator('main h1 + p .chip').first().textContent())?.trim()).toBe('Hoàn thành đúng hạn');
    // a closed task takes no more reports, so the page no longer offers the form
    expect(await op.getByRole('link', { name: 'Gửi báo cáo tiến độ' }).count()).toBe(0);
    await op.goto(`${baseUrl}/app`);
    expect(await op.textContent('main')).not.toContain(code);
    // the returned version left the queue, the accepted one too; the task counts as done on time
    expect(await dashboard(op)).toEqual({ ...before, doneOnTime: before.doneOnTime + 1 });
    await officerCtx.close();
    await officeCtx.close();
  });

  it('the report form fits a 360 px screen and passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await signIn(context, officer);
    // the task is closed now; a fresh open task of Hà Nội gives a form to look at
    const principal = (await loadPrincipal(p.ctx.db, office.id, 'session'))!;
    const t2 = await createTask(
      p.ctx.db,
      { planCode: NQ03_PLAN_CODE, code: `${code}-2`, title: 'Nhiệm vụ thứ hai của Hà Nội', leadUnitCode: '01', deadline: addDays(hcmDate(new Date()), 30), coordinatingUnitCodes: [] },
      { principal, actor: { ...SYSTEM_ACTOR, label: 'test' } },
    );
    await page.goto(`${baseUrl}/tasks/${t2.id}/reports/new`);
    expect(await page.locator('h1').textContent()).toContain('Báo cáo tiến độ nhiệm vụ');
    expect(await fitsViewport(page), 'the report form scrolls sideways at 360 px').toBe(true);
    await expectAccessible(page);
    await context.close();
  });
});
