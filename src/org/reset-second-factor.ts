/**
 * Clears a user's TOTP enrolment (lost phone): they enrol again at their next sign-in. Their
 * sessions end, so nobody keeps a session that was opened with the old factor.
 */
import { eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import { destroyUserSessions } from '../platform/auth/sessions';
import type { Database } from '../platform/db/client';
import type { Principal } from './policies';
import { appUser } from './schema';
import { loadManageableAccount } from './manageable-account';

export async function resetSecondFactor(db: Database, userId: string, opts: { principal: Principal; actor: Actor }) {
  return db.transaction(async (tx) => {
    const target = await loadManageableAccount(tx, userId, opts.principal);
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
