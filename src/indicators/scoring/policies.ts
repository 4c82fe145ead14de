/**
 * Who may see and steer agency scores. League tables are national by nature (a unit's rank means
 * nothing without the others), so every staff member who reads tasks sees them whole; changing
 * the weights and freezing a month belong to those who manage indicators.
 */
import { type Principal, canAnywhere } from '../../org/policies';

export function canViewRankings(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'task.read');
}

export function canManageScoring(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'indicator.manage');
}
