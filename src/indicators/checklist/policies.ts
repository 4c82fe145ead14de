/**
 * Who may see, fill in, confirm and configure checklists. A unit assesses itself (indicator.report
 * over it); only someone holding indicator.approve STRICTLY above the unit confirms, so nobody
 * confirms their own unit's answers.
 */
import { type Principal, can, canAnywhere, scopeRoots } from '../../org/policies';

/** The unit kinds a checklist applies to: communes, wards and special zones. */
export const CHECKLIST_UNIT_KINDS = ['commune', 'ward', 'special_zone'] as const;

export function isChecklistUnitKind(kind: string): boolean {
  return (CHECKLIST_UNIT_KINDS as readonly string[]).includes(kind);
}

/** '/a/b/c/' → '/a/b/'; null for the root. */
export function parentPathOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length <= 1) return null;
  return `/${parts.slice(0, -1).join('/')}/`;
}

/** Subtree roots whose checklists the principal may read; null means the whole tree. */
export function checklistReadRoots(p: Principal | null | undefined): string[] | null {
  if (canAnywhere(p, 'oversight.national')) return null;
  const roots = [...scopeRoots(p, 'task.read'), ...scopeRoots(p, 'indicator.report'), ...scopeRoots(p, 'indicator.approve')];
  return [...new Set(roots)].filter((r) => !roots.some((q) => q !== r && r.startsWith(q))).sort();
}

export function canReadChecklists(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'task.read') || canAnywhere(p, 'indicator.report') || canAnywhere(p, 'oversight.national');
}

export function canReadUnit(p: Principal | null | undefined, path: string): boolean {
  const roots = checklistReadRoots(p);
  return roots === null ? !!p : roots.some((r) => path.startsWith(r));
}

export function canAssess(p: Principal | null | undefined, unitPath: string): boolean {
  return can(p, 'indicator.report', unitPath);
}

export function canConfirm(p: Principal | null | undefined, unitPath: string): boolean {
  const parent = parentPathOf(unitPath);
  return !!parent && can(p, 'indicator.approve', parent);
}

export function canManageChecklists(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'indicator.manage');
}
