/** Reads of the mail outbox for the admin screen: newest first, keyset-paged by (created_at, id). */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { mailOutbox } from './schema';

export type OutboxStatus = (typeof mailOutbox.status.enumValues)[number];

/**
 * One page of messages, newest first. `afterId` is the id of the last message of the previous
 * page; its exact timestamp is taken from the database, so equal or sub-millisecond times never
 * skip or repeat a row.
 */
export async function listOutbox(db: Executor, opts: { limit: number; afterId?: string | null; status?: OutboxStatus }) {
  const where = [];
  if (opts.status) where.push(eq(mailOutbox.status, opts.status));
  if (opts.afterId) {
    where.push(
      sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (SELECT m.created_at, m.id FROM mail_outbox m WHERE m.id = ${opts.afterId}::uuid)`,
    );
  }
  return db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(opts.limit);
}

export async function findOutboxMessage(db: Executor, id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
  return row ?? null;
}
