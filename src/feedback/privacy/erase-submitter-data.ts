/**
 * Erases a submitter's personal data from their cases (Decree 13/2023/NĐ-CP, the right to
 * deletion) while keeping what statistics and accountability need: the code, kind, topic, place,
 * status, dates, deadlines and rating stay; name, organisation, contacts, identity number, every
 * free text the person wrote (title, content, proposal fields, replies, rating comment) and the
 * attachments go; their name, e-mail and phone are masked in the answers (a published answer
 * then shows no name) and in the mails about the case. The timeline and the audit trail record
 * that an erasure happened, by whom and which fields, never the erased values.
 * Erasing a case twice changes nothing the second time.
 */
import fs from 'node:fs';
import { and, eq, inArray, like, or } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { storedFile } from '../../platform/files/schema';
import { pathForHash } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { MAIL_ERASED, mailOutbox } from '../../platform/mail/schema';
import { foldText } from '../../platform/text/fold';
import { feedbackAnswer, feedbackAssignment, feedbackAttachment, feedbackEvent, feedbackInfoRequest, feedbackSubmission, triageExample } from '../schema';
import { type SubmissionRow, attachmentsOfCases, wasErased } from './queries';

export const ERASED_FIELDS = [
  'submitterName',
  'organisationName',
  'submitterEmail',
  'submitterPhone',
  'submitterAddress',
  'submitterIdNumber',
  'title',
  'content',
  'problem',
  'proposal',
  'expectedImpact',
  'estimatedCost',
  'feasibility',
  'ratingComment',
  'infoRequestReplies',
  'attachments',
] as const;

export interface EraseOptions {
  actor: Actor;
  requestedBy: 'submitter' | 'staff';
  /** staff: the basis of the request (letter number, date); never personal data */
  reason?: string | null;
}

export interface EraseResult {
  code: string;
  alreadyErased: boolean;
  attachmentsRemoved: number;
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks each identifying value (case-insensitive, NFC) in a text. */
export function maskIdentifiers(text: string, identifiers: (string | null | undefined)[]): string {
  let out = text.normalize('NFC');
  const values = identifiers.map((v) => v?.normalize('NFC').trim()).filter((v): v is string => !!v && v.length >= 3);
  // longest first, so a full name is masked before a part of it could be
  for (const v of values.sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(escapeRegExp(v), 'giu'), t('feedback.privacy.erasedMention'));
  return out;
}

export async function eraseSubmitterData(db: Database, dataDir: string, submission: SubmissionRow, opts: EraseOptions): Promise<EraseResult> {
  if (await wasErased(db, submission.id)) return { code: submission.code, alreadyErased: true, attachmentsRemoved: 0 };
  const files = await attachmentsOfCases(db, [submission.id]);
  const identifiers = [submission.submitterName, submission.organisationName, submission.submitterEmail, submission.submitterPhone, submission.submitterAddress];
  const erasedText = t('feedback.privacy.erasedText');
  const freedHashes: string[] = [];

  const result = await db.transaction(async (tx) => {
    // The lock on the case row makes a concurrent second erasure wait, then see the first one.
    const [locked] = await tx.select({ id: feedbackSubmission.id }).from(feedbackSubmission).where(eq(feedbackSubmission.id, submission.id)).for('update');
    if (!locked || (await wasErased(tx, submission.id))) return { code: submission.code, alreadyErased: true, attachmentsRemoved: 0 };

    const publicAnswer = submission.publicAnswer ? maskIdentifiers(submission.publicAnswer, identifiers) : null;
    const title = t('feedback.privacy.erasedTitle');
    await tx
      .update(feedbackSubmission)
      .set({
        submitterName: t('feedback.privacy.erasedName'),
        organisationName: null,
        submitterEmail: null,
        submitterPhone: null,
        submitterAddress: null,
        submitterIdNumber: null,
        title,
        content: erasedText,
        problem: submission.problem === null ? null : erasedText,
        proposal: submission.proposal === null ? null : erasedText,
        expectedImpact: submission.expectedImpact === null ? null : erasedText,
        estimatedCost: submission.estimatedCost === null ? null : erasedText,
        feasibility: submission.feasibility === null ? null : erasedText,
        ratingComment: null,
        // a published answer keeps its text but never a name any more
        publishConsent: submission.publishConsent === 'named' ? 'anonymous' : submission.publishConsent,
        publicAnswer,
        searchText: foldText([title, publicAnswer ?? ''].join(' ')),
        updatedAt: new Date(),
      })
      .where(eq(feedbackSubmission.id, submission.id));

    await tx.update(feedbackInfoRequest).set({ reply: erasedText }).where(and(eq(feedbackInfoRequest.submissionId, submission.id)));

    // Answers may greet the person by name or quote their contacts.
    const answers = await tx
      .select({ id: feedbackAnswer.id, body: feedbackAnswer.body })
      .from(feedbackAnswer)
      .innerJoin(feedbackAssignment, eq(feedbackAssignment.id, feedbackAnswer.assignmentId))
      .where(eq(feedbackAssignment.submissionId, submission.id));
    for (const a of answers) {
      const masked = maskIdentifiers(a.body, identifiers);
      if (masked !== a.body) await tx.update(feedbackAnswer).set({ body: masked }).where(eq(feedbackAnswer.id, a.id));
    }

    // Officers' triage decisions copied the case's text as a training example.
    await tx.delete(triageExample).where(eq(triageExample.submissionId, submission.id));

    // Mails about this case (receipt with code and PIN, notices) lose their address and body.
    if (submission.submitterEmail) {
      await tx
        .update(mailOutbox)
        .set({ toAddress: t('feedback.privacy.erasedMention'), bodyText: erasedText })
        .where(
          and(
            eq(mailOutbox.toAddress, submission.submitterEmail),
            or(like(mailOutbox.subject, `%${submission.code}%`), like(mailOutbox.bodyText, `%${submission.code}%`)),
            inArray(mailOutbox.status, ['sending', 'sent', 'failed', 'stored', 'unconfirmed']),
          ),
        );
      await tx
        .update(mailOutbox)
        .set({ toAddress: t('feedback.privacy.erasedMention'), bodyText: erasedText, status: 'failed', lastError: MAIL_ERASED })
        .where(
          and(
            eq(mailOutbox.toAddress, submission.submitterEmail),
            or(like(mailOutbox.subject, `%${submission.code}%`), like(mailOutbox.bodyText, `%${submission.code}%`)),
            eq(mailOutbox.status, 'queued'),
          ),
        );
    }

    // Attachments: the link goes; the file row too unless something else still uses the bytes.
    await tx.delete(feedbackAttachment).where(eq(feedbackAttachment.submissionId, submission.id));
    for (const f of files) {
      try {
        await tx.transaction(async (sp) => {
          await sp.delete(storedFile).where(eq(storedFile.id, f.fileId));
        });
        freedHashes.push(f.hash);
      } catch {
        // still referenced elsewhere (the same bytes in another case or report): kept
      }
    }

    // A public step of its own (not in the shared event list): the submitter sees that it happened.
    await tx.insert(feedbackEvent).values({ submissionId: submission.id, type: 'personal_data_erased', isPublic: true, actorUserId: opts.actor.userId, data: {} });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.personal_data_erased',
      entityType: 'feedback_submission',
      entityId: submission.id,
      after: {
        code: submission.code,
        requestedBy: opts.requestedBy,
        reason: opts.reason ?? null,
        fields: ERASED_FIELDS,
        attachmentsRemoved: files.length,
        answersMasked: answers.length,
      },
    });
    return { code: submission.code, alreadyErased: false, attachmentsRemoved: files.length };
  });

  // Bytes last, after the commit, and only where no row names that hash any more.
  for (const hash of freedHashes) {
    const [again] = await db.select({ id: storedFile.id }).from(storedFile).where(eq(storedFile.hash, hash));
    if (!again) await fs.promises.rm(pathForHash(dataDir, hash), { force: true });
  }
  return result;
}
