/**
 * Who may do what, and where. A role is held at an organisation unit and covers that unit's
 * subtree; a permission is granted for a target unit when some assignment's role carries it and
 * the target lies inside that assignment's subtree. Every route and use-case asks here.
 */
import type { Role } from './schema';

export const PERMISSIONS = [
  /** open the directory tree and unit pages (names of public bodies) */
  'org.read',
  /** see a unit's people and internal details */
  'org.readMembers',
  /** create users, change their status, reset their second factor */
  'user.manage',
  /** give and take roles at units */
  'role.assign',
  /** read the mail outbox */
  'outbox.read',
  /** put a failed or unconfirmed message back in the queue */
  'outbox.resend',
  /** read the audit trail */
  'audit.read',
  /** create API tokens for oneself */
  'token.createOwn',
  /** see the tasks led by, assigned by or co-ordinated by units of the subtree */
  'task.read',
  /** create, edit, cascade tasks and change their status in the subtree */
  'task.manage',
  /** decide deadline extension requests for tasks the subtree assigned */
  'task.decideExtension',
  /** national oversight (standing office): see and review every unit's tasks, reports and bottlenecks */
  'oversight.national',
  /** submit progress reports for tasks led or co-ordinated by units of the subtree */
  'report.submit',
  /** review (accept or return) reports on tasks the subtree assigned */
  'report.review',
  /** raise and update bottlenecks owned by units of the subtree */
  'bottleneck.manage',
  /** PAKN-GPSK: triage the national intake (accept, reject, merge, forward, correct the classifier) */
  'feedback.triage',
  /** record a submission that arrived by post, phone, e-mail or in person */
  'feedback.record',
  /** read cases forwarded to units of the subtree, with the submitter's contact data */
  'feedback.read',
  /** accept or return a forwarded case, assign an officer, write notes, ask for information, draft answers */
  'feedback.process',
  /** approve (or send back) a drafted answer for the unit */
  'feedback.approve',
  /** set deadlines per kind and the working-day calendar */
  'feedback.configure',
  /** score initiatives and solutions against the criteria (Hội đồng Tư vấn) */
  'initiative.review',
  /** decide on a reviewed initiative: adopt (it becomes a task), study further, not adopt */
  'initiative.decide',
  /** write portal articles, pages and documents for the subtree's section */
  'portal.write',
  /** publish, schedule, archive and feature portal content of the subtree */
  'portal.publish',
  /** enter indicator values and checklist self-assessments for units of the subtree, and submit their periods */
  'indicator.report',
  /** approve or return the submitted periods (and confirm checklists) of units strictly below one's own */
  'indicator.approve',
  /** keep the indicator catalogue: definitions, hierarchy, targets, thresholds, score weights; take snapshots */
  'indicator.manage',
  /** set the five-level delivery confidence of indicators of the subtree */
  'indicator.rate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_BASE: Permission[] = ['org.read', 'token.createOwn', 'task.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF_BASE,
    'org.readMembers',
    'user.manage',
    'role.assign',
    'outbox.read',
    'outbox.resend',
    'audit.read',
    'task.decideExtension',
    'report.review',
    'bottleneck.manage',
    'feedback.configure',
  ],
  standing_office: [
    ...STAFF_BASE,
    'org.readMembers',
    'audit.read',
    'task.manage',
    'task.decideExtension',
    'oversight.national',
    'feedback.triage',
    'feedback.record',
    'feedback.read',
    'feedback.process',
    'feedback.approve',
    'feedback.configure',
    'initiative.decide',
    'portal.publish',
    'indicator.approve',
    'indicator.manage',
    'indicator.rate',
  ],
  leader: [
    ...STAFF_BASE,
    'org.readMembers',
    'task.manage',
    'task.decideExtension',
    'report.submit',
    'report.review',
    'bottleneck.manage',
    'feedback.record', 'feedback.read', 'feedback.process', 'feedback.approve', 'portal.publish',
    'indicator.report', 'indicator.approve', 'indicator.rate'],
  officer: [
    ...STAFF_BASE,
    'org.readMembers',
    'task.manage',
    'report.submit',
    'bottleneck.manage',
    'feedback.record',
    'feedback.read',
    'feedback.process',
    'indicator.report',
  ],
  expert: [...STAFF_BASE, 'initiative.review'],
  editor: [...STAFF_BASE, 'portal.write'],
  viewer: ['org.read', 'task.read'],
};

/** Roles that must use a second factor before anything else. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['admin'];

export interface RoleGrant {
  role: Role;
  unitId: string;
  unitCode: string;
  unitName: string;
  /** the unit's materialised path, '/id/…/id/' */
  unitPath: string;
}

export interface Principal {
  userId: string;
  email: string;
  fullName: string;
  homeUnitId: string;
  grants: RoleGrant[];
  /** how the request was authenticated */
  via: 'session' | 'token';
}

export function hasRole(principal: Principal | null | undefined, role: Role): boolean {
  return !!principal?.grants.some((g) => g.role === role);
}

/** The standing office of the Steering Committee: with the root, the only unit whose roles act nationally. */
export const STANDING_OFFICE_CODE = 'VPTW';

/**
 * Permissions that act on the whole country whatever unit they are checked against: national
 * oversight, the national intake's triage, and the national deadlines and calendar. They come only
 * from a role held at the root or at the standing office, so an administrator of one province
 * (who may configure things in the province) cannot change the national SLA or read every case.
 */
export const NATIONAL_PERMISSIONS: readonly Permission[] = ['oversight.national', 'feedback.triage', 'feedback.configure'];

/** A role held at the root of the tree or at the standing office. */
export function isNationalGrant(g: Pick<RoleGrant, 'unitPath' | 'unitCode'>): boolean {
  return g.unitPath.split('/').filter(Boolean).length === 1 || g.unitCode === STANDING_OFFICE_CODE;
}

function grantCarries(g: RoleGrant, permission: Permission): boolean {
  if (!ROLE_PERMISSIONS[g.role].includes(permission)) return false;
  return !NATIONAL_PERMISSIONS.includes(permission) || isNationalGrant(g);
}

/** True when the principal holds `permission` somewhere (for navigation and list pages). */
export function canAnywhere(principal: Principal | null | undefined, permission: Permission): boolean {
  return !!principal?.grants.some((g) => grantCarries(g, permission));
}

/** True when the principal holds `permission` over the unit whose path is `targetPath`. */
export function can(principal: Principal | null | undefined, permission: Permission, targetPath: string): boolean {
  if (!principal) return false;
  return principal.grants.some((g) => grantCarries(g, permission) && targetPath.startsWith(g.unitPath));
}

/**
 * The subtree roots where the principal holds `permission`, with nested roots removed:
 * list queries filter with `path LIKE root%` for each.
 */
export function scopeRoots(principal: Principal | null | undefined, permission: Permission): string[] {
  if (!principal) return [];
  const paths = principal.grants.filter((g) => grantCarries(g, permission)).map((g) => g.unitPath);
  return [...new Set(paths)].filter((p) => !paths.some((q) => q !== p && p.startsWith(q))).sort();
}

/**
 * May the principal give `role` at the unit `target`? They must hold role.assign over it, only an
 * admin may create admins, and the standing-office role (national by nature) is given only at the
 * root or the standing office, so no local administrator can mint national oversight.
 */
export function canAssignRole(principal: Principal | null | undefined, role: Role, target: { path: string; code: string }): boolean {
  const targetPath = target.path;
  if (!can(principal, 'role.assign', targetPath)) return false;
  if (role === 'standing_office' && !isNationalGrant({ unitPath: targetPath, unitCode: target.code })) return false;
  if (role === 'admin') return principal!.grants.some((g) => g.role === 'admin' && targetPath.startsWith(g.unitPath));
  return true;
}

export function requiresTotp(roles: readonly Role[]): boolean {
  return roles.some((r) => ROLES_REQUIRING_TOTP.includes(r));
}
