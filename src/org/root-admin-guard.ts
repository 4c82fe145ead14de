/**
 * The tree must always keep one active admin at its root, or nobody could manage it again.
 * Use-cases that can take that away call `assertNotLastRootAdmin` inside their transaction.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { MessageKey } from '../platform/i18n';
import { countOtherActiveRootAdmins, rootUnit } from './queries';

/** Serialises every change that could remove a root admin, so two cannot both pass the check. */
export const ROOT_ADMIN_LOCK = 570002;

export async function lockRootAdmins(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ROOT_ADMIN_LOCK})`);
}

/**
 * Throws CONFLICT (`messageKey`) when `userId`, an active admin at the root, is the last one.
 * Call after `lockRootAdmins(tx)`.
 */
export async function assertNotLastRootAdmin(tx: Tx, userId: string, messageKey: MessageKey): Promise<void> {
  const root = await rootUnit(tx);
  if (!root) return;
  if ((await countOtherActiveRootAdmins(tx, root.id, userId)) === 0) throw AppError.of('CONFLICT', messageKey);
}

export async function isRootUnit(tx: Tx, unitId: string): Promise<boolean> {
  const root = await rootUnit(tx);
  return root?.id === unitId;
}
