/**
 * Sends a unit's period of indicator values up for approval: draft or returned → submitted. The
 * values lock at once (period-lock.ts); the level above approves or returns them. A period with
 * no values has nothing to approve and is refused.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { closedByApprovedAncestor } from './period-lock';
import { periodLabel } from './periods';
import { canReportIndicators } from './policies';
import { countUnitValues, lockUnitPeriod } from './queries';
import { indicatorSubmission } from './schema';
import { loadUnitPeriod } from './unit-period';

export async function submitIndicatorPeriod(
  db: Database,
  unitCode: string,
  periodKey: string,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const { unit, period } = await loadUnitPeriod(db, unitCode, periodKey);
  if (!canReportIndicators(opts.principal, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotReport', { unit: unit.name });
  const now = opts.now ?? new Date();
  const label = periodLabel(period.key);

  return db.transaction(async (tx) => {
    const sub = await lockUnitPeriod(tx, unit.id, period.key, { create: true });
    if (sub.status === 'submitted') throw AppError.of('CONFLICT', 'indicator.error.alreadySubmitted', { period: label, unit: unit.name });
    if (sub.status === 'approved') throw AppError.of('CONFLICT', 'indicator.error.periodLocked', { period: label, unit: unit.name });
    if ((await closedByApprovedAncestor(tx, unit, period.key))) throw AppError.of('CONFLICT', 'indicator.error.ancestorApproved', { period: label });
    if ((await countUnitValues(tx, unit.id, period.key)) === 0) throw AppError.of('CONFLICT', 'indicator.error.nothingToSubmit', { period: label, unit: unit.name });
    const [updated] = await tx
      .update(indicatorSubmission)
      .set({ status: 'submitted', submittedBy: opts.principal.userId, submittedAt: now, updatedAt: now })
      .where(eq(indicatorSubmission.id, sub.id))
      .returning();
    await recordAudit(tx, opts.actor, {
      action: 'indicator.period.submit',
      entityType: 'indicator_submission',
      entityId: sub.id,
      before: { status: sub.status },
      after: { status: updated.status, unitCode: unit.code, period: period.key, submittedAt: now },
    });
    return { unit, submission: updated };
  });
}
