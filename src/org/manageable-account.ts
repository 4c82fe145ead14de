/**
 * Loads an account that the principal is about to change, refusing unknown ids and accounts not
 * wholly inside the principal's scope: the shared first step of every account use-case.
 */
import type { Executor } from '../platform/db/client';
import { AppError } from '../platform/errors';
import type { Principal } from './policies';
import { loadUserForAdmin } from './queries';
import { canManageAccount } from './user-scope';

export async function loadManageableAccount(db: Executor, userId: string, principal: Principal) {
  const target = await loadUserForAdmin(db, userId);
  if (!target) throw AppError.of('NOT_FOUND', 'user.notFound');
  if (!canManageAccount(principal, target.placement)) throw AppError.of('FORBIDDEN', 'user.outOfScope');
  return target;
}
