/**
 * Public search answers kept in this process while the public content version stays the same,
 * and never longer than a public page may be reused (60 s). After a news story thousands of
 * people type the same few words; each distinct search is then run once per process and version,
 * and identical searches arriving together share the one query in flight.
 *
 * Searches that differ only in diacritics or case share an answer: the search and its
 * highlighting read the folded text alone.
 */
import type { Executor } from '../platform/db/client';
import { foldText } from '../platform/text/fold';
import { publicContentVersion } from './content-version';
import { type SearchQuery, type SearchResult, searchPortal } from './search';

/** the longest any public page is reused for (Cache-Control max-age) */
const MAX_AGE_MS = 60_000;
/** distinct searches kept; the least recently used goes first */
const MAX_ENTRIES = 1_000;

interface Entry {
  version: string;
  at: number;
  result: Promise<SearchResult>;
}

/** per database, as the content version is (tests run several databases in one process) */
const byDatabase = new WeakMap<object, Map<string, Entry>>();

function keyOf(query: SearchQuery): string {
  return JSON.stringify([foldText(query.q), [...(query.types ?? [])].sort(), query.from ?? '', query.to ?? '', query.limit, query.offset ?? 0]);
}

export async function cachedSearch(db: Executor, query: SearchQuery): Promise<SearchResult> {
  const version = await publicContentVersion(db);
  const key = keyOf(query);
  const now = Date.now();
  const entries = byDatabase.get(db) ?? new Map<string, Entry>();
  byDatabase.set(db, entries);
  const found = entries.get(key);
  if (found && found.version === version && now - found.at < MAX_AGE_MS) {
    // most recently used last, so eviction takes the oldest
    entries.delete(key);
    entries.set(key, found);
    return found.result;
  }
  const entry: Entry = { version, at: now, result: searchPortal(db, query) };
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  // a failed search is not kept
  entry.result.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry.result;
}
