/**
 * Approves a unit's submitted period: its values become the accepted figures (and stay locked).
 * The approver holds indicator.approve strictly above the unit. A unit's period is approved only
 * after every unit below it that took part in the period (entered values or has a submission) has
 * been approved, so that an approved total never rests on unchecked figures.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { periodLabel } from './periods';
import { canApproveIndicatorPeriod } from './policies';
import { pendingDescendants, lockUnitPeriod } from './queries';
import { indicatorSubmission } from './schema';
import { loadUnitPeriod } from './unit-period';

/** How many pending units are named in the refusal; the rest are counted. */
const NAMED_PENDING = 5;

export async function approveIndicatorPeriod(
  db: Database,
  unitCode: string,
  periodKey: string,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const { unit, period } = await loadUnitPeriod(db, unitCode, periodKey);
  if (!canApproveIndicatorPeriod(opts.principal, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotApprove', { unit: unit.name });
  const now = opts.now ?? new Date();
  const label = periodLabel(period.key);

  return db.transaction(async (tx) => {
    const sub = await lockUnitPeriod(tx, unit.id, period.key);
    if (sub?.status !== 'submitted') {
      throw AppError.of('CONFLICT', sub?.status === 'approved' ? 'indicator.error.alreadyApproved' : 'indicator.error.notSubmitted', { period: label, unit: unit.name });
    }
    const pending = await pendingDescendants(tx, unit.path, unit.id, period.key);
    if (pending.length > 0) {
      const names = pending.slice(0, NAMED_PENDING).map((u) => u.name).join('; ');
      const more = pending.length > NAMED_PENDING ? ` …` : '';
      throw AppError.of('CONFLICT', 'indicator.error.childrenPending', { count: pending.length, units: `${names}${more}`, period: label });
    }
    const [updated] = await tx
      .update(indicatorSubmission)
      .set({ status: 'approved', decidedBy: opts.principal.userId, decidedAt: now, decisionMessage: null, updatedAt: now })
      .where(eq(indicatorSubmission.id, sub.id))
      .returning();
    await recordAudit(tx, opts.actor, {
      action: 'indicator.period.approve',
      entityType: 'indicator_submission',
      entityId: sub.id,
      before: { status: sub.status },
      after: { status: updated.status, unitCode: unit.code, period: period.key, decidedAt: now },
    });
    return { unit, submission: updated };
  });
}
