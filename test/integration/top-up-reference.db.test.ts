/**
 * An installation seeded by an older version gains, on its next start, what later versions added
 * to the reference data, once: the portal library, the triage starter set, the PAKN deadlines and
 * calendar, the Government's programme made public. What people delete afterwards stays deleted.
 */
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackSla, triageExample } from '../../src/feedback/schema';
import { calendarDay } from '../../src/feedback/deadlines/schema';
import { KNOWN_DECISIONS } from '../../src/feedback/deadlines/seed';
import { plan } from '../../src/monitoring/schema';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { appMeta } from '../../src/platform/db/meta-schema';
import { legalDocument } from '../../src/portal/schema';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { ONE_TIME_TOP_UPS, topUpReferenceData } from '../../src/seed/top-up-reference';
import { backend, createTestDatabase } from '../support/db';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const total = async (table: typeof legalDocument | typeof triageExample | typeof feedbackSla | typeof calendarDay) =>
  Number((await database.db.select({ n: count() }).from(table))[0]!.n);
const nq03IsPublic = async () => (await database.db.select({ p: plan.isPublic }).from(plan).where(eq(plan.code, NQ03_PLAN_CODE)))[0]!.p;

describe(`reference top-up on ${backend}`, () => {
  it('fills what an older installation lacks, once, and never brings back what people deleted', async () => {
    const db = database.db;
    const seeded = { documents: await total(legalDocument), starter: await total(triageExample), sla: await total(feedbackSla), days: await total(calendarDay) };
    expect(seeded.documents).toBeGreaterThan(0);
    expect(seeded.starter).toBeGreaterThan(0);
    expect(seeded.sla).toBeGreaterThan(0);
    expect(await nq03IsPublic()).toBe(true);

    // a database seeded before these existed: none of them, and no record of the steps
    await db.delete(legalDocument);
    await db.delete(triageExample).where(eq(triageExample.source, 'starter'));
    await db.delete(feedbackSla);
    await db.delete(calendarDay);
    await db.update(plan).set({ isPublic: false }).where(eq(plan.code, NQ03_PLAN_CODE));
    await db.delete(appMeta).where(like(appMeta.key, 'topup.%'));

    await topUpReferenceData(db);
    expect(await total(legalDocument)).toBe(seeded.documents);
    expect(await total(triageExample)).toBe(seeded.starter);
    expect(await total(feedbackSla)).toBe(seeded.sla);
    expect(await total(calendarDay)).toBe(KNOWN_DECISIONS.length);
    expect(await nq03IsPublic()).toBe(true);
    const marks = await db.select({ key: appMeta.key }).from(appMeta).where(like(appMeta.key, 'topup.%'));
    expect(marks.map((m) => m.key).sort()).toEqual(ONE_TIME_TOP_UPS.map((s) => s.key).sort());

    // an editor removes a document, an administrator a holiday, the office makes the plan private
    const [doc] = await db.select({ id: legalDocument.id }).from(legalDocument).limit(1);
    await db.delete(legalDocument).where(eq(legalDocument.id, doc!.id));
    await db.delete(calendarDay).where(and(eq(calendarDay.date, KNOWN_DECISIONS[0]!.date)));
    await db.update(plan).set({ isPublic: false }).where(eq(plan.code, NQ03_PLAN_CODE));
    await topUpReferenceData(db);
    expect(await total(legalDocument)).toBe(seeded.documents - 1);
    expect(await total(calendarDay)).toBe(KNOWN_DECISIONS.length - 1);
    expect(await nq03IsPublic()).toBe(false);
  });
});
