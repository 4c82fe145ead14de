/** Scoring jobs: the monthly frozen snapshot. */
import type { AppContext } from '../../platform/context';

export async function registerScoringJobs(_ctx: AppContext): Promise<void> {}
