/**
 * Measured status of an indicator: per value (a unit's figure against its target) and per KPI
 * (the national figure of the latest period with approved data against that period's national
 * target). Only approved values count for the KPI status: it is what dashboards and the public see.
 *
 * The target of a unit's value is its own target for the period; a unit without one is measured
 * against the national target only when the indicator is not a sum (a province's share of online
 * services compares with the national share; a province's count never compares with a national total).
 * A KPI aggregated as 'latest' is a national statistic: its national figure is the root's value,
 * else the value of the unit responsible for it.
 */
import { rootUnit } from '../org/queries';
import type { Executor } from '../platform/db/client';
import { achievement, type ValueStatus, valueStatus } from './achievement';
import { aggregateIndicator } from './aggregate-indicator';
import { previousPeriodWithValues, targetFor, type IndicatorRow } from './queries';

export interface MeasuredStatus {
  period: string;
  value: number;
  target: number | null;
  achievement: number | null;
  status: ValueStatus | null;
}

type StatusIndicator = Pick<IndicatorRow, 'id' | 'direction' | 'baselineValue' | 'onTrackRatio' | 'atRiskRatio' | 'aggregation' | 'responsibleUnitId'>;

/** Status of one value against a target with the indicator's thresholds. */
export function statusOf(ind: StatusIndicator, value: number, target: number | null): { achievement: number | null; status: ValueStatus | null } {
  if (target == null) return { achievement: null, status: null };
  const baseline = ind.baselineValue == null ? null : Number(ind.baselineValue);
  const a = achievement(value, target, ind.direction ?? 'higher', baseline);
  return { achievement: a, status: valueStatus(a, Number(ind.onTrackRatio), Number(ind.atRiskRatio)) };
}

/** The target a unit's value is measured against (see the module comment). */
export async function valueTarget(db: Executor, ind: StatusIndicator, unitId: string, period: string, rootId: string | null): Promise<number | null> {
  return targetFor(db, ind.id, period, unitId, ind.aggregation === 'sum' ? null : rootId);
}

/** National value of the indicator for a period (approved values only unless told otherwise). */
export async function nationalValue(db: Executor, ind: StatusIndicator, period: string, approvedOnly = true): Promise<number | null> {
  const root = await rootUnit(db);
  if (!root) return null;
  const values = await aggregateIndicator(db, { indicatorId: ind.id, period, approvedOnly });
  const own = values.get(root.id);
  if (own !== undefined) return own;
  if (ind.aggregation === 'latest' && ind.responsibleUnitId) return values.get(ind.responsibleUnitId) ?? null;
  return null;
}

/** Periods with values tried, newest first, for a national figure built from approved values. */
export const STATUS_PERIOD_TRIES = 6;

/** The KPI's status: national figure of the latest period with approved data vs that period's target. */
export async function indicatorStatus(db: Executor, ind: StatusIndicator, period?: string): Promise<MeasuredStatus | null> {
  const root = await rootUnit(db);
  if (!root) return null;
  const measure = async (p: string): Promise<MeasuredStatus | null> => {
    const value = await nationalValue(db, ind, p, true);
    if (value == null) return null;
    const target = await targetFor(db, ind.id, p, root.id);
    return { period: p, value, target, ...statusOf(ind, value, target) };
  };
  if (period) return measure(period);
  let before: string | null = null;
  for (let i = 0; i < STATUS_PERIOD_TRIES; i++) {
    before = await previousPeriodWithValues(db, ind.id, before);
    if (!before) return null;
    const found = await measure(before);
    if (found) return found;
  }
  return null;
}
