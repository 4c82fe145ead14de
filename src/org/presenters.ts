/**
 * API output for organisation units and users: the Zod schemas the routes declare as responses
 * (and OpenAPI publishes), and the functions that shape rows into them. Secrets (password and
 * TOTP material) never leave through here.
 */
import { z } from 'zod';
import { type MessageKey, t } from '../platform/i18n';
import { ORG_UNIT_KINDS, type OrgUnitKind, ROLES, type Role } from './schema';

const isoDateTime = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export const kindLabel = (kind: OrgUnitKind) => t(`org.kind.${kind}` as MessageKey);
export const roleLabel = (role: Role) => t(`role.${role}` as MessageKey);

// --- organisation units ---------------------------------------------------------------------

export const orgUnitOut = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  nameEn: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  kindLabel: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  validFrom: z.string().nullable().describe('yyyy-mm-dd'),
  formerNames: z.string().nullable(),
});
export type OrgUnitOut = z.infer<typeof orgUnitOut>;

export const orgUnitDetailOut = orgUnitOut.extend({
  parentName: z.string().nullable(),
  childCount: z.number().int(),
  ancestors: z.array(z.object({ code: z.string(), name: z.string() })).describe('from the root down to the parent'),
});

export const orgUnitPageOut = z.object({
  items: z.array(orgUnitOut),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});

interface UnitLike {
  code: string;
  name: string;
  shortName: string | null;
  nameEn: string | null;
  kind: OrgUnitKind;
  level: number;
  validFrom: string | null;
  formerNames: string | null;
  parentCode?: string | null;
}

export function presentOrgUnit(u: UnitLike): OrgUnitOut {
  return {
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    nameEn: u.nameEn,
    kind: u.kind,
    kindLabel: kindLabel(u.kind),
    parentCode: u.parentCode ?? null,
    level: u.level,
    validFrom: u.validFrom ?? null,
    formerNames: u.formerNames,
  };
}

export function presentOrgUnitDetail(
  u: UnitLike & { parentName: string | null; childCount: number },
  ancestors: { code: string; name: string }[],
): z.infer<typeof orgUnitDetailOut> {
  return {
    ...presentOrgUnit(u),
    parentName: u.parentName,
    childCount: u.childCount,
    ancestors: ancestors.map((a) => ({ code: a.code, name: a.name })),
  };
}

// --- users ----------------------------------------------------------------------------------

export const roleGrantOut = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
});

export const userOut = z.object({
  id: z.string(),
  email: z.string(),
  fullName: z.string(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  homeUnit: z.object({ code: z.string(), name: z.string() }),
  roles: z.array(roleGrantOut),
  locked: z.boolean().describe('sign-in is temporarily locked after failed attempts'),
  secondFactorEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  isDemo: z.boolean(),
});
export type UserOut = z.infer<typeof userOut>;

export const userPageOut = z.object({
  items: z.array(userOut),
  nextCursor: z.string().nullable(),
});

interface UserLike {
  id: string;
  email: string;
  fullName: string;
  jobTitle: string | null;
  phone: string | null;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  isDemo: boolean;
}

export function presentUser(
  u: UserLike,
  homeUnit: { code: string; name: string },
  roles: { id: string; role: Role; unitCode: string; unitName: string }[],
  now = new Date(),
): UserOut {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    jobTitle: u.jobTitle,
    phone: u.phone,
    status: u.status,
    homeUnit: { code: homeUnit.code, name: homeUnit.name },
    roles: roles.map((r) => ({ id: r.id, role: r.role, roleLabel: roleLabel(r.role), unitCode: r.unitCode, unitName: r.unitName })),
    locked: !!u.lockedUntil && new Date(u.lockedUntil) > now,
    secondFactorEnrolled: !!u.totpEnabledAt,
    lastLoginAt: isoDateTime(u.lastLoginAt),
    createdAt: isoDateTime(u.createdAt) ?? '',
    isDemo: u.isDemo,
  };
}
