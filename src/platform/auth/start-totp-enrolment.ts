/**
 * Issues the TOTP secret a user is about to enrol. The secret is generated here, on the server,
 * and stored unconfirmed (`totp_enabled_at` null) until the first correct code; reloading the
 * setup page shows the same secret so a QR code already scanned stays valid.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { findUserById } from '../../org/queries';
import { appUser } from '../../org/schema';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { newTotpSecret, totpUri } from './totp';

export async function startTotpEnrolment(db: Database, userId: string, actor: Actor): Promise<{ secret: string; uri: string }> {
  const user = await findUserById(db, userId);
  if (user?.status !== 'active') throw AppError.of('UNAUTHENTICATED', 'error.unauthenticated');
  if (user.totpEnabledAt) throw AppError.of('CONFLICT', 'auth.totp.alreadyEnabled');
  if (user.totpSecret) return { secret: user.totpSecret, uri: totpUri(user.totpSecret, user.email) };

  const secret = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(appUser)
      .set({ totpSecret: newTotpSecret(), totpLastStep: null })
      .where(and(eq(appUser.id, userId), isNull(appUser.totpSecret), isNull(appUser.totpEnabledAt)))
      .returning({ totpSecret: appUser.totpSecret });
    if (!row) {
      // Another request issued one first: use that.
      const [again] = await tx.select({ totpSecret: appUser.totpSecret }).from(appUser).where(eq(appUser.id, userId));
      return again?.totpSecret ?? null;
    }
    await recordAudit(tx, actor, { action: 'auth.totp_secret_issued', entityType: 'user', entityId: userId, after: { totpSecret: row.totpSecret } });
    return row.totpSecret;
  });
  if (!secret) throw AppError.of('CONFLICT', 'error.conflict');
  return { secret, uri: totpUri(secret, user.email) };
}
