/**
 * Statements whose commit need not wait for the disk. A hot counter row (a year's tracking-code
 * counter, one IP's rate-limit window) is locked until its commit is flushed, so every writer
 * queues behind that flush; without the wait the lock lasts as long as the statement. A crash may
 * forget the last such commits, which is harmless for an abuse counter, and for the code counter
 * is covered by the write-ahead log's order: a submission that committed durably flushed the
 * counter increment written before it, so a code is never handed out twice.
 *
 * Only for a single autocommit statement: inside a transaction the setting would relax the whole
 * transaction's commit, so a transaction is refused.
 */
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/** A one-row FROM item that turns off the flush wait for the statement's own implicit transaction. */
export const relaxedCommit = sql`(SELECT set_config('synchronous_commit', 'off', true)) AS relaxed_commit`;

export function assertAutocommit(db: Database): void {
  if (db instanceof PgTransaction) throw new Error('relaxedCommit is for autocommit statements, not inside a transaction');
}
