/**
 * The unit's leader approves the answer waiting for approval: the assignment is answered, and when
 * it was the last one in play the whole case is answered (and published with consent).
 */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { canApproveAnswer } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAnswer, feedbackAssignment } from '../schema';
import { latestAnswer } from './answer-access';
import { type CaseActionOptions, lockCase, pickAssignment, wrongState } from './case-access';
import { settleCase } from './complete-case';

export async function approveAnswer(db: Database, code: string, assignmentId: string, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canApproveAnswer(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const current = await latestAnswer(tx, a.id);
    if (a.status !== 'accepted' || current?.status !== 'pending_approval') throw wrongState('cases.error.notPendingApproval');
    await tx
      .update(feedbackAnswer)
      .set({ status: 'approved', approvedBy: opts.principal.userId, approvedAt: now, updatedAt: now })
      .where(eq(feedbackAnswer.id, current.id));
    await tx.update(feedbackAssignment).set({ status: 'answered', answeredAt: now, updatedAt: now }).where(eq(feedbackAssignment.id, a.id));
    await recordFeedbackEvent(tx, { submissionId: submission.id, type: 'answer_approved', actorUserId: opts.principal.userId, unitId: a.unitId, data: { unit: a.unitName } });
    const status = await settleCase(tx, submission, opts, now);
    await recordAudit(tx, opts.actor, {
      action: 'feedback.answer.approve',
      entityType: 'feedback_answer',
      entityId: current.id,
      before: { status: 'pending_approval' },
      after: { code: submission.code, unit: a.unitCode, status: 'approved', caseStatus: status },
    });
    return { answerId: current.id, caseStatus: status };
  });
}
