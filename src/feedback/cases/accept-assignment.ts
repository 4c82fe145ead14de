/** An agency takes on the case forwarded to it (its assignment becomes `accepted`; the case is in progress). */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAssignment } from '../schema';
import { type CaseActionOptions, lockCase, pickAssignment, requireStatus, wrongState } from './case-access';
import { settleCase } from './complete-case';

export async function acceptAssignment(db: Database, code: string, assignmentId: string, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    requireStatus(submission, ['forwarded', 'in_progress', 'awaiting_info']);
    if (a.status !== 'forwarded') throw wrongState('cases.error.assignmentState', { status: a.status });
    await tx.update(feedbackAssignment).set({ status: 'accepted', acceptedAt: now, updatedAt: now }).where(eq(feedbackAssignment.id, a.id));
    await recordFeedbackEvent(tx, { submissionId: submission.id, type: 'agency_accepted', actorUserId: opts.principal.userId, unitId: a.unitId, data: { unit: a.unitName } });
    const status = await settleCase(tx, submission, opts, now);
    await recordAudit(tx, opts.actor, {
      action: 'feedback.assignment.accept',
      entityType: 'feedback_assignment',
      entityId: a.id,
      before: { status: a.status },
      after: { code: submission.code, unit: a.unitCode, status: 'accepted', caseStatus: status },
    });
    return { assignmentId: a.id, caseStatus: status };
  });
}
