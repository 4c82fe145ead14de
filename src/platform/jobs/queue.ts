/**
 * The job queue: pg-boss behind a small interface. In embedded mode it runs in the serving
 * process over PGlite; with PostgreSQL the web process only sends and `nq57 worker` works.
 */
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client';

export type JobHandler = (data: any) => Promise<void>;

export interface JobQueue {
  /**
   * Enqueue a job; null when the queue's policy already has one waiting. `singletonKey` splits a
   * stately/singleton queue into independent lanes; `startAfter` is in seconds.
   */
  send(name: string, data?: object, options?: { singletonKey?: string; startAfter?: number }): Promise<string | null>;
  /** register a handler; only processes started with `work: true` run handlers */
  work(name: string, handler: JobHandler): Promise<void>;
  /** cron in Asia/Ho_Chi_Minh */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss queue policies: `standard` runs every job; `stately` keeps at most one job waiting and
 * one running per queue across all workers (for sweeps such as mail delivery that must never run
 * twice at once and need no more than one pending run); `singleton` allows one running.
 */
export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface JobQueueOptions {
  /** run handlers in this process */
  work: boolean;
  onError?: (e: Error) => void;
  /** policy per queue name; every process must be given the same map (start.ts does) */
  policies?: Record<string, QueuePolicy>;
}

export async function startJobQueue(handle: DatabaseHandle, opts: JobQueueOptions): Promise<JobQueue> {
  const boss =
    handle.kind === 'postgres'
      ? new PgBoss({ db: { executeSql: (text: string, values?: any[]) => handle.executeSql(text, values) }, schema: 'pgboss' })
      : new PgBoss({
          db: { executeSql: (text: string, values?: any[]) => handle.executeSql(text, values) },
          schema: 'pgboss',
          // PGlite is one connection on the main thread: poll gently, supervise rarely.
          supervise: opts.work,
          schedule: opts.work,
          migrate: true,
        });
  boss.on('error', (e) => opts.onError?.(e));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    const policy = opts.policies?.[name];
    await boss.createQueue(name, policy ? { name, policy } : undefined);
    if (policy) {
      // A queue made before its policy was set (or by an older version) is brought in line.
      const existing = await boss.getQueue(name);
      if (existing && existing.policy !== policy) await boss.updateQueue(name, { name, policy });
    }
    created.add(name);
  };
  return {
    async send(name, data = {}, options = {}) {
      await ensureQueue(name);
      return boss.send(name, data, {
        singletonKey: options.singletonKey,
        startAfter: options.startAfter,
        retryLimit: 5,
        retryBackoff: true,
      });
    },
    async work(name, handler) {
      if (!opts.work) return;
      await ensureQueue(name);
      await boss.work(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    },
    async schedule(name, cron, data = {}) {
      if (!opts.work) return;
      await ensureQueue(name);
      await boss.schedule(name, cron, data, { tz: 'Asia/Ho_Chi_Minh' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
