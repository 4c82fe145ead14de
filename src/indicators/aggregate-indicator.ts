/**
 * An indicator's value at every unit of a subtree for one period: reported values where units
 * reported them, rolled up the tree (roll-up.ts) where they did not. Dashboards, scoring and the
 * public progress page read through here so that one rule gives one number everywhere.
 */
import { and, eq, sql } from 'drizzle-orm';
import { orgUnit } from '../org/schema';
import type { Executor } from '../platform/db/client';
import { rollUp } from './roll-up';
import { indicator, indicatorSubmission, indicatorValue } from './schema';

export interface AggregateOptions {
  indicatorId: string;
  period: string;
  /** materialised path of the subtree's root ('/id/…/'); the whole tree when omitted */
  rootPath?: string;
  /** count only values whose unit's period has been approved (what dashboards and the public see) */
  approvedOnly?: boolean;
}

/** Reported values of one indicator and period inside a subtree, by unit id. */
export async function reportedValues(db: Executor, opts: AggregateOptions): Promise<Map<string, number>> {
  const approved = opts.approvedOnly
    ? sql`exists (select 1 from ${indicatorSubmission} s where s.org_unit_id = ${indicatorValue.orgUnitId}
        and s.period = ${indicatorValue.period} and s.status = 'approved')`
    : sql`true`;
  const rows = await db
    .select({ unitId: indicatorValue.orgUnitId, value: indicatorValue.value })
    .from(indicatorValue)
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorValue.orgUnitId))
    .where(
      and(
        eq(indicatorValue.indicatorId, opts.indicatorId),
        eq(indicatorValue.period, opts.period),
        opts.rootPath ? sql`${orgUnit.path} like ${`${opts.rootPath}%`}` : sql`true`,
        approved,
      ),
    );
  return new Map(rows.map((r) => [r.unitId, Number(r.value)]));
}

/** The units of a subtree as (id, parentId), the root's parent cut off. */
export async function subtreeUnits(db: Executor, rootPath?: string) {
  return db
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(rootPath ? sql`${orgUnit.path} like ${`${rootPath}%`}` : sql`true`);
}

/** Every unit's value (reported or rolled up) of the indicator for the period. */
export async function aggregateIndicator(db: Executor, opts: AggregateOptions): Promise<Map<string, number>> {
  const [ind] = await db
    .select({ aggregation: indicator.aggregation, weightIndicatorId: indicator.weightIndicatorId })
    .from(indicator)
    .where(eq(indicator.id, opts.indicatorId));
  if (!ind) return new Map();
  const own = await reportedValues(db, opts);
  if (ind.aggregation === 'latest' || own.size === 0) return own;
  const units = await subtreeUnits(db, opts.rootPath);
  const weights =
    ind.aggregation === 'weighted_mean' && ind.weightIndicatorId
      ? await aggregateIndicator(db, { ...opts, indicatorId: ind.weightIndicatorId })
      : new Map<string, number>();
  return rollUp(units, own, ind.aggregation, weights);
}
