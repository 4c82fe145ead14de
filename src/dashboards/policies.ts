/**
 * Who may see which dashboard, and which live events reach whom. The standing office sees the
 * whole country; anyone else sees a ministry's or province's dashboard only when they hold
 * task.read over it, and hears only about events inside the subtrees where they hold task.read.
 */
import { isStandingOffice, taskScopeRoots } from '../monitoring/policies';
import { type Principal, can } from '../org/policies';
import type { DomainEvent } from '../platform/events/bus';

export function canViewUnitDashboard(p: Principal | null | undefined, unitPath: string): boolean {
  return isStandingOffice(p) || can(p, 'task.read', unitPath);
}

/** Event types that change a number on a dashboard. */
const LIVE_PREFIXES = ['indicator.', 'report.', 'task.', 'bottleneck.', 'score.'];

export function isDashboardEvent(event: DomainEvent): boolean {
  return LIVE_PREFIXES.some((prefix) => event.type.startsWith(prefix));
}

/**
 * May this viewer hear about the event? National viewers hear every dashboard event; others only
 * about events placed inside one of their subtrees (an event with no unit is national news only).
 */
export function canSeeDashboardEvent(p: Principal, event: DomainEvent): boolean {
  if (!isDashboardEvent(event)) return false;
  const roots = taskScopeRoots(p);
  if (roots === null) return true;
  if (!event.unitPath) return false;
  return roots.some((r) => event.unitPath!.startsWith(r));
}
