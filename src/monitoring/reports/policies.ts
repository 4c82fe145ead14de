/**
 * Who may report on a task, review its reports, and work the bottleneck register. A role is held
 * at a unit and covers its subtree (org policies); the task is placed by the paths of its lead,
 * assigning and co-ordinating units.
 * - see a task's reports and evidence: any role over one of those units, or the standing office;
 * - report: a leader or officer over the lead unit (the whole task), or over a co-ordinating unit
 *   (that unit's part only);
 * - review: a leader or admin over the assigning unit, or the standing office;
 * - bottlenecks: seen inside the viewer's subtrees (all of them for the standing office); raised on
 *   a visible task or for a unit one reports for; updated by reviewers of its task or a
 *   leader/admin/officer over its owner unit.
 */
import { type Permission, type Principal, can, canAnywhere, scopeRoots } from '../../org/policies';
import { isStandingOffice } from '../policies';

export interface TaskPlacement {
  leadUnitId: string | null;
  leadUnitPath: string | null;
  assigningUnitPath: string | null;
  coordinators: readonly { id: string; path: string }[];
}

/** Does the principal hold `permission` over the unit at `path`? */
export function holdsOver(p: Principal | null | undefined, permission: Permission, path: string | null | undefined): boolean {
  return !!path && can(p, permission, path);
}

export { isStandingOffice };

/** Staff who may open report pages at all (navigation). */
export function canUseReports(p: Principal | null | undefined): boolean {
  return !!p && canAnywhere(p, 'org.read') && p.grants.some((g) => g.role !== 'viewer');
}

export function canSeeTaskReports(p: Principal | null | undefined, t: TaskPlacement): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  const paths = [t.leadUnitPath, t.assigningUnitPath, ...t.coordinators.map((c) => c.path)];
  return paths.some((path) => !!path && p.grants.some((g) => path.startsWith(g.unitPath)));
}

/** The units the principal may report for on this task: the lead unit first, then co-ordinators. */
export function reportableUnits(p: Principal | null | undefined, t: TaskPlacement): { id: string; lead: boolean }[] {
  const out: { id: string; lead: boolean }[] = [];
  if (t.leadUnitId && holdsOver(p, 'report.submit', t.leadUnitPath)) out.push({ id: t.leadUnitId, lead: true });
  for (const c of t.coordinators) if (c.id !== t.leadUnitId && holdsOver(p, 'report.submit', c.path)) out.push({ id: c.id, lead: false });
  return out;
}

export function canReviewReports(p: Principal | null | undefined, t: TaskPlacement): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  return holdsOver(p, 'report.review', t.assigningUnitPath);
}

/** May review somewhere (navigation to the review queue). */
export function canReviewAnywhere(p: Principal | null | undefined): boolean {
  return isStandingOffice(p) || canAnywhere(p, 'report.review');
}

/** Subtree roots whose assigning units the principal reviews; null means everything (standing office). */
export function reviewRoots(p: Principal): string[] | null {
  if (isStandingOffice(p)) return null;
  return scopeRoots(p, 'report.review');
}

/** Subtree roots of bottlenecks the principal sees; null means everything. */
export function bottleneckViewRoots(p: Principal): string[] | null {
  if (isStandingOffice(p)) return null;
  return scopeRoots(p, 'org.read');
}

export function canUpdateBottleneck(p: Principal | null | undefined, ownerUnitPath: string, task: TaskPlacement | null): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  if (task && canReviewReports(p, task)) return true;
  return holdsOver(p, 'bottleneck.manage', ownerUnitPath);
}

export function canRaiseBottleneck(p: Principal | null | undefined, ownerUnitPath: string, task: TaskPlacement | null): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  if (task) return canSeeTaskReports(p, task) && (reportableUnits(p, task).length > 0 || canReviewReports(p, task));
  return holdsOver(p, 'bottleneck.manage', ownerUnitPath);
}
