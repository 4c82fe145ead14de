/**
 * Mail: `queueMail` writes to the outbox inside the caller's transaction; `deliverQueuedMail`
 * (a job) sends queued rows through SMTP. Without SMTP the rows are kept as `stored` and admins
 * read them in the outbox screen — nothing is ever sent nowhere silently.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
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
  /** the outbox row queueMail writes, for a caller that writes it within a statement of its own */
  outboxRow(message: MailMessage): NewOutboxRow;
  deliverQueuedMail(db: Executor, limit?: number): Promise<{ sent: number; failed: number }>;
  close(): void;
}

export type NewOutboxRow = typeof mailOutbox.$inferInsert;

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

type Outcome = { kind: 'sent'; at: Date } | { kind: 'failed'; attempts: number; error: string };

/**
 * A claim older than this belongs to a process that died between taking a message and recording
 * what SMTP said (a send never takes longer than the socket timeout).
 */
export const MAIL_CLAIM_LEASE_MS = 10 * 60_000;

/**
 * Takes the oldest queued message this run has not tried yet (a failure goes back to the queue for
 * the next run): it is `sending` until its outcome is recorded.
 */
async function claimNextMail(db: Executor, tried: readonly string[]) {
  const notTried = tried.length ? sql`AND id NOT IN (${sql.join(tried.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const [row] = await db
    .update(mailOutbox)
    .set({ status: 'sending', claimedAt: new Date() })
    .where(
      eq(
        mailOutbox.id,
        sql`(SELECT id FROM mail_outbox WHERE status = 'queued' AND attempts < ${MAX_ATTEMPTS} ${notTried} ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      ),
    )
    .returning();
  return row ?? null;
}

async function recordOutcome(db: Executor, id: string, outcome: Outcome) {
  const patch =
    outcome.kind === 'sent'
      ? { status: 'sent' as const, sentAt: outcome.at, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null, claimedAt: null }
      : { status: outcome.attempts >= MAX_ATTEMPTS ? ('failed' as const) : ('queued' as const), attempts: outcome.attempts, lastError: outcome.error, claimedAt: null };
  await db.update(mailOutbox).set(patch).where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')));
}

/** Claims whose process died mid-send: whether the server took them is unknown, so nobody resends them automatically. */
async function markAbandonedClaims(db: Executor) {
  await db
    .update(mailOutbox)
    .set({ status: 'unconfirmed', claimedAt: null, lastError: 'claim-abandoned' })
    .where(and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.claimedAt, new Date(Date.now() - MAIL_CLAIM_LEASE_MS))));
}

function messageIdDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m ? m[1]! : 'nq57.local';
}

export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(smtpTransportUrl(opts.smtpUrl)) : null;
  /** SMTP's answers not yet written because the database was unreachable (this process only). */
  const unwritten = new Map<string, Outcome>();
  const outboxRow = (message: MailMessage): NewOutboxRow => ({
    toAddress: message.to,
    subject: message.subject.normalize('NFC'),
    bodyText: message.text.normalize('NFC'),
    status: transport ? 'queued' : 'stored',
    relatedUserId: message.relatedUserId ?? null,
  });
  return {
    smtp: !!transport,
    outboxRow,
    async queueMail(db, message) {
      const [row] = await db.insert(mailOutbox).values(outboxRow(message)).returning({ id: mailOutbox.id });
      return row!.id;
    },
    async deliverQueuedMail(db, limit = 50) {
      if (!transport) return { sent: 0, failed: 0 };
      // outcomes a lost connection kept from being written go first: SMTP has answered for them
      for (const [id, outcome] of unwritten) {
        await recordOutcome(db, id, outcome);
        unwritten.delete(id);
      }
      await markAbandonedClaims(db);
      let sent = 0;
      let failed = 0;
      // A run is bounded (slow server): what is left goes out in the next one. Runs never overlap
      // when started by the `mail.deliver` job (a stately queue, see start.ts); the claim keeps two
      // processes apart even if they did.
      const deadline = Date.now() + DELIVERY_BUDGET_MS;
      const tried: string[] = [];
      while (tried.length < limit && Date.now() <= deadline) {
        const row = await claimNextMail(db, tried);
        if (!row) break;
        tried.push(row.id);
        let outcome: Outcome;
        try {
          await transport.sendMail({
            from: opts.from,
            to: row.toAddress,
            subject: row.subject,
            text: row.bodyText,
            // the same id on every attempt, so a copy sent again by hand is recognisably the same message
            messageId: `<${row.id}@${messageIdDomain(opts.from)}>`,
          });
          outcome = { kind: 'sent', at: new Date() };
          sent++;
        } catch (err) {
          outcome = { kind: 'failed', attempts: row.attempts + 1, error: String((err as Error).message).slice(0, 500) };
          failed++;
        }
        try {
          await recordOutcome(db, row.id, outcome);
        } catch (err) {
          // the database went away after SMTP answered: remember the answer, never send again
          unwritten.set(row.id, outcome);
          throw err;
        }
      }
      return { sent, failed };
    },
    close() {
      transport?.close();
    },
  };
}
