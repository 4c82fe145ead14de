/**
 * The submitter rates the answer once (1–5, optional comment) from the lookup page. Only an
 * answered case can be rated; rating closes it (nothing more will happen).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput } from '../../platform/validation';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackSubmission } from '../schema';
import { checkContent } from './content-rules';

export const rateAnswerInput = z.object({
  rating: z.coerce.number({ message: t('intake.error.rating') }).int(t('intake.error.rating')).min(1, t('intake.error.rating')).max(5, t('intake.error.rating')),
  comment: optionalText(2_000),
});

export async function rateAnswer(db: Database, submissionId: string, raw: { rating: unknown; comment?: string }, opts: { actor: Actor; now?: Date }) {
  const input = parseInput(rateAnswerInput, raw);
  if (input.comment) {
    const rules = checkContent({ comment: input.comment });
    if (rules.comment) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { comment: rules.comment });
  }
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ status: feedbackSubmission.status, rating: feedbackSubmission.rating })
      .from(feedbackSubmission)
      .where(eq(feedbackSubmission.id, submissionId))
      .for('update');
    if (!sub) throw AppError.of('NOT_FOUND', 'intake.lookup.failed');
    if (sub.rating != null) throw AppError.of('CONFLICT', 'intake.error.alreadyRated');
    if (sub.status !== 'answered') throw AppError.of('CONFLICT', 'intake.error.notAnswered');
    await tx
      .update(feedbackSubmission)
      .set({ rating: input.rating, ratingComment: input.comment ?? null, ratedAt: now, status: 'closed', updatedAt: now })
      .where(and(eq(feedbackSubmission.id, submissionId), isNull(feedbackSubmission.rating)));
    await recordFeedbackEvent(tx, { submissionId, type: 'rated', data: { rating: input.rating } });
    await recordAudit(tx, opts.actor, { action: 'feedback.rate', entityType: 'feedback_submission', entityId: submissionId, after: { rating: input.rating } });
    return { rating: input.rating };
  });
}
