/**
 * Lockout bookkeeping shared by the password and second-factor steps: consecutive failures are
 * counted on `app_user`; reaching the limit locks the account for a while. The counter update
 * and its audit events are written in the caller's transaction.
 */
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { appUser } from '../../org/schema';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Tx } from '../db/client';

/** Minutes left on a lock (at least 1), or 0 when the account is not locked. */
export function lockMinutesLeft(lockedUntil: Date | null, now = Date.now()): number {
  if (!lockedUntil || lockedUntil.getTime() <= now) return 0;
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now) / 60_000));
}

/**
 * Counts one failure; on reaching `loginMaxFailures` locks the account for `loginLockMinutes`
 * and starts the count again. Returns whether this failure locked the account.
 */
export async function recordSignInFailure(
  tx: Tx,
  config: Pick<Config, 'loginMaxFailures' | 'loginLockMinutes'>,
  actor: Actor,
  userId: string,
  reason: 'password' | 'totp',
): Promise<{ locked: boolean; lockedUntil: Date | null }> {
  const [row] = await tx
    .update(appUser)
    .set({ failedLoginCount: sql`${appUser.failedLoginCount} + 1` })
    .where(eq(appUser.id, userId))
    .returning({ failedLoginCount: appUser.failedLoginCount });
  await recordAudit(tx, actor, {
    action: 'auth.login_failed',
    entityType: 'user',
    entityId: userId,
    after: { reason, failedLoginCount: row?.failedLoginCount ?? null },
  });
  if (!row || row.failedLoginCount < config.loginMaxFailures) return { locked: false, lockedUntil: null };
  const lockedUntil = new Date(Date.now() + config.loginLockMinutes * 60_000);
  await tx.update(appUser).set({ lockedUntil, failedLoginCount: 0 }).where(eq(appUser.id, userId));
  await recordAudit(tx, actor, {
    action: 'auth.locked',
    entityType: 'user',
    entityId: userId,
    after: { lockedUntil, failures: row.failedLoginCount },
  });
  return { locked: true, lockedUntil };
}

/** A full sign-in: clears the failure count and any lock, stamps the login time. */
export async function recordSignInSuccess(tx: Tx, userId: string): Promise<void> {
  await tx.update(appUser).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(appUser.id, userId));
}
