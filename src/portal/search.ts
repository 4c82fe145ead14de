/**
 * One public search across published articles, legal documents, published PAKN-GPSK answers and
 * the tasks of public plans.
 * The query is folded like the stored search columns (no diacritics, đ → d, lower case), so
 * "chuyen doi so" finds "chuyển đổi số"; pg_trgm's word_similarity tolerates a wrong letter.
 * Ranking: a title match counts twice a body match, then recency.
 *
 * Two passes keep it fast at national scale. First every word must appear as a whole word; only
 * when nothing matches that way does the typo pass run. The corpus's word list (search-words.ts)
 * steers both: a kind of row that lacks one of the words is not searched at all, and a word that
 * no row holds is the typo, replaced by the known words one letter away from it (an exact query
 * again). A typo that made another real word falls back to "every word but one, the last one
 * letter off"; a single unknown word to pg_trgm's word_similarity, which rechecks every trigram
 * candidate (a common phrase would make millions of them, hence never first).
 *
 * Neither pass ranks or counts every match: a common phrase matches hundreds of thousands of rows,
 * and scoring them all is what made search take seconds. Per kind only a bounded pool of
 * candidates is scored — the newest matches (all of them when there are few, so small result
 * sets are ranked exactly) — and only the page asked for is returned. A count stops at
 * COUNT_CAP + 1 rows or, for a common phrase, is estimated; past the cap the page says "more than
 * 1,000". How the whole-word pass finds its candidates without reading every match: wordsPass.
 */
import { executeRows } from '../platform/db/execute-rows';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { foldText } from '../platform/text/fold';
import { queryTerms, snippet, withinOneEdit } from './highlight';
import { markdownToText } from './markdown';
import { type KnownWords, knownNearWords, knownSearchWordsSql, knownWordsOf } from './search-words';

export const SEARCH_TYPES = ['article', 'document', 'answer', 'task'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/*
 * A row matches when word_similarity(query, text) reaches pg_trgm.word_similarity_threshold
 * (0.6 by default): the `<%` operator, which the trigram indexes on search_text serve.
 */

/** Totals are counted up to here; past it the total is "more than COUNT_CAP". */
export const COUNT_CAP = 1000;
/**
 * Candidates per kind beyond the requested page. A larger pool ranks more of a common phrase's
 * matches by relevance (not only recency) but walks further down the date index to find them.
 */
const CANDIDATE_POOL = 20;

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

export interface SearchResult {
  /** the number of matches, at most COUNT_CAP */
  total: number;
  /** more matches exist than `total` says ("more than 1,000"; after a typo, more than were read) */
  totalCapped: boolean;
  hits: SearchHit[];
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
const sqlFold = (expr: SQL) => sql`lower(translate(${expr}, ${FOLD.from}, ${FOLD.to}))`;

const SEARCH_URL: Record<SearchType, (key: string) => string> = {
  article: (k) => `/news/${k}`,
  document: (k) => `/documents/${k}`,
  answer: (k) => `/feedback/answers/${k}`,
  task: (k) => `/progress/tasks/${k}`,
};

const EMPTY: SearchResult = { total: 0, totalCapped: false, hits: [] };

export async function searchPortal(db: Executor, query: SearchQuery): Promise<SearchResult> {
  const q = foldText(query.q).slice(0, 200);
  if (!q) return EMPTY;
  const words = [...new Set(q.split(' ').filter(Boolean))];
  const types = query.types?.length ? query.types : SEARCH_TYPES;
  const { publicPlanIds, known } = await firstLook(db, words, types.includes('task'));
  const kinds = sources(query, publicPlanIds);
  if (kinds.length === 0) return EMPTY;
  /** the kinds where at least `least` of the groups have a spelling some row of the kind holds */
  const holding = (groups: readonly (readonly string[])[], least: number) =>
    kinds.filter((k) => groups.filter((g) => g.some((w) => known.get(w)?.has(k.type))).length >= least);
  const single = words.map((w) => [w]);
  // unknown to every kind searched (a filter may leave out the kinds that hold it)
  const unknown = words.filter((w) => !kinds.some((k) => known.get(w)?.has(k.type)));
  if (unknown.length === 0) {
    const exact = await wordsPass(db, query, single, holding(single, words.length), 'all');
    if (exact.total > 0 || (query.offset ?? 0) > 0) return exact;
    // a typo that made another real word: in one word of several, the other words still narrow
    // the search through the same indexes; a single word goes to the trigram index
    return words.length >= 2 ? wordsPass(db, query, single, holding(single, words.length - 1), 'allButOne') : fuzzyPass(db, query, q, kinds);
  }
  // a word no row holds: nothing has every word whole, and that word is the typo
  if (words.length === 1) return fuzzyPass(db, query, q, kinds);
  // one wrong letter in one word is what the typo pass forgives (as typoScore: three letters or more)
  const typo = unknown[0]!;
  if (unknown.length > 1 || typo.length < 3) return EMPTY;
  const meant = await knownNearWords(db, typo);
  if (meant.size === 0) return EMPTY;
  for (const [w, kindsOf] of meant) known.set(w, kindsOf);
  const groups = words.map((w) => (w === typo ? [...meant.keys()].sort() : [w]));
  return wordsPass(db, query, groups, holding(groups, groups.length), 'all');
}

/** The public plans (their tasks are searched) and which kinds of row hold the query's words: one round trip. */
async function firstLook(db: Executor, words: readonly string[], withPlans: boolean): Promise<{ publicPlanIds: string[]; known: KnownWords }> {
  const [row] = await executeRows<{ plans: string[] | null; known: string[] | null }>(
    db,
    sql`SELECT ${withPlans ? sql`(SELECT array_agg(id::text ORDER BY id) FROM plan WHERE is_public)` : sql`NULL::text[]`} AS plans, (${knownSearchWordsSql(words)}) AS known`,
  );
  return { publicPlanIds: row?.plans ?? [], known: knownWordsOf(row?.known ?? null) };
}

/**
 * How one kind is searched: its rows (FROM … WHERE without the text match), the folded columns
 * the match and the score read, the date its index orders by, and what a hit shows.
 */
interface KindSource {
  type: SearchType;
  /** FROM and the kind's own conditions, aliased as `r` */
  from: SQL;
  where: SQL[];
  /** the indexed date expression over `r` (ORDER BY … DESC walks its index backwards) */
  date: SQL;
  title: SQL;
  key: SQL;
  body: SQL;
  /** folded title and folded text, for the score */
  searchTitle: SQL;
  /** the title the whole-word score reads (folded again in JS, so a cheap plain column) */
  rawTitle: SQL;
  searchText: SQL;
  /** the relation whose planner row count estimates how many rows the kind has */
  sizeRelation: string;
}

/** `col` within [from, to] as Asia/Ho_Chi_Minh days, written so a btree on `col` can serve it. */
function timeRange(col: SQL, query: SearchQuery): SQL[] {
  const out: SQL[] = [];
  if (query.from) out.push(sql`${col} >= (${query.from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
  if (query.to) out.push(sql`${col} < ((${query.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
  return out;
}

function sources(query: SearchQuery, publicPlanIds: readonly string[]): KindSource[] {
  const types = new Set(query.types?.length ? query.types : SEARCH_TYPES);
  const out: KindSource[] = [];
  if (types.has('article')) {
    const date = sql`coalesce(r.published_at, r.publish_at)`;
    out.push({
      type: 'article',
      from: sql`article r`,
      where: [sql`(r.status = 'published' OR (r.status = 'scheduled' AND r.publish_at <= now()))`, ...timeRange(date, query)],
      date,
      title: sql`r.title`,
      key: sql`r.slug`,
      body: sql`r.summary || ' ' || r.body`,
      searchTitle: sql`r.search_title`,
      rawTitle: sql`r.search_title`,
      searchText: sql`r.search_text`,
      sizeRelation: 'article',
    });
  }
  if (types.has('document')) {
    const where: SQL[] = [];
    if (query.from) where.push(sql`r.issued_on >= ${query.from}::date`);
    if (query.to) where.push(sql`r.issued_on <= ${query.to}::date`);
    out.push({
      type: 'document',
      from: sql`legal_document r`,
      where,
      date: sql`r.issued_on::timestamptz`,
      title: sql`r.number || ' — ' || r.title`,
      key: sql`r.slug`,
      body: sql`r.summary`,
      searchTitle: sql`r.search_title`,
      rawTitle: sql`r.search_title`,
      searchText: sql`r.search_text`,
      sizeRelation: 'legal_document',
    });
  }
  if (types.has('answer')) {
    out.push({
      type: 'answer',
      from: sql`feedback_submission r`,
      // the condition of the partial full-text and date indexes, spelled the same way
      where: [sql`r.published_at IS NOT NULL`, ...timeRange(sql`r.published_at`, query)],
      date: sql`r.published_at`,
      title: sql`r.title`,
      key: sql`r.code`,
      body: sql`coalesce(r.public_answer, '')`,
      searchTitle: sqlFold(sql`r.title`),
      rawTitle: sql`r.title`,
      searchText: sql`r.search_text`,
      sizeRelation: 'feedback_submission_published_idx',
    });
  }
  if (types.has('task') && publicPlanIds.length) {
    out.push({
      type: 'task',
      from: sql`task r`,
      // the ids as values, so the planner sees how few tasks the public plans hold
      where: [sql`r.plan_id = ANY(${`{${publicPlanIds.join(',')}}`}::uuid[])`, ...timeRange(sql`r.updated_at`, query)],
      date: sql`r.updated_at`,
      title: sql`r.code || ' — ' || r.title`,
      key: sql`r.id::text`,
      body: sql`coalesce(r.output, '')`,
      searchTitle: sqlFold(sql`r.title`),
      rawTitle: sql`r.title`,
      searchText: sql`r.search_text`,
      sizeRelation: 'task',
    });
  }
  return out;
}


/** Rows scanned, newest first, before a kind counts as "sparse" and goes to its full-text index. */
const WINDOW = 400;

interface Candidate {
  type: SearchType;
  id: string;
  title: string;
  key: string;
  date: string | Date | null;
  body: string | null;
  score: number;
  /** the title as searched (folded for articles and documents, raw for answers and tasks) */
  stitle: string;
  /** the folded text */
  stext: string;
}

/** A hit's columns; the folded text only when the typo check in JS needs it (it is the longest). */
const candidateColumns = (k: KindSource, score: SQL, withText: boolean) =>
  sql`${k.type}::text AS type, r.id::text AS id, ${k.title} AS title, ${k.key} AS key, ${k.date} AS date, ${k.body} AS body, ${score} AS score, ${k.rawTitle} AS stitle, ${withText ? k.searchText : sql`NULL::text`} AS stext`;

/**
 * Whole words. `groups` are the query's words, each with the spellings it may have: one apiece,
 * except the mistyped word's known neighbours after a typo. Each kind is first walked newest
 * first along its date index, at most WINDOW rows, finding the words in the folded text (a word is
 * a run between single spaces there, exactly as the full-text index splits it), until `pool`
 * matches are found:
 * - found them: a common phrase. The newest `pool` matches are the candidates, and the total is
 *   estimated from how far the walk went (an exact count would have to read every match);
 * - the kind ran out of rows first: every match is found, counted exactly;
 * - the window ended first: a rare phrase, so the kind's full-text index (GIN) holds few matches
 *   and answers quickly with the newest `pool` of them and a count stopped at COUNT_CAP + 1.
 * Only the candidates are scored, and only the best `offset + limit` of all kinds are returned.
 * `allButOne` (single-spelling groups only) asks for every word but one whole, and keeps the rows
 * where the missing one is there with one wrong letter.
 */
async function wordsPass(
  db: Executor,
  query: SearchQuery,
  groups: readonly (readonly string[])[],
  kinds: KindSource[],
  mode: 'all' | 'allButOne',
): Promise<SearchResult> {
  if (kinds.length === 0 || groups.length === 0 || (mode === 'allButOne' && groups.length < 2)) return EMPTY;
  const offset = query.offset ?? 0;
  const pool = Math.min(offset + query.limit, COUNT_CAP) + CANDIDATE_POOL;
  const phrases = spellings(groups);
  const withText = mode === 'allButOne';
  // scored in JS from two cheap facts (see wordsScore): no per-row similarity in SQL
  // `padded` is the folded text between spaces, so a whole word is ` word `: built once per row
  // (each word's test on a fresh concatenation copied the whole text again), then found with strpos
  const padded = (k: KindSource) => sql`(' ' || ${k.searchText} || ' ')`;
  const anyOf = (text: SQL, alternatives: readonly string[]) =>
    sql`(${sql.join(
      alternatives.map((w) => sql`strpos(${text}, ${` ${w} `}) > 0`),
      sql` OR `,
    )})`;
  const score = (text: SQL) => sql`CASE WHEN ${anyOf(text, phrases)} THEN 1 ELSE 0 END`;
  const hasAll = (text: SQL) =>
    mode === 'all'
      ? sql.join(
          groups.map((g) => anyOf(text, g)),
          sql` AND `,
        )
      : sql`(${sql.join(
          groups.map((g) => sql`CASE WHEN ${anyOf(text, g)} THEN 1 ELSE 0 END`),
          sql` + `,
        )}) >= ${groups.length - 1}`;
  // the same condition for the full-text index; folded words are letters and digits only
  const lexemes = (g: readonly string[]) => (g.length === 1 ? `'${g[0]}'` : `(${g.map((w) => `'${w}'`).join(' | ')})`);
  const tsquery =
    mode === 'all'
      ? sql`to_tsquery('simple', ${groups.map(lexemes).join(' & ')})`
      : sql`to_tsquery('simple', ${groups.map((_, skip) => `(${groups.filter((__, j) => j !== skip).map(lexemes).join(' & ')})`).join(' | ')})`;

  // 1. the newest-first walk; the row at position WINDOW comes back even unmatched, to tell
  //    "the window ended" from "the kind ran out of rows"
  const walks = kinds.map(
    (k, i) => sql`(SELECT ${i}::int AS kind, r.rn, ${hasAll(sql`r.padded`)} AS matched, ${candidateColumns(k, score(sql`r.padded`), withText)}
      FROM (SELECT r.*, ${padded(k)} AS padded, row_number() OVER (ORDER BY ${k.date} DESC) AS rn FROM ${k.from}
            ${where(k.where)} ORDER BY ${k.date} DESC LIMIT ${WINDOW}) r
      WHERE ${hasAll(sql`r.padded`)} OR r.rn = ${WINDOW}
      LIMIT ${pool + 1})`,
  );
  const walked = await executeRows<Candidate & { kind: number; rn: string | number; matched: boolean }>(db, sql.join(walks, sql` UNION ALL `));

  const candidates: Candidate[] = [];
  let total = 0;
  let capped = false;
  /** kinds to search through the full-text index, and kinds only to count there */
  const viaIndex: KindSource[] = [];
  const countViaIndex: KindSource[] = [];
  const common: { k: KindSource; seen: number }[] = [];
  kinds.forEach((k, i) => {
    const rows = walked.filter((r) => Number(r.kind) === i);
    const matched = rows.filter((r) => r.matched);
    if (matched.length > pool) {
      candidates.push(...matched.slice(0, pool));
      common.push({ k, seen: Number(matched[pool - 1]!.rn) });
    } else if (!rows.some((r) => Number(r.rn) === WINDOW)) {
      candidates.push(...matched);
      total += matched.length;
    } else viaIndex.push(k);
  });

  // 2. the total of a common phrase: its share of the rows walked, times the kind's size as the
  //    planner knows it (pg_class.reltuples; a partial index's counts only the rows it covers)
  if (common.length) {
    const sizes = await kindSizes(db);
    for (const e of common) {
      const size = sizes.get(e.k.sizeRelation) ?? -1;
      // a table never analysed (reltuples -1) or a small estimate: count through the index
      if (size > 0 && (pool / e.seen) * size > COUNT_CAP) capped = true;
      else countViaIndex.push(e.k);
    }
  }

  // 3. rare phrases through the full-text indexes: few matches there, so reading them is cheap.
  //    One index scan per kind gives both the count (up to COUNT_CAP + 1) and the newest matches;
  //    past the cap the newest are taken from the matches read, which is close enough for a
  //    phrase that is both rare among recent rows and common overall.
  if (viaIndex.length || countViaIndex.length) {
    const cond = (k: KindSource) => where([sql`to_tsvector('simple', ${k.searchText}) @@ ${tsquery}`, ...k.where]);
    const parts = [
      ...viaIndex.map(
        (k) => sql`(SELECT top.n::int AS n, ${candidateColumns(k, score(padded(k)), withText)}
          FROM (SELECT m.id, m.d, count(*) OVER () AS n
                FROM (SELECT r.id, ${k.date} AS d FROM ${k.from} ${cond(k)} LIMIT ${COUNT_CAP + 1}) m
                ORDER BY m.d DESC NULLS LAST LIMIT ${pool}) top
          JOIN ${k.from} ON r.id = top.id)`,
      ),
      ...countViaIndex.map(
        (k) => sql`(SELECT count(*)::int AS n, NULL::text AS type, NULL::text AS id, NULL::text AS title, NULL::text AS key, NULL::timestamptz AS date,
            NULL::text AS body, NULL::int AS score, NULL::text AS stitle, NULL::text AS stext
          FROM (SELECT 1 FROM ${k.from} ${cond(k)} LIMIT ${COUNT_CAP + 1}) c)`,
      ),
    ];
    const rows = await executeRows<Candidate & { n: number }>(db, sql.join(parts, sql` UNION ALL `));
    const counts = new Map<string, number>();
    for (const r of rows) {
      // every row of a kind carries the kind's count; a count-only row has no type
      counts.set(r.type ?? `count-${counts.size}`, Number(r.n));
      if (r.id != null) candidates.push(r);
    }
    for (const n of counts.values()) total += n;
  }
  if (total > COUNT_CAP) capped = true;
  if (mode === 'all') {
    const scored = candidates.map((c) => ({ ...c, score: wordsScore(groups, phrases, c.stitle, Number(c.score) > 0) }));
    return { total: capped ? COUNT_CAP : total, totalCapped: capped, hits: pageOf(scored, query, offset) };
  }
  // the missing word must be there with one wrong letter; what the SQL counted is then an upper
  // bound, exact only when every candidate was read
  const words = groups.map((g) => g[0]!);
  const verified = candidates.flatMap((c) => {
    const s = typoScore(words, c.stitle, c.stext);
    return s === null ? [] : [{ ...c, score: s }];
  });
  const allRead = !capped && total <= candidates.length;
  return {
    total: capped ? COUNT_CAP : allRead ? verified.length : Math.min(total, COUNT_CAP),
    totalCapped: capped,
    hits: pageOf(verified, query, offset),
  };
}

/** The phrases the groups spell, one per choice of spellings (only one group has several). */
function spellings(groups: readonly (readonly string[])[]): string[] {
  return groups.reduce<string[]>((heads, g) => heads.flatMap((h) => g.map((w) => (h ? `${h} ${w}` : w))), ['']);
}

/**
 * Typo tolerance, when no row has every word whole: pg_trgm's word_similarity through the
 * trigram indexes. Every candidate the index yields is rechecked with word_similarity, so only the
 * first `pool` + 1 matches per kind are read and scored (a typo rarely matches many); when a kind
 * has more, the total says "more than" what was read.
 */
async function fuzzyPass(db: Executor, query: SearchQuery, q: string, kinds: KindSource[]): Promise<SearchResult> {
  const offset = query.offset ?? 0;
  const pool = Math.min(offset + query.limit, COUNT_CAP) + CANDIDATE_POOL;
  const score = (k: KindSource) => sql`2 * word_similarity(${q}, ${k.searchTitle}) + word_similarity(${q}, ${k.searchText})`;
  // scored outside the LIMIT, so only the rows read are scored whatever plan is chosen
  const found = kinds.map(
    (k) => sql`(SELECT ${candidateColumns(k, score(k), false)}
      FROM (SELECT r.* FROM ${k.from} ${where([sql`${q} <% ${k.searchText}`, ...k.where])} LIMIT ${pool + 1}) r)`,
  );
  const rows = await executeRows<Candidate>(db, sql.join(found, sql` UNION ALL `));
  const candidates: Candidate[] = [];
  let capped = false;
  for (const k of kinds) {
    const ofKind = rows.filter((r) => r.type === k.type);
    if (ofKind.length > pool) capped = true;
    candidates.push(...ofKind.slice(0, pool));
  }
  return { total: Math.min(candidates.length, COUNT_CAP), totalCapped: capped, hits: pageOf(candidates, query, offset) };
}

/**
 * The whole-word score, the same scale as the fuzzy one (2 × title + text, each at most 1): the
 * title counts 1 with one of the phrases, else the share of the query's words it has (at most
 * 0.9); the text, which has every word, counts 1 with one of the phrases, else 0.5.
 */
export function wordsScore(groups: readonly (readonly string[])[], phrases: readonly string[], title: string, phraseInText: boolean): number {
  const t = ` ${foldText(title)} `;
  const inTitle = phrases.some((p) => t.includes(` ${p} `)) ? 1 : (0.9 * groups.filter((g) => g.some((w) => t.includes(` ${w} `))).length) / groups.length;
  return 2 * inTitle + (phraseInText ? 1 : 0.5);
}

/**
 * After a typo: null unless every query word is in the title or the (folded) text exactly or with
 * one wrong letter (words of three letters or more); else 2 × the title's share of the words + 1.
 */
export function typoScore(words: readonly string[], title: string, text: string): number | null {
  const near = (tokens: Set<string>, w: string) => tokens.has(w) || (w.length >= 3 && [...tokens].some((t) => withinOneEdit(t, w)));
  const inTitle = new Set(foldText(title).split(' '));
  const inText = new Set([...inTitle, ...text.split(' ')]);
  if (!words.every((w) => near(inText, w))) return null;
  return (2 * words.filter((w) => near(inTitle, w)).length) / words.length + 1;
}

function where(conds: SQL[]): SQL {
  return conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
}

const timeOf = (d: Candidate['date']) => (d ? new Date(d).getTime() : Number.NEGATIVE_INFINITY);

const SIZE_RELATIONS = ['article', 'legal_document', 'feedback_submission_published_idx', 'task'];
const SIZES_TTL_MS = 60_000;
const sizeCache = new WeakMap<Executor, { at: number; sizes: Map<string, number> }>();

/** The kinds' row counts as the planner knows them; estimates only, so kept for a minute. */
async function kindSizes(db: Executor): Promise<Map<string, number>> {
  const cached = sizeCache.get(db);
  if (cached && Date.now() - cached.at < SIZES_TTL_MS) return cached.sizes;
  const rows = await executeRows<{ relname: string; n: number }>(
    db,
    sql`SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relname IN (${sql.join(
      SIZE_RELATIONS.map((n) => sql`${n}`),
      sql`, `,
    )})`,
  );
  const sizes = new Map(rows.map((r) => [r.relname, Number(r.n)]));
  // an unanalysed table (-1) is asked again next time rather than remembered
  if (rows.every((r) => Number(r.n) >= 0)) sizeCache.set(db, { at: Date.now(), sizes });
  return sizes;
}

/** Best first (score, then newest, then id), the requested page, with highlighting. */
function pageOf(candidates: Candidate[], query: SearchQuery, offset: number): SearchHit[] {
  const ranked = candidates
    .map((c) => ({ ...c, score: Number(c.score) }))
    .sort((a, b) => b.score - a.score || timeOf(b.date) - timeOf(a.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const terms = queryTerms(query.q);
  return ranked.slice(offset, offset + query.limit).map((r): SearchHit => {
    const type = r.type as SearchType;
    const text = type === 'article' ? markdownToText(String(r.body ?? '')) : String(r.body ?? '');
    return {
      type,
      id: String(r.id),
      title: String(r.title),
      url: SEARCH_URL[type](String(r.key)),
      titleHtml: snippet(String(r.title), terms, 60),
      snippetHtml: snippet(text, terms),
      date: r.date ? new Date(r.date) : null,
      score: r.score,
    };
  });
}
