/**
 * Sign-in with e-mail and password. Unknown e-mail and wrong password look the same from outside
 * (same message, an argon2 verification either way); consecutive failures lock the account for a
 * while; a correct password on a locked or disabled account is still refused. Users with a second
 * factor — or admins who must enrol one — get a pending session that only opens the 2FA pages.
 */
import { z } from 'zod';
import type { Config } from '../../config';
import { requiresTotp } from '../../org/policies';
import { findUserByEmail, rolesOfUser } from '../../org/queries';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { t } from '../i18n';
import { parseInput } from '../validation';
import { lockMinutesLeft, recordSignInFailure, recordSignInSuccess } from './login-guard';
import { dummyPasswordHash, verifyPassword } from './password';
import { createSession, destroySession } from './sessions';

/** Lifetime of a session that still owes the second factor or its enrolment. */
export const PENDING_SESSION_TTL_HOURS = 0.5;

export const signInInput = z.object({
  email: z
    .string({ message: t('field.required') })
    .transform((s) => s.normalize('NFC').trim().toLowerCase())
    .pipe(z.string().min(1, t('field.required')).max(254, t('field.tooLong', { max: 254 }))),
  password: z.string({ message: t('field.required') }).min(1, t('field.required')).max(1000, t('auth.password.tooLong')),
});

export interface SignInMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /** the session the browser held before, replaced by the new one */
  previousSessionHash?: string | null;
}

export type SignInOutcome = 'signed_in' | 'second_factor' | 'enrol_totp';

export interface SignInResult {
  outcome: SignInOutcome;
  userId: string;
  /** the new session cookie value */
  token: string;
  ttlHours: number;
}

interface SignInDeps {
  db: Database;
  config: Pick<Config, 'loginMaxFailures' | 'loginLockMinutes' | 'sessionTtlHours'>;
}

export async function signIn(deps: SignInDeps, raw: { email?: unknown; password?: unknown }, meta: SignInMeta = {}): Promise<SignInResult> {
  const { db, config } = deps;
  const input = parseInput(signInInput, raw);
  const user = await findUserByEmail(db, input.email);
  // Always one argon2 verification, against a dummy hash when there is no account.
  const passwordOk = (await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password)) && !!user?.passwordHash;

  if (!user) {
    await db.transaction((tx) =>
      recordAudit(
        tx,
        { userId: null, label: 'anonymous', requestId: meta.requestId },
        { action: 'auth.login_failed', entityType: 'user', after: { email: input.email, reason: 'unknown_user', ip: meta.ip ?? null } },
      ),
    );
    throw AppError.of('UNAUTHENTICATED', 'auth.login.failed');
  }

  const actor: Actor = { userId: user.id, label: user.email, requestId: meta.requestId };
  const minutes = lockMinutesLeft(user.lockedUntil);
  if (minutes > 0) {
    await db.transaction((tx) =>
      recordAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'locked', ip: meta.ip ?? null } }),
    );
    throw AppError.of('ACCOUNT_LOCKED', 'auth.login.locked', { minutes });
  }

  if (!passwordOk) {
    const r = await db.transaction((tx) => recordSignInFailure(tx, config, actor, user.id, 'password'));
    if (r.locked) throw AppError.of('ACCOUNT_LOCKED', 'auth.login.locked', { minutes: config.loginLockMinutes });
    throw AppError.of('UNAUTHENTICATED', 'auth.login.failed');
  }

  if (user.status !== 'active') {
    await db.transaction((tx) =>
      recordAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { reason: 'disabled', ip: meta.ip ?? null } }),
    );
    throw AppError.of('FORBIDDEN', 'auth.login.disabled');
  }

  const sessionOpts = { ip: meta.ip, userAgent: meta.userAgent };
  const pendingTtl = Math.min(PENDING_SESSION_TTL_HOURS, config.sessionTtlHours);
  const hasTotp = !!user.totpEnabledAt && !!user.totpSecret;
  const mustEnrol = !hasTotp && requiresTotp((await rolesOfUser(db, user.id)).map((r) => r.role));

  return db.transaction(async (tx) => {
    if (meta.previousSessionHash) await destroySession(tx, meta.previousSessionHash);
    if (hasTotp || mustEnrol) {
      // The failure count is kept until the second factor is given, so password + wrong codes
      // still lead to a lockout.
      const token = await createSession(tx, user.id, { ...sessionOpts, secondFactorDone: false, ttlHours: pendingTtl });
      return { outcome: hasTotp ? 'second_factor' : 'enrol_totp', userId: user.id, token, ttlHours: pendingTtl } as const;
    }
    await recordSignInSuccess(tx, user.id);
    const token = await createSession(tx, user.id, { ...sessionOpts, secondFactorDone: true, ttlHours: config.sessionTtlHours });
    await recordAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { method: 'password', ip: meta.ip ?? null } });
    return { outcome: 'signed_in', userId: user.id, token, ttlHours: config.sessionTtlHours } as const;
  });
}
