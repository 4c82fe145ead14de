/**
 * Who may export and import indicator values. Reading follows the checklist rule (national
 * oversight sees everything, others their subtrees); writing needs indicator.report over each
 * row's unit, checked row by row in import-values.ts.
 */
import { type Principal, canAnywhere } from '../../org/policies';
import { checklistReadRoots } from '../checklist/policies';

/** Subtree roots whose values the principal may export; null means the whole tree. */
export function valueReadRoots(p: Principal | null | undefined): string[] | null {
  return checklistReadRoots(p);
}

export function canExportValues(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'task.read') || canAnywhere(p, 'indicator.report') || canAnywhere(p, 'oversight.national');
}

export function canImportValues(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'indicator.report');
}
