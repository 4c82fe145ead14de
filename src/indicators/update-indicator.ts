/**
 * Keeps an indicator's definition: name, unit, direction, aggregation, frequency, baseline,
 * responsible unit, data source, definition, thresholds, weight and parent. The code and source
 * never change (values, exports and DHIS2 mappings refer to them). indicator.manage only.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { findUnitByCode } from '../org/queries';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { foldText } from '../platform/text/fold';
import { optionalText, parseInput, text } from '../platform/validation';
import { isPeriodKey } from './periods';
import { canManageIndicators } from './policies';
import { findIndicatorByCode } from './queries';
import { AGGREGATIONS, FREQUENCIES, indicator } from './schema';
import { parseNumber } from './unit-period';

const optionalNumber = z
  .union([z.number(), z.string().max(40), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const n = parseNumber(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: t('indicator.error.value') });
      return z.NEVER;
    }
    return n;
  });
const ratio = z
  .union([z.number(), z.string().max(40)])
  .transform((v, ctx) => {
    const n = parseNumber(v);
    if (n === null || n < 0 || n > 2) {
      ctx.addIssue({ code: 'custom', message: t('indicator.error.ratio') });
      return z.NEVER;
    }
    return n;
  });

export const updateIndicatorInput = z.object({
  name: text(500),
  unit: optionalText(100),
  direction: z.enum(['higher', 'lower'], { message: t('field.choose') }),
  aggregation: z.enum(AGGREGATIONS, { message: t('field.choose') }),
  frequency: z.enum(FREQUENCIES, { message: t('field.choose') }),
  baselineValue: optionalNumber,
  baselinePeriod: optionalText(10),
  responsibleUnitCode: optionalText(40),
  dataSource: optionalText(1000),
  definition: optionalText(5000),
  onTrackRatio: ratio,
  atRiskRatio: ratio,
  weight: ratio.refine((n) => n > 0, t('indicator.error.ratio')),
  parentCode: optionalText(60),
  isActive: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()).default(true),
});
export type UpdateIndicatorInput = z.input<typeof updateIndicatorInput>;

export async function updateIndicator(db: Database, code: string, raw: UpdateIndicatorInput, opts: { principal: Principal; actor: Actor; now?: Date }) {
  if (!canManageIndicators(opts.principal)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotManage');
  const ind = await findIndicatorByCode(db, code);
  if (!ind) throw AppError.of('NOT_FOUND', 'indicator.error.notFound', { code: code.slice(0, 60) });
  const input = parseInput(updateIndicatorInput, raw);
  const fields: Record<string, string> = {};
  if (input.atRiskRatio > input.onTrackRatio) fields.atRiskRatio = t('indicator.error.thresholdOrder');
  if (input.baselinePeriod && !isPeriodKey(input.baselinePeriod)) fields.baselinePeriod = t('indicator.error.period', { period: input.baselinePeriod });
  let responsibleUnitId: string | null = null;
  if (input.responsibleUnitCode) {
    const unit = await findUnitByCode(db, input.responsibleUnitCode);
    if (!unit) fields.responsibleUnitCode = t('indicator.error.unitNotFound', { code: input.responsibleUnitCode });
    else responsibleUnitId = unit.id;
  }
  let parentId: string | null = null;
  if (input.parentCode) {
    const parent = await findIndicatorByCode(db, input.parentCode);
    if (!parent) fields.parentCode = t('indicator.error.unknownCode', { code: input.parentCode });
    else if (parent.id === ind.id) fields.parentCode = t('indicator.error.parentCycle');
    else {
      // walk up from the proposed parent: meeting this indicator would make a cycle
      let cursor: string | null = parent.parentId;
      for (let i = 0; cursor && i < 50; i++) {
        if (cursor === ind.id) {
          fields.parentCode = t('indicator.error.parentCycle');
          break;
        }
        const [up] = await db.select({ parentId: indicator.parentId }).from(indicator).where(eq(indicator.id, cursor));
        cursor = up?.parentId ?? null;
      }
      parentId = parent.id;
    }
  }
  if (Object.keys(fields).length) throw validationFailed(fields);

  const now = opts.now ?? new Date();
  const changes = {
    name: input.name,
    unit: input.unit ?? null,
    direction: input.direction,
    aggregation: input.aggregation,
    frequency: input.frequency,
    baselineValue: input.baselineValue === null ? null : String(input.baselineValue),
    baselinePeriod: input.baselinePeriod ?? null,
    responsibleUnitId,
    dataSource: input.dataSource ?? null,
    definition: input.definition ?? null,
    onTrackRatio: String(input.onTrackRatio),
    atRiskRatio: String(input.atRiskRatio),
    weight: String(input.weight),
    parentId,
    isActive: input.isActive,
    searchText: foldText(`${ind.code} ${input.name}`),
  };
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(indicator)
      .set({ ...changes, updatedAt: now })
      .where(eq(indicator.id, ind.id))
      .returning();
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (ind as Record<string, unknown>)[k]]));
    await recordAudit(tx, opts.actor, { action: 'indicator.update', entityType: 'indicator', entityId: ind.id, before, after: changes });
    return updated;
  });
}
