/**
 * Who may act on the deadline control: the SLA settings and the working-day calendar are national
 * settings changed by holders of feedback.configure (the standing office, administrators); the
 * overdue lists follow the case lists — the standing office sees every agency, other staff with
 * feedback.read the units of their subtree.
 */
import { type Principal, canAnywhere } from '../../org/policies';
import { canTriage, caseListRoots } from '../policies';

export function canConfigureDeadlines(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.configure');
}

/** May open the overdue lists at all. */
export function canSeeOverdue(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.read') || canTriage(p);
}

/** Subtree roots whose overdue assignments the principal sees; null = every agency. */
export function overdueRoots(p: Principal): string[] | null {
  return caseListRoots(p);
}

/** Only the standing office follows cases not yet forwarded. */
export function canSeeUnforwarded(p: Principal | null | undefined): boolean {
  return canTriage(p);
}
