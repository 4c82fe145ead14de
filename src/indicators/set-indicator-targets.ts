/**
 * Sets an indicator's targets per period for one unit (the root holds national targets): the
 * trajectory, not only the end value. The periods given replace the unit's targets for those
 * periods; a target given with an empty value is removed. Periods must match the indicator's
 * frequency, or be a year (an end-of-horizon target of a quarterly KPI). indicator.manage only.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { findUnitByCode, rootUnit } from '../org/queries';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput } from '../platform/validation';
import { parsePeriod } from './periods';
import { canManageIndicators } from './policies';
import { findIndicatorByCode } from './queries';
import { indicatorTarget } from './schema';
import { parseNumber } from './unit-period';

export const setIndicatorTargetsInput = z.object({
  unitCode: z.string().trim().max(40, t('field.tooLong', { max: 40 })).optional(),
  targets: z
    .array(
      z.object({
        period: z.string().trim().min(1, t('field.required')).max(10, t('field.invalid')),
        value: z.union([z.number(), z.string().max(40), z.null()]),
        note: optionalText(500),
      }),
    )
    .min(1, t('field.required'))
    .max(200),
});
export type SetIndicatorTargetsInput = z.input<typeof setIndicatorTargetsInput>;

export async function setIndicatorTargets(db: Database, code: string, raw: SetIndicatorTargetsInput, opts: { principal: Principal; actor: Actor; now?: Date }) {
  if (!canManageIndicators(opts.principal)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotManage');
  const ind = await findIndicatorByCode(db, code);
  if (!ind) throw AppError.of('NOT_FOUND', 'indicator.error.notFound', { code: code.slice(0, 60) });
  const input = parseInput(setIndicatorTargetsInput, raw);
  const unit = input.unitCode ? await findUnitByCode(db, input.unitCode) : await rootUnit(db);
  if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code: input.unitCode ?? '' });

  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  const rows: { period: string; value: number | null; note: string | null }[] = [];
  input.targets.forEach((x, i) => {
    const p = parsePeriod(x.period);
    if (!p || (p.frequency !== ind.frequency && p.frequency !== 'year')) {
      fields[`targets.${i}.period`] = t('indicator.error.targetPeriod', { period: x.period.slice(0, 20) });
      return;
    }
    if (seen.has(p.key)) {
      fields[`targets.${i}.period`] = t('indicator.error.duplicatePeriod', { period: p.key });
      return;
    }
    seen.add(p.key);
    const empty = x.value === null || (typeof x.value === 'string' && x.value.trim() === '');
    const value = empty ? null : parseNumber(x.value);
    if (!empty && value === null) fields[`targets.${i}.value`] = t('indicator.error.value');
    else rows.push({ period: p.key, value, note: x.note ?? null });
  });
  if (Object.keys(fields).length) throw validationFailed(fields);

  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const before = await tx
      .select({ period: indicatorTarget.period, value: indicatorTarget.value })
      .from(indicatorTarget)
      .where(and(eq(indicatorTarget.indicatorId, ind.id), eq(indicatorTarget.orgUnitId, unit.id)));
    for (const r of rows) {
      const where = and(eq(indicatorTarget.indicatorId, ind.id), eq(indicatorTarget.orgUnitId, unit.id), eq(indicatorTarget.period, r.period));
      if (r.value === null) {
        await tx.delete(indicatorTarget).where(where);
        continue;
      }
      await tx
        .insert(indicatorTarget)
        .values({ indicatorId: ind.id, orgUnitId: unit.id, period: r.period, value: String(r.value), note: r.note })
        .onConflictDoUpdate({
          target: [indicatorTarget.indicatorId, indicatorTarget.orgUnitId, indicatorTarget.period],
          set: { value: String(r.value), note: r.note, isDemo: false, updatedAt: now },
        });
    }
    await recordAudit(tx, opts.actor, {
      action: 'indicator.targets.set',
      entityType: 'indicator',
      entityId: ind.id,
      before: { unitCode: unit.code, targets: before },
      after: { unitCode: unit.code, targets: rows },
    });
    return { indicator: ind, unit };
  });
}
