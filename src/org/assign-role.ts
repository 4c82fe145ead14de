/**
 * Gives a user a role at a unit. The principal must be able to give that role there
 * (`canAssignRole`) and must already see the user (home unit or a role inside their scope).
 */
import { z } from 'zod';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput, text } from '../platform/validation';
import { type Principal, canAssignRole } from './policies';
import { findUnitByCode, loadUserForAdmin } from './queries';
import { ROLES, roleAssignment } from './schema';
import { canSeeUser } from './user-scope';

export const assignRoleInput = z.object({
  role: z.enum(ROLES, { message: t('user.unknownRole', { roles: ROLES.join(', ') }) }),
  orgCode: text(40),
});
export type AssignRoleInput = z.input<typeof assignRoleInput>;

export async function assignRole(db: Database, userId: string, raw: AssignRoleInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(assignRoleInput, raw);
  return db.transaction(async (tx) => {
    const target = await loadUserForAdmin(tx, userId);
    if (!target) throw AppError.of('NOT_FOUND', 'user.notFound');
    if (!canSeeUser(opts.principal, target.placement)) throw AppError.of('FORBIDDEN', 'user.outOfScope');
    const unit = await findUnitByCode(tx, input.orgCode);
    if (!unit) {
      throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { orgCode: t('user.unknownUnit', { code: input.orgCode }) });
    }
    if (!canAssignRole(opts.principal, input.role, unit)) throw AppError.of('FORBIDDEN', 'user.cannotAssign');
    const [row] = await tx
      .insert(roleAssignment)
      .values({ userId, role: input.role, orgUnitId: unit.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw AppError.of('CONFLICT', 'user.roleExists', undefined, { orgCode: t('user.roleExists') });
    await recordAudit(tx, opts.actor, {
      action: 'role.assign',
      entityType: 'user',
      entityId: userId,
      after: { assignmentId: row.id, role: input.role, unitCode: unit.code },
    });
    return { assignment: row, unit };
  });
}
