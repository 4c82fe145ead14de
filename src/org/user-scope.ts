/**
 * How the org-scoped `user.manage` permission (see `policies.ts`) applies to one user account,
 * whose people live at a home unit and may hold roles at other units. Built only from `can`.
 */
import { type Principal, can } from './policies';

export interface UserPlacement {
  homeUnitPath: string;
  rolePaths: readonly string[];
}

/** The user appears in the principal's lists: their home unit or one of their role units is in scope. */
export function canSeeUser(principal: Principal | null | undefined, u: UserPlacement): boolean {
  return can(principal, 'user.manage', u.homeUnitPath) || u.rolePaths.some((p) => can(principal, 'user.manage', p));
}

/**
 * The principal may change the account itself (disable, enable, unlock, reset its second factor):
 * the whole account lies in scope — home unit and every role unit — so a provincial admin can
 * never lock out or take over someone who also holds authority elsewhere.
 */
export function canManageAccount(principal: Principal | null | undefined, u: UserPlacement): boolean {
  return can(principal, 'user.manage', u.homeUnitPath) && u.rolePaths.every((p) => can(principal, 'user.manage', p));
}
