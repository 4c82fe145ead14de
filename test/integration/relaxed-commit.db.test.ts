/**
 * Hot counters commit without waiting for the disk (platform/db/relaxed-commit.ts): the tracking
 * code counter and the rate-limit windows. What must still hold: codes never repeat under
 * concurrency, a batch of limits counts each window once, the relaxed setting never leaks into
 * the pooled connection's later transactions, and a transaction is refused.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTrackingCode } from '../../src/feedback/tracking-code';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { executeRows } from '../../src/platform/db/execute-rows';
import { consumeRateLimits } from '../../src/platform/rate-limit/consume-rate-limit';
import { backend, createTestDatabase } from '../support/db';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`relaxed commits on ${backend}`, () => {
  it('hands out every tracking code once, in order, under concurrent submissions', async () => {
    const now = new Date('2031-03-01T03:00:00Z');
    const codes = await Promise.all(Array.from({ length: 60 }, () => nextTrackingCode(database.db, now)));
    expect(new Set(codes).size).toBe(60);
    const numbers = codes.map((c) => Number(c.slice('PAKN-2031-'.length))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('counts a batch of limits in one statement, each window once, and reports each limit', async () => {
    const now = new Date('2031-03-01T03:10:00Z');
    const limits = [
      { key: 'kiem-thu:ip:203.0.113.9', max: 2, windowSeconds: 3600 },
      { key: 'kiem-thu:contact:a@example.vn', max: 1, windowSeconds: 86_400 },
    ];
    const first = await consumeRateLimits(database.db, limits, now);
    expect(first.map((r) => [r.hits, r.allowed])).toEqual([
      [1, true],
      [1, true],
    ]);
    const second = await consumeRateLimits(database.db, limits, new Date(now.getTime() + 60_000));
    expect(second.map((r) => [r.hits, r.allowed])).toEqual([
      [2, true],
      [2, false],
    ]);
    expect(second[0]!.retryAfter).toBe(3600 - 11 * 60);
    // the same window named twice in one batch is one row and one hit
    const twice = await consumeRateLimits(database.db, [limits[0]!, limits[0]!], new Date(now.getTime() + 120_000));
    expect(twice.map((r) => r.hits)).toEqual([3, 3]);
  });

  it('never leaves the relaxed setting on a pooled connection, and refuses to run inside a transaction', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => consumeRateLimits(database.db, [{ key: `kiem-thu:pool:${i}`, max: 5, windowSeconds: 60 }])));
    const settings = await Promise.all(Array.from({ length: 20 }, () => executeRows<{ s: string }>(database.db, sql`SELECT current_setting('synchronous_commit') AS s`)));
    expect(new Set(settings.map((r) => r[0]!.s))).toEqual(new Set(['on']));
    await expect(database.db.transaction((tx) => consumeRateLimits(tx, [{ key: 'kiem-thu:tx', max: 1, windowSeconds: 60 }]))).rejects.toThrow(/autocommit/);
    await expect(database.db.transaction((tx) => nextTrackingCode(tx))).rejects.toThrow(/autocommit/);
  });
});
