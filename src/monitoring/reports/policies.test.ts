import { describe, expect, it } from 'vitest';
import type { Principal, RoleGrant } from '../../org/policies';
import { STANDING_OFFICE_CODE } from '../../org/policies';
import type { Role } from '../../org/schema';
import { canRaiseBottleneck, canReviewReports, canSeeTaskReports, canUpdateBottleneck, reportableUnits, reviewRoots } from './policies';

const ROOT = '/r/';
const HANOI = '/r/hn/';
const HOAN_KIEM = '/r/hn/hk/';
const DANANG = '/r/dn/';
const MINISTRY = '/r/bkhcn/';

function who(...grants: [Role, string][]): Principal {
  return {
    userId: 'u',
    email: 'u@test',
    fullName: 'U',
    homeUnitId: 'x',
    via: 'session',
    grants: grants.map(([role, unitPath]): RoleGrant => ({ role, unitPath, unitId: unitPath, unitCode: unitPath === '/r/vptw/' ? STANDING_OFFICE_CODE : unitPath, unitName: unitPath })),
  };
}

const task = { leadUnitId: 'hn', leadUnitPath: HANOI, assigningUnitPath: ROOT, coordinators: [{ id: 'bkhcn', path: MINISTRY }] };

describe('report policies', () => {
  it('lets the lead unit report on the whole task and a co-ordinating unit on its part', () => {
    expect(reportableUnits(who(['officer', HANOI]), task)).toEqual([{ id: 'hn', lead: true }]);
    expect(reportableUnits(who(['leader', MINISTRY]), task)).toEqual([{ id: 'bkhcn', lead: false }]);
    expect(reportableUnits(who(['officer', HOAN_KIEM]), task)).toEqual([]);
    expect(reportableUnits(who(['viewer', HANOI], ['expert', HANOI]), task)).toEqual([]);
    expect(reportableUnits(who(['officer', DANANG]), task)).toEqual([]);
  });

  it('keeps a sibling province out and lets reviewers of the assigning unit or the standing office review', () => {
    expect(canSeeTaskReports(who(['officer', DANANG]), task)).toBe(false);
    expect(canSeeTaskReports(who(['viewer', HANOI]), task)).toBe(true);
    expect(canReviewReports(who(['officer', HANOI]), task)).toBe(false);
    expect(canReviewReports(who(['leader', HANOI]), task)).toBe(false);
    expect(canReviewReports(who(['leader', ROOT]), task)).toBe(true);
    expect(canReviewReports(who(['admin', ROOT]), task)).toBe(true);
    expect(canReviewReports(who(['standing_office', '/r/vptw/']), task)).toBe(true);
    expect(reviewRoots(who(['standing_office', '/r/vptw/']))).toBeNull();
    expect(reviewRoots(who(['leader', HANOI], ['admin', HOAN_KIEM], ['officer', DANANG]))).toEqual([HANOI]);
  });

  it('decides who raises and updates bottlenecks', () => {
    expect(canRaiseBottleneck(who(['officer', HANOI]), HANOI, task)).toBe(true);
    expect(canRaiseBottleneck(who(['officer', DANANG]), HANOI, task)).toBe(false);
    expect(canRaiseBottleneck(who(['officer', DANANG]), HANOI, null)).toBe(false);
    expect(canUpdateBottleneck(who(['officer', HOAN_KIEM]), HANOI, null)).toBe(false);
    expect(canUpdateBottleneck(who(['leader', HANOI]), HOAN_KIEM, null)).toBe(true);
    expect(canUpdateBottleneck(who(['admin', ROOT]), DANANG, task)).toBe(true);
  });
});
