/** Lifts a sign-in lock after repeated failed passwords: the failure count starts again at zero. */
import { eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { Principal } from './policies';
import { loadUserForAdmin } from './queries';
import { appUser } from './schema';
import { canManageAccount } from './user-scope';

export async function unlockUser(db: Database, userId: string, opts: { principal: Principal; actor: Actor }) {
  return db.transaction(async (tx) => {
    const target = await loadUserForAdmin(tx, userId);
    if (!target) throw AppError.of('NOT_FOUND', 'user.notFound');
    if (!canManageAccount(opts.principal, target.placement)) throw AppError.of('FORBIDDEN', 'user.outOfScope');
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
