/**
 * The submitter answers the open request for more information (from the lookup page, after
 * proving code and PIN): the reply and its files are stored, the case goes back to "in progress",
 * the timeline records 'info_provided' and the paused clock restarts.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { resumeClock } from '../deadlines';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAttachment, feedbackInfoRequest, feedbackSubmission } from '../schema';
import { type PreparedFile, insertStoredFiles } from './attachments';
import { checkContent } from './content-rules';

export const replyToInfoRequestInput = z.object({ reply: text(10_000) });

export async function replyToInfoRequest(
  db: Database,
  submissionId: string,
  raw: { reply: string },
  opts: { actor: Actor; files?: PreparedFile[]; now?: Date },
): Promise<{ infoRequestId: string }> {
  const input = parseInput(replyToInfoRequestInput, raw);
  const rules = checkContent({ reply: input.reply });
  if (rules.reply) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { reply: rules.reply });
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({ id: feedbackInfoRequest.id })
      .from(feedbackInfoRequest)
      .where(and(eq(feedbackInfoRequest.submissionId, submissionId), isNull(feedbackInfoRequest.repliedAt)))
      .for('update');
    if (!request) throw AppError.of('CONFLICT', 'intake.error.noOpenRequest');
    await tx.update(feedbackInfoRequest).set({ reply: input.reply, repliedAt: now }).where(eq(feedbackInfoRequest.id, request.id));
    const stored = opts.files?.length ? await insertStoredFiles(tx, opts.files, null) : [];
    for (const f of stored) {
      await tx.insert(feedbackAttachment).values({ submissionId, fileId: f.fileId, fileName: f.fileName, infoRequestId: request.id }).onConflictDoNothing();
    }
    await tx
      .update(feedbackSubmission)
      .set({ status: 'in_progress', updatedAt: now })
      .where(and(eq(feedbackSubmission.id, submissionId), eq(feedbackSubmission.status, 'awaiting_info')));
    await resumeClock(tx, submissionId, now);
    await recordFeedbackEvent(tx, { submissionId, type: 'info_provided', data: { files: stored.length } });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.info_provided',
      entityType: 'feedback_submission',
      entityId: submissionId,
      after: { infoRequestId: request.id, files: stored.length },
    });
    return { infoRequestId: request.id };
  });
}
