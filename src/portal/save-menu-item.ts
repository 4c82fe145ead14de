/**
 * Adds a link to the portal's menu (shown on the public home and news pages). The menu belongs to
 * the national portal: approvers at the root of the tree manage it. Links are relative paths or
 * http(s) addresses, nothing else.
 */
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { rootUnit } from '../org/queries';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput, text } from '../platform/validation';
import { bumpContentVersion } from './content-version';
import { canPublishIn } from './policies';
import { portalMenuItem } from './schema';

export const menuItemInput = z.object({
  label: text(80),
  href: text(500).refine((h) => /^\/(?!\/)[^\s]*$/.test(h) || /^https?:\/\/[^\s]+$/i.test(h), t('portal.menu.hrefInvalid')),
  sortOrder: z.coerce.number({ message: t('field.invalid') }).int(t('field.invalid')).min(0, t('field.invalid')).max(999, t('field.invalid')).default(0),
});
export type MenuItemInput = z.input<typeof menuItemInput>;

/** Root approvers only; shared with delete-menu-item. */
export async function assertMenuManager(db: Database, principal: Principal) {
  const root = await rootUnit(db);
  if (!root || !canPublishIn(principal, root.path)) throw AppError.of('FORBIDDEN', 'portal.cannotPublish');
}

export async function saveMenuItem(db: Database, raw: MenuItemInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(menuItemInput, raw);
  await assertMenuManager(db, opts.principal);
  return db.transaction(async (tx) => {
    const [item] = await tx.insert(portalMenuItem).values(input).returning();
    await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: 'menu.add', entityType: 'portal_menu_item', entityId: item.id, after: item });
    return item;
  });
}
