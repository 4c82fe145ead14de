/**
 * Who may act in the portal. Content belongs to a section (an organisation unit); editors
 * ('portal.write') write in the subtree where they hold the role, approvers ('portal.publish')
 * publish, schedule, archive and feature there. Featuring on the national front page needs
 * 'portal.publish' at the tree's root.
 */
import { type Principal, ROLE_PERMISSIONS, can, canAnywhere } from '../org/policies';

/** May write (create, edit drafts, send for review) content of the section at `sectionPath`. */
export function canWriteIn(p: Principal | null | undefined, sectionPath: string): boolean {
  return can(p, 'portal.write', sectionPath) || can(p, 'portal.publish', sectionPath);
}

/** May publish, schedule, return, archive content of the section at `sectionPath`. */
export function canPublishIn(p: Principal | null | undefined, sectionPath: string): boolean {
  return can(p, 'portal.publish', sectionPath);
}

/** Sees the editorial pages at all. */
export function canUseEditor(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'portal.write') || canAnywhere(p, 'portal.publish');
}

/** May feature an item on the national front page (approver at the root of the tree). */
export function canFeature(p: Principal | null | undefined, rootPath: string): boolean {
  return can(p, 'portal.publish', rootPath);
}

/** Where the principal may write: the units of their editor/approver roles, outermost first. */
export function writableRoots(p: Principal | null | undefined): { unitId: string; unitCode: string; unitName: string; unitPath: string }[] {
  if (!p) return [];
  const seen = new Set<string>();
  return p.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes('portal.write') || ROLE_PERMISSIONS[g.role].includes('portal.publish'))
    .filter((g) => {
      if (seen.has(g.unitId)) return false;
      seen.add(g.unitId);
      return true;
    })
    .map((g) => ({ unitId: g.unitId, unitCode: g.unitCode, unitName: g.unitName, unitPath: g.unitPath }))
    .sort((a, b) => a.unitPath.length - b.unitPath.length);
}
