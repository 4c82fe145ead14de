/** Who may report, approve (strictly above only), manage and rate indicators. */
import { describe, expect, it } from 'vitest';
import type { Principal, RoleGrant } from '../org/policies';
import { STANDING_OFFICE_CODE } from '../org/policies';
import { approvalRoots, canApproveIndicatorPeriod, canManageIndicators, canRateIndicator, canReportIndicators, canSeeUnitValues, canViewIndicators } from './policies';

const ROOT = '/r/';
const VPTW = '/r/vp/';
const BLOC = '/r/bloc/';
const HANOI = '/r/bloc/hn/';
const COMMUNE = '/r/bloc/hn/c1/';
const DANANG = '/r/bloc/dn/';

function who(...grants: [RoleGrant['role'], string][]): Principal {
  return {
    userId: 'u',
    email: 'u@test',
    fullName: 'U',
    homeUnitId: 'x',
    via: 'session',
    grants: grants.map(([role, unitPath]) => ({ role, unitPath, unitId: unitPath, unitCode: unitPath === VPTW ? STANDING_OFFICE_CODE : unitPath, unitName: unitPath })),
  };
}

describe('indicator policies', () => {
  it('officers and leaders report over their subtree only', () => {
    const officer = who(['officer', HANOI]);
    expect(canReportIndicators(officer, HANOI)).toBe(true);
    expect(canReportIndicators(officer, COMMUNE)).toBe(true);
    expect(canReportIndicators(officer, DANANG)).toBe(false);
    expect(canReportIndicators(who(['viewer', ROOT]), HANOI)).toBe(false);
  });

  it('a leader approves strictly below: never its own unit, never a sibling', () => {
    const leader = who(['leader', HANOI]);
    expect(canApproveIndicatorPeriod(leader, COMMUNE)).toBe(true);
    expect(canApproveIndicatorPeriod(leader, HANOI)).toBe(false);
    expect(canApproveIndicatorPeriod(leader, DANANG)).toBe(false);
    expect(canApproveIndicatorPeriod(who(['officer', HANOI]), COMMUNE)).toBe(false);
    expect(approvalRoots(leader)).toEqual([HANOI]);
  });

  it('the standing office approves nationwide but not its own unit or the units above it', () => {
    const atVptw = who(['standing_office', VPTW]);
    expect(canApproveIndicatorPeriod(atVptw, HANOI)).toBe(true);
    expect(canApproveIndicatorPeriod(atVptw, BLOC)).toBe(true);
    expect(canApproveIndicatorPeriod(atVptw, VPTW)).toBe(false);
    expect(canApproveIndicatorPeriod(atVptw, ROOT)).toBe(false);
    const atRoot = who(['standing_office', ROOT]);
    expect(canApproveIndicatorPeriod(atRoot, DANANG)).toBe(true);
    expect(canApproveIndicatorPeriod(atRoot, ROOT)).toBe(false);
    expect(approvalRoots(atRoot)).toBeNull();
  });

  it('manage and rate follow their permissions; viewers read but only in scope', () => {
    expect(canManageIndicators(who(['standing_office', ROOT]))).toBe(true);
    expect(canManageIndicators(who(['leader', HANOI]))).toBe(false);
    expect(canRateIndicator(who(['leader', HANOI]), COMMUNE)).toBe(true);
    expect(canRateIndicator(who(['leader', HANOI]), DANANG)).toBe(false);
    expect(canRateIndicator(who(['officer', HANOI]), HANOI)).toBe(false);
    const viewer = who(['viewer', HANOI]);
    expect(canViewIndicators(viewer)).toBe(true);
    expect(canSeeUnitValues(viewer, COMMUNE)).toBe(true);
    expect(canSeeUnitValues(viewer, DANANG)).toBe(false);
    expect(canSeeUnitValues(who(['standing_office', VPTW]), DANANG)).toBe(true);
    expect(canViewIndicators(null)).toBe(false);
  });
});
