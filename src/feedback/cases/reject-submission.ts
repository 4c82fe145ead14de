/**
 * The standing office declines a received case with a reason from the fixed list and a note;
 * the submitter is told by e-mail (when they gave one) in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput } from '../../platform/validation';
import { canTriage } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { REJECT_REASONS, feedbackSubmission } from '../schema';
import { type CaseActionOptions, lockCase, lookupUrl, mailSubmitter, requireStatus } from './case-access';

export const rejectSubmissionInput = z.object({
  reason: z.enum(REJECT_REASONS, { message: t('field.choose') }),
  note: optionalText(2000),
});
export type RejectSubmissionInput = z.input<typeof rejectSubmissionInput>;

export async function rejectSubmission(db: Database, code: string, raw: RejectSubmissionInput, opts: CaseActionOptions) {
  if (!canTriage(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(rejectSubmissionInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission } = await lockCase(tx, code);
    requireStatus(submission, ['received']);
    await tx
      .update(feedbackSubmission)
      .set({ status: 'rejected', rejectReason: input.reason, rejectNote: input.note ?? null, updatedAt: now })
      .where(eq(feedbackSubmission.id, submission.id));
    const reasonText = t(`feedback.reject.${input.reason}`);
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'rejected',
      actorUserId: opts.principal.userId,
      data: { reason: input.reason },
    });
    const mailed = await mailSubmitter(
      tx,
      opts.mailer,
      submission,
      t('cases.mail.rejected.subject', { code: submission.code }),
      t('cases.mail.rejected.body', {
        name: submission.submitterName,
        code: submission.code,
        title: submission.title,
        reason: reasonText,
        note: input.note ? `\n${input.note}\n` : '',
        link: lookupUrl(opts.publicUrl),
      }),
    );
    await recordAudit(tx, opts.actor, {
      action: 'feedback.reject',
      entityType: 'feedback_submission',
      entityId: submission.id,
      before: { status: submission.status },
      after: { code: submission.code, status: 'rejected', reason: input.reason, mailed },
    });
    return { id: submission.id, code: submission.code, mailed };
  });
}
