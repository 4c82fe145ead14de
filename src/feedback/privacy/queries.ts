/**
 * Reads behind a submitter's data export and erasure (Decree 13/2023/NĐ-CP): the cases that belong
 * to one submitter, everything held about each, and the files that would be left without an owner.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { storedFile } from '../../platform/files/schema';
import { orgUnit } from '../../org/schema';
import { feedbackAttachment, feedbackEvent, feedbackInfoRequest, feedbackSubmission } from '../schema';

export type SubmissionRow = typeof feedbackSubmission.$inferSelect;

/**
 * The submitter's cases: the one named, plus (when asked, for staff who verified the person)
 * every other case with the same e-mail or phone. Oldest first.
 */
export async function casesOfSubmitter(db: Executor, first: SubmissionRow, sameContact: boolean): Promise<SubmissionRow[]> {
  if (!sameContact) return [first];
  const contacts = [];
  if (first.submitterEmail) contacts.push(eq(feedbackSubmission.submitterEmail, first.submitterEmail));
  if (first.submitterPhone) contacts.push(eq(feedbackSubmission.submitterPhone, first.submitterPhone));
  if (contacts.length === 0) return [first];
  const rows = await db
    .select()
    .from(feedbackSubmission)
    .where(or(eq(feedbackSubmission.id, first.id), ...contacts))
    .orderBy(asc(feedbackSubmission.createdAt))
    .limit(500);
  return rows;
}

export async function publicEventsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ submissionId: feedbackEvent.submissionId, type: feedbackEvent.type, data: feedbackEvent.data, createdAt: feedbackEvent.createdAt })
    .from(feedbackEvent)
    .where(and(inArray(feedbackEvent.submissionId, ids), eq(feedbackEvent.isPublic, true)))
    .orderBy(asc(feedbackEvent.createdAt));
}

export async function infoRequestsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      submissionId: feedbackInfoRequest.submissionId,
      question: feedbackInfoRequest.question,
      askedAt: feedbackInfoRequest.askedAt,
      reply: feedbackInfoRequest.reply,
      repliedAt: feedbackInfoRequest.repliedAt,
    })
    .from(feedbackInfoRequest)
    .where(inArray(feedbackInfoRequest.submissionId, ids))
    .orderBy(asc(feedbackInfoRequest.askedAt));
}

export async function attachmentsOfCases(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      submissionId: feedbackAttachment.submissionId,
      fileId: storedFile.id,
      fileName: feedbackAttachment.fileName,
      mimeType: storedFile.mimeType,
      size: storedFile.size,
      hash: storedFile.hash,
      createdAt: feedbackAttachment.createdAt,
    })
    .from(feedbackAttachment)
    .innerJoin(storedFile, eq(storedFile.id, feedbackAttachment.fileId))
    .where(inArray(feedbackAttachment.submissionId, ids))
    .orderBy(asc(feedbackAttachment.createdAt));
}

export async function unitCodes(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: orgUnit.id, code: orgUnit.code }).from(orgUnit).where(inArray(orgUnit.id, wanted));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Whether an erasure was already recorded for a case (its timeline says so). */
export async function wasErased(db: Executor, submissionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: feedbackEvent.id })
    .from(feedbackEvent)
    .where(and(eq(feedbackEvent.submissionId, submissionId), eq(feedbackEvent.type, 'personal_data_erased')))
    .limit(1);
  return !!row;
}
