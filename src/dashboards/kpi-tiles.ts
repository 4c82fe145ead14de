/**
 * KPI tiles: for each strategic indicator with approved data in a unit's subtree, the unit's value
 * (reported or rolled up, approved values only) in the latest approved period against the target of
 * that period, its measured status, and the last few periods for a trend line. One rule gives one
 * number: values come from aggregateIndicator, status from achievement/valueStatus.
 */
import { achievement, type ValueStatus, valueStatus } from '../indicators/achievement';
import { aggregateIndicator } from '../indicators/aggregate-indicator';
import type { Executor } from '../platform/db/client';
import { approvedPeriods, strategicIndicators, unitTargets } from './queries';

/** periods shown in a tile's trend line */
export const TREND_PERIODS = 6;

export interface KpiTile {
  indicatorId: string;
  code: string;
  name: string;
  unit: string | null;
  period: string;
  value: number;
  target: number | null;
  /** value against target, 1 = met; null without a target */
  achievement: number | null;
  status: ValueStatus | null;
  /** oldest first, approved periods only */
  trend: { period: string; value: number }[];
}

export async function kpiTiles(db: Executor, unit: { id: string; path: string }, limit = 12): Promise<KpiTile[]> {
  const indicators = await strategicIndicators(db);
  const periods = await approvedPeriods(
    db,
    indicators.map((i) => i.id),
    unit.path,
    TREND_PERIODS,
  );
  const withData = indicators.filter((i) => periods.has(i.id));
  const targets = await unitTargets(
    db,
    unit.id,
    withData.map((i) => i.id),
  );
  const tiles: KpiTile[] = [];
  for (const ind of withData) {
    if (tiles.length >= limit) break;
    const trend: { period: string; value: number }[] = [];
    for (const period of [...periods.get(ind.id)!].reverse()) {
      const values = await aggregateIndicator(db, { indicatorId: ind.id, period, rootPath: unit.path, approvedOnly: true });
      const v = values.get(unit.id);
      if (v !== undefined) trend.push({ period, value: v });
    }
    const last = trend.at(-1);
    if (!last) continue;
    const target = targets.get(`${ind.id}|${last.period}`) ?? null;
    const baseline = ind.baselineValue == null ? null : Number(ind.baselineValue);
    const achieved = target == null ? null : achievement(last.value, target, ind.direction ?? 'higher', baseline);
    tiles.push({
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      unit: ind.unit,
      period: last.period,
      value: last.value,
      target,
      achievement: achieved,
      status: valueStatus(achieved, Number(ind.onTrackRatio), Number(ind.atRiskRatio)),
      trend,
    });
  }
  return tiles;
}
