/**
 * Confirms a TOTP enrolment with the first correct code from the user's app. When the user came
 * here straight from the password step (a pending session: admins must enrol before anything
 * else), that session is replaced by a full one and the sign-in is completed.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config';
import { findUserById } from '../../org/queries';
import { appUser } from '../../org/schema';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { t } from '../i18n';
import { recordSignInSuccess } from './login-guard';
import { createSession, destroySession } from './sessions';
import { matchTotpStep } from './totp';

export interface EnrolTotpInput {
  userId: string;
  code: unknown;
  /** set when enrolling during sign-in: that pending session becomes a full one */
  pendingSessionHash?: string | null;
}

interface Deps {
  db: Database;
  config: Pick<Config, 'sessionTtlHours'>;
}

export async function enrolTotp(
  deps: Deps,
  input: EnrolTotpInput,
  meta: { ip?: string; userAgent?: string; requestId?: string; now?: number } = {},
): Promise<{ token: string | null; ttlHours: number }> {
  const { db, config } = deps;
  const user = await findUserById(db, input.userId);
  if (user?.status !== 'active') throw AppError.of('UNAUTHENTICATED', 'error.unauthenticated');
  if (user.totpEnabledAt) throw AppError.of('CONFLICT', 'auth.totp.alreadyEnabled');
  if (!user.totpSecret) throw AppError.of('CONFLICT', 'auth.totp.noSecret');
  const step = matchTotpStep(user.totpSecret, input.code, { now: meta.now ?? Date.now(), lastStep: user.totpLastStep });
  if (step == null) throw new AppError('VALIDATION_FAILED', t('auth.totp.invalid'), { code: t('auth.totp.invalid') });

  const actor: Actor = { userId: user.id, label: user.email, requestId: meta.requestId };
  const token = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(appUser)
      .set({ totpEnabledAt: new Date(), totpLastStep: step })
      .where(and(eq(appUser.id, user.id), isNull(appUser.totpEnabledAt), eq(appUser.totpSecret, user.totpSecret!)))
      .returning({ id: appUser.id, totpEnabledAt: appUser.totpEnabledAt });
    if (!row) throw AppError.of('CONFLICT', 'auth.totp.alreadyEnabled');
    await recordAudit(tx, actor, { action: 'auth.totp_enabled', entityType: 'user', entityId: user.id, after: row });
    if (!input.pendingSessionHash) return null;
    await recordSignInSuccess(tx, user.id);
    await destroySession(tx, input.pendingSessionHash);
    const fresh = await createSession(tx, user.id, { secondFactorDone: true, ttlHours: config.sessionTtlHours, ip: meta.ip, userAgent: meta.userAgent });
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { method: 'password+totp_enrolment', ip: meta.ip ?? null } });
    return fresh;
  });
  return { token, ttlHours: config.sessionTtlHours };
}
