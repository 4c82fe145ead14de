/**
 * The public progress page (3 công khai) in a real browser at 360 px, with and without
 * JavaScript: targets with an approved national figure and its status in words, the public task
 * counts, the provinces' frozen scores sorted by following a column link, adopted initiatives and
 * the open-data downloads — checked with axe where JavaScript runs.
 */
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackSubmission } from '../../src/feedback/schema';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue, scoreConfig, scoreSnapshot, scoreSnapshotRow } from '../../src/indicators/schema';
import { plan, task } from '../../src/monitoring/schema';
import { findUnitByCode } from '../../src/org/queries';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { browserSkipReason, expectAccessible, fitsViewport, launchChromium } from '../support/browser';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

describe.skipIf(!!browserSkipReason)(`browser: public progress page (${backend})`, () => {
  let p: TestPlatform;
  let browser: Browser;
  let baseUrl: string;
  let indicatorCode: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    const db = p.ctx.db;
    const root = (await findUnitByCode(db, 'BCDTW'))!;
    const [a] = await db.select().from(indicator).where(and(eq(indicator.source, 'NQ57'), eq(indicator.isHeader, false))).orderBy(indicator.sortOrder).limit(1);
    indicatorCode = a!.code;
    await db.update(indicator).set({ kind: 'strategic', isActive: true, frequency: 'year', aggregation: 'latest', direction: 'higher', baselineValue: null }).where(eq(indicator.id, a!.id));
    await db.insert(indicatorTarget).values({ indicatorId: a!.id, orgUnitId: root.id, period: '2025', value: '40' }).onConflictDoNothing();
    await db.update(indicatorTarget).set({ value: '40' }).where(and(eq(indicatorTarget.indicatorId, a!.id), eq(indicatorTarget.orgUnitId, root.id), eq(indicatorTarget.period, '2025')));
    await db.insert(indicatorValue).values({ indicatorId: a!.id, orgUnitId: root.id, period: '2025', value: '41' });
    await db.insert(indicatorSubmission).values({ orgUnitId: root.id, period: '2025', status: 'approved', decidedAt: new Date() });

    const [cfg] = await db.insert(scoreConfig).values({ code: 'KIEM-THU-TRINH-DUYET', name: 'Kiểm thử', weights: { components: {} } }).returning();
    const [prev] = await db.insert(scoreSnapshot).values({ period: '2090-11', configId: cfg!.id, asOf: '2090-11-30' }).returning();
    const [last] = await db.insert(scoreSnapshot).values({ period: '2090-12', configId: cfg!.id, asOf: '2090-12-31' }).returning();
    const rows: { snapshotId: string; orgUnitId: string; dimension: string; score: string; rank: number; components: object }[] = [];
    for (const [code, before, now, score] of [
      ['01', 2, 1, '91.5'],
      ['48', 1, 2, '84'],
      ['79', 3, 3, '77.25'],
    ] as const) {
      const unit = (await findUnitByCode(db, code))!;
      rows.push({ snapshotId: prev!.id, orgUnitId: unit.id, dimension: 'total', score: '70', rank: before, components: {} });
      rows.push({ snapshotId: last!.id, orgUnitId: unit.id, dimension: 'total', score, rank: now, components: {} });
    }
    await db.insert(scoreSnapshotRow).values(rows);

    const hanoi = (await findUnitByCode(db, '01'))!;
    const [nq03] = await db.select().from(plan).where(eq(plan.code, NQ03_PLAN_CODE));
    const [t] = await db
      .insert(task)
      .values({ planId: nq03!.id, code: 'SK-TRINH-DUYET', title: 'Ứng dụng bản đồ số cho quy hoạch đô thị', groupNumber: 'V', status: 'in_progress', percentDone: 30, leadUnitId: hanoi.id, deadline: '2027-03-31' })
      .returning();
    await db.insert(feedbackSubmission).values({
      code: 'PAKN-2026-910001',
      kind: 'initiative',
      title: 'Ứng dụng bản đồ số cho quy hoạch đô thị',
      content: 'Nội dung',
      submitterType: 'expert',
      submitterName: 'Người Gửi Kín',
      publishConsent: 'none',
      status: 'answered',
      decision: 'adopt',
      decidedAt: new Date(),
      linkedTaskId: t!.id,
    });

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
    it(`shows targets, progress, scores and initiatives at 360 px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN', isMobile: true, hasTouch: true, javaScriptEnabled });
      const page = await phone.newPage();
      await page.goto(`${baseUrl}/progress`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Nghị quyết 57-NQ/TW');
      if (javaScriptEnabled) {
        expect(await fitsViewport(page), 'the page scrolls sideways at 360 px').toBe(true);
        await expectAccessible(page);
      }
      const row = page.locator(`tr[data-indicator="${indicatorCode}"]`);
      expect(await row.textContent()).toContain('41');
      expect(await row.textContent()).toContain('Đúng tiến độ');
      expect(await page.locator('[data-metric="total"]').textContent()).toMatch(/\d/);
      expect(await page.textContent('main')).not.toContain('Người Gửi Kín');
      const provinces = () => page.locator('tr[data-province]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-province')));
      expect(await provinces()).toEqual(['01', '48', '79']);
      expect(await page.locator('tr[data-province="01"]').textContent()).toContain('tăng 1 bậc');

      // sorting is a link: the same page, ordered by score, lowest first after a second follow
      await Promise.all([page.waitForURL(/sort=score&order=desc/), page.getByRole('link', { name: /^Điểm \(0–100\)/ }).click()]);
      expect(await provinces()).toEqual(['01', '48', '79']);
      await Promise.all([page.waitForURL(/sort=score&order=asc/), page.getByRole('link', { name: /^Điểm \(0–100\)/ }).click()]);
      expect(await provinces()).toEqual(['79', '48', '01']);
      if (javaScriptEnabled) expect(await fitsViewport(page)).toBe(true);

      await Promise.all([page.waitForURL(/\/progress\/tasks\/[0-9a-f-]{36}$/), page.getByRole('link', { name: 'Ứng dụng bản đồ số cho quy hoạch đô thị' }).click()]);
      expect(await page.textContent('main')).toContain('Cơ quan chủ trì');

      const csv = await page.request.get(`${baseUrl}/api/v1/public/progress/provinces.csv`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('Thành phố Hà Nội');
      await phone.close();
    });
  }
});
