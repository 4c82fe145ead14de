/**
 * Reference data added after a database was first seeded. The reference seed runs once per
 * database; these steps run on every start, each idempotent, so an existing installation gains
 * the catalogues that later versions bring without a manual step.
 */
import { seedChecklists } from '../indicators/checklist/seed-checklists';
import { seedScoreConfig } from '../indicators/scoring/seed-score-config';
import { seedIndicatorCatalogue } from '../indicators/seed-indicator-catalogue';
import type { Database } from '../platform/db/client';

export async function topUpReferenceData(db: Database): Promise<void> {
  await seedIndicatorCatalogue(db);
  await seedChecklists(db);
  await seedScoreConfig(db);
}
