/**
 * Puts an outbox message back in the queue by hand. Only messages whose fate is settled as not
 * delivered (`failed`) or unknown (`unconfirmed`: the sending process died before recording the
 * server's answer) qualify; the system never resends those on its own, so a person decides.
 */
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { MAIL_ERASED, mailOutbox } from '../platform/mail/schema';

const RESENDABLE = ['failed', 'unconfirmed'] as const;

export async function resendMail(db: Database, id: string, opts: { actor: Actor }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ status: mailOutbox.status, attempts: mailOutbox.attempts }).from(mailOutbox).where(eq(mailOutbox.id, id));
    if (!before) throw AppError.of('NOT_FOUND', 'admin.outbox.notFound');
    const [row] = await tx
      .update(mailOutbox)
      .set({ status: 'queued', attempts: 0, lastError: null, claimedAt: null })
      // a message whose recipient's data was erased (Decree 13) has no address left to send to
      .where(and(eq(mailOutbox.id, id), inArray(mailOutbox.status, [...RESENDABLE]), or(isNull(mailOutbox.lastError), ne(mailOutbox.lastError, MAIL_ERASED))))
      .returning({ id: mailOutbox.id });
    if (!row) throw AppError.of('CONFLICT', 'admin.outbox.notResendable');
    await recordAudit(tx, opts.actor, {
      action: 'mail.resend',
      entityType: 'mail',
      entityId: id,
      before: { status: before.status, attempts: before.attempts },
      after: { status: 'queued', attempts: 0 },
    });
  });
}

export function isResendable(message: { status: string; lastError: string | null }): boolean {
  return (RESENDABLE as readonly string[]).includes(message.status) && message.lastError !== MAIL_ERASED;
}
