/**
 * One public search across published articles, legal documents, published PAKN-GPSK answers and
 * the tasks of public plans.
 * The query is folded like the stored search columns (no diacritics, đ → d, lower case), so
 * "chuyen doi so" finds "chuyển đổi số"; pg_trgm's word_similarity tolerates a wrong letter.
 * Ranking: a title match counts twice a body match, then recency.
 *
 * Two passes keep it fast at national scale. First every word must appear as a whole word: a
 * full-text index over each folded column answers that even for common phrases. Only when that
 * finds nothing does the fuzzy pass run — pg_trgm's word_similarity tolerates a wrong letter but
 * rechecks every trigram candidate, which a common phrase would make millions of.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { foldText } from '../platform/text/fold';
import { queryTerms, snippet } from './highlight';
import { markdownToText } from './markdown';

export const SEARCH_TYPES = ['article', 'document', 'answer', 'task'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/*
 * A row matches when word_similarity(query, text) reaches pg_trgm.word_similarity_threshold
 * (0.6 by default): the `<%` operator, which the trigram indexes on search_text serve.
 */

export interface SearchQuery {
  q: string;
  types?: readonly SearchType[];
  /** yyyy-mm-dd, inclusive, in Asia/Ho_Chi_Minh */
  from?: string;
  to?: string;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  url: string;
  /** safe HTML with <mark> */
  titleHtml: string;
  snippetHtml: string;
  date: Date | null;
  score: number;
}

/** translate() arguments that fold Vietnamese letters (both cases) to ASCII in SQL. */
function foldMap(): { from: string; to: string } {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [
    [0xc0, 0x24f],
    [0x1ea0, 0x1eff],
  ];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const ch = String.fromCodePoint(c);
      const folded = foldText(ch);
      if (folded.length === 1 && folded !== ch && /[a-z]/.test(folded)) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
}
const FOLD = foldMap();
const sqlFold = (expr: ReturnType<typeof sql>) => sql`lower(translate(${expr}, ${FOLD.from}, ${FOLD.to}))`;

const SEARCH_URL: Record<SearchType, (key: string) => string> = {
  article: (k) => `/news/${k}`,
  document: (k) => `/documents/${k}`,
  answer: (k) => `/feedback/answers/${k}`,
  task: (k) => `/progress/tasks/${k}`,
};

export async function searchPortal(db: Executor, query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
  const q = foldText(query.q).slice(0, 200);
  if (!q) return { total: 0, hits: [] };
  const exact = await searchPass(db, query, q, 'words');
  if (exact.total > 0 || (query.offset ?? 0) > 0) return exact;
  return searchPass(db, query, q, 'fuzzy');
}

/** Every query word as a whole word (full-text index), or fuzzily (trigram index). */
async function searchPass(db: Executor, query: SearchQuery, q: string, mode: 'words' | 'fuzzy'): Promise<{ total: number; hits: SearchHit[] }> {
  const matches = (col: SQL) => (mode === 'words' ? sql`to_tsvector('simple', ${col}) @@ plainto_tsquery('simple', ${q})` : sql`${q} <% ${col}`);
  const types = new Set(query.types?.length ? query.types : SEARCH_TYPES);
  const from = query.from ? sql`${query.from}::date` : sql`NULL::date`;
  const to = query.to ? sql`${query.to}::date` : sql`NULL::date`;
  const inRange = (col: ReturnType<typeof sql>) =>
    sql`(${from} IS NULL OR (${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= ${from}) AND (${to} IS NULL OR (${col} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${to})`;

  const parts = [];
  if (types.has('article')) {
    parts.push(sql`
      SELECT 'article' AS type, a.id::text AS id, a.title, a.slug AS key, coalesce(a.published_at, a.publish_at) AS date,
        a.summary || ' ' || a.body AS body,
        2 * word_similarity(${q}, a.search_title) + word_similarity(${q}, a.search_text) AS score
      FROM article a
      WHERE (a.status = 'published' OR (a.status = 'scheduled' AND a.publish_at <= now()))
        AND ${matches(sql`a.search_text`)}
        AND ${inRange(sql`coalesce(a.published_at, a.publish_at)`)}`);
  }
  if (types.has('document')) {
    parts.push(sql`
      SELECT 'document' AS type, d.id::text AS id, d.number || ' — ' || d.title AS title, d.slug AS key, d.issued_on::timestamptz AS date,
        d.summary AS body,
        2 * word_similarity(${q}, d.search_title) + word_similarity(${q}, d.search_text) AS score
      FROM legal_document d
      WHERE ${matches(sql`d.search_text`)}
        AND ${inRange(sql`d.issued_on::timestamptz`)}`);
  }
  if (types.has('answer')) {
    const title = sqlFold(sql`f.title`);
    parts.push(sql`
      SELECT 'answer' AS type, f.id::text AS id, f.title AS title, f.code AS key, f.published_at AS date,
        coalesce(f.public_answer, '') AS body,
        2 * word_similarity(${q}, ${title}) + word_similarity(${q}, f.search_text) AS score
      FROM feedback_submission f
      WHERE ${matches(sql`f.search_text`)}
        AND f.published_at IS NOT NULL
        AND ${inRange(sql`f.published_at`)}`);
  }
  if (types.has('task')) {
    const title = sqlFold(sql`t.title`);
    parts.push(sql`
      SELECT 'task' AS type, t.id::text AS id, t.code || ' — ' || t.title AS title, t.id::text AS key, t.updated_at AS date,
        coalesce(t.output, '') AS body,
        2 * word_similarity(${q}, ${title}) + word_similarity(${q}, t.search_text) AS score
      FROM task t JOIN plan p ON p.id = t.plan_id
      WHERE ${matches(sql`t.search_text`)}
        AND p.is_public
        AND ${inRange(sql`t.updated_at`)}`);
  }
  if (parts.length === 0) return { total: 0, hits: [] };
  const union = sql.join(parts, sql` UNION ALL `);
  const result = await db.execute(sql`
    WITH hits AS (${union})
    SELECT *, count(*) OVER () AS total FROM hits
    ORDER BY score DESC, date DESC NULLS LAST, id
    LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`);
  const rows = (result as unknown as { rows: Record<string, any>[] }).rows;
  const terms = queryTerms(query.q);
  const hits = rows.map((r): SearchHit => {
    const type = r.type as SearchType;
    const text = type === 'article' ? markdownToText(String(r.body)) : String(r.body ?? '');
    return {
      type,
      id: String(r.id),
      title: String(r.title),
      url: SEARCH_URL[type](String(r.key)),
      titleHtml: snippet(String(r.title), terms, 60),
      snippetHtml: snippet(text, terms),
      date: r.date ? new Date(r.date) : null,
      score: Number(r.score),
    };
  });
  // a page past the end has no row to carry the window count: count separately only then
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && (query.offset ?? 0) > 0) {
    const counted = await db.execute(sql`WITH hits AS (${union}) SELECT count(*) AS n FROM hits`);
    total = Number((counted as unknown as { rows: { n: unknown }[] }).rows[0].n);
  }
  return { total, hits };
}
