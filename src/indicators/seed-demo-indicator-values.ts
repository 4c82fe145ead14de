/**
 * Demo KPI values and approvals, marked as demo (is_demo): the operational provincial KPIs for a
 * few provinces and three communes of Hà Nội, Q1–Q3 2026 — mostly approved, one province's Q3
 * submitted and awaiting approval, one returned with a message — and 2025 national values (with
 * 2025 milestones) for a few Resolution 57 targets, so every status shows up on the pages.
 * The figures are invented but plausible; they never pass for real statistics (demo banner).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { appUser, orgUnit } from '../org/schema';
import type { Database } from '../platform/db/client';
import { indicator, indicatorSubmission, indicatorTarget, indicatorValue } from './schema';

const PROVINCES = ['01', '48', '79', '31', '92', '46'];
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3'];
const AWAITING = '46';
const RETURNED = '92';
const RETURN_MESSAGE = 'Đề nghị bổ sung minh chứng cho DP-04 (báo cáo giải ngân của Kho bạc) và kiểm tra lại DP-01.';

/** Base level per KPI and quarter-on-quarter growth; provinces and communes vary around it. */
const PROFILE: Record<string, { base: number; step: number; spread: number; integer?: boolean }> = {
  'DP-01': { base: 70, step: 5, spread: 5 },
  'DP-02': { base: 55, step: 7, spread: 8 },
  'DP-03': { base: 78, step: 4, spread: 5 },
  'DP-04': { base: 90, step: 110, spread: 60, integer: true },
  'DP-05': { base: 40, step: 5, spread: 7 },
  'DP-06': { base: 1500, step: 90, spread: 900, integer: true },
  'DP-07': { base: 120000, step: 8000, spread: 60000, integer: true },
};

/** 2025 national milestones and values of a few strategic targets (root unit). */
const NATIONAL_2025: { code: string; target: number; value: number }[] = [
  { code: 'NQ57-2030-10', target: 20, value: 18.3 },
  { code: 'NQ57-2030-11', target: 55, value: 56.2 },
  { code: 'NQ57-2030-15', target: 0.8, value: 0.5 },
  { code: 'NQ57-2030-17', target: 2, value: 2.1 },
];

function figure(code: string, unitIndex: number, quarter: number, scale = 1): string {
  const p = PROFILE[code];
  const wobble = (((unitIndex * 37 + quarter * 11) % 17) / 16 - 0.5) * 2 * p.spread;
  let v = (p.base + p.step * quarter + wobble) * scale;
  if (code !== 'DP-04' && code !== 'DP-06' && code !== 'DP-07') v = Math.min(99.5, Math.max(5, v));
  return p.integer ? String(Math.round(Math.max(0, v))) : v.toFixed(1);
}

export async function seedDemoIndicatorValues(db: Database): Promise<void> {
  const kpis = await db.select({ id: indicator.id, code: indicator.code }).from(indicator).where(inArray(indicator.code, Object.keys(PROFILE)));
  if (kpis.length === 0) return;
  const provinces = await db.select().from(orgUnit).where(inArray(orgUnit.code, PROVINCES));
  const hanoi = provinces.find((p) => p.code === '01');
  const communes = hanoi
    ? await db
        .select()
        .from(orgUnit)
        .where(and(eq(orgUnit.parentId, hanoi.id), inArray(orgUnit.kind, ['ward', 'commune'])))
        .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code))
        .limit(3)
    : [];
  const [office] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, 'thuongtruc@demo.nq57.vn'));
  const [hanoiLeader] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, 'lanhdao.hanoi@demo.nq57.vn'));
  const [root] = await db.select().from(orgUnit).where(eq(orgUnit.level, 0)).limit(1);

  await db.transaction(async (tx) => {
    const values: (typeof indicatorValue.$inferInsert)[] = [];
    const submissions: (typeof indicatorSubmission.$inferInsert)[] = [];
    const at = (q: number, day: number) => new Date(Date.UTC(2026, q * 3, day, 2, 0, 0));
    const units = [...provinces.map((u, i) => ({ unit: u, i, commune: false })), ...communes.map((u, i) => ({ unit: u, i: 10 + i, commune: true }))];
    for (const { unit, i, commune } of units) {
      QUARTERS.forEach((period, q) => {
        for (const k of kpis) {
          // communes report shares and records, not budgets or enterprise counts
          if (commune && (k.code === 'DP-04' || k.code === 'DP-06')) continue;
          const scale = commune && k.code === 'DP-07' ? 0.02 : 1;
          values.push({
            indicatorId: k.id,
            orgUnitId: unit.id,
            period,
            value: figure(k.code, i, q, scale),
            comment: q === 2 && k.code === 'DP-01' ? 'Số liệu tại ngày cuối quý, theo Hệ thống thông tin giải quyết TTHC.' : null,
            evidenceText: k.code === 'DP-04' ? 'Báo cáo giải ngân luỹ kế của Kho bạc Nhà nước khu vực' : null,
            isDemo: true,
          });
        }
        const last = q === QUARTERS.length - 1;
        const status = last && unit.code === AWAITING ? 'submitted' : last && unit.code === RETURNED ? 'returned' : 'approved';
        submissions.push({
          orgUnitId: unit.id,
          period,
          status,
          submittedAt: at(q + 1, 5),
          decidedBy: status === 'submitted' ? null : commune ? (hanoiLeader?.id ?? null) : (office?.id ?? null),
          decidedAt: status === 'submitted' ? null : at(q + 1, commune ? 7 : 10),
          decisionMessage: status === 'returned' ? RETURN_MESSAGE : null,
          isDemo: true,
        });
      });
    }
    if (root) {
      const strategic = await tx.select({ id: indicator.id, code: indicator.code }).from(indicator).where(inArray(indicator.code, NATIONAL_2025.map((n) => n.code)));
      for (const n of NATIONAL_2025) {
        const ind = strategic.find((s) => s.code === n.code);
        if (!ind) continue;
        values.push({ indicatorId: ind.id, orgUnitId: root.id, period: '2025', value: String(n.value), comment: 'Số liệu ước tính năm 2025 (dữ liệu minh hoạ).', isDemo: true });
        await tx
          .insert(indicatorTarget)
          .values({ indicatorId: ind.id, orgUnitId: root.id, period: '2025', value: String(n.target), note: 'Mốc năm 2025 (dữ liệu minh hoạ)', isDemo: true })
          .onConflictDoNothing();
      }
      submissions.push({ orgUnitId: root.id, period: '2025', status: 'approved', submittedAt: new Date(Date.UTC(2026, 1, 20)), decidedAt: new Date(Date.UTC(2026, 1, 25)), isDemo: true });
    }
    for (let i = 0; i < values.length; i += 500) await tx.insert(indicatorValue).values(values.slice(i, i + 500)).onConflictDoNothing();
    await tx.insert(indicatorSubmission).values(submissions).onConflictDoNothing();
  });
}
