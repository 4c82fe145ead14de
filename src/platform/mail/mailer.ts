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

export const MAX_MAIL_ATTEMPTS = 5;
const MAX_ATTEMPTS = MAX_MAIL_ATTEMPTS;
const DELIVERY_BUDGET_MS = 40_000;

/** Seconds-scale limits so a silent SMTP server cannot hold the delivery job for minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * SMTP_URL as nodemailer reads it (`smtp://user:pass@host:587`, `smtps://host:465`, query options
 * such as `?requireTLS=true`), plus our timeouts unless given. A relay on this machine
 * (`smtp://localhost:1025`, a local Postfix or a test server) is used without STARTTLS unless the
 * URL asks for TLS: such servers usually offer it with a certificate nobody can verify.
 */
export function smtpTransportUrl(smtpUrl: string): string {
  let u: URL;
  try {
    u = new URL(smtpUrl);
  } catch {
    return smtpUrl;
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return smtpUrl;
  for (const [key, value] of Object.entries(SMTP_TIMEOUTS)) {
    if (!u.searchParams.has(key)) u.searchParams.set(key, String(value));
  }
  const tlsAsked = [...u.searchParams.keys()].some((k) => k === 'requireTLS' || k === 'ignoreTLS' || k === 'opportunisticTLS' || k.startsWith('tls.'));
  if (u.protocol === 'smtp:' && LOOPBACK.has(u.hostname) && !tlsAsked) u.searchParams.set('ignoreTLS', 'true');
  return u.toString();
}

export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(smtpTransportUrl(opts.smtpUrl)) : null;
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
      // A run is bounded (slow server): what is left goes out in the next one. Runs never overlap
      // when started by the `mail.deliver` job (a stately queue, see start.ts).
      const deadline = Date.now() + DELIVERY_BUDGET_MS;
      for (const row of rows) {
        if (Date.now() > deadline) break;
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
