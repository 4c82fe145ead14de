import { describe, expect, it } from 'vitest';
import type { Principal } from '../../org/policies';
import { canAssess, canConfirm, parentPathOf } from './policies';

const principal = (role: 'leader' | 'officer' | 'standing_office', unitPath: string): Principal => ({
  userId: 'u',
  email: 'e',
  fullName: 'n',
  homeUnitId: 'h',
  via: 'session',
  grants: [{ role, unitId: 'x', unitCode: 'X', unitName: 'X', unitPath }],
});

describe('checklist policies', () => {
  it('parent path', () => {
    expect(parentPathOf('/a/b/c/')).toBe('/a/b/');
    expect(parentPathOf('/a/')).toBeNull();
  });

  it('confirmation only from strictly above', () => {
    expect(canConfirm(principal('leader', '/r/p/'), '/r/p/c/')).toBe(true);
    expect(canConfirm(principal('leader', '/r/'), '/r/p/c/')).toBe(true);
    expect(canConfirm(principal('leader', '/r/p/c/'), '/r/p/c/')).toBe(false);
    expect(canConfirm(principal('leader', '/r/q/'), '/r/p/c/')).toBe(false);
    expect(canConfirm(principal('officer', '/r/p/'), '/r/p/c/')).toBe(false);
  });

  it('self-assessment within the reporting scope', () => {
    expect(canAssess(principal('officer', '/r/p/c/'), '/r/p/c/')).toBe(true);
    expect(canAssess(principal('officer', '/r/p/d/'), '/r/p/c/')).toBe(false);
    expect(canAssess(principal('standing_office', '/r/'), '/r/p/c/')).toBe(false);
  });
});
