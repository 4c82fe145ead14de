/**
 * A per-process cache for expensive read models (league tables, dashboard aggregates, the public
 * progress page) that must look live without being recomputed on every request.
 *
 * Every change in the platform writes an audit row in its own transaction, so the newest audit
 * sequence number is a version of "all data": one primary-key probe tells whether anything has
 * changed since a value was computed. An unchanged version returns the cached value at once.
 * After a change the value is recomputed in the background while callers keep getting the
 * previous value, at most once per `maxStaleMs`: under a burst of writes a national league table
 * is recomputed once a minute, not once per write. Concurrent callers share one computation.
 * With `maxStaleMs` 0 nothing is cached (tests, where data also change without an audit row).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { executeRows } from '../db/execute-rows';

export interface LiveCacheOptions {
  /** how long a value may be served after the data changed; 0 = always recompute on change */
  maxStaleMs: number;
  /** told about background refresh failures (the previous value stays) */
  onError?: (err: unknown) => void;
  /** entries kept at most (oldest dropped first) */
  maxEntries?: number;
}

interface Entry<T> {
  value: T;
  version: string;
  computedAt: number;
  refreshing: Promise<T> | null;
}

export interface Cached<T> {
  value: T;
  /** when the value was computed */
  computedAt: Date;
}

/** The data version: the newest audit sequence number (committed rows only). */
export async function dataVersion(db: Executor): Promise<string> {
  const rows = await executeRows<{ v: string }>(db, sql`SELECT coalesce(max(seq), 0)::text AS v FROM audit_event`);
  return rows[0]?.v ?? '0';
}

export class LiveCache {
  private readonly entries = new Map<string, Entry<unknown>>();
  constructor(private readonly opts: LiveCacheOptions) {}

  async get<T>(db: Executor, key: string, compute: () => Promise<T>): Promise<Cached<T>> {
    if (this.opts.maxStaleMs <= 0) return { value: await compute(), computedAt: new Date() };
    const version = await dataVersion(db);
    const entry = this.entries.get(key) as Entry<T> | undefined;
    if (entry && entry.version === version) return { value: entry.value, computedAt: new Date(entry.computedAt) };
    if (entry) {
      if (!entry.refreshing && Date.now() - entry.computedAt >= this.opts.maxStaleMs) {
        this.start(key, version, compute).catch((err) => this.opts.onError?.(err));
      }
      return { value: entry.value, computedAt: new Date(entry.computedAt) };
    }
    return this.refreshWith(key, version, compute);
  }

  /**
   * The value computed now (joining a computation already running), stored for later `get`s:
   * for a view refreshed because an event said its data changed.
   */
  async refresh<T>(db: Executor, key: string, compute: () => Promise<T>): Promise<Cached<T>> {
    if (this.opts.maxStaleMs <= 0) return { value: await compute(), computedAt: new Date() };
    return this.refreshWith(key, await dataVersion(db), compute);
  }

  private async refreshWith<T>(key: string, version: string, compute: () => Promise<T>): Promise<Cached<T>> {
    const value = await this.start(key, version, compute);
    const fresh = this.entries.get(key);
    return { value, computedAt: new Date(fresh?.computedAt ?? Date.now()) };
  }

  /** One computation per key at a time; its result replaces the entry. */
  private start<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const running = (this.entries.get(key)?.refreshing ?? this.pending.get(key)) as Promise<T> | undefined;
    if (running) return running;
    const started = compute().then((value) => {
      this.entries.delete(key);
      this.entries.set(key, { value, version, computedAt: Date.now(), refreshing: null });
      this.trim();
      return value;
    });
    const current = this.entries.get(key);
    if (current) current.refreshing = started;
    else this.pending.set(key, started);
    const clear = () => {
      this.pending.delete(key);
      const e = this.entries.get(key);
      if (e?.refreshing === started) e.refreshing = null;
    };
    started.then(clear, clear);
    return started;
  }

  /** first computations in flight (no entry yet), so concurrent first callers share them */
  private readonly pending = new Map<string, Promise<unknown>>();

  private trim() {
    const max = this.opts.maxEntries ?? 200;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** NQ57_LIVE_CACHE_SECONDS (default 60; 0 under NODE_ENV=test): how stale a live read model may be. */
export function liveCacheMaxStaleMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NQ57_LIVE_CACHE_SECONDS;
  const seconds = raw !== undefined && raw !== '' && Number.isFinite(Number(raw)) ? Math.max(0, Number(raw)) : env.NODE_ENV === 'test' ? 0 : 60;
  return seconds * 1000;
}

const caches = new WeakMap<object, LiveCache>();

/** The live cache of one database handle (one per process and database). */
export function liveCacheFor(db: object): LiveCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LiveCache({ maxStaleMs: liveCacheMaxStaleMs() });
    caches.set(db, cache);
  }
  return cache;
}
