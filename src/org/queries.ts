/** Reads of the organisation tree and of users that other modules and routes rely on. */
import { type AnyColumn, type SQL, and, asc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { escapeLike } from '../platform/text/fold';
import type { Principal } from './policies';
import { type OrgUnitKind, type Role, appUser, orgUnit, roleAssignment } from './schema';
import { type PreparedSearch, TIER, tierPatterns, tokenPatterns } from './search';

export async function findUnitByCode(db: Executor, code: string) {
  // Codes are upper-case letters, digits and dots ('01.SKHCN'): accept what people type.
  const [u] = await db.select().from(orgUnit).where(eq(orgUnit.code, code.trim().toUpperCase())).limit(1);
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

/** A user with their role grants, as the policy layer needs them: one query, run on every request. */
export async function loadPrincipal(db: Executor, userId: string, via: Principal['via']): Promise<Principal | null> {
  const rows = await db
    .select({
      id: appUser.id,
      email: appUser.email,
      fullName: appUser.fullName,
      homeUnitId: appUser.homeUnitId,
      status: appUser.status,
      role: roleAssignment.role,
      unitId: orgUnit.id,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      unitPath: orgUnit.path,
    })
    .from(appUser)
    .leftJoin(roleAssignment, eq(roleAssignment.userId, appUser.id))
    .leftJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
    .where(eq(appUser.id, userId))
    .orderBy(asc(orgUnit.level), asc(roleAssignment.role));
  const user = rows[0];
  if (user?.status !== 'active') return null;
  const grants = rows
    .filter((r) => r.role && r.unitId)
    .map((r) => ({ role: r.role!, unitId: r.unitId!, unitCode: r.unitCode!, unitName: r.unitName!, unitPath: r.unitPath! }));
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

// ---------------------------------------------------------------------------------------------
// Directory: tree, search and listings
// ---------------------------------------------------------------------------------------------

/** The columns of a unit that directory pages and the API use. */
const unitColumns = {
  id: orgUnit.id,
  code: orgUnit.code,
  name: orgUnit.name,
  shortName: orgUnit.shortName,
  nameEn: orgUnit.nameEn,
  kind: orgUnit.kind,
  parentId: orgUnit.parentId,
  path: orgUnit.path,
  level: orgUnit.level,
  sortOrder: orgUnit.sortOrder,
  formerNames: orgUnit.formerNames,
  validFrom: orgUnit.validFrom,
  validTo: orgUnit.validTo,
};

// Correlated subqueries name the outer table explicitly: Drizzle leaves columns unqualified
// in single-table selects, where `id` would bind to the subquery's own table.
const parentCodeSql = sql<string | null>`(SELECT p.code FROM org_unit p WHERE p.id = org_unit.parent_id)`;
const parentNameSql = sql<string | null>`(SELECT p.name FROM org_unit p WHERE p.id = org_unit.parent_id)`;
const childCountSql = sql<number>`(SELECT count(*)::int FROM org_unit c WHERE c.parent_id = org_unit.id)`;

/** One unit with its parent's code and name and how many units sit directly under it. */
export async function unitByCodeWithParent(db: Executor, code: string) {
  const [u] = await db
    .select({ ...unitColumns, parentCode: parentCodeSql, parentName: parentNameSql, childCount: childCountSql })
    .from(orgUnit)
    .where(eq(orgUnit.code, code))
    .limit(1);
  return u ? { ...u, childCount: Number(u.childCount) } : null;
}

/** Units from the root down to `maxLevel`, each with its number of direct children, in tree order. */
export async function directoryTree(db: Executor, maxLevel = 2) {
  const rows = await db
    .select({ ...unitColumns, childCount: childCountSql })
    .from(orgUnit)
    .where(lte(orgUnit.level, maxLevel))
    .orderBy(asc(orgUnit.level), asc(orgUnit.sortOrder), asc(orgUnit.code));
  return rows.map((r) => ({ ...r, childCount: Number(r.childCount) }));
}

/** The 34 provinces (few rows): used to name the province a search result lies in. */
export async function listProvinces(db: Executor) {
  return db
    .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path })
    .from(orgUnit)
    .where(eq(orgUnit.kind, 'province'))
    .orderBy(asc(orgUnit.sortOrder));
}

export interface UnitListFilter {
  parentId?: string;
  kind?: OrgUnitKind;
}

function unitFilterSql(f: UnitListFilter): SQL[] {
  const where: SQL[] = [];
  if (f.parentId) where.push(eq(orgUnit.parentId, f.parentId));
  if (f.kind) where.push(eq(orgUnit.kind, f.kind));
  return where;
}

/** Sort key of the plain listing: (level, sort order, code); code is unique. */
export type UnitListKey = [level: number, sortOrder: number, code: string];

/** Units in tree order, one keyset page: `after` is the key of the last row of the previous page. */
export async function listUnits(db: Executor, opts: UnitListFilter & { limit: number; after?: UnitListKey | null }) {
  const where = unitFilterSql(opts);
  if (opts.after) {
    const [level, sortOrder, code] = opts.after;
    where.push(sql`(${orgUnit.level}, ${orgUnit.sortOrder}, ${orgUnit.code}) > (${level}::int, ${sortOrder}::int, ${code}::text)`);
  }
  const rows = await db
    .select({ ...unitColumns, parentCode: parentCodeSql })
    .from(orgUnit)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(orgUnit.level), asc(orgUnit.sortOrder), asc(orgUnit.code))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, key: [r.level, r.sortOrder, r.code] as UnitListKey }));
}

/** Sort key of a search: (tier, 1000 − word similarity in thousandths, level, code). */
export type UnitSearchKey = [tier: number, dissimilarity: number, level: number, code: string];

function unitSearchSql(p: PreparedSearch) {
  const padded = sql`(' ' || ${orgUnit.searchText} || ' ')`;
  const tokens = sql.join(
    tokenPatterns(p).map((pat) => sql`${orgUnit.searchText} LIKE ${pat}::text`),
    sql` AND `,
  );
  const whens = tierPatterns(p).map(({ tier, pattern }) => sql`WHEN ${padded} LIKE ${pattern}::text THEN ${sql.raw(String(tier))}`);
  const tier = sql<number>`(CASE WHEN lower(${orgUnit.code}) = lower(${p.raw}::text) THEN ${sql.raw(String(TIER.exactCode))} ${sql.join(whens, sql` `)} WHEN (${tokens}) THEN ${sql.raw(String(TIER.allTokens))} ELSE ${sql.raw(String(TIER.fuzzy))} END)`;
  const dissimilarity = sql<number>`(1000 - round(word_similarity(${p.folded}::text, ${orgUnit.searchText})::numeric * 1000)::int)`;
  const matches = sql`(lower(${orgUnit.code}) = lower(${p.raw}::text) OR ${orgUnit.searchText} LIKE ${`%${escapeLike(p.folded)}%`}::text OR (${tokens}) OR ${p.folded}::text <% ${orgUnit.searchText})`;
  return { tier, dissimilarity, matches };
}

/**
 * Diacritic-insensitive, ranked search: exact code, then phrase at the start, whole words,
 * word prefix, anywhere, all words in any order, and last trigram word similarity (typos).
 */
export async function searchUnits(
  db: Executor,
  opts: UnitListFilter & { search: PreparedSearch; limit: number; after?: UnitSearchKey | null },
) {
  const { tier, dissimilarity, matches } = unitSearchSql(opts.search);
  const where = [matches, ...unitFilterSql(opts)];
  if (opts.after) {
    const [a, b, c, d] = opts.after;
    where.push(sql`(${tier}, ${dissimilarity}, ${orgUnit.level}, ${orgUnit.code}) > (${a}::int, ${b}::int, ${c}::int, ${d}::text)`);
  }
  const rows = await db
    .select({ ...unitColumns, parentCode: parentCodeSql, parentName: parentNameSql, tier, dissimilarity })
    .from(orgUnit)
    .where(and(...where))
    .orderBy(tier, dissimilarity, asc(orgUnit.level), asc(orgUnit.code))
    .limit(opts.limit);
  return rows.map((r) => {
    const t = Number(r.tier);
    const dis = Number(r.dissimilarity);
    return { ...r, tier: t, dissimilarity: dis, key: [t, dis, r.level, r.code] as UnitSearchKey };
  });
}

/**
 * People of a unit: accounts whose home unit it is, and holders of a role at it, with the roles
 * they hold there. At most `limit` (the caller shows a note when `truncated`).
 */
export async function unitMembers(db: Executor, unitId: string, limit = 300) {
  const rows = await db
    .select({
      id: appUser.id,
      fullName: appUser.fullName,
      email: appUser.email,
      jobTitle: appUser.jobTitle,
      phone: appUser.phone,
      status: appUser.status,
      homeUnitId: appUser.homeUnitId,
    })
    .from(appUser)
    .where(
      or(
        eq(appUser.homeUnitId, unitId),
        sql`EXISTS (SELECT 1 FROM role_assignment ra WHERE ra.user_id = app_user.id AND ra.org_unit_id = ${unitId}::uuid)`,
      ),
    )
    .orderBy(asc(appUser.searchText), asc(appUser.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const roles = page.length
    ? await db
        .select({ userId: roleAssignment.userId, role: roleAssignment.role })
        .from(roleAssignment)
        .where(and(eq(roleAssignment.orgUnitId, unitId), inArray(roleAssignment.userId, page.map((r) => r.id))))
    : [];
  return {
    members: page.map((m) => ({
      ...m,
      isHome: m.homeUnitId === unitId,
      roles: roles.filter((r) => r.userId === m.id).map((r) => r.role),
    })),
    truncated: rows.length > limit,
  };
}

// ---------------------------------------------------------------------------------------------
// Users, for administration
// ---------------------------------------------------------------------------------------------

/** `col LIKE '<path>%'` for any of the subtree roots (false when there are none). */
export function underAnyPath(col: SQL | AnyColumn, roots: readonly string[]): SQL {
  if (roots.length === 0) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => sql`${col} LIKE ${`${escapeLike(r)}%`}::text`),
    sql` OR `,
  )})`;
}

export interface UserListFilter {
  /** subtree roots the viewer manages (from `scopeRoots(principal, 'user.manage')`) */
  scopeRoots: readonly string[];
  q?: PreparedSearch | null;
  role?: Role;
  /** path of a unit: users whose home unit or a role unit lies in its subtree */
  unitPath?: string;
  status?: 'active' | 'disabled';
}

/** Sort key of the user listing: (folded name + e-mail, id). */
export type UserListKey = [searchText: string, id: string];

/** Users in scope, one keyset page, each with their home unit and roles. */
export async function listUsers(db: Executor, opts: UserListFilter & { limit: number; after?: UserListKey | null }) {
  const roleUnitUnder = (roots: readonly string[]) =>
    sql`EXISTS (SELECT 1 FROM role_assignment ra JOIN org_unit ru ON ru.id = ra.org_unit_id WHERE ra.user_id = app_user.id AND ${underAnyPath(sql`ru.path`, roots)})`;
  const where: SQL[] = [sql`(${underAnyPath(orgUnit.path, opts.scopeRoots)} OR ${roleUnitUnder(opts.scopeRoots)})`];
  if (opts.unitPath) where.push(sql`(${underAnyPath(orgUnit.path, [opts.unitPath])} OR ${roleUnitUnder([opts.unitPath])})`);
  if (opts.q) for (const tok of opts.q.tokens) where.push(sql`${appUser.searchText} LIKE ${`%${escapeLike(tok)}%`}::text`);
  if (opts.role) where.push(sql`EXISTS (SELECT 1 FROM role_assignment rr WHERE rr.user_id = app_user.id AND rr.role = ${opts.role}::text)`);
  if (opts.status) where.push(eq(appUser.status, opts.status));
  if (opts.after) where.push(sql`(${appUser.searchText}, ${appUser.id}) > (${opts.after[0]}::text, ${opts.after[1]}::uuid)`);
  const rows = await db
    .select({
      id: appUser.id,
      email: appUser.email,
      fullName: appUser.fullName,
      jobTitle: appUser.jobTitle,
      phone: appUser.phone,
      status: appUser.status,
      searchText: appUser.searchText,
      failedLoginCount: appUser.failedLoginCount,
      lockedUntil: appUser.lockedUntil,
      totpEnabledAt: appUser.totpEnabledAt,
      lastLoginAt: appUser.lastLoginAt,
      isDemo: appUser.isDemo,
      createdAt: appUser.createdAt,
      homeUnitCode: orgUnit.code,
      homeUnitName: orgUnit.name,
    })
    .from(appUser)
    .innerJoin(orgUnit, eq(orgUnit.id, appUser.homeUnitId))
    .where(and(...where))
    .orderBy(asc(appUser.searchText), asc(appUser.id))
    .limit(opts.limit);
  const roles = await rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, roles: roles.filter((x) => x.userId === r.id), key: [r.searchText, r.id] as UserListKey }));
}

/** Role assignments of several users, with their units. */
export async function rolesOfUsers(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleAssignment.id,
      userId: roleAssignment.userId,
      role: roleAssignment.role,
      unitId: orgUnit.id,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      unitPath: orgUnit.path,
      createdAt: roleAssignment.createdAt,
    })
    .from(roleAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
    .where(inArray(roleAssignment.userId, userIds))
    .orderBy(asc(orgUnit.level), asc(orgUnit.code), asc(roleAssignment.role));
}

/** One user with home unit and role assignments, as the admin screens and use-cases need it. */
export async function loadUserForAdmin(db: Executor, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const homeUnit = await findUnitById(db, user.homeUnitId);
  if (!homeUnit) return null;
  const roles = await rolesOfUsers(db, [user.id]);
  return { user, homeUnit, roles, placement: { homeUnitPath: homeUnit.path, rolePaths: roles.map((r) => r.unitPath) } };
}
export type UserForAdmin = NonNullable<Awaited<ReturnType<typeof loadUserForAdmin>>>;

/** Active users other than `exceptUserId` who hold the admin role at the root unit. */
export async function countOtherActiveRootAdmins(db: Executor, rootUnitId: string, exceptUserId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(DISTINCT ${appUser.id})::int` })
    .from(roleAssignment)
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(
      and(
        eq(roleAssignment.role, 'admin'),
        eq(roleAssignment.orgUnitId, rootUnitId),
        eq(appUser.status, 'active'),
        ne(appUser.id, exceptUserId),
      ),
    );
  return Number(r?.n ?? 0);
}

/** Canonical textual UUID (what `gen_random_uuid()` produces); anything else is not an id of ours. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
