import { describe, expect, it } from 'vitest';
import { type Principal, can, canAnywhere, canAssignRole, scopeRoots } from './policies';

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
    expect(canAssignRole(provincialAdmin, 'officer', HANOI_WARD)).toBe(true);
    expect(canAssignRole(provincialAdmin, 'admin', HANOI_WARD)).toBe(true);
    expect(canAssignRole(provincialAdmin, 'admin', ROOT)).toBe(false);
    expect(canAssignRole(provincialAdmin, 'officer', HUE)).toBe(false);
    expect(canAssignRole(principal([grant('leader', ROOT)]), 'officer', HANOI)).toBe(false);
  });
});
