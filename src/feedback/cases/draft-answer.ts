/**
 * The agency's officer writes (or rewrites) the draft answer of its assignment. A draft sent back
 * by the leader becomes a draft again; a draft waiting for approval cannot be edited.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAnswer } from '../schema';
import { latestAnswer } from './answer-access';
import { type CaseActionOptions, lockCase, pickAssignment, wrongState } from './case-access';

export const draftAnswerInput = z.object({ body: text(20_000) });
export type DraftAnswerInput = z.input<typeof draftAnswerInput>;

export async function draftAnswer(db: Database, code: string, assignmentId: string, raw: DraftAnswerInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(draftAnswerInput, raw);
    if (a.status !== 'accepted') throw wrongState('cases.error.acceptFirst');
    const current = await latestAnswer(tx, a.id);
    if (current?.status === 'pending_approval') throw wrongState('cases.error.answerPending');
    let answerId: string;
    const before = current?.status ?? null;
    if (current && (current.status === 'draft' || current.status === 'returned')) {
      await tx
        .update(feedbackAnswer)
        .set({ body: input.body, status: 'draft', draftedBy: opts.principal.userId, updatedAt: now })
        .where(eq(feedbackAnswer.id, current.id));
      answerId = current.id;
    } else {
      const [row] = await tx
        .insert(feedbackAnswer)
        .values({ assignmentId: a.id, body: input.body, status: 'draft', draftedBy: opts.principal.userId, createdAt: now, updatedAt: now })
        .returning({ id: feedbackAnswer.id });
      answerId = row.id;
    }
    if (before !== 'draft') {
      await recordFeedbackEvent(tx, {
        submissionId: submission.id,
        type: 'answer_drafted',
        actorUserId: opts.principal.userId,
        unitId: a.unitId,
        data: { unit: a.unitName, stage: 'draft' },
      });
    }
    await recordAudit(tx, opts.actor, {
      action: 'feedback.answer.draft',
      entityType: 'feedback_answer',
      entityId: answerId,
      before: { status: before },
      after: { code: submission.code, unit: a.unitCode, status: 'draft', length: input.body.length },
    });
    return { answerId };
  });
}
