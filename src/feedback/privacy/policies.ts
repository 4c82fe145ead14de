/**
 * Who may act on a submitter's request about their personal data on their behalf: the standing
 * office (it triages every case) and whoever configures PAKN-GPSK. The submitter acts for
 * themselves with the tracking code and PIN, which the routes check.
 */
import { type Principal, canAnywhere } from '../../org/policies';
import { canTriage } from '../policies';

export function canHandlePersonalDataRequests(p: Principal | null | undefined): boolean {
  return canAnywhere(p, 'feedback.configure') || canTriage(p);
}
