/**
 * Records a person's five-level delivery confidence in an indicator at a unit (1 very low … 5 very
 * high) with the reason. Ratings are never edited: a new one supersedes the latest, and the history
 * stays for the record.
 */
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { findUnitByCode, rootUnit } from '../org/queries';
import { t } from '../platform/i18n';
import { parseInput, text } from '../platform/validation';
import { canRateIndicator } from './policies';
import { findIndicatorByCode } from './queries';
import { indicatorConfidence } from './schema';

export const CONFIDENCE_LEVELS = [1, 2, 3, 4, 5] as const;

export const rateIndicatorConfidenceInput = z.object({
  /** the unit the rating is about; the root (national) when omitted */
  unitCode: z.string().trim().max(40, t('field.tooLong', { max: 40 })).optional(),
  level: z.coerce.number({ message: t('indicator.error.level') }).int(t('indicator.error.level')).min(1, t('indicator.error.level')).max(5, t('indicator.error.level')),
  reason: text(2000),
});
export type RateIndicatorConfidenceInput = z.input<typeof rateIndicatorConfidenceInput>;

export async function rateIndicatorConfidence(
  db: Database,
  code: string,
  raw: RateIndicatorConfidenceInput,
  opts: { principal: Principal; actor: Actor },
) {
  const ind = await findIndicatorByCode(db, code);
  if (!ind) throw AppError.of('NOT_FOUND', 'indicator.error.notFound', { code: code.slice(0, 60) });
  const input = parseInput(rateIndicatorConfidenceInput, raw);
  const unit = input.unitCode ? await findUnitByCode(db, input.unitCode) : await rootUnit(db);
  if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code: input.unitCode ?? '' });
  if (!canRateIndicator(opts.principal, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotRate');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(indicatorConfidence)
      .values({ indicatorId: ind.id, orgUnitId: unit.id, level: input.level, reason: input.reason, setBy: opts.principal.userId })
      .returning();
    await recordAudit(tx, opts.actor, {
      action: 'indicator.confidence.rate',
      entityType: 'indicator',
      entityId: ind.id,
      after: { code: ind.code, unitCode: unit.code, level: row.level, reason: row.reason },
    });
    return { indicator: ind, unit, rating: row };
  });
}
