/**
 * Turns an officer's triage decision (kind, topic and competent agency confirmed or corrected when
 * the standing office accepts or forwards a case) into a labelled example the classifier learns
 * from. Runs in the caller's transaction; one example per submission (a later decision replaces
 * the earlier one), so re-triaging a case corrects the training data instead of duplicating it.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { normalizeText } from '../../platform/text/fold';
import { type SubmissionKind, triageExample } from '../schema';
import { markTriageExamplesChanged } from './triage-model';

export interface LearnFromTriageInput {
  submissionId: string;
  title: string;
  content: string;
  kind: SubmissionKind;
  topicCode: string;
  agencyCode: string;
  userId: string;
}

export async function learnFromTriage(tx: Executor, input: LearnFromTriageInput): Promise<void> {
  const values = {
    title: normalizeText(input.title).slice(0, 200),
    content: input.content.normalize('NFC').trim().slice(0, 10_000),
    kind: input.kind,
    topicCode: input.topicCode,
    agencyCode: input.agencyCode,
    source: 'officer' as const,
    heldOut: false,
    submissionId: input.submissionId,
    createdBy: input.userId,
  };
  await tx
    .insert(triageExample)
    .values(values)
    .onConflictDoUpdate({
      target: triageExample.submissionId,
      targetWhere: sql`submission_id IS NOT NULL`,
      // created_at moves too: the classifier's cache version notices the correction and retrains.
      set: { ...values, createdAt: sql`clock_timestamp()` },
    });
  markTriageExamplesChanged();
}
