/**
 * Reference data added after a database was first seeded. The reference seed runs once per
 * database; these steps run on every start, so an existing installation gains what later versions
 * bring without a manual step. Catalogues this code owns outright (indicators, checklists, score
 * weights) are reconciled every time. Data that people edit afterwards (portal categories and
 * documents, the triage starter set, deadlines and calendar days, whether a plan is public) is
 * added once per database and then left alone, so a deleted document or holiday never comes back.
 */
import { eq } from 'drizzle-orm';
import { seedFeedbackDeadlineDefaults } from '../feedback/deadlines/seed';
import { seedTriageExamples } from '../feedback/triage/seed-triage-examples';
import { seedChecklists } from '../indicators/checklist/seed-checklists';
import { seedScoreConfig } from '../indicators/scoring/seed-score-config';
import { seedIndicatorCatalogue } from '../indicators/seed-indicator-catalogue';
import { plan } from '../monitoring/schema';
import type { Database, Tx } from '../platform/db/client';
import { seedPortalReference } from '../portal/seed-portal';
import { ROOT_CODE } from './build-org-tree';
import { NQ03_PLAN_CODE, isSeeded, markSeeded } from './seed-reference';

/** Steps that run once per database, in order; a key is never reused for different work. */
export const ONE_TIME_TOP_UPS: readonly { key: string; run: (tx: Tx) => Promise<unknown> }[] = [
  { key: 'topup.portal-reference', run: (tx) => seedPortalReference(tx, ROOT_CODE) },
  { key: 'topup.triage-starter', run: (tx) => seedTriageExamples(tx) },
  { key: 'topup.feedback-deadlines', run: (tx) => seedFeedbackDeadlineDefaults(tx) },
  // the Government's programme is public by nature; the column arrived later with default false
  { key: 'topup.nq03-plan-public', run: (tx) => tx.update(plan).set({ isPublic: true }).where(eq(plan.code, NQ03_PLAN_CODE)) },
];

export async function topUpReferenceData(db: Database): Promise<void> {
  await seedIndicatorCatalogue(db);
  await seedChecklists(db);
  await seedScoreConfig(db);
  // only a seeded database has the units and plans these steps attach to
  if (!(await isSeeded(db, 'seed.reference'))) return;
  for (const step of ONE_TIME_TOP_UPS) {
    if (await isSeeded(db, step.key)) continue;
    await db.transaction(async (tx) => {
      await step.run(tx);
      await markSeeded(tx, step.key, { at: new Date().toISOString() });
    });
  }
}
