/**
 * The standing office accepts a received case, confirming or correcting its kind and topic (and,
 * when it names the competent agency, teaching the triage classifier). The case stays `received`
 * until it is forwarded; the timeline records the acceptance.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { findUnitByCode } from '../../org/queries';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput, text } from '../../platform/validation';
import { canTriage } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { SUBMISSION_KINDS, feedbackSubmission, feedbackTopic } from '../schema';
import { learnFromTriage } from '../triage/learn-from-triage';
import { type CaseActionOptions, lockCase, requireStatus } from './case-access';

export const acceptSubmissionInput = z.object({
  kind: z.enum(SUBMISSION_KINDS, { message: t('field.choose') }),
  topicCode: text(60),
  /** the competent agency, when the office already knows it (a training label for the classifier) */
  agencyCode: optionalText(40),
});
export type AcceptSubmissionInput = z.input<typeof acceptSubmissionInput>;

export async function acceptSubmission(db: Database, code: string, raw: AcceptSubmissionInput, opts: CaseActionOptions) {
  if (!canTriage(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(acceptSubmissionInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission } = await lockCase(tx, code);
    requireStatus(submission, ['received']);
    const [topic] = await tx.select({ code: feedbackTopic.code }).from(feedbackTopic).where(eq(feedbackTopic.code, input.topicCode));
    if (!topic) throw validationFailed({ topicCode: t('feedback.error.topic') });
    let agencyCode: string | null = null;
    if (input.agencyCode) {
      const unit = await findUnitByCode(tx, input.agencyCode);
      if (!unit) throw validationFailed({ agencyCode: t('cases.error.unitUnknown', { code: input.agencyCode }) });
      agencyCode = unit.code;
    }
    const corrected = submission.kind !== input.kind || submission.topicCode !== input.topicCode;
    await tx.update(feedbackSubmission).set({ kind: input.kind, topicCode: input.topicCode, updatedAt: now }).where(eq(feedbackSubmission.id, submission.id));
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'accepted',
      actorUserId: opts.principal.userId,
      data: { kind: input.kind, topicCode: input.topicCode, corrected },
    });
    if (agencyCode) {
      await learnFromTriage(tx, {
        submissionId: submission.id,
        title: submission.title,
        content: submission.content,
        kind: input.kind,
        topicCode: input.topicCode,
        agencyCode,
        userId: opts.principal.userId,
      });
    }
    await recordAudit(tx, opts.actor, {
      action: 'feedback.accept',
      entityType: 'feedback_submission',
      entityId: submission.id,
      before: { kind: submission.kind, topicCode: submission.topicCode },
      after: { code: submission.code, kind: input.kind, topicCode: input.topicCode, agencyCode },
    });
    return { id: submission.id, code: submission.code, corrected };
  });
}
