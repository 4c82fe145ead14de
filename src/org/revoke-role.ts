/**
 * Takes a role assignment away from a user. The principal must be able to give that role at that
 * unit; the last active admin held at the root unit can never be removed.
 */
import { and, eq } from 'drizzle-orm';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { type Principal, canAssignRole } from './policies';
import { findUserById } from './queries';
import { assertNotLastRootAdmin, isRootUnit, lockRootAdmins } from './root-admin-guard';
import { orgUnit, roleAssignment } from './schema';

export async function revokeRole(db: Database, userId: string, assignmentId: string, opts: { principal: Principal; actor: Actor }) {
  return db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw AppError.of('NOT_FOUND', 'user.notFound');
    const [assignment] = await tx
      .select({ id: roleAssignment.id, role: roleAssignment.role, unitId: orgUnit.id, unitCode: orgUnit.code, unitPath: orgUnit.path })
      .from(roleAssignment)
      .innerJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
      .where(and(eq(roleAssignment.id, assignmentId), eq(roleAssignment.userId, userId)))
      .limit(1);
    if (!assignment) throw AppError.of('NOT_FOUND', 'user.roleNotFound');
    if (!canAssignRole(opts.principal, assignment.role, { path: assignment.unitPath, code: assignment.unitCode })) throw AppError.of('FORBIDDEN', 'user.cannotAssign');
    if (assignment.role === 'admin' && user.status === 'active' && (await isRootUnit(tx, assignment.unitId))) {
      await lockRootAdmins(tx);
      await assertNotLastRootAdmin(tx, userId, 'user.lastAdmin');
    }
    await tx.delete(roleAssignment).where(eq(roleAssignment.id, assignment.id));
    await recordAudit(tx, opts.actor, {
      action: 'role.revoke',
      entityType: 'user',
      entityId: userId,
      before: { assignmentId: assignment.id, role: assignment.role, unitCode: assignment.unitCode },
    });
    return assignment;
  });
}
