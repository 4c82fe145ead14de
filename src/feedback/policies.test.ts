/** The PAKN case policies as a matrix: roles × units × decisions. */
import { describe, expect, it } from 'vitest';
import type { Principal, RoleGrant } from '../org/policies';
import { STANDING_OFFICE_CODE } from '../org/policies';
import type { Role } from '../org/schema';
import {
  type AssignmentPlacement,
  canApproveAnswer,
  canProcessAssignment,
  canSeeCase,
  canSeeContact,
  canSeeNote,
  canTriage,
  canUseCases,
  caseListRoots,
  noteUnitFor,
} from './policies';

const ROOT = '/r/';
const OFFICE = '/r/vptw/';
const BKHCN = '/r/gov/bkhcn/';
const BKHCN_DEPT = '/r/gov/bkhcn/vu/';
const BTC = '/r/gov/btc/';
const HANOI_UBND = '/r/prov/01/ubnd/';

function who(...grants: [Role, string][]): Principal {
  return {
    userId: 'u',
    email: 'u@test',
    fullName: 'U',
    homeUnitId: 'x',
    via: 'session',
    grants: grants.map(([role, unitPath]): RoleGrant => ({ role, unitPath, unitId: `id:${unitPath}`, unitCode: unitPath === OFFICE ? STANDING_OFFICE_CODE : unitPath, unitName: unitPath })),
  };
}

const at = (unitPath: string, status: AssignmentPlacement['status']): AssignmentPlacement => ({ unitId: `id:${unitPath}`, unitPath, status });

const office = who(['standing_office', OFFICE]);
const bkhcnOfficer = who(['officer', BKHCN]);
const bkhcnLeader = who(['leader', BKHCN]);
const deptOfficer = who(['officer', BKHCN_DEPT]);
const btcOfficer = who(['officer', BTC]);
const expert = who(['expert', ROOT]);
const viewer = who(['viewer', BKHCN]);
const admin = who(['admin', ROOT]);

describe('feedback case policies', () => {
  const forwardedToBkhcn = [at(BKHCN, 'accepted'), at(HANOI_UBND, 'forwarded')];

  it('gives triage only to the standing office', () => {
    const rows = [office, bkhcnOfficer, bkhcnLeader, expert, viewer, admin, null].map((p) => canTriage(p));
    expect(rows).toEqual([true, false, false, false, false, false, false]);
    expect([office, bkhcnOfficer, bkhcnLeader, expert, viewer, admin].map(canUseCases)).toEqual([true, true, true, false, false, false]);
  });

  it('shows a case to the standing office and to the units it was forwarded to, nobody else', () => {
    const matrix = [office, bkhcnOfficer, bkhcnLeader, deptOfficer, btcOfficer, expert, viewer, admin, null].map((p) => canSeeCase(p, forwardedToBkhcn));
    expect(matrix).toEqual([true, true, true, false, false, false, false, false, false]);
    // a received case (no assignment) is the standing office's alone
    expect([office, bkhcnOfficer, bkhcnLeader].map((p) => canSeeCase(p, []))).toEqual([true, false, false]);
    // a department below the ministry sees cases forwarded to it, not its parent's
    expect(canSeeCase(deptOfficer, [at(BKHCN_DEPT, 'forwarded')])).toBe(true);
    expect(canSeeCase(bkhcnOfficer, [at(BKHCN_DEPT, 'forwarded')])).toBe(true);
  });

  it('shows contact data only to the standing office and units with an active assignment (Decree 13/2023)', () => {
    expect(canSeeContact(office, [])).toBe(true);
    expect(canSeeContact(bkhcnOfficer, [at(BKHCN, 'forwarded')])).toBe(true);
    expect(canSeeContact(bkhcnOfficer, [at(BKHCN, 'accepted')])).toBe(true);
    expect(canSeeContact(bkhcnOfficer, [at(BKHCN, 'returned'), at(BTC, 'accepted')])).toBe(false);
    expect(canSeeContact(bkhcnOfficer, [at(BKHCN, 'answered')])).toBe(false);
    expect(canSeeContact(btcOfficer, forwardedToBkhcn)).toBe(false);
    expect(canSeeContact(expert, forwardedToBkhcn)).toBe(false);
    expect(canSeeContact(null, forwardedToBkhcn)).toBe(false);
    // a returned agency still sees the case (its history), without contact data
    expect(canSeeCase(bkhcnOfficer, [at(BKHCN, 'returned')])).toBe(true);
  });

  it('lets the unit process its assignment and only feedback.approve holders approve', () => {
    const a = at(BKHCN, 'accepted');
    expect([office, bkhcnOfficer, bkhcnLeader, deptOfficer, btcOfficer, expert, viewer].map((p) => canProcessAssignment(p, a))).toEqual([
      false, // the standing office processes only where it holds the role (its own subtree)
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([office, bkhcnOfficer, bkhcnLeader, btcOfficer].map((p) => canApproveAnswer(p, a))).toEqual([false, false, true, false]);
    expect(canApproveAnswer(who(['leader', BTC]), a)).toBe(false);
  });

  it('keeps notes inside the unit that wrote them and the standing office', () => {
    expect(canSeeNote(office, BKHCN)).toBe(true);
    expect(canSeeNote(bkhcnOfficer, BKHCN)).toBe(true);
    expect(canSeeNote(bkhcnLeader, BKHCN)).toBe(true);
    expect(canSeeNote(btcOfficer, BKHCN)).toBe(false);
    expect(canSeeNote(bkhcnOfficer, OFFICE)).toBe(false);
    expect(canSeeNote(bkhcnOfficer, HANOI_UBND)).toBe(false);
    expect(canSeeNote(expert, BKHCN)).toBe(false);
    expect(canSeeNote(null, BKHCN)).toBe(false);
  });

  it('files a new note under the writer’s assignment, or the standing office', () => {
    expect(noteUnitFor(bkhcnOfficer, forwardedToBkhcn, 'id:office')).toBe(`id:${BKHCN}`);
    expect(noteUnitFor(office, forwardedToBkhcn, 'id:office')).toBe('id:office');
    expect(noteUnitFor(btcOfficer, forwardedToBkhcn, 'id:office')).toBeNull();
    expect(noteUnitFor(expert, forwardedToBkhcn, 'id:office')).toBeNull();
  });

  it('lists every case for the standing office and the read subtrees for agencies', () => {
    expect(caseListRoots(office)).toBeNull();
    expect(caseListRoots(who(['officer', BKHCN], ['leader', BKHCN_DEPT], ['officer', BTC]))).toEqual([BKHCN, BTC]);
    expect(caseListRoots(expert)).toEqual([]);
  });
});
