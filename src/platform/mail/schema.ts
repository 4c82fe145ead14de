/**
 * Transactional outbox for mail: a message is written in the same transaction as the change
 * that causes it, then delivered by a job (SMTP) or kept for admins to read (embedded mode).
 */
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns';

/** `last_error` of a message emptied by a personal-data erasure: there is no address left to send to. */
export const MAIL_ERASED = 'erased';

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /**
     * queued → sending (claimed by one delivery run) → sent | queued again | failed; `stored` when
     * no SMTP is configured (read in the UI). A claim left behind by a process that died while
     * sending becomes `unconfirmed`: the server may or may not have taken it, so an admin decides
     * whether to send it again rather than the system risking a duplicate.
     */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'stored', 'unconfirmed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    relatedUserId: uuid('related_user_id'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt), index('mail_outbox_status_idx').on(t.status)],
);
