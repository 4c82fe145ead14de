/**
 * Mail: `queueMail` writes to the outbox inside the caller's transaction; `deliverQueuedMail`
 * (a job) sends queued rows through SMTP. Without SMTP the rows are kept as `stored` and admins
 * read them in the outbox screen — nothing is ever sent nowhere silently.
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../db/client';
import { mailOutbox } from './schema';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  relatedUserId?: string | null;
}

export interface Mailer {
  /** true when an SMTP server is configured */
  readonly smtp: boolean;
  queueMail(db: Executor, message: MailMessage): Promise<string>;
  deliverQueuedMail(db: Executor, limit?: number): Promise<{ sent: number; failed: number }>;
  close(): void;
}

const MAX_ATTEMPTS = 5;

export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    smtp: !!transport,
    async queueMail(db, message) {
      const [row] = await db
        .insert(mailOutbox)
        .values({
          toAddress: message.to,
          subject: message.subject.normalize('NFC'),
          bodyText: message.text.normalize('NFC'),
          status: transport ? 'queued' : 'stored',
          relatedUserId: message.relatedUserId ?? null,
        })
        .returning({ id: mailOutbox.id });
      return row.id;
    },
    async deliverQueuedMail(db, limit = 50) {
      if (!transport) return { sent: 0, failed: 0 };
      const rows = await db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
        .orderBy(asc(mailOutbox.createdAt))
        .limit(limit);
      let sent = 0;
      let failed = 0;
      for (const row of rows) {
        try {
          await transport.sendMail({ from: opts.from, to: row.toAddress, subject: row.subject, text: row.bodyText });
          await db
            .update(mailOutbox)
            .set({ status: 'sent', sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
            .where(eq(mailOutbox.id, row.id));
          sent++;
        } catch (err) {
          const attempts = row.attempts + 1;
          await db
            .update(mailOutbox)
            .set({
              attempts,
              lastError: String((err as Error).message).slice(0, 500),
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
            })
            .where(eq(mailOutbox.id, row.id));
          failed++;
        }
      }
      return { sent, failed };
    },
    close() {
      transport?.close();
    },
  };
}
