/**
 * The running platform: configuration plus the shared services every module uses. Built once by
 * `startPlatform` and passed down explicitly, so tests can build one against any database.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database, DatabaseHandle } from './db/client';
import type { EventBus } from './events/bus';
import type { JobQueue } from './jobs/queue';
import type { Mailer } from './mail/mailer';

export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  jobs: JobQueue;
  events: EventBus;
  mailer: Mailer;
  log: Logger;
  /** set once migrations have run; /readyz reports it */
  ready: boolean;
}
