/**
 * Counts one hit against a named limit in the database, so two server processes share the count.
 * Fixed windows keep it to one upsert per hit; a burst at a window edge may reach twice the limit,
 * which is acceptable for abuse control (login lockout and per-account limits are separate).
 */
import { lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type StatementPart, selectParts } from '../db/one-statement';
import { assertAutocommit, relaxedCommit } from '../db/relaxed-commit';
import { rateLimitBucket } from './schema';

export interface RateLimit {
  /** what is counted, e.g. `pakn:ip:203.0.113.5` or `pakn:contact:a@b.vn` */
  key: string;
  max: number;
  windowSeconds: number;
  /** the instant whose window is counted, when not the call's `now` (a one-time token counts at its issue time) */
  at?: Date;
}

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** seconds until the window ends */
  retryAfter: number;
}

/** A count of hits as part of a larger statement (see one-statement.ts). */
export interface RateLimitCount {
  part: StatementPart;
  /** true in SQL when some counted window has gone past its limit */
  exceeded: SQL;
  /** each limit's result, from the part's column */
  results(column: unknown): RateLimitResult[];
}

/**
 * Counts one hit against each limit, as a part of a statement: `name` prefixes its CTEs. The
 * commit does not wait for the disk (see relaxed-commit.ts): a hit forgotten in a crash costs
 * nothing, and the windows of a busy key (one IP in a flood) are then locked only for the statement.
 */
export function countRateLimits(name: string, limits: readonly RateLimit[], now = new Date()): RateLimitCount {
  const windows = limits.map((l) => {
    const windowMs = l.windowSeconds * 1000;
    return { start: new Date(Math.floor((l.at ?? now).getTime() / windowMs) * windowMs), windowMs };
  });
  // one row per (key, window), at the strictest limit naming it: ON CONFLICT may not touch a row twice in a statement
  const rows = new Map<string, { key: string; start: Date; max: number; index: number }>();
  const rowOf = limits.map((l, i) => {
    const id = `${l.key}|${windows[i]!.start.getTime()}`;
    const row = rows.get(id) ?? { key: l.key, start: windows[i]!.start, max: l.max, index: rows.size };
    row.max = Math.min(row.max, l.max);
    rows.set(id, row);
    return row.index;
  });
  const list = [...rows.values()];
  const wanted = sql.identifier(`${name}_wanted`);
  const counted = sql.identifier(`${name}_counted`);
  const part: StatementPart = {
    ctes: [
      [
        `${name}_wanted`,
        sql`SELECT * FROM unnest(${sql.param(list.map((r) => r.key))}::text[], ${sql.param(list.map((r) => r.start.toISOString()))}::timestamptz[],
                                  ${sql.param(list.map((r) => r.max))}::int[]) WITH ORDINALITY AS w(key, window_start, max, i)`,
      ],
      [
        `${name}_counted`,
        sql`INSERT INTO rate_limit_bucket (key, window_start, hits)
            SELECT w.key, w.window_start, 1 FROM ${wanted} w, ${relaxedCommit}
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_bucket.hits + 1
            RETURNING key, window_start, hits`,
      ],
    ],
    column: sql`(SELECT json_agg(c.hits ORDER BY w.i) FROM ${counted} c JOIN ${wanted} w USING (key, window_start))`,
  };
  return {
    part,
    exceeded: sql`EXISTS (SELECT 1 FROM ${counted} c JOIN ${wanted} w USING (key, window_start) WHERE c.hits > w.max)`,
    results(column) {
      const hits = (column ?? []) as number[];
      return limits.map((l, i) => {
        const { start, windowMs } = windows[i]!;
        const n = Number(hits[rowOf[i]!] ?? 1);
        const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
        return { allowed: n <= l.max, hits: n, retryAfter };
      });
    },
  };
}

export async function consumeRateLimit(db: Database, limit: RateLimit, now = new Date()): Promise<RateLimitResult> {
  const [result] = await consumeRateLimits(db, [limit], now);
  return result!;
}

/** Counts one hit against each limit in one statement (one round trip, one commit that does not wait for the disk). */
export async function consumeRateLimits(db: Database, limits: readonly RateLimit[], now = new Date()): Promise<RateLimitResult[]> {
  assertAutocommit(db);
  if (limits.length === 0) return [];
  const count = countRateLimits('limits', limits, now);
  const row = await selectParts(db, { hits: count.part });
  return count.results(row.hits);
}

/** Drops windows that ended more than a day ago (run from a periodic job). */
export async function pruneRateLimits(db: Database, now = new Date()) {
  await db.delete(rateLimitBucket).where(lt(rateLimitBucket.windowStart, new Date(now.getTime() - 86_400_000)));
}
