/**
 * Returns a unit's period to it with a message saying what to correct: submitted → returned, which
 * unlocks the values. An approved period may be reopened the same way as long as the level above
 * has not approved its own period on top of it (that approval would then rest on changed figures).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput } from '../platform/validation';
import { normalizeText } from '../platform/text/fold';
import { closedByApprovedAncestor } from './period-lock';
import { periodLabel } from './periods';
import { canApproveIndicatorPeriod } from './policies';
import { lockUnitPeriod } from './queries';
import { indicatorSubmission } from './schema';
import { loadUnitPeriod } from './unit-period';

export const returnIndicatorPeriodInput = z.object({
  message: z
    .string({ message: t('indicator.error.messageRequired') })
    .transform((s) => normalizeText(s))
    .pipe(z.string().min(1, t('indicator.error.messageRequired')).max(2000, t('field.tooLong', { max: 2000 }))),
});
export type ReturnIndicatorPeriodInput = z.input<typeof returnIndicatorPeriodInput>;

export async function returnIndicatorPeriod(
  db: Database,
  unitCode: string,
  periodKey: string,
  raw: ReturnIndicatorPeriodInput,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const { unit, period } = await loadUnitPeriod(db, unitCode, periodKey);
  if (!canApproveIndicatorPeriod(opts.principal, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotApprove', { unit: unit.name });
  const input = parseInput(returnIndicatorPeriodInput, raw ?? {});
  const now = opts.now ?? new Date();
  const label = periodLabel(period.key);

  return db.transaction(async (tx) => {
    const sub = await lockUnitPeriod(tx, unit.id, period.key);
    if (!sub || (sub.status !== 'submitted' && sub.status !== 'approved')) {
      throw AppError.of('CONFLICT', 'indicator.error.notSubmitted', { period: label, unit: unit.name });
    }
    if (sub.status === 'approved' && (await closedByApprovedAncestor(tx, unit, period.key))) {
      throw AppError.of('CONFLICT', 'indicator.error.parentApproved', { period: label });
    }
    const [updated] = await tx
      .update(indicatorSubmission)
      .set({ status: 'returned', decidedBy: opts.principal.userId, decidedAt: now, decisionMessage: input.message, updatedAt: now })
      .where(eq(indicatorSubmission.id, sub.id))
      .returning();
    await recordAudit(tx, opts.actor, {
      action: 'indicator.period.return',
      entityType: 'indicator_submission',
      entityId: sub.id,
      before: { status: sub.status },
      after: { status: updated.status, unitCode: unit.code, period: period.key, message: input.message, decidedAt: now },
    });
    return { unit, submission: updated };
  });
}
