/**
 * The second step of signing in: a TOTP code for a user holding a pending session. A correct,
 * not yet used code replaces the pending session with a full one; wrong codes count towards
 * the same lockout as wrong passwords.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Config } from '../../config';
import { findUserById } from '../../org/queries';
import { appUser } from '../../org/schema';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { t } from '../i18n';
import { lockMinutesLeft, recordSignInFailure, recordSignInSuccess } from './login-guard';
import { createSession, destroySession } from './sessions';
import { matchTotpStep } from './totp';

export interface VerifySecondFactorInput {
  userId: string;
  /** hash of the pending session, which is replaced */
  pendingSessionHash: string;
  code: unknown;
}

interface Deps {
  db: Database;
  config: Pick<Config, 'loginMaxFailures' | 'loginLockMinutes' | 'sessionTtlHours'>;
}

const invalidCode = () => new AppError('VALIDATION_FAILED', t('auth.totp.invalid'), { code: t('auth.totp.invalid') });

export async function verifySecondFactor(
  deps: Deps,
  input: VerifySecondFactorInput,
  meta: { ip?: string; userAgent?: string; requestId?: string; now?: number } = {},
): Promise<{ token: string; ttlHours: number }> {
  const { db, config } = deps;
  const user = await findUserById(db, input.userId);
  if (!user) throw AppError.of('UNAUTHENTICATED', 'error.unauthenticated');
  if (user.status !== 'active') throw AppError.of('FORBIDDEN', 'auth.login.disabled');
  if (!user.totpEnabledAt || !user.totpSecret) throw AppError.of('SECOND_FACTOR_REQUIRED', 'auth.secondFactorRequired');
  const minutes = lockMinutesLeft(user.lockedUntil);
  if (minutes > 0) throw AppError.of('ACCOUNT_LOCKED', 'auth.login.locked', { minutes });

  const actor: Actor = { userId: user.id, label: user.email, requestId: meta.requestId };
  const step = matchTotpStep(user.totpSecret, input.code, { now: meta.now ?? Date.now(), lastStep: user.totpLastStep });

  const result = await db.transaction(async (tx) => {
    if (step != null) {
      // Conditional on the stored step, so two requests racing with one code cannot both pass.
      const [claimed] = await tx
        .update(appUser)
        .set({ totpLastStep: step })
        .where(and(eq(appUser.id, user.id), or(isNull(appUser.totpLastStep), lt(appUser.totpLastStep, step))))
        .returning({ id: appUser.id });
      if (claimed) {
        await recordSignInSuccess(tx, user.id);
        await destroySession(tx, input.pendingSessionHash);
        const token = await createSession(tx, user.id, {
          secondFactorDone: true,
          ttlHours: config.sessionTtlHours,
          ip: meta.ip,
          userAgent: meta.userAgent,
        });
        await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { method: 'password+totp', ip: meta.ip ?? null } });
        return { ok: true as const, token };
      }
    }
    const failure = await recordSignInFailure(tx, config, actor, user.id, 'totp');
    return { ok: false as const, locked: failure.locked };
  });
  if (result.ok) return { token: result.token, ttlHours: config.sessionTtlHours };
  if (result.locked) throw AppError.of('ACCOUNT_LOCKED', 'auth.login.locked', { minutes: config.loginLockMinutes });
  throw invalidCode();
}
