/**
 * Suggests how to triage a submission: its kind, topic and competent agency with the classifier's
 * confidence, and up to five existing submissions that look like it (pg_trgm similarity of the
 * folded text, served by the GIN trigram index). Read-only; the caller checks who may ask.
 */
import { and, desc, ne, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { foldText } from '../../platform/text/fold';
import { parseInput, text } from '../../platform/validation';
import { SUBMISSION_KINDS, type SubmissionKind, feedbackSubmission } from '../schema';
import { predictTriage } from './classifier';
import { getTriageModel } from './triage-model';

export const suggestTriageInput = z.object({
  title: text(200),
  content: text(10_000),
});
export type SuggestTriageInput = z.input<typeof suggestTriageInput>;

const confidence = z.number().min(0).max(1).describe('posterior probability of the suggested label, 0–1');
export const triageSuggestionOut = z.object({
  kind: z.object({ value: z.enum(SUBMISSION_KINDS), confidence }),
  topic: z.object({ code: z.string().describe('feedback topic code'), confidence }),
  agency: z.object({ code: z.string().describe('org unit code of the competent agency'), confidence }),
  similar: z
    .array(z.object({ code: z.string().describe('tracking code PAKN-YYYY-NNNNNN'), score: z.number().min(0).max(1) }))
    .max(5)
    .describe('existing submissions (not rejected or merged) most like this text, best first'),
});
export type TriageSuggestion = z.infer<typeof triageSuggestionOut>;

export const SIMILAR_LIMIT = 5;
/** pg_trgm similarity below this is noise: unrelated Vietnamese texts share common syllables. */
export const SIMILARITY_THRESHOLD = 0.25;
/** The similarity query reads at most this much folded text. */
const SIMILAR_QUERY_CHARS = 2_000;

const round3 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

export interface SuggestTriageOptions {
  /** the case being triaged: left out of its own similar list */
  excludeSubmissionId?: string;
}

export async function suggestTriage(db: Database, raw: SuggestTriageInput, opts: SuggestTriageOptions = {}): Promise<TriageSuggestion> {
  const input = parseInput(suggestTriageInput, raw);
  const model = await getTriageModel(db);
  const p = predictTriage(model, input);
  if (!p.kind || !p.topic || !p.agency) throw AppError.of('NOT_READY', 'triage.notTrained');
  return {
    kind: { value: p.kind.label as SubmissionKind, confidence: round3(p.kind.confidence) },
    topic: { code: p.topic.label, confidence: round3(p.topic.confidence) },
    agency: { code: p.agency.label, confidence: round3(p.agency.confidence) },
    similar: await findSimilarSubmissions(db, `${input.title} ${input.content}`, opts.excludeSubmissionId),
  };
}

/** Up to five open submissions by trigram similarity of their folded text. */
export async function findSimilarSubmissions(db: Database, textToMatch: string, excludeSubmissionId?: string) {
  const q = foldText(textToMatch).slice(0, SIMILAR_QUERY_CHARS);
  if (q.length < 3) return [];
  const score = sql<number>`similarity(${feedbackSubmission.searchText}, ${q})`;
  return db.transaction(async (tx) => {
    // `%` uses the GIN trigram index; its threshold is per transaction.
    await tx.execute(sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true)`);
    const rows = await tx
      .select({ code: feedbackSubmission.code, score })
      .from(feedbackSubmission)
      .where(
        and(
          sql`${feedbackSubmission.searchText} % ${q}`,
          notInArray(feedbackSubmission.status, ['rejected', 'merged']),
          excludeSubmissionId ? ne(feedbackSubmission.id, excludeSubmissionId) : undefined,
        ),
      )
      .orderBy(desc(score), desc(feedbackSubmission.createdAt))
      .limit(SIMILAR_LIMIT);
    return rows.map((r) => ({ code: r.code, score: round3(Number(r.score)) }));
  });
}
