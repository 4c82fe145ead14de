/**
 * The job queue (real pg-boss) and the event bus on the test database: PGlite by default,
 * PostgreSQL (LISTEN/NOTIFY) when the run has DATABASE_URL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { type DomainEvent, EVENT_CHANNEL, createEventBus } from '../../src/platform/events/bus';
import { type JobQueue, startJobQueue } from '../../src/platform/jobs/queue';
import { backend, createTestDatabase } from '../support/db';

/** Polls until `check` returns a value other than undefined/false, or fails at the deadline. */
async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`job queue (pg-boss) on ${backend}`, () => {
  let worker: JobQueue;
  let sender: JobQueue;
  const errors: Error[] = [];

  beforeAll(async () => {
    worker = await startJobQueue(database, { work: true, onError: (e) => errors.push(e) });
    // a web process: sends jobs, runs none
    sender = await startJobQueue(database, { work: false, onError: (e) => errors.push(e) });
  });
  afterAll(async () => {
    await sender?.stop();
    await worker?.stop();
  });

  async function jobRow(id: string) {
    const { rows } = await database.executeSql('SELECT state, retry_count, data FROM pgboss.job WHERE id = $1', [id]);
    return rows[0] as { state: string; retry_count: number; data: any } | undefined;
  }

  it('runs the handler for a sent job, with its data intact', async () => {
    const seen: any[] = [];
    await worker.work('test.echo', async (data) => {
      seen.push(data);
    });
    const id = await worker.send('test.echo', { n: 1, tên: 'Đà Nẵng – Thừa Thiên Huế' });
    expect(id).toBeTruthy();
    await waitFor('the echo job', () => seen.length === 1);
    expect(seen[0]).toEqual({ n: 1, tên: 'Đà Nẵng – Thừa Thiên Huế' });
    expect(await waitFor('completed state', async () => (await jobRow(id!))?.state === 'completed' && (await jobRow(id!)))).toMatchObject({
      state: 'completed',
    });
  });

  it('a process started with work: false sends jobs that a worker process runs, and runs none itself', async () => {
    const byWorker: any[] = [];
    const bySender: any[] = [];
    await sender.work('test.split', async (data) => {
      bySender.push(data);
    });
    await worker.work('test.split', async (data) => {
      byWorker.push(data);
    });
    await sender.send('test.split', { from: 'web' });
    await sender.send('test.split', { from: 'web', n: 2 });
    await waitFor('both split jobs', () => byWorker.length === 2);
    expect(byWorker).toEqual(expect.arrayContaining([{ from: 'web' }, { from: 'web', n: 2 }]));
    expect(bySender).toEqual([]);
  });

  it('retries a failing handler', async () => {
    let calls = 0;
    await worker.work('test.flaky', async () => {
      calls++;
      if (calls === 1) throw new Error('lỗi tạm thời');
    });
    const id = await sender.send('test.flaky', {});
    await waitFor('a successful retry', async () => (await jobRow(id!))?.state === 'completed', 30_000);
    expect(calls).toBe(2);
    expect((await jobRow(id!))?.retry_count).toBe(1);
  });

  it('a stately queue runs one job at a time across workers and keeps one waiting', async () => {
    const policies = { 'test.stately': 'stately' as const };
    const w1 = await startJobQueue(database, { work: true, policies });
    const w2 = await startJobQueue(database, { work: true, policies });
    const web = await startJobQueue(database, { work: false, policies });
    try {
      let active = 0;
      let maxActive = 0;
      let done = 0;
      let started = 0;
      const handler = async () => {
        started++;
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(1200);
        active--;
        done++;
      };
      expect(await web.send('test.stately', { i: 1 })).toBeTruthy();
      // one already waiting: the next is not needed
      expect(await web.send('test.stately', { i: 2 })).toBeNull();
      await w1.work('test.stately', handler);
      await w2.work('test.stately', handler);
      await waitFor('the first job to start', () => started === 1);
      // the running one does not count as waiting
      expect(await web.send('test.stately', { i: 3 })).toBeTruthy();
      expect(await web.send('test.stately', { i: 4 })).toBeNull();
      await waitFor('both jobs', () => done === 2, 30_000);
      expect(maxActive).toBe(1);
      const { rows } = await database.executeSql(`SELECT policy FROM pgboss.queue WHERE name = 'test.stately'`);
      expect(rows).toEqual([{ policy: 'stately' }]);
    } finally {
      await web.stop();
      await w1.stop();
      await w2.stop();
    }
  });

  it('brings an existing queue to the policy it is given', async () => {
    await sender.send('test.repolicy', {});
    const q = await startJobQueue(database, { work: false, policies: { 'test.repolicy': 'stately' } });
    try {
      await q.send('test.repolicy', {});
      const { rows } = await database.executeSql(`SELECT policy FROM pgboss.queue WHERE name = 'test.repolicy'`);
      expect(rows).toEqual([{ policy: 'stately' }]);
    } finally {
      await q.stop();
    }
  });

  it('schedules cron jobs in Asia/Ho_Chi_Minh, only from a worker', async () => {
    await sender.schedule('test.cron.sender', '5 * * * *');
    await worker.schedule('test.cron', '*/5 * * * *', { x: 1 });
    const { rows } = await database.executeSql(`SELECT name, cron, timezone, data FROM pgboss.schedule WHERE name LIKE 'test.cron%'`);
    expect(rows).toEqual([{ name: 'test.cron', cron: '*/5 * * * *', timezone: 'Asia/Ho_Chi_Minh', data: { x: 1 } }]);
  });

  it('stop() lets a running handler finish', async () => {
    const q = await startJobQueue(database, { work: true });
    let finished = false;
    let started = false;
    await q.work('test.slow', async () => {
      started = true;
      await sleep(1500);
      finished = true;
    });
    const id = await q.send('test.slow', {});
    await waitFor('the slow job to start', () => started);
    await q.stop();
    expect(finished).toBe(true);
    expect((await jobRow(id!))?.state).toBe('completed');
  });

  it('reported no queue errors', () => {
    // the flaky handler's failure is a job failure, not a queue error
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe(`event bus on ${backend}`, () => {
  it('delivers published events to subscribers, with Vietnamese text intact, until they unsubscribe', async () => {
    const bus = await createEventBus(database);
    try {
      const got: DomainEvent[] = [];
      const off = bus.subscribe((e) => got.push(e));
      const event = { type: 'task.updated', unitPath: '/a/b/', data: { title: 'Hoàn thiện thể chế'.normalize('NFC'), n: 3 } };
      await bus.publish(event);
      await waitFor('the event', () => got.length === 1, 5000);
      expect(got[0]).toEqual(event);
      off();
      await bus.publish({ type: 'after.unsubscribe' });
      await sleep(300);
      expect(got).toHaveLength(1);
    } finally {
      await bus.close();
    }
  });

  it('a throwing subscriber does not stop the others', async () => {
    const errors: Error[] = [];
    const bus = await createEventBus(database, { onError: (e) => errors.push(e) });
    try {
      const got: string[] = [];
      bus.subscribe(() => {
        throw new Error('người nghe lỗi');
      });
      bus.subscribe((e) => got.push(e.type));
      await bus.publish({ type: 'one' });
      await bus.publish({ type: 'two' });
      await waitFor('both events', () => got.length === 2, 5000);
      expect(got).toEqual(['one', 'two']);
      expect(errors.map((e) => e.message)).toEqual(['người nghe lỗi', 'người nghe lỗi']);
    } finally {
      await bus.close();
    }
  });

  it.skipIf(backend !== 'postgres')('carries events between nodes over LISTEN/NOTIFY, also from outside the bus', async () => {
    const nodeA = await createEventBus(database);
    const nodeB = await createEventBus(database);
    const outside = new pg.Client({ connectionString: (database.pool as any).options.connectionString });
    await outside.connect();
    try {
      const gotA: string[] = [];
      const gotB: string[] = [];
      nodeA.subscribe((e) => gotA.push(e.type));
      nodeB.subscribe((e) => gotB.push(e.type));
      await nodeA.publish({ type: 'from.a' });
      await outside.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify({ type: 'from.outside' })]);
      await waitFor('events on both nodes', () => gotA.length === 2 && gotB.length === 2, 5000);
      expect(gotA).toEqual(['from.a', 'from.outside']);
      expect(gotB).toEqual(['from.a', 'from.outside']);
      // a payload NOTIFY cannot carry is refused clearly instead of failing inside PostgreSQL
      await expect(nodeA.publish({ type: 'big', data: { s: 'x'.repeat(9000) } })).rejects.toThrow(/quá lớn/);
    } finally {
      await outside.end();
      await nodeA.close();
      await nodeB.close();
    }
  });

  it.skipIf(backend !== 'postgres')('reconnects when its LISTEN connection is killed', async () => {
    const errors: Error[] = [];
    const bus = await createEventBus(database, { onError: (e) => errors.push(e) });
    const admin = new pg.Client({ connectionString: (database.pool as any).options.connectionString });
    await admin.connect();
    try {
      const got: string[] = [];
      bus.subscribe((e) => got.push(e.type));
      const { rows } = await admin.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN ${EVENT_CHANNEL}`],
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await waitFor('the bus to notice', () => errors.length > 0, 5000);
      // publish until the new LISTEN connection hears it
      await waitFor(
        'an event after reconnecting',
        async () => {
          await bus.publish({ type: 'after.reconnect' });
          await sleep(200);
          return got.includes('after.reconnect');
        },
        10_000,
      );
      const { rows: listeners } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`, [
        `LISTEN ${EVENT_CHANNEL}`,
      ]);
      expect(listeners).toHaveLength(1);
      expect(listeners[0].pid).not.toBe(rows[0].pid);
    } finally {
      await admin.end();
      await bus.close();
    }
  });
});
