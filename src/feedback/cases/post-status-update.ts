/**
 * An agency posts a public progress message on a case it is handling; the next update is then due
 * after the kind's update interval.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { nextUpdateDueOn } from '../deadlines';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAssignment, feedbackSubmission } from '../schema';
import { type CaseActionOptions, lockCase, pickAssignment, requireStatus, wrongState } from './case-access';

export const postStatusUpdateInput = z.object({ message: text(2000) });
export type PostStatusUpdateInput = z.input<typeof postStatusUpdateInput>;

export async function postStatusUpdate(db: Database, code: string, assignmentId: string, raw: PostStatusUpdateInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(postStatusUpdateInput, raw);
    requireStatus(submission, ['in_progress', 'awaiting_info']);
    if (a.status !== 'accepted') throw wrongState('cases.error.acceptFirst');
    const due = await nextUpdateDueOn(tx, submission.kind, now);
    await tx.update(feedbackAssignment).set({ lastUpdateAt: now, updatedAt: now }).where(eq(feedbackAssignment.id, a.id));
    await tx.update(feedbackSubmission).set({ nextUpdateDueOn: due, updatedAt: now }).where(eq(feedbackSubmission.id, submission.id));
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'status_update',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { unit: a.unitName, message: input.message },
    });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.status_update',
      entityType: 'feedback_assignment',
      entityId: a.id,
      after: { code: submission.code, unit: a.unitCode, nextUpdateDueOn: due },
    });
    return { nextUpdateDueOn: due };
  });
}
