/**
 * Reads for the public intake: form options (topics, provinces), the duplicate rule, similar
 * published cases, and what the lookup page shows. Nothing here returns a submitter's personal
 * data to a public caller.
 */
import { and, asc, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { orgUnit } from '../../org/schema';
import type { Database, Executor } from '../../platform/db/client';
import type { StatementPart } from '../../platform/db/one-statement';
import { storedFile } from '../../platform/files/schema';
import { rateLimitBucket } from '../../platform/rate-limit/schema';
import { foldText, sortVietnamese } from '../../platform/text/fold';
import { feedbackAttachment, feedbackEvent, feedbackInfoRequest, feedbackSubmission, feedbackTopic } from '../schema';
import { DUPLICATE_THRESHOLD, nearIdentity } from './content-rules';

export async function topicOptions(db: Executor) {
  const rows = await db.select({ code: feedbackTopic.code, name: feedbackTopic.name }).from(feedbackTopic);
  return sortVietnamese(rows, (r) => r.name);
}

/** The 34 provinces and centrally run cities, by code. */
export async function provinceOptions(db: Executor) {
  const rows = await db.select({ code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.kind, 'province'));
  return sortVietnamese(rows, (r) => r.name);
}

type DuplicateProbe = { email?: string | null; phone?: string | null; title: string; content: string };

/** The duplicate rule's candidates as a part of a statement (see one-statement.ts). */
export interface DuplicateCandidates {
  part: StatementPart;
  /** true in SQL when the contact sent no case in the window (nothing to compare) */
  none: SQL;
  /** the near-identical case's code among the part's column, or null */
  duplicateOf(column: unknown): string | null;
}

/**
 * The same contact's cases of the last 30 days (at most 200, oldest first), to be compared with a
 * new case: near-identical means the same folded title and content, give or take a few words.
 * Null without a contact. `name` names its CTE.
 */
export function duplicateCandidates(name: string, input: DuplicateProbe, now = new Date()): DuplicateCandidates | null {
  const contacts: SQL[] = [];
  if (input.email) contacts.push(sql`${feedbackSubmission.submitterEmail} = ${input.email.trim().toLowerCase()}`);
  if (input.phone) contacts.push(sql`${feedbackSubmission.submitterPhone} = ${input.phone.replace(/[\s.()-]/g, '')}`);
  if (contacts.length === 0) return null;
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const cte = sql.identifier(name);
  return {
    part: {
      ctes: [
        [
          name,
          sql`SELECT ${feedbackSubmission.code} AS code, ${feedbackSubmission.searchText} AS search_text, ${feedbackSubmission.createdAt} AS created_at
              FROM ${feedbackSubmission} WHERE (${sql.join(contacts, sql` OR `)}) AND ${feedbackSubmission.createdAt} >= ${since}
              ORDER BY ${feedbackSubmission.createdAt} LIMIT 200`,
        ],
      ],
      column: sql`(SELECT json_agg(json_build_array(c.code, c.search_text) ORDER BY c.created_at) FROM ${cte} c)`,
    },
    none: sql`NOT EXISTS (SELECT 1 FROM ${cte})`,
    duplicateOf(column) {
      const rows = (column ?? []) as [string, string][];
      if (rows.length === 0) return null;
      const folded = foldText(`${input.title} ${input.content}`);
      return rows.find(([, text]) => nearIdentity(text, folded) >= DUPLICATE_THRESHOLD)?.[0] ?? null;
    },
  };
}

export interface SimilarCase {
  code: string;
  kind: string;
  title: string;
  publishedAt: Date;
  url: string;
}

/** Up to five published cases most like `q`, diacritic-insensitive (trigram word similarity). */
export async function similarPublished(db: Executor, q: string, limit = 5): Promise<SimilarCase[]> {
  const folded = foldText(q).slice(0, 300);
  if (folded.length < 3) return [];
  const score = sql<number>`word_similarity(${folded}::text, ${feedbackSubmission.searchText})`;
  const rows = await db
    .select({ code: feedbackSubmission.code, kind: feedbackSubmission.kind, title: feedbackSubmission.title, publishedAt: feedbackSubmission.publishedAt })
    .from(feedbackSubmission)
    .where(and(isNotNull(feedbackSubmission.publishedAt), sql`${score} >= 0.3`))
    .orderBy(desc(score), desc(feedbackSubmission.publishedAt))
    .limit(limit);
  return rows.map((r) => ({ code: r.code, kind: r.kind, title: r.title, publishedAt: r.publishedAt!, url: `/feedback/answers/${encodeURIComponent(r.code)}` }));
}

export async function findCaseByCode(db: Executor, code: string) {
  const [row] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code.trim().toUpperCase()));
  return row ?? null;
}

async function findCaseById(db: Executor, id: string) {
  const [row] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.id, id));
  return row ?? null;
}

/** A case as its submitter sees it on the lookup page and through the public API: no personal data. */
export interface LookupCase {
  code: string;
  kind: string;
  title: string;
  status: string;
  createdAt: Date;
  publicAnswer: string | null;
  answeredAt: Date | null;
  rating: number | null;
  timeline: { type: string; data: unknown; createdAt: Date }[];
  infoRequest: { id: string; question: string; askedAt: Date } | null;
}

/** The lookup view of a case, by its id or from the row a lookup by code has just read. */
export async function lookupCase(db: Executor, found: string | typeof feedbackSubmission.$inferSelect): Promise<LookupCase | null> {
  const id = typeof found === 'string' ? found : found.id;
  const [row, timeline, infoRequest] = await Promise.all([
    typeof found === 'string' ? findCaseById(db, id) : found,
    publicTimeline(db, id),
    openInfoRequest(db, id),
  ]);
  if (!row) return null;
  return {
    code: row.code,
    kind: row.kind,
    title: row.title,
    status: row.status,
    createdAt: row.createdAt,
    publicAnswer: row.publicAnswer,
    answeredAt: row.answeredAt,
    rating: row.rating,
    timeline,
    infoRequest,
  };
}

/** The timeline the submitter sees: public events only, oldest first. */
export async function publicTimeline(db: Executor, submissionId: string) {
  return db
    .select({ type: feedbackEvent.type, data: feedbackEvent.data, createdAt: feedbackEvent.createdAt })
    .from(feedbackEvent)
    .where(and(eq(feedbackEvent.submissionId, submissionId), eq(feedbackEvent.isPublic, true)))
    .orderBy(asc(feedbackEvent.createdAt));
}

export async function openInfoRequest(db: Executor, submissionId: string) {
  const [row] = await db
    .select({ id: feedbackInfoRequest.id, question: feedbackInfoRequest.question, askedAt: feedbackInfoRequest.askedAt })
    .from(feedbackInfoRequest)
    .where(and(eq(feedbackInfoRequest.submissionId, submissionId), isNull(feedbackInfoRequest.repliedAt)));
  return row ?? null;
}

export async function attachmentsOf(db: Executor, submissionId: string) {
  return db
    .select({ fileName: feedbackAttachment.fileName, mimeType: storedFile.mimeType, size: storedFile.size, infoRequestId: feedbackAttachment.infoRequestId })
    .from(feedbackAttachment)
    .innerJoin(storedFile, eq(storedFile.id, feedbackAttachment.fileId))
    .where(eq(feedbackAttachment.submissionId, submissionId));
}

/** Hits counted so far in the current window of a limit, without counting one more. */
export async function rateLimitHits(db: Database, key: string, windowSeconds: number, now = new Date()): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .select({ hits: rateLimitBucket.hits })
    .from(rateLimitBucket)
    .where(and(eq(rateLimitBucket.key, key), eq(rateLimitBucket.windowStart, start)));
  return row?.hits ?? 0;
}
