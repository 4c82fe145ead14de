/**
 * Counts one hit against a named limit in the database, so two server processes share the count.
 * Fixed windows keep it to one upsert per hit; a burst at a window edge may reach twice the limit,
 * which is acceptable for abuse control (login lockout and per-account limits are separate).
 */
import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { executeRows } from '../db/execute-rows';
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

export async function consumeRateLimit(db: Database, limit: RateLimit, now = new Date()): Promise<RateLimitResult> {
  const [result] = await consumeRateLimits(db, [limit], now);
  return result!;
}

/**
 * Counts one hit against each limit in one statement (one round trip, one commit). The commit does
 * not wait for the disk (see relaxed-commit.ts): a hit forgotten in a crash costs nothing, and the
 * windows of a busy key (one IP in a flood) are then locked only for the statement.
 */
export async function consumeRateLimits(db: Database, limits: readonly RateLimit[], now = new Date()): Promise<RateLimitResult[]> {
  assertAutocommit(db);
  const windows = limits.map((l) => {
    const windowMs = l.windowSeconds * 1000;
    return { start: new Date(Math.floor((l.at ?? now).getTime() / windowMs) * windowMs), windowMs };
  });
  // one row per (key, window): ON CONFLICT may not touch a row twice in a statement
  const rows = new Map<string, { key: string; start: Date }>();
  limits.forEach((l, i) => {
    rows.set(`${l.key}|${windows[i]!.start.toISOString()}`, { key: l.key, start: windows[i]!.start });
  });
  if (rows.size === 0) return [];
  const keys = [...rows.values()].map((r) => r.key);
  const starts = [...rows.values()].map((r) => r.start.toISOString());
  const rowsBack = await executeRows<{ key: string; window_start: string | Date; hits: number }>(db, sql`
    INSERT INTO rate_limit_bucket (key, window_start, hits)
    SELECT v.key, v.window_start, 1
    FROM unnest(${sql.param(keys)}::text[], ${sql.param(starts)}::timestamptz[]) AS v(key, window_start), ${relaxedCommit}
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_bucket.hits + 1
    RETURNING key, window_start, hits`);
  const hitsByRow = new Map(rowsBack.map((r) => [`${r.key}|${new Date(r.window_start).toISOString()}`, Number(r.hits)]));
  return limits.map((l, i) => {
    const { start, windowMs } = windows[i]!;
    const hits = hitsByRow.get(`${l.key}|${start.toISOString()}`) ?? 1;
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
    return { allowed: hits <= l.max, hits, retryAfter };
  });
}

/** Drops windows that ended more than a day ago (run from a periodic job). */
export async function pruneRateLimits(db: Database, now = new Date()) {
  await db.delete(rateLimitBucket).where(lt(rateLimitBucket.windowStart, new Date(now.getTime() - 86_400_000)));
}
