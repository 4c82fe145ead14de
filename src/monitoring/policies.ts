/**
 * Who may see and act on a task. Built on the org policies (a role covers its unit's subtree):
 * - see: the lead unit, the assigning unit or a co-ordinating unit lies in a subtree where the
 *   principal holds task.read; the standing office sees every task; tasks addressed to a
 *   collective ("các bộ, ngành, địa phương", no single lead unit) are visible to all staff;
 * - edit, cascade, change status, request an extension: task.manage over the lead unit or the
 *   assigning unit, or the standing office;
 * - decide an extension: task.decideExtension over the assigning unit, or the standing office.
 * Co-ordinating units and viewers only read.
 */
import { type Principal, can, canAnywhere, scopeRoots } from '../org/policies';

/** The paths that decide access to one task. */
export interface TaskPlacement {
  leadUnitPath: string | null;
  assigningUnitPath: string | null;
  coordinatorPaths: readonly string[];
}

export type TaskAction = 'read' | 'edit' | 'changeStatus' | 'cascade' | 'requestExtension' | 'decideExtension';

/** The standing office follows every task of the programme. */
export function isStandingOffice(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'oversight.national');
}

/** Where the principal follows tasks: null = the whole country (standing office), else subtree roots. */
export function taskScopeRoots(p: Principal): string[] | null {
  return isStandingOffice(p) ? null : scopeRoots(p, 'task.read');
}

export function canSeeTask(p: Principal | null | undefined, task: TaskPlacement): boolean {
  if (!p || !canAnywhere(p, 'task.read')) return false;
  if (isStandingOffice(p)) return true;
  if (!task.leadUnitPath) return true;
  const paths = [task.leadUnitPath, task.assigningUnitPath, ...task.coordinatorPaths].filter((x): x is string => !!x);
  return paths.some((path) => can(p, 'task.read', path));
}

export function canEditTask(p: Principal | null | undefined, task: TaskPlacement): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  return [task.leadUnitPath, task.assigningUnitPath].some((path) => !!path && can(p, 'task.manage', path));
}

export function canDecideExtension(p: Principal | null | undefined, task: TaskPlacement): boolean {
  if (!p) return false;
  if (isStandingOffice(p)) return true;
  return !!task.assigningUnitPath && can(p, 'task.decideExtension', task.assigningUnitPath);
}

/** One answer for the routes and the policy matrix test. */
export function canOnTask(p: Principal | null | undefined, action: TaskAction, task: TaskPlacement): boolean {
  switch (action) {
    case 'read':
      return canSeeTask(p, task);
    case 'edit':
    case 'changeStatus':
    case 'cascade':
    case 'requestExtension':
      return canEditTask(p, task);
    case 'decideExtension':
      return canDecideExtension(p, task);
  }
}

/** May the principal create a task led by the unit at `leadUnitPath` (assigned by their unit)? */
export function canCreateTask(p: Principal | null | undefined, leadUnitPath: string): boolean {
  return isStandingOffice(p) || can(p, 'task.manage', leadUnitPath);
}
