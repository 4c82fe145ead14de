/**
 * Who may do what with a PAKN-GPSK case. The only place these decisions are made; routes,
 * use-cases, queries and views ask here.
 * - triage (accept, reject, merge, forward): the standing office (feedback.triage), which sees
 *   every case;
 * - see a case: the standing office, or staff with feedback.read over a unit the case was
 *   forwarded to (returned assignments included: they keep their history);
 * - see the submitter's contact data (e-mail, phone, address, ID number — Decree 13/2023): the
 *   standing office, and staff of units whose assignment is still active (forwarded or accepted);
 * - process an assignment: feedback.process over its unit; approve its answer: feedback.approve;
 * - internal notes: written for one unit; read by staff of that unit's scope and by the standing
 *   office, never by another agency.
 */
import { type Principal, can, canAnywhere, scopeRoots } from '../org/policies';
import type { AssignmentStatus } from './schema';

/** What the policies need to know about one assignment. */
export interface AssignmentPlacement {
  unitId: string;
  unitPath: string;
  status: AssignmentStatus;
}

const ACTIVE_ASSIGNMENT: readonly AssignmentStatus[] = ['forwarded', 'accepted'];

export function canTriage(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.triage');
}

/** Staff who may open the case lists at all (navigation). */
export function canUseCases(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.read') || canTriage(p);
}

export function canSeeCase(p: Principal | null | undefined, assignments: readonly AssignmentPlacement[]): boolean {
  if (!p) return false;
  if (canTriage(p)) return true;
  return assignments.some((a) => can(p, 'feedback.read', a.unitPath));
}

export function canSeeContact(p: Principal | null | undefined, assignments: readonly AssignmentPlacement[]): boolean {
  if (!p) return false;
  if (canTriage(p)) return true;
  return assignments.some((a) => ACTIVE_ASSIGNMENT.includes(a.status) && can(p, 'feedback.read', a.unitPath));
}

export function canProcessAssignment(p: Principal | null | undefined, a: Pick<AssignmentPlacement, 'unitPath'>): boolean {
  return can(p, 'feedback.process', a.unitPath);
}

export function canApproveAnswer(p: Principal | null | undefined, a: Pick<AssignmentPlacement, 'unitPath'>): boolean {
  return can(p, 'feedback.approve', a.unitPath);
}

/** A note written for the unit at `noteUnitPath`: its scope's staff and the standing office read it. */
export function canSeeNote(p: Principal | null | undefined, noteUnitPath: string): boolean {
  if (!p) return false;
  if (canTriage(p)) return true;
  return can(p, 'feedback.read', noteUnitPath);
}

/**
 * The unit a new note by this principal belongs to: the first assignment they may process, else
 * the standing office's own unit when they triage; null when they may not write notes here.
 */
export function noteUnitFor(
  p: Principal | null | undefined,
  assignments: readonly AssignmentPlacement[],
  standingOfficeUnitId: string | null,
): string | null {
  if (!p) return null;
  const mine = assignments.find((a) => a.status !== 'returned' && canProcessAssignment(p, a)) ?? assignments.find((a) => canProcessAssignment(p, a));
  if (mine && !canTriage(p)) return mine.unitId;
  if (canTriage(p)) return standingOfficeUnitId ?? p.grants.find((g) => g.role === 'standing_office')?.unitId ?? null;
  return mine?.unitId ?? null;
}

/**
 * Subtree roots of units whose cases the principal sees in lists; null means every case
 * (the standing office).
 */
export function caseListRoots(p: Principal): string[] | null {
  if (canTriage(p)) return null;
  return scopeRoots(p, 'feedback.read');
}
