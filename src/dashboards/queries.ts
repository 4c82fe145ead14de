/**
 * Reads behind the live dashboards that the monitoring summary does not cover: task counts per
 * ministry, province or commune, the newest open bottlenecks, and the strategic indicators with
 * their approved periods and targets. Counts are computed on every call (no cache) so that a page
 * or fragment fetched after an approval shows it.
 */
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { indicator, indicatorTarget } from '../indicators/schema';
import { bottleneck } from '../monitoring/reports/schema';
import { TASK_STATUSES, type TaskStatus, task } from '../monitoring/schema';
import { underAnyPath } from '../org/queries';
import { periodsWithValues } from '../indicators/queries';
import { orgUnit } from '../org/schema';
import type { Executor } from '../platform/db/client';

/** Kinds that get a unit dashboard and a row in "by unit" tables: ministries (and peers) and provinces. */
export const MINISTRY_KINDS = ['ministry', 'ministerial_agency', 'government_agency'] as const;
export const COMMUNE_KINDS = ['ward', 'commune', 'special_zone'] as const;

export interface DashboardUnit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  path: string;
}

const unitColumns = { id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, shortName: orgUnit.shortName, kind: orgUnit.kind, path: orgUnit.path };

/** Ministries (and ministerial/government agencies) then the 34 provinces, in directory order. */
export async function dashboardUnits(db: Executor): Promise<DashboardUnit[]> {
  return db
    .select(unitColumns)
    .from(orgUnit)
    .where(inArray(orgUnit.kind, [...MINISTRY_KINDS, 'province']))
    .orderBy(sql`case when ${orgUnit.kind} = 'province' then 1 else 0 end`, asc(orgUnit.sortOrder), asc(orgUnit.code));
}

/** A ministry or province by code, or null for any other unit. */
export async function findDashboardUnit(db: Executor, code: string): Promise<DashboardUnit | null> {
  const [row] = await db
    .select(unitColumns)
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), inArray(orgUnit.kind, [...MINISTRY_KINDS, 'province'])));
  return row ?? null;
}

/** The communes, wards and special zones directly under a province. */
export async function communesOf(db: Executor, provinceId: string): Promise<DashboardUnit[]> {
  return db
    .select(unitColumns)
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, provinceId), inArray(orgUnit.kind, [...COMMUNE_KINDS])))
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code));
}

export interface UnitTaskCounts {
  unitId: string;
  byStatus: Record<TaskStatus, number>;
  total: number;
  /** open tasks past their deadline (marked overdue, or not yet marked by the hourly job) */
  overdue: number;
}

export const zeroStatuses = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

const countedUnit = alias(orgUnit, 'dash_counted');
const ledBy = alias(orgUnit, 'dash_led_by');

/**
 * Tasks led inside each unit's subtree, by status, with the overdue ones; `roots` (null = all)
 * keeps a viewer to the tasks they may see. Units without tasks get zeroes.
 */
export async function taskCountsByUnit(db: Executor, unitIds: string[], roots: string[] | null, today: string): Promise<Map<string, UnitTaskCounts>> {
  const out = new Map<string, UnitTaskCounts>(unitIds.map((id) => [id, { unitId: id, byStatus: zeroStatuses(), total: 0, overdue: 0 }]));
  if (unitIds.length === 0) return out;
  const scope: SQL = roots === null ? sql`true` : underAnyPath(ledBy.path, roots);
  const rows = await db
    .select({
      unitId: countedUnit.id,
      status: task.status,
      n: sql<number>`count(*)::int`,
      late: sql<number>`count(*) FILTER (WHERE ${task.status} = 'overdue' OR (${task.status} IN ('not_started', 'in_progress') AND ${task.deadline} < ${today}::date))::int`,
    })
    .from(countedUnit)
    .innerJoin(ledBy, sql`${ledBy.path} LIKE ${countedUnit.path} || '%'`)
    .innerJoin(task, eq(task.leadUnitId, ledBy.id))
    .where(and(inArray(countedUnit.id, unitIds), scope))
    .groupBy(countedUnit.id, task.status);
  for (const r of rows) {
    const c = out.get(r.unitId)!;
    c.byStatus[r.status] += r.n;
    c.total += r.n;
    c.overdue += r.late;
  }
  return out;
}

export interface OpenBottleneck {
  id: string;
  title: string;
  status: string;
  createdAt: Date;
  ownerCode: string;
  ownerName: string;
  taskId: string | null;
  taskCode: string | null;
}

const bnOwner = alias(orgUnit, 'dash_bn_owner');

/** The newest open (or in-progress) bottlenecks owned inside the scope. */
export async function latestOpenBottlenecks(db: Executor, roots: string[] | null, limit = 5): Promise<OpenBottleneck[]> {
  return db
    .select({
      id: bottleneck.id,
      title: bottleneck.title,
      status: bottleneck.status,
      createdAt: bottleneck.createdAt,
      ownerCode: bnOwner.code,
      ownerName: bnOwner.name,
      taskId: bottleneck.taskId,
      taskCode: task.code,
    })
    .from(bottleneck)
    .innerJoin(bnOwner, eq(bnOwner.id, bottleneck.ownerUnitId))
    .leftJoin(task, eq(task.id, bottleneck.taskId))
    .where(and(inArray(bottleneck.status, ['open', 'in_progress']), roots === null ? sql`true` : underAnyPath(bnOwner.path, roots)))
    .orderBy(desc(bottleneck.createdAt), desc(bottleneck.id))
    .limit(limit);
}

export interface StrategicIndicator {
  id: string;
  code: string;
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower' | null;
  baselineValue: string | null;
  onTrackRatio: string;
  atRiskRatio: string;
}

/** Active strategic, quantitative indicators (not headings), in catalogue order. */
export async function strategicIndicators(db: Executor): Promise<StrategicIndicator[]> {
  return db
    .select({
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      direction: indicator.direction,
      baselineValue: indicator.baselineValue,
      onTrackRatio: indicator.onTrackRatio,
      atRiskRatio: indicator.atRiskRatio,
    })
    .from(indicator)
    .where(and(eq(indicator.kind, 'strategic'), eq(indicator.isActive, true), eq(indicator.isHeader, false), eq(indicator.qualitative, false)))
    .orderBy(asc(indicator.source), asc(indicator.sortOrder), asc(indicator.code));
}

/**
 * For each indicator, the periods that have at least one approved value inside the subtree,
 * newest first (at most `perIndicator` of them, looking back at most `perIndicator + 12` periods
 * that have values), so the cost does not grow with millions of stored values.
 */
export async function approvedPeriods(db: Executor, indicatorIds: string[], rootPath: string, perIndicator: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const indicatorId of indicatorIds) {
    const found = await periodsWithValues(db, indicatorId, { approvedUnder: rootPath, limit: perIndicator, lookBack: perIndicator + 12 });
    if (found.length) out.set(indicatorId, found);
  }
  return out;
}

/** Targets set for one unit, keyed `indicatorId|period`. */
export async function unitTargets(db: Executor, unitId: string, indicatorIds: string[]): Promise<Map<string, number>> {
  if (indicatorIds.length === 0) return new Map();
  const rows = await db
    .select({ indicatorId: indicatorTarget.indicatorId, period: indicatorTarget.period, value: indicatorTarget.value })
    .from(indicatorTarget)
    .where(and(eq(indicatorTarget.orgUnitId, unitId), inArray(indicatorTarget.indicatorId, indicatorIds)));
  return new Map(rows.map((r) => [`${r.indicatorId}|${r.period}`, Number(r.value)]));
}
