/**
 * A league table: one class of units in one dimension, computed now or read from a frozen month,
 * with each unit's movement since the snapshot before it (the latest snapshot, for a live table).
 */
import type { Executor } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { liveScores } from './live-scores';
import { findSnapshot, previousSnapshot, snapshotRanks, snapshotScores } from './snapshot-queries';
import type { ScoreDimension, ScoredUnitClass, UnitScore } from './types';

export interface LeagueRow extends UnitScore {
  previousRank: number | null;
  /** places gained since the previous snapshot (negative: lost); null when either rank is missing */
  movement: number | null;
}

export interface LeagueTable {
  unitClass: ScoredUnitClass;
  dimension: ScoreDimension;
  /** null = computed live */
  snapshot: string | null;
  asOf: string;
  previousSnapshot: string | null;
  rows: LeagueRow[];
}

/** Places gained from `previous` to `current` (rank 3 → 1 is +2). */
export function movementOf(current: number | null, previous: number | null): number | null {
  return current == null || previous == null ? null : previous - current;
}

export async function loadLeagueTable(
  db: Executor,
  opts: { unitClass: ScoredUnitClass; dimension: ScoreDimension; snapshot?: string | null; now?: Date },
): Promise<LeagueTable> {
  let scores: UnitScore[];
  let asOf: string;
  const period = opts.snapshot || null;
  if (period) {
    const snap = await findSnapshot(db, period);
    if (!snap) throw AppError.of('NOT_FOUND', 'scoring.snapshot.unknown', { period });
    scores = await snapshotScores(db, snap.id, opts.dimension, opts.unitClass);
    asOf = snap.asOf;
  } else {
    const live = await liveScores(db, { unitClass: opts.unitClass, dimension: opts.dimension, now: opts.now });
    scores = live.value;
    asOf = live.asOf;
  }
  const prev = await previousSnapshot(db, period);
  const prevRanks = prev ? await snapshotRanks(db, prev.id, opts.dimension) : new Map<string, number | null>();
  const rows = scores.map((s) => {
    const previousRank = prevRanks.get(s.unitId) ?? null;
    return { ...s, previousRank, movement: movementOf(s.rank, previousRank) };
  });
  return { unitClass: opts.unitClass, dimension: opts.dimension, snapshot: period, asOf, previousSnapshot: prev?.period ?? null, rows };
}
