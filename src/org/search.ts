/**
 * Ranking rules for the unit search, as data: a query is folded like `org_unit.search_text`
 * (no diacritics, đ→d, lower case), then each unit gets the first tier it meets, best first.
 * The SQL in `queries.ts` and the `matchTier` mirror below are both built from these patterns.
 */
import { escapeLike, foldText } from '../platform/text/fold';

export interface PreparedSearch {
  /** the query as typed (trimmed), for exact code matches */
  raw: string;
  /** folded query: "Đà Nẵng" → "da nang" */
  folded: string;
  /** distinct folded words, at most MAX_TOKENS */
  tokens: string[];
}

export const MAX_TOKENS = 8;

/**
 * Tiers, best first. 0–5 and 6 are decided by LIKE patterns on ' ' + search_text + ' '; the
 * fuzzy tier (trigram word similarity) only by the database.
 */
export const TIER = {
  exactCode: 0,
  startsWithWords: 1,
  startsWith: 2,
  containsWords: 3,
  containsWordPrefix: 4,
  contains: 5,
  allTokens: 6,
  fuzzy: 7,
} as const;

export function prepareSearch(q: string | null | undefined): PreparedSearch | null {
  const raw = (q ?? '').normalize('NFC').trim();
  const folded = foldText(raw);
  if (!folded) return null;
  const tokens = [...new Set(folded.split(' '))].slice(0, MAX_TOKENS);
  return { raw, folded, tokens };
}

/** LIKE patterns (escaped) for tiers 1–5, to apply to the space-padded search text. */
export function tierPatterns(p: PreparedSearch): { tier: number; pattern: string }[] {
  const q = escapeLike(p.folded);
  return [
    { tier: TIER.startsWithWords, pattern: ` ${q} %` },
    { tier: TIER.startsWith, pattern: ` ${q}%` },
    { tier: TIER.containsWords, pattern: `% ${q} %` },
    { tier: TIER.containsWordPrefix, pattern: `% ${q}%` },
    { tier: TIER.contains, pattern: `%${q}%` },
  ];
}

/** `%tok%` for each token: a unit whose text holds every word, in any order. */
export function tokenPatterns(p: PreparedSearch): string[] {
  return p.tokens.map((tok) => `%${escapeLike(tok)}%`);
}

/** A SQL LIKE pattern (backslash escapes) as a regular expression, for the JS mirror and tests. */
export function likeToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[++i].replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    } else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * The tier a unit falls in, computed in JS exactly as the SQL does for tiers 0–6; null when only
 * the database's fuzzy match could still find it.
 */
export function matchTier(searchText: string, code: string, p: PreparedSearch): number | null {
  if (code.toLowerCase() === p.raw.toLowerCase()) return TIER.exactCode;
  const padded = ` ${searchText} `;
  for (const { tier, pattern } of tierPatterns(p)) if (likeToRegExp(pattern).test(padded)) return tier;
  if (tokenPatterns(p).every((pat) => likeToRegExp(pat).test(searchText))) return TIER.allTokens;
  return null;
}
