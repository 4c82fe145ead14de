/**
 * What public search knows of its corpus's words (the `search_word` table, kept by triggers).
 *
 * A phrase with a word that no searchable row holds cannot match whole, so search skips the exact
 * pass; and the word is the typo, so the second pass asks for the known words one edit away
 * from it (the ones the user most likely meant) instead of "every word but one", which over
 * common syllables reads long posting lists and then has to check each row for the near word.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { executeRows } from '../platform/db/execute-rows';

/** Folded text's letters and digits; a word's own other letters are added to them. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Every string one edit from `word` — a letter removed, added or replaced, or two neighbours
 * swapped — as `withinOneEdit` counts them; `word` itself is not among them.
 */
export function oneEditVariants(word: string): string[] {
  const letters = [...new Set([...ALPHABET, ...word])];
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const c of letters) out.add(head + c + tail);
    if (i < word.length) {
      out.add(head + word.slice(i + 1));
      for (const c of letters) out.add(head + c + word.slice(i + 1));
    }
    if (i + 1 < word.length) out.add(head + word[i + 1] + word[i] + word.slice(i + 2));
  }
  out.delete(word);
  return [...out];
}

/** Words with the kinds of row (article, document, task, answer) that hold them. */
export type KnownWords = Map<string, Set<string>>;

/** A subquery: which of `words` some searchable row holds (or once held), as text[] of "kind:word" (NULL for none). */
export function knownSearchWordsSql(words: readonly string[]): SQL {
  // one primary-key probe per word whatever the statistics say: without them (a new table, or
  // PGlite, which never analyses) the planner would read the whole list for a typo's 500 variants
  return sql`SELECT array_agg(k.kind || ':' || v.word) FROM unnest(${wordArray(words)}::text[]) AS v(word)
    CROSS JOIN LATERAL (SELECT s.kind FROM search_word s WHERE s.word = v.word OFFSET 0) k`;
}

/** What knownSearchWordsSql answered. */
export function knownWordsOf(pairs: readonly string[] | null): KnownWords {
  const known: KnownWords = new Map();
  for (const pair of pairs ?? []) {
    const at = pair.indexOf(':');
    const word = pair.slice(at + 1);
    known.set(word, (known.get(word) ?? new Set()).add(pair.slice(0, at)));
  }
  return known;
}

/** The known words one edit from `word`: what a mistyped word may have meant. */
export async function knownNearWords(db: Executor, word: string): Promise<KnownWords> {
  const [row] = await executeRows<{ known: string[] | null }>(db, sql`SELECT (${knownSearchWordsSql(oneEditVariants(word))}) AS known`);
  return knownWordsOf(row?.known ?? null);
}

/** An array literal; each word quoted (so "null" stays a word); folded words hold no quote or backslash. */
const wordArray = (words: readonly string[]) => `{${words.map((w) => `"${w}"`).join(',')}}`;
