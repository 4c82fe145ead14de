/**
 * Freezes a month's scores for the record: every class and dimension computed as of the month's
 * last day, with the configuration in force, in one transaction. A frozen month is never
 * recomputed: a second attempt (a retried job, a second click) is refused and changes nothing.
 */
import { sql } from 'drizzle-orm';
import { hcmDate } from '../../monitoring/dates';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parsePeriod, periodBounds, shiftPeriod } from '../periods';
import { scoreSnapshot, scoreSnapshotRow } from '../schema';
import { computeScores } from './compute-scores';
import { activeScoreConfig } from './queries';
import { parseStoredWeights } from './score-math';
import { ALL_DIMENSIONS } from './types';

export interface TakeSnapshotResult {
  /** false when the month was already frozen (nothing was written) */
  created: boolean;
  snapshotId: string | null;
  period: string;
  asOf: string;
  rows: number;
}

/** The month before the one that contains `now` in Vietnam ('YYYY-MM'). */
export function previousMonth(now: Date = new Date()): string {
  return shiftPeriod(hcmDate(now).slice(0, 7), -1);
}

/**
 * Freezes `period` ('YYYY-MM', a month that has ended). Throws CONFLICT when it is already
 * frozen unless `ifAbsent` (the monthly job), which then returns created: false.
 */
export async function takeScoreSnapshot(
  db: Database,
  input: { period: string; actor: Actor; ifAbsent?: boolean; now?: Date },
): Promise<TakeSnapshotResult> {
  const p = parsePeriod(input.period);
  if (p?.frequency !== 'month') {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { period: t('scoring.snapshot.badPeriod') });
  }
  const asOf = periodBounds(input.period).end;
  if (asOf >= hcmDate(input.now ?? new Date())) {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { period: t('scoring.snapshot.notEnded') });
  }
  return db.transaction(async (tx) => {
    // one freezer at a time: the unique period settles races, the lock keeps the loser from computing
    await tx.execute(sql`SELECT pg_advisory_xact_lock(570057)`);
    const [existing] = await tx.select({ id: scoreSnapshot.id }).from(scoreSnapshot).where(sql`${scoreSnapshot.period} = ${input.period}`);
    if (existing) {
      if (input.ifAbsent) return { created: false, snapshotId: existing.id, period: input.period, asOf, rows: 0 };
      throw AppError.of('CONFLICT', 'scoring.snapshot.alreadyFrozen', { period: input.period });
    }
    const config = await activeScoreConfig(tx);
    if (!config) throw AppError.of('CONFLICT', 'scoring.config.noneActive');
    const weights = parseStoredWeights(config.weights);
    const [snap] = await tx
      .insert(scoreSnapshot)
      .values({ period: input.period, configId: config.id, asOf, takenBy: input.actor.userId })
      .returning({ id: scoreSnapshot.id });
    let rows = 0;
    for (const dimension of ALL_DIMENSIONS) {
      const scores = await computeScores(tx, { asOf, dimension, weights });
      if (scores.length === 0) continue;
      await tx.insert(scoreSnapshotRow).values(
        scores.map((s) => ({
          snapshotId: snap.id,
          orgUnitId: s.unitId,
          dimension,
          score: s.score == null ? null : String(s.score),
          rank: s.rank,
          components: s.components,
        })),
      );
      rows += scores.length;
    }
    await recordAudit(tx, input.actor, {
      action: 'scoring.snapshot.take',
      entityType: 'score_snapshot',
      entityId: snap.id,
      after: { period: input.period, asOf, configCode: config.code, rows },
    });
    return { created: true, snapshotId: snap.id, period: input.period, asOf, rows };
  });
}
