/**
 * Counts one hit against a named limit in the database, so two server processes share the count.
 * Fixed windows keep it to one upsert per hit; a burst at a window edge may reach twice the limit,
 * which is acceptable for abuse control (login lockout and per-account limits are separate).
 */
import { lt, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { rateLimitBucket } from './schema';

export interface RateLimit {
  /** what is counted, e.g. `pakn:ip:203.0.113.5` or `pakn:contact:a@b.vn` */
  key: string;
  max: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** seconds until the window ends */
  retryAfter: number;
}

export async function consumeRateLimit(db: Database | Tx, limit: RateLimit, now = new Date()): Promise<RateLimitResult> {
  const windowMs = limit.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitBucket)
    .values({ key: limit.key, windowStart: start, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimitBucket.key, rateLimitBucket.windowStart], set: { hits: sql`${rateLimitBucket.hits} + 1` } })
    .returning({ hits: rateLimitBucket.hits });
  const hits = row?.hits ?? 1;
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: hits <= limit.max, hits, retryAfter };
}

/** Drops windows that ended more than a day ago (run from a periodic job). */
export async function pruneRateLimits(db: Database, now = new Date()) {
  await db.delete(rateLimitBucket).where(lt(rateLimitBucket.windowStart, new Date(now.getTime() - 86_400_000)));
}
