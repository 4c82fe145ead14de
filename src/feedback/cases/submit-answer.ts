/** The officer sends the draft answer to the unit's leader for approval (draft → pending_approval). */
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAnswer } from '../schema';
import { latestAnswer } from './answer-access';
import { type CaseActionOptions, lockCase, pickAssignment, wrongState } from './case-access';

export async function submitAnswer(db: Database, code: string, assignmentId: string, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    if (a.status !== 'accepted') throw wrongState('cases.error.acceptFirst');
    const current = await latestAnswer(tx, a.id);
    if (current?.status !== 'draft') throw wrongState('cases.error.noDraft');
    await tx.update(feedbackAnswer).set({ status: 'pending_approval', updatedAt: now }).where(eq(feedbackAnswer.id, current.id));
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'answer_drafted',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { unit: a.unitName, stage: 'submitted' },
    });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.answer.submit',
      entityType: 'feedback_answer',
      entityId: current.id,
      before: { status: 'draft' },
      after: { code: submission.code, unit: a.unitCode, status: 'pending_approval' },
    });
    return { answerId: current.id };
  });
}
