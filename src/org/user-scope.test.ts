import { describe, expect, it } from 'vitest';
import type { Principal } from './policies';
import { canManageAccount, canSeeUser } from './user-scope';

const ROOT = '/r/';
const HN = '/r/p/01/';
const HN_WARD = '/r/p/01/w/';
const DN = '/r/p/48/';

function admin(path: string): Principal {
  return {
    userId: 'u',
    email: 'a@x.vn',
    fullName: 'A',
    homeUnitId: 'h',
    via: 'session',
    grants: [{ role: 'admin', unitId: 'x', unitCode: 'x', unitName: 'x', unitPath: path }],
  };
}

describe('user scope', () => {
  it('sees users homed or holding a role inside the subtree', () => {
    expect(canSeeUser(admin(HN), { homeUnitPath: HN_WARD, rolePaths: [HN_WARD] })).toBe(true);
    expect(canSeeUser(admin(HN), { homeUnitPath: DN, rolePaths: [HN_WARD] })).toBe(true);
    expect(canSeeUser(admin(HN), { homeUnitPath: DN, rolePaths: [DN] })).toBe(false);
    expect(canSeeUser(admin(ROOT), { homeUnitPath: DN, rolePaths: [] })).toBe(true);
  });

  it('manages an account only when all of it lies in scope', () => {
    expect(canManageAccount(admin(HN), { homeUnitPath: HN_WARD, rolePaths: [HN_WARD, HN] })).toBe(true);
    expect(canManageAccount(admin(HN), { homeUnitPath: HN, rolePaths: [ROOT] })).toBe(false);
    expect(canManageAccount(admin(HN), { homeUnitPath: DN, rolePaths: [HN] })).toBe(false);
    expect(canManageAccount(admin(ROOT), { homeUnitPath: DN, rolePaths: [ROOT, HN] })).toBe(true);
  });

  it('gives nothing to officers or to nobody', () => {
    const officer: Principal = { ...admin(ROOT), grants: [{ ...admin(ROOT).grants[0], role: 'officer' }] };
    expect(canSeeUser(officer, { homeUnitPath: HN, rolePaths: [] })).toBe(false);
    expect(canManageAccount(null, { homeUnitPath: HN, rolePaths: [] })).toBe(false);
  });
});
