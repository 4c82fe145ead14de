/**
 * Scores computed now, as league tables, dashboards and the map show them. Computing them reads
 * every task, report, PAKN assignment and approved KPI value of the country (seconds at national
 * scale), so they come through the live cache: unchanged data answers at once, changed data is
 * recomputed in the background at most once per cache period (see platform/cache/live-cache.ts).
 */
import { hcmDate } from '../../monitoring/dates';
import { type Cached, liveCacheFor } from '../../platform/cache/live-cache';
import type { Executor } from '../../platform/db/client';
import { computeScores } from './compute-scores';
import type { ScoreDimension, ScoredUnitClass, UnitScore } from './types';

export async function liveScores(
  db: Executor,
  opts: { unitClass: ScoredUnitClass; dimension: ScoreDimension; now?: Date },
): Promise<Cached<UnitScore[]> & { asOf: string }> {
  const asOf = hcmDate(opts.now ?? new Date());
  const key = `scores|${asOf}|${opts.unitClass}|${opts.dimension}`;
  const cached = await liveCacheFor(db).get(db, key, () => computeScores(db, { asOf, unitClass: opts.unitClass, dimension: opts.dimension }));
  return { ...cached, asOf };
}
