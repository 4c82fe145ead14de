/**
 * "Forgot password": for an active account, a one-time link (only its sha256 is stored) valid for
 * 60 minutes is written with its e-mail into the outbox in one transaction with the audit event.
 * The caller answers the same whether or not the account exists.
 */
import { z } from 'zod';
import { findUserByEmail } from '../../org/queries';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { AppContext } from '../context';
import { t } from '../i18n';
import { email, parseInput } from '../validation';
import { passwordReset } from './schema';
import { randomToken, sha256 } from './tokens';

export const RESET_TOKEN_TTL_MINUTES = 60;

export const requestPasswordResetInput = z.object({ email: email() });

export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/password/reset?token=${encodeURIComponent(token)}`;
}

export async function requestPasswordReset(
  ctx: Pick<AppContext, 'db' | 'config' | 'mailer' | 'jobs' | 'log'>,
  raw: { email: unknown },
  actor: Actor,
): Promise<void> {
  const input = parseInput(requestPasswordResetInput, raw);
  const user = await findUserByEmail(ctx.db, input.email);
  if (user?.status !== 'active') return;

  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_MINUTES * 60_000);
  const link = passwordResetLink(ctx.config.publicUrl, token);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(passwordReset).values({ tokenHash: sha256(token), userId: user.id, expiresAt });
    const mailId = await ctx.mailer.queueMail(tx, {
      to: user.email,
      subject: t('auth.reset.mailSubject'),
      text: t('auth.reset.mailBody', { name: user.fullName, email: user.email, link }),
      relatedUserId: user.id,
    });
    await recordAudit(tx, actor, { action: 'auth.reset_requested', entityType: 'user', entityId: user.id, after: { expiresAt, mailId } });
  });
  try {
    await ctx.jobs.send('mail.deliver');
  } catch (err) {
    // The mail is safe in the outbox; the scheduled delivery job picks it up.
    ctx.log.warn({ err }, 'could not enqueue mail delivery');
  }
}
