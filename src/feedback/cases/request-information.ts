/**
 * An agency asks the submitter for more information. The question is recorded (one open question
 * per case), the case waits (`awaiting_info`) with its clock paused, and the submitter is e-mailed
 * the lookup link — never the PIN, which they already have.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput, text } from '../../platform/validation';
import { pauseClock } from '../deadlines';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackInfoRequest, feedbackSubmission } from '../schema';
import { type CaseActionOptions, lockCase, lookupUrl, mailSubmitter, pickAssignment, requireStatus, wrongState } from './case-access';

export const requestInformationInput = z.object({ question: text(3000) });
export type RequestInformationInput = z.input<typeof requestInformationInput>;

export async function requestInformation(db: Database, code: string, assignmentId: string, raw: RequestInformationInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(requestInformationInput, raw);
    if (submission.status === 'awaiting_info') throw wrongState('cases.error.infoPending');
    requireStatus(submission, ['in_progress']);
    if (a.status !== 'accepted') throw wrongState('cases.error.acceptFirst');
    const [request] = await tx
      .insert(feedbackInfoRequest)
      .values({ submissionId: submission.id, assignmentId: a.id, question: input.question, askedBy: opts.principal.userId, askedAt: now })
      .returning({ id: feedbackInfoRequest.id });
    await tx.update(feedbackSubmission).set({ status: 'awaiting_info', updatedAt: now }).where(eq(feedbackSubmission.id, submission.id));
    await pauseClock(tx, submission.id, now);
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'info_requested',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { unit: a.unitName, question: input.question, requestId: request.id },
    });
    const mailed = await mailSubmitter(
      tx,
      opts.mailer,
      submission,
      t('cases.mail.info.subject', { code: submission.code }),
      t('cases.mail.info.body', {
        name: submission.submitterName,
        code: submission.code,
        title: submission.title,
        unit: a.unitName,
        question: input.question,
        link: lookupUrl(opts.publicUrl),
      }),
    );
    await recordAudit(tx, opts.actor, {
      action: 'feedback.info.request',
      entityType: 'feedback_info_request',
      entityId: request.id,
      before: { status: submission.status },
      after: { code: submission.code, unit: a.unitCode, status: 'awaiting_info', mailed },
    });
    return { id: request.id, mailed };
  });
}
