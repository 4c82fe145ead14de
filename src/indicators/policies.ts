/**
 * Who may see, report, approve, keep and rate indicators. A role covers its unit's subtree
 * (org policies); approval is the one exception that looks strictly upwards: the level above
 * decides on a unit's period, never the unit itself.
 * - view the catalogue and indicator pages: staff holding task.read;
 * - per-unit values: inside the viewer's task.read subtrees (everything for the standing office);
 * - enter values and submit a period: indicator.report over the unit;
 * - approve or return: indicator.approve held at a unit strictly above the submitting unit; the
 *   standing office (national oversight) approves for the whole country, wherever its own unit
 *   sits (VPTW is beside the provinces, not above them) — but never its own unit or one above it;
 * - keep the catalogue and targets: indicator.manage (catalogue-wide, so anywhere);
 * - rate confidence: indicator.rate over the unit.
 */
import { type Principal, ROLE_PERMISSIONS, can, canAnywhere, scopeRoots } from '../org/policies';
import { isStandingOffice } from '../monitoring/policies';

export function canViewIndicators(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'task.read');
}

/** Subtree roots whose per-unit values the principal sees; null means the whole country. */
export function indicatorViewRoots(p: Principal | null | undefined): string[] | null {
  if (isStandingOffice(p)) return null;
  return scopeRoots(p, 'task.read');
}

export function canSeeUnitValues(p: Principal | null | undefined, unitPath: string): boolean {
  if (!p) return false;
  const roots = indicatorViewRoots(p);
  return roots === null || roots.some((r) => unitPath.startsWith(r));
}

export function canReportIndicators(p: Principal | null | undefined, unitPath: string): boolean {
  return can(p, 'indicator.report', unitPath);
}

/** indicator.approve held at a unit strictly above `unitPath` (a unit never approves itself). */
export function canApproveIndicatorPeriod(p: Principal | null | undefined, unitPath: string): boolean {
  if (!p) return false;
  const approving = p.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('indicator.approve'));
  if (approving.length === 0) return false;
  if (isStandingOffice(p)) {
    // the office's own units, and the units above them, are decided by no one inside the system
    return !p.grants.some((g) => g.unitPath.startsWith(unitPath));
  }
  return approving.some((g) => unitPath.startsWith(g.unitPath) && unitPath !== g.unitPath);
}

/** Subtree roots where the principal may approve (null: the whole country); filter rows with canApproveIndicatorPeriod. */
export function approvalRoots(p: Principal | null | undefined): string[] | null {
  if (isStandingOffice(p) && canAnywhere(p, 'indicator.approve')) return null;
  return scopeRoots(p, 'indicator.approve');
}

export function canManageIndicators(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'indicator.manage');
}

export function canRateIndicator(p: Principal | null | undefined, unitPath: string): boolean {
  return can(p, 'indicator.rate', unitPath);
}
