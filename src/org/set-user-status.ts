/**
 * Disables or re-enables an account. Disabling ends every session of the user at once; nobody may
 * disable themselves, nor the last active admin held at the root unit.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import { destroyUserSessions } from '../platform/auth/sessions';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput } from '../platform/validation';
import type { Principal } from './policies';
import { rootUnit } from './queries';
import { assertNotLastRootAdmin, lockRootAdmins } from './root-admin-guard';
import { appUser } from './schema';
import { loadManageableAccount } from './manageable-account';

export const setUserStatusInput = z.object({
  status: z.enum(['active', 'disabled'], { message: t('user.statusInvalid') }),
});

export async function setUserStatus(
  db: Database,
  userId: string,
  raw: z.input<typeof setUserStatusInput>,
  opts: { principal: Principal; actor: Actor },
) {
  const { status } = parseInput(setUserStatusInput, raw);
  return db.transaction(async (tx) => {
    const target = await loadManageableAccount(tx, userId, opts.principal);
    const before = target.user.status;
    if (before === status) return { user: target.user, changed: false };
    if (status === 'disabled') {
      if (userId === opts.principal.userId) throw AppError.of('CONFLICT', 'user.cannotDisableSelf');
      const root = await rootUnit(tx);
      if (root && target.roles.some((r) => r.role === 'admin' && r.unitId === root.id)) {
        await lockRootAdmins(tx);
        await assertNotLastRootAdmin(tx, userId, 'user.lastAdminDisable');
      }
    }
    const [user] = await tx.update(appUser).set({ status, updatedAt: new Date() }).where(eq(appUser.id, userId)).returning();
    if (status === 'disabled') await destroyUserSessions(tx, userId);
    await recordAudit(tx, opts.actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: { status: before },
      after: { status, sessionsEnded: status === 'disabled' },
    });
    return { user, changed: true };
  });
}
