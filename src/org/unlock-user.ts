/** Lifts a sign-in lock after repeated failed passwords: the failure count starts again at zero. */
import { eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import type { Principal } from './policies';
import { appUser } from './schema';
import { loadManageableAccount } from './manageable-account';

export async function unlockUser(db: Database, userId: string, opts: { principal: Principal; actor: Actor }) {
  return db.transaction(async (tx) => {
    const target = await loadManageableAccount(tx, userId, opts.principal);
    const [user] = await tx
      .update(appUser)
      .set({ failedLoginCount: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(appUser.id, userId))
      .returning();
    await recordAudit(tx, opts.actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: userId,
      before: { failedLoginCount: target.user.failedLoginCount, lockedUntil: target.user.lockedUntil },
      after: { failedLoginCount: 0, lockedUntil: null },
    });
    return user;
  });
}
