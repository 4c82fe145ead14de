/**
 * What the case's own status becomes after one of its assignments moved, and the completion step:
 * when every assignment still in play (not returned) has an approved answer, the case is answered,
 * its public answer is the approved answers under each agency's name, it is published when the
 * submitter consented, and the submitter and the followers of merged duplicates are e-mailed.
 * Runs inside the caller's transaction; not a use-case of its own.
 */
import { searchTextWithAnswer } from '../answer-search-text';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { t } from '../../platform/i18n';
import { recordFeedbackEvent } from '../record-feedback-event';
import { type SubmissionStatus, feedbackAnswer, feedbackSubmission } from '../schema';
import { type CaseActionOptions, type SubmissionRow, assignmentsOf, followerEmails, lookupUrl } from './case-access';

/** The status the assignments imply, for a case that is not closed or waiting for the submitter. */
export function impliedStatus(current: SubmissionStatus, statuses: readonly string[]): SubmissionStatus {
  const live = statuses.filter((s) => s !== 'returned');
  if (statuses.length > 0 && live.length === 0) return 'received';
  if (current === 'awaiting_info') return current;
  if (live.some((s) => s === 'accepted' || s === 'answered')) return 'in_progress';
  return live.length ? 'forwarded' : current;
}

/**
 * Re-reads the assignments and either completes the case (every live assignment answered) or sets
 * the status they imply. Returns the new status.
 */
export async function settleCase(tx: Executor, submission: SubmissionRow, opts: CaseActionOptions, now: Date): Promise<SubmissionStatus> {
  const assignments = await assignmentsOf(tx, submission.id);
  const live = assignments.filter((a) => a.status !== 'returned');
  if (live.length > 0 && live.every((a) => a.status === 'answered')) {
    const answers = await tx
      .select({ assignmentId: feedbackAnswer.assignmentId, body: feedbackAnswer.body })
      .from(feedbackAnswer)
      .where(
        and(
          inArray(
            feedbackAnswer.assignmentId,
            live.map((a) => a.id),
          ),
          eq(feedbackAnswer.status, 'approved'),
        ),
      )
      .orderBy(desc(feedbackAnswer.approvedAt));
    const publicAnswer = live
      .map((a) => {
        const body = answers.find((x) => x.assignmentId === a.id)?.body ?? '';
        return `${a.unitName}:\n${body}`;
      })
      .join('\n\n');
    const publish = submission.publishConsent !== 'none';
    await tx
      .update(feedbackSubmission)
      .set({ status: 'answered', answeredAt: now, publicAnswer, searchText: searchTextWithAnswer(publicAnswer), publishedAt: publish ? now : null, pausedAt: null, updatedAt: now })
      .where(eq(feedbackSubmission.id, submission.id));
    await recordFeedbackEvent(tx, { submissionId: submission.id, type: 'answered', actorUserId: opts.principal.userId, data: { units: live.map((a) => a.unitCode) } });
    if (publish) await recordFeedbackEvent(tx, { submissionId: submission.id, type: 'published', actorUserId: opts.principal.userId, data: { consent: submission.publishConsent } });
    const link = lookupUrl(opts.publicUrl);
    if (submission.submitterEmail) {
      await opts.mailer.queueMail(tx, {
        to: submission.submitterEmail,
        subject: t('cases.mail.answered.subject', { code: submission.code }),
        text: t('cases.mail.answered.body', { name: submission.submitterName, code: submission.code, title: submission.title, link }),
      });
    }
    for (const email of await followerEmails(tx, submission.id)) {
      if (email === submission.submitterEmail) continue;
      await opts.mailer.queueMail(tx, {
        to: email,
        subject: t('cases.mail.followerAnswered.subject', { code: submission.code }),
        text: t('cases.mail.followerAnswered.body', { code: submission.code, title: submission.title, link }),
      });
    }
    return 'answered';
  }
  const status = impliedStatus(
    submission.status,
    assignments.map((a) => a.status),
  );
  if (status !== submission.status) {
    await tx.update(feedbackSubmission).set({ status, updatedAt: now }).where(eq(feedbackSubmission.id, submission.id));
  }
  return status;
}
