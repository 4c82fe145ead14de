/**
 * Scores and ranks (total dimension) of ministries and provinces as the dashboards show them,
 * computed by the scoring module (one rule, one number), with the five score bands the map and
 * the tables use so that colour is never the only carrier of meaning.
 */
import { liveScores } from '../indicators/scoring/live-scores';
import type { ScoredUnitClass, UnitScore } from '../indicators/scoring/types';
import type { Executor } from '../platform/db/client';

/** Band 1 (best) to 5 by the lowest score it takes; null score = band 0 (no data). */
export const SCORE_BANDS = [
  { band: 1, min: 80 },
  { band: 2, min: 65 },
  { band: 3, min: 50 },
  { band: 4, min: 35 },
  { band: 5, min: 0 },
] as const;

export function scoreBand(score: number | null): number {
  if (score == null) return 0;
  return SCORE_BANDS.find((b) => score >= b.min)?.band ?? 5;
}

/** Total scores of one class of units, by unit code. */
export async function unitScores(db: Executor, unitClass: ScoredUnitClass): Promise<Map<string, UnitScore>> {
  const { value } = await liveScores(db, { unitClass, dimension: 'total' });
  return new Map(value.map((s) => [s.unitCode, s]));
}
