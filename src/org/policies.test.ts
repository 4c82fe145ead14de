import { describe, expect, it } from 'vitest';
import { type Principal, STANDING_OFFICE_CODE, can, canAnywhere, canAssignRole, scopeRoots } from './policies';

const ROOT = '/r/';
const HANOI = '/r/p/hn/';
const HANOI_WARD = '/r/p/hn/w1/';
const HUE = '/r/p/hue/';

const principal = (grants: Principal['grants']): Principal => ({
  userId: 'u',
  email: 'a@b.vn',
  fullName: 'A',
  homeUnitId: 'x',
  grants,
  via: 'session',
});
const grant = (role: Principal['grants'][number]['role'], unitPath: string) => ({
  role,
  unitPath,
  unitId: unitPath,
  unitCode: unitPath,
  unitName: unitPath,
});

const at = (path: string, code = path) => ({ path, code });

describe('policies', () => {
  it('a role covers its unit and the subtree below it', () => {
    const p = principal([grant('officer', HANOI)]);
    expect(can(p, 'org.readMembers', HANOI)).toBe(true);
    expect(can(p, 'org.readMembers', HANOI_WARD)).toBe(true);
  });
  it('never covers a sibling or the parent', () => {
    const p = principal([grant('admin', HANOI)]);
    expect(can(p, 'org.readMembers', HUE)).toBe(false);
    expect(can(p, 'user.manage', ROOT)).toBe(false);
  });
  it('grants only the permissions of the role', () => {
    const p = principal([grant('viewer', ROOT)]);
    expect(can(p, 'org.read', HANOI)).toBe(true);
    expect(can(p, 'org.readMembers', HANOI)).toBe(false);
    expect(canAnywhere(p, 'outbox.read')).toBe(false);
  });
  it('nobody is allowed anything without a principal', () => {
    expect(can(null, 'org.read', ROOT)).toBe(false);
    expect(scopeRoots(undefined, 'org.read')).toEqual([]);
  });
  it('scope roots drop nested subtrees', () => {
    const p = principal([grant('officer', HANOI), grant('leader', HANOI_WARD), grant('officer', HUE)]);
    expect(scopeRoots(p, 'org.readMembers')).toEqual([HANOI, HUE]);
  });
  it('only admins may create admins, and only inside their subtree', () => {
    const provincialAdmin = principal([grant('admin', HANOI)]);
    expect(canAssignRole(provincialAdmin, 'officer', at(HANOI_WARD))).toBe(true);
    expect(canAssignRole(provincialAdmin, 'admin', at(HANOI_WARD))).toBe(true);
    expect(canAssignRole(provincialAdmin, 'admin', at(ROOT))).toBe(false);
    expect(canAssignRole(provincialAdmin, 'officer', at(HUE))).toBe(false);
    expect(canAssignRole(principal([grant('leader', ROOT)]), 'officer', at(HANOI))).toBe(false);
  });
  it('the standing-office role is given only at the root or the standing office, never by a local administrator', () => {
    const provincialAdmin = principal([grant('admin', HANOI)]);
    expect(canAssignRole(provincialAdmin, 'standing_office', at(HANOI_WARD))).toBe(false);
    expect(canAssignRole(provincialAdmin, 'standing_office', at(HANOI))).toBe(false);
    const rootAdmin = principal([grant('admin', ROOT)]);
    expect(canAssignRole(rootAdmin, 'standing_office', at(ROOT))).toBe(true);
    expect(canAssignRole(rootAdmin, 'standing_office', at(`${ROOT}vptw/`, STANDING_OFFICE_CODE))).toBe(true);
    expect(canAssignRole(rootAdmin, 'standing_office', at(HANOI))).toBe(false);
  });
  it('national permissions come only from a role at the root or the standing office', () => {
    const provincialAdmin = principal([grant('admin', HANOI)]);
    expect(can(provincialAdmin, 'user.manage', HANOI_WARD)).toBe(true);
    expect(canAnywhere(provincialAdmin, 'feedback.configure')).toBe(false);
    expect(can(provincialAdmin, 'feedback.configure', HANOI)).toBe(false);
    expect(canAnywhere(principal([grant('admin', ROOT)]), 'feedback.configure')).toBe(true);
    // a standing-office role left at a province by older data grants nothing national
    const stray = principal([grant('standing_office', HANOI)]);
    expect(canAnywhere(stray, 'oversight.national')).toBe(false);
    expect(canAnywhere(stray, 'feedback.triage')).toBe(false);
    expect(canAnywhere(stray, 'task.manage')).toBe(true);
    const office = principal([{ ...grant('standing_office', `${ROOT}vptw/`), unitCode: STANDING_OFFICE_CODE }]);
    expect(canAnywhere(office, 'oversight.national')).toBe(true);
    expect(scopeRoots(office, 'feedback.triage')).toEqual([`${ROOT}vptw/`]);
  });
});
