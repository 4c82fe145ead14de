/**
 * Clears a user's TOTP enrolment (lost phone): they enrol again at their next sign-in. Their
 * sessions end, so nobody keeps a session that was opened with the old factor.
 */
import { eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import { destroyUserSessions } from '../platform/auth/sessions';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { Principal } from './policies';
import { loadUserForAdmin } from './queries';
import { appUser } from './schema';
import { canManageAccount } from './user-scope';

export async function resetSecondFactor(db: Database, userId: string, opts: { principal: Principal; actor: Actor }) {
  return db.transaction(async (tx) => {
    const target = await loadUserForAdmin(tx, userId);
    if (!target) throw AppError.of('NOT_FOUND', 'user.notFound');
    if (!canManageAccount(opts.principal, target.placement)) throw AppError.of('FORBIDDEN', 'user.outOfScope');
    const [user] = await tx
      .update(appUser)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(appUser.id, userId))
      .returning();
    await destroyUserSessions(tx, userId);
    await recordAudit(tx, opts.actor, {
      action: 'user.resetSecondFactor',
      entityType: 'user',
      entityId: userId,
      before: { secondFactorEnrolled: !!target.user.totpEnabledAt },
      after: { secondFactorEnrolled: false, sessionsEnded: true },
    });
    return user;
  });
}
