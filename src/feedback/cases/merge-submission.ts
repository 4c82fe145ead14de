/**
 * The standing office merges a received case into another (surviving) case, a duplicate of it:
 * the merged case closes as `merged`, its submitter becomes a follower of the surviving case
 * (told again when that case is answered) and is told by e-mail now. Followers of the merged case
 * move along to the surviving one.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput, text } from '../../platform/validation';
import { canTriage } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackFollower, feedbackSubmission } from '../schema';
import { type CaseActionOptions, lockCase, lookupUrl, mailSubmitter, requireStatus, wrongState } from './case-access';

export const mergeSubmissionInput = z.object({
  /** tracking code of the surviving case */
  targetCode: text(40),
});
export type MergeSubmissionInput = z.input<typeof mergeSubmissionInput>;

export async function mergeSubmission(db: Database, code: string, raw: MergeSubmissionInput, opts: CaseActionOptions) {
  if (!canTriage(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(mergeSubmissionInput, raw);
  const targetCode = input.targetCode.toUpperCase();
  const sourceCode = code.trim().toUpperCase();
  if (targetCode === sourceCode) throw validationFailed({ targetCode: t('cases.error.mergeSelf') });
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    // lock both cases in a fixed order so two opposite merges cannot deadlock
    const [first, second] = [sourceCode, targetCode].sort();
    const lockedFirst = await lockCase(tx, first).catch((e) => (first === targetCode ? null : Promise.reject(e)));
    const lockedSecond = await lockCase(tx, second).catch((e) => (second === targetCode ? null : Promise.reject(e)));
    const source = (first === sourceCode ? lockedFirst : lockedSecond)!.submission;
    const targetLocked = first === targetCode ? lockedFirst : lockedSecond;
    if (!targetLocked) throw validationFailed({ targetCode: t('cases.error.mergeTargetUnknown', { code: targetCode }) });
    const target = targetLocked.submission;
    requireStatus(source, ['received']);
    if (['rejected', 'merged'].includes(target.status)) throw wrongState('cases.error.mergeTargetClosed', { code: target.code });

    await tx
      .update(feedbackSubmission)
      .set({ status: 'merged', mergedIntoId: target.id, updatedAt: now })
      .where(eq(feedbackSubmission.id, source.id));
    // the merged case's own followers now follow the surviving case
    await tx.execute(sql`
      INSERT INTO feedback_follower (submission_id, follower_submission_id)
      SELECT ${target.id}::uuid, follower_submission_id FROM feedback_follower WHERE submission_id = ${source.id}::uuid
      ON CONFLICT DO NOTHING`);
    await tx.delete(feedbackFollower).where(eq(feedbackFollower.submissionId, source.id));
    await tx.insert(feedbackFollower).values({ submissionId: target.id, followerSubmissionId: source.id }).onConflictDoNothing();
    await recordFeedbackEvent(tx, {
      submissionId: source.id,
      type: 'merged',
      actorUserId: opts.principal.userId,
      data: { code: target.code },
    });
    const mailed = await mailSubmitter(
      tx,
      opts.mailer,
      source,
      t('cases.mail.merged.subject', { code: source.code }),
      t('cases.mail.merged.body', {
        name: source.submitterName,
        code: source.code,
        title: source.title,
        target: target.code,
        link: lookupUrl(opts.publicUrl),
      }),
    );
    await recordAudit(tx, opts.actor, {
      action: 'feedback.merge',
      entityType: 'feedback_submission',
      entityId: source.id,
      before: { status: source.status },
      after: { code: source.code, status: 'merged', mergedInto: target.code, mailed },
    });
    return { id: source.id, code: source.code, targetCode: target.code, mailed };
  });
}
