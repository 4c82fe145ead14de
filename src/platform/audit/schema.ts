/**
 * Append-only audit trail. Each row carries the hash of the row before it, so deleting or
 * editing any row breaks the chain at that point and `audit verify` can name it.
 *
 * Rows are written unchained inside the caller's transaction and linked shortly after commit
 * by the chainer (chain-audit-events.ts), in the order they became visible: `chain_seq` is the
 * position in the chain, `seq` only the insertion number.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const auditEvent = pgTable(
  'audit_event',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** null until the chainer links the row */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_event_entity_idx').on(t.entityType, t.entityId),
    index('audit_event_actor_idx').on(t.actorUserId),
    uniqueIndex('audit_event_chain_uq').on(t.chainSeq),
    index('audit_event_unchained_idx').on(t.seq).where(sql`${t.chainSeq} IS NULL`),
  ],
);
