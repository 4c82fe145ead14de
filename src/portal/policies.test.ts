/** Portal permissions: editors write in their subtree, approvers publish there, the root features. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../org/policies';
import type { Role } from '../org/schema';
import { canFeature, canPublishIn, canUseEditor, canWriteIn, writableRoots } from './policies';

const ROOT = '/r/';
const HN = '/r/hn/';
const DN = '/r/dn/';
const who = (...grants: [Role, string][]): Principal => ({
  userId: 'u',
  email: 'u@x.vn',
  fullName: 'U',
  homeUnitId: 'h',
  via: 'session',
  grants: grants.map(([role, unitPath]) => ({ role, unitPath, unitId: unitPath, unitCode: unitPath, unitName: unitPath })),
});

describe('portal policies', () => {
  it('editors write but do not publish, inside their subtree only', () => {
    const editor = who(['editor', HN]);
    expect(canWriteIn(editor, `${HN}x/`)).toBe(true);
    expect(canWriteIn(editor, DN)).toBe(false);
    expect(canWriteIn(editor, ROOT)).toBe(false);
    expect(canPublishIn(editor, HN)).toBe(false);
    expect(canUseEditor(editor)).toBe(true);
    expect(writableRoots(editor).map((s) => s.unitPath)).toEqual([HN]);
  });
  it('approvers publish in their province; only the root approver features', () => {
    const leader = who(['leader', HN]);
    expect(canPublishIn(leader, HN)).toBe(true);
    expect(canPublishIn(leader, DN)).toBe(false);
    expect(canFeature(leader, ROOT)).toBe(false);
    expect(canFeature(who(['standing_office', ROOT]), ROOT)).toBe(true);
  });
  it('other staff stay out', () => {
    const officer = who(['officer', HN]);
    expect(canUseEditor(officer)).toBe(false);
    expect(canWriteIn(officer, HN)).toBe(false);
    expect(writableRoots(officer)).toEqual([]);
    expect(canUseEditor(null)).toBe(false);
  });
});
