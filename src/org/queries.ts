/** Reads of the organisation tree and of users that other modules and routes rely on. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import type { Principal } from './policies';
import { appUser, orgUnit, roleAssignment } from './schema';

export async function findUnitByCode(db: Executor, code: string) {
  const [u] = await db.select().from(orgUnit).where(eq(orgUnit.code, code)).limit(1);
  return u ?? null;
}

export async function findUnitById(db: Executor, unitId: string) {
  const [u] = await db.select().from(orgUnit).where(eq(orgUnit.id, unitId)).limit(1);
  return u ?? null;
}

export async function rootUnit(db: Executor) {
  const [u] = await db.select().from(orgUnit).where(eq(orgUnit.level, 0)).orderBy(asc(orgUnit.sortOrder)).limit(1);
  return u ?? null;
}

export async function findUserByEmail(db: Executor, email: string) {
  const [u] = await db
    .select()
    .from(appUser)
    .where(eq(appUser.email, email.normalize('NFC').trim().toLowerCase()))
    .limit(1);
  return u ?? null;
}

export async function findUserById(db: Executor, userId: string) {
  const [u] = await db.select().from(appUser).where(eq(appUser.id, userId)).limit(1);
  return u ?? null;
}

/** A user with their role grants, as the policy layer needs them. */
export async function loadPrincipal(db: Executor, userId: string, via: Principal['via']): Promise<Principal | null> {
  const user = await findUserById(db, userId);
  if (!user || user.status !== 'active') return null;
  const grants = await db
    .select({
      role: roleAssignment.role,
      unitId: orgUnit.id,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      unitPath: orgUnit.path,
    })
    .from(roleAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(asc(orgUnit.level), asc(roleAssignment.role));
  return { userId: user.id, email: user.email, fullName: user.fullName, homeUnitId: user.homeUnitId, grants, via };
}

export async function rolesOfUser(db: Executor, userId: string) {
  return db
    .select({ id: roleAssignment.id, role: roleAssignment.role, unitCode: orgUnit.code, unitName: orgUnit.name, unitPath: orgUnit.path })
    .from(roleAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(asc(orgUnit.level));
}

export async function unitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(orgUnit).where(inArray(orgUnit.id, ids));
}

/** Ancestors from the root down to (and including) the unit, for breadcrumbs. */
export async function unitAncestors(db: Executor, path: string) {
  const ids = path.split('/').filter(Boolean);
  const units = await unitsByIds(db, ids);
  return ids.map((i) => units.find((u) => u.id === i)!).filter(Boolean);
}

export async function countUnits(db: Executor): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnit);
  return Number(r?.n ?? 0);
}

export async function unitChildren(db: Executor, parentId: string) {
  return db
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, parentId)))
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.name));
}
