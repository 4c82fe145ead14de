/** The unit's leader sends a draft answer back to the officer with a comment (pending_approval → returned). */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { canApproveAnswer } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAnswer } from '../schema';
import { latestAnswer } from './answer-access';
import { type CaseActionOptions, lockCase, pickAssignment, wrongState } from './case-access';

export const returnAnswerInput = z.object({ comment: text(3000) });
export type ReturnAnswerInput = z.input<typeof returnAnswerInput>;

export async function returnAnswer(db: Database, code: string, assignmentId: string, raw: ReturnAnswerInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canApproveAnswer(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(returnAnswerInput, raw);
    const current = await latestAnswer(tx, a.id);
    if (a.status !== 'accepted' || current?.status !== 'pending_approval') throw wrongState('cases.error.notPendingApproval');
    await tx
      .update(feedbackAnswer)
      .set({ status: 'returned', reviewComment: input.comment, updatedAt: now })
      .where(eq(feedbackAnswer.id, current.id));
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'answer_returned',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { unit: a.unitName },
    });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.answer.return',
      entityType: 'feedback_answer',
      entityId: current.id,
      before: { status: 'pending_approval' },
      after: { code: submission.code, unit: a.unitCode, status: 'returned' },
    });
    return { answerId: current.id };
  });
}
