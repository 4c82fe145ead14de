/**
 * Demo score snapshots of the two months before the current one, so the league tables show
 * movement from the first visit. Idempotent: a month already frozen is left as it is.
 */
import { SYSTEM_ACTOR } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { shiftPeriod } from '../periods';
import { seedScoreConfig } from './seed-score-config';
import { previousMonth, takeScoreSnapshot } from './take-score-snapshot';

export async function seedDemoScoreSnapshots(db: Database, now = new Date()): Promise<void> {
  await seedScoreConfig(db);
  const last = previousMonth(now);
  const actor = { ...SYSTEM_ACTOR, label: 'seed:demo' };
  for (const period of [shiftPeriod(last, -1), last]) {
    await takeScoreSnapshot(db, { period, actor, ifAbsent: true, now });
  }
}
