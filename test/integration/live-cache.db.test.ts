/**
 * The live cache on a real database: the data version is the newest audit row, so an unchanged
 * database answers from memory; after a change callers get the previous value while one
 * background computation refreshes it (no more than once per period); concurrent first callers
 * share a computation; a period of 0 caches nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveCache, dataVersion } from '../../src/platform/cache/live-cache';
import { SYSTEM_ACTOR, recordAudit } from '../../src/platform/audit/record-audit';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const change = () => p.ctx.db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: 'test.change', entityType: 'test' }));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe(`live cache on ${backend}`, () => {
  it('moves the data version with every committed change', async () => {
    const before = await dataVersion(p.ctx.db);
    await change();
    expect(BigInt(await dataVersion(p.ctx.db))).toBeGreaterThan(BigInt(before));
  });

  it('answers from memory until the data change, then serves the old value while refreshing once', async () => {
    const cache = new LiveCache({ maxStaleMs: 1 });
    let computed = 0;
    const compute = async () => ++computed;
    expect((await cache.get(p.ctx.db, 'k', compute)).value).toBe(1);
    expect((await cache.get(p.ctx.db, 'k', compute)).value).toBe(1);
    expect(computed).toBe(1);

    await change();
    await new Promise((r) => setTimeout(r, 5));
    // stale value at once, one refresh started behind it
    expect((await cache.get(p.ctx.db, 'k', compute)).value).toBe(1);
    await until(() => computed === 2);
    expect(computed).toBe(2);
    expect((await cache.get(p.ctx.db, 'k', compute)).value).toBe(2);
    expect(computed).toBe(2);
  });

  it('refreshes at most once per period however many changes arrive', async () => {
    const cache = new LiveCache({ maxStaleMs: 60_000 });
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get(p.ctx.db, 'k', compute);
    for (let i = 0; i < 3; i++) {
      await change();
      expect((await cache.get(p.ctx.db, 'k', compute)).value).toBe(1);
    }
    expect(computed).toBe(1);
  });

  it('shares one computation between concurrent first callers, and caches nothing with a period of 0', async () => {
    const cache = new LiveCache({ maxStaleMs: 60_000 });
    let computed = 0;
    const slow = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 50));
      return 'v';
    };
    const all = await Promise.all([1, 2, 3, 4].map(() => cache.get(p.ctx.db, 'first', slow)));
    expect(all.map((c) => c.value)).toEqual(['v', 'v', 'v', 'v']);
    expect(computed).toBe(1);

    const none = new LiveCache({ maxStaleMs: 0 });
    let n = 0;
    await none.get(p.ctx.db, 'k', async () => ++n);
    await none.get(p.ctx.db, 'k', async () => ++n);
    expect(n).toBe(2);
  });
});
