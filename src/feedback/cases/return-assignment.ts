/**
 * An agency returns a case forwarded to it as not within its competence, with the reason. When
 * every assignment of the case has been returned, the case goes back to the standing office
 * (status `received`) to be forwarded elsewhere.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAssignment } from '../schema';
import { type CaseActionOptions, lockCase, pickAssignment, requireStatus, wrongState } from './case-access';
import { settleCase } from './complete-case';

export const returnAssignmentInput = z.object({ reason: text(2000) });
export type ReturnAssignmentInput = z.input<typeof returnAssignmentInput>;

export async function returnAssignment(db: Database, code: string, assignmentId: string, raw: ReturnAssignmentInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(returnAssignmentInput, raw);
    requireStatus(submission, ['forwarded', 'in_progress', 'awaiting_info']);
    if (a.status !== 'forwarded' && a.status !== 'accepted') throw wrongState('cases.error.assignmentState', { status: a.status });
    await tx
      .update(feedbackAssignment)
      .set({ status: 'returned', returnReason: input.reason, returnedAt: now, updatedAt: now })
      .where(eq(feedbackAssignment.id, a.id));
    const allReturned = assignments.every((x) => x.id === a.id || x.status === 'returned');
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'agency_returned',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { unit: a.unitName, reason: input.reason, backToTriage: allReturned },
    });
    const status = await settleCase(tx, submission, opts, now);
    await recordAudit(tx, opts.actor, {
      action: 'feedback.assignment.return',
      entityType: 'feedback_assignment',
      entityId: a.id,
      before: { status: a.status },
      after: { code: submission.code, unit: a.unitCode, status: 'returned', caseStatus: status },
    });
    return { assignmentId: a.id, caseStatus: status, backToTriage: allReturned };
  });
}
