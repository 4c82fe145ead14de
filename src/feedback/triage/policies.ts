/**
 * Who may ask for a triage suggestion: staff who triage (the standing office) or record
 * submissions (agencies' leaders and officers), anywhere in the tree. The suggestion reveals
 * other cases' tracking codes, so the public and plain viewers may not.
 */
import { type Principal, canAnywhere } from '../../org/policies';

export function canSuggestTriage(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.triage') || canAnywhere(p, 'feedback.record');
}
