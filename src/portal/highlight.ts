/**
 * Search snippets: the passage of a text around the first word that matches the query, with every
 * matching word wrapped in <mark>. Matching is diacritic-insensitive (both sides folded), accepts
 * a prefix (search-as-you-type) and one wrong letter in words of four letters or more. Everything
 * else is HTML-escaped, so the result is safe to insert as HTML.
 */
import { foldText } from '../platform/text/fold';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One typing slip at most: a letter added, dropped, changed, or two neighbours swapped ("tihn" for "tinh"). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else if (a[i + 1] !== undefined && a[i] === b[j + 1] && a[i + 1] === b[j]) {
      i += 2;
      j += 2;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export function queryTerms(q: string): string[] {
  return [...new Set(foldText(q).split(' ').filter((w) => w.length >= 1))];
}

/** Folded words seen before: a page of snippets folds the same few hundred syllables again and again. */
const foldedWords = new Map<string, string>();
const FOLDED_WORDS_MAX = 10_000;

function foldWord(word: string): string {
  const known = foldedWords.get(word);
  if (known !== undefined) return known;
  const folded = foldText(word);
  if (foldedWords.size >= FOLDED_WORDS_MAX) foldedWords.clear();
  foldedWords.set(word, folded);
  return folded;
}

export function wordMatches(word: string, terms: readonly string[]): boolean {
  const w = foldWord(word);
  if (!w) return false;
  return terms.some((t) => w === t || (t.length >= 2 && w.startsWith(t)) || (t.length >= 4 && withinOneEdit(w, t)));
}

/** Safe HTML: the text with matching words marked (whole text when short). */
export function highlight(text: string, terms: readonly string[]): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = m.index ?? 0;
    out += escapeHtml(text.slice(last, start));
    out += wordMatches(m[0], terms) ? `<mark>${escapeHtml(m[0])}</mark>` : escapeHtml(m[0]);
    last = start + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A window of about `words` words around the first match, marked; "…" where cut. */
export function snippet(text: string, terms: readonly string[], words = 32): string {
  const tokens = [...text.matchAll(/\S+/gu)];
  if (tokens.length === 0) return '';
  let first = tokens.findIndex((t) => t[0].split(/[^\p{L}\p{N}]+/u).some((w) => wordMatches(w, terms)));
  if (first < 0) first = 0;
  const from = Math.max(0, first - Math.floor(words / 3));
  const to = Math.min(tokens.length, from + words);
  const startChar = tokens[from].index ?? 0;
  const last = tokens[to - 1];
  const endChar = (last.index ?? 0) + last[0].length;
  return `${from > 0 ? '… ' : ''}${highlight(text.slice(startChar, endChar), terms)}${to < tokens.length ? ' …' : ''}`;
}
