/** Removes a link from the portal's menu (root approvers only). */
import { eq } from 'drizzle-orm';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { bumpContentVersion } from './content-version';
import { isUuid } from './queries';
import { assertMenuManager } from './save-menu-item';
import { portalMenuItem } from './schema';

export async function deleteMenuItem(db: Database, id: string, opts: { principal: Principal; actor: Actor }) {
  await assertMenuManager(db, opts.principal);
  if (!isUuid(id)) throw AppError.of('NOT_FOUND', 'error.notFound');
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(portalMenuItem).where(eq(portalMenuItem.id, id)).returning();
    if (!gone) throw AppError.of('NOT_FOUND', 'error.notFound');
    await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: 'menu.delete', entityType: 'portal_menu_item', entityId: id, before: gone });
  });
}
