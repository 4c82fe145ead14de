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
import { userSession } from './auth/schema';
import type { AppContext } from './context';
import { openDatabase } from './db/client';
import { acquireDataDirLock } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { createEventBus } from './events/bus';
import { type JobQueue, startJobQueue } from './jobs/queue';
import { createMailer } from './mail/mailer';

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
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    releaseLock();
    throw err;
  }
  try {
    await migrateDatabase(database);
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    const seeded: RunningPlatform['seeded'] = { reference: null, demo: null };
    if (opts.seed) {
      seeded.reference = await seedReferenceData(database.db);
      if (opts.seed.demo) seeded.demo = await seedDemoData(database.db, mailer);
    }
    const jobs = opts.jobs === false ? noopQueue : await startJobQueue(database, { work: opts.work, onError: (e) => log.error({ err: e }, 'job queue error') });
    const events = await createEventBus(database);
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
      async shutdown() {
        await jobs.stop().catch((e) => log.error({ err: e }, 'stopping jobs'));
        await events.close().catch(() => {});
        mailer.close();
        await database.close().catch((e) => log.error({ err: e }, 'closing database'));
        releaseLock();
      },
    };
    await registerPlatformJobs(ctx);
    return ctx;
  } catch (err) {
    await database.close().catch(() => {});
    releaseLock();
    throw err;
  }
}

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
}
