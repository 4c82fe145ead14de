/**
 * Boots the platform: takes the embedded data-directory lock, opens and migrates the database,
 * seeds on first start, and starts mail, jobs and events. `serve`, `worker` and every CLI
 * command go through here so they all behave the same on PGlite and PostgreSQL.
 */
import { lt } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import { type DemoAccount, seedDemoData } from '../seed/seed-demo';
import { type ReferenceSeedSummary, seedReferenceData } from '../seed/seed-reference';
import { topUpReferenceData } from '../seed/top-up-reference';
import { type AuditChainer, startAuditChainer } from './audit/chain-audit-events';
import { registerScoringJobs } from '../indicators/scoring/jobs';
import { userSession } from './auth/schema';
import type { AppContext } from './context';
import { openDatabase } from './db/client';
import { acquireDataDirLock } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { type EventBus, createEventBus } from './events/bus';
import { type JobQueue, type QueuePolicy, startJobQueue } from './jobs/queue';
import { type Mailer, createMailer } from './mail/mailer';
import { pruneRateLimits } from './rate-limit/consume-rate-limit';
import { registerMonitoringJobs } from '../monitoring/jobs';
import { registerPortalJobs } from '../portal/jobs';
import { registerFeedbackDeadlineJobs } from '../feedback/deadlines/jobs';

export interface StartOptions {
  /** run job handlers in this process (embedded serve, worker) */
  work: boolean;
  /** seed reference data, and demo data unless demo is false */
  seed?: { demo: boolean } | false;
  /** start pg-boss at all (CLI one-shots do not need it) */
  jobs?: boolean;
  logger?: Logger;
}

export interface RunningPlatform extends AppContext {
  seeded: { reference: ReferenceSeedSummary | null; demo: DemoAccount[] | null };
  shutdown(): Promise<void>;
}

const noopQueue: JobQueue = {
  async send() {
    return null;
  },
  async work() {},
  async schedule() {},
  async stop() {},
};

export async function startPlatform(config: Config, opts: StartOptions): Promise<RunningPlatform> {
  const log = opts.logger ?? pino({ level: config.logLevel, base: { service: 'nq57' } });
  // The lock comes first: a second process on the same DATA_DIR must not touch the files at all.
  const embeddedOnDisk = !config.databaseUrl && !config.dataDir.startsWith('memory://');
  const releaseLock = embeddedOnDisk ? acquireDataDirLock(config.dataDir) : () => {};
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, replicaUrl: config.databaseReplicaUrl });
  } catch (err) {
    releaseLock();
    throw err;
  }
  let jobs: JobQueue | null = null;
  let events: EventBus | null = null;
  let mailer: Mailer | null = null;
  let chainer: AuditChainer | null = null;
  try {
    await migrateDatabase(database);
    mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    const seeded: RunningPlatform['seeded'] = { reference: null, demo: null };
    if (opts.seed) {
      seeded.reference = await seedReferenceData(database.db);
      await topUpReferenceData(database.db);
      if (opts.seed.demo) seeded.demo = await seedDemoData(database.db, mailer);
    }
    jobs =
      opts.jobs === false
        ? noopQueue
        : await startJobQueue(database, { work: opts.work, policies: PLATFORM_QUEUE_POLICIES, onError: (e) => log.error({ err: e }, 'job queue error') });
    events = await createEventBus(database, { onError: (e) => log.warn({ err: e }, 'event bus') });
    // Long-running processes link audit rows as they come. One-shot commands (jobs off) must not:
    // on the embedded database a chainer's transaction would interleave with a command's own
    // session (restore); they chain explicitly where it matters (backup, restore, audit verify).
    if (opts.jobs !== false) chainer = startAuditChainer(database.db, { onError: (e) => log.warn({ err: e }, 'audit chainer') });
    const running = { jobs, events, mailer, database, chainer };
    let stopping: Promise<void> | null = null;
    const ctx: RunningPlatform = {
      config,
      database,
      db: database.db,
      jobs,
      events,
      mailer,
      log,
      ready: true,
      seeded,
      shutdown() {
        // Idempotent: a signal during shutdown, or a second call, waits for the same work.
        stopping ??= (async () => {
          ctx.ready = false;
          await running.jobs.stop().catch((e) => log.error({ err: e }, 'stopping jobs'));
          await running.events.close().catch(() => {});
          await running.chainer?.stop();
          running.mailer.close();
          await running.database.close().catch((e) => log.error({ err: e }, 'closing database'));
          releaseLock();
        })();
        return stopping;
      },
    };
    await registerPlatformJobs(ctx);
    return ctx;
  } catch (err) {
    await jobs?.stop().catch(() => {});
    await events?.close().catch(() => {});
    await chainer?.stop();
    mailer?.close();
    await database.close().catch(() => {});
    releaseLock();
    throw err;
  }
}

/**
 * Sweeps that read shared state must not run concurrently on two workers (mail would be sent
 * twice); one waiting run is enough however often they are asked for.
 */
export const PLATFORM_QUEUE_POLICIES: Record<string, QueuePolicy> = {
  'mail.deliver': 'stately',
  'sessions.purge': 'stately',
  'rate-limits.prune': 'stately',
  'portal.publish-scheduled': 'stately',
  'scoring.snapshot': 'stately',
};

async function registerPlatformJobs(ctx: AppContext) {
  await ctx.jobs.work('mail.deliver', async () => {
    const r = await ctx.mailer.deliverQueuedMail(ctx.db);
    if (r.sent || r.failed) ctx.log.info(r, 'mail delivered');
  });
  await ctx.jobs.schedule('mail.deliver', '* * * * *');
  await ctx.jobs.work('sessions.purge', async () => {
    await ctx.db.delete(userSession).where(lt(userSession.expiresAt, new Date()));
  });
  await ctx.jobs.schedule('sessions.purge', '17 * * * *');
  // rate-limit windows are only ever read for the current hour or day
  await ctx.jobs.work('rate-limits.prune', async () => {
    await pruneRateLimits(ctx.db);
  });
  await ctx.jobs.schedule('rate-limits.prune', '23 * * * *');
  await registerMonitoringJobs(ctx);
  await registerPortalJobs(ctx);
  await registerFeedbackDeadlineJobs(ctx);
  await registerScoringJobs(ctx);
}
