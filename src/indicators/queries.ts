/**
 * Reads of the indicator catalogue, targets, values, period submissions and confidence ratings.
 * Use-cases, routes and presenters go through here so that the SQL lives in one place.
 */
import { executeRows } from '../platform/db/execute-rows';
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgUnit, appUser } from '../org/schema';
import { underAnyPath } from '../org/queries';
import type { Executor } from '../platform/db/client';
import { escapeLike, foldText } from '../platform/text/fold';
import {
  type Frequency,
  type IndicatorKind,
  indicator,
  indicatorConfidence,
  indicatorSubmission,
  indicatorTarget,
  indicatorValue,
} from './schema';

export type IndicatorRow = typeof indicator.$inferSelect;
export type SubmissionRow = typeof indicatorSubmission.$inferSelect;

export async function findIndicatorByCode(db: Executor, code: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(indicator).where(eq(indicator.code, code));
  return row ?? null;
}

export async function findIndicatorById(db: Executor, id: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(indicator).where(eq(indicator.id, id));
  return row ?? null;
}

/** Every indicator, catalogue order not implied; a few hundred rows at most. */
export async function allIndicators(db: Executor): Promise<IndicatorRow[]> {
  return db.select().from(indicator);
}

export async function findIndicatorsByCodes(db: Executor, codes: readonly string[]): Promise<IndicatorRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(indicator).where(inArray(indicator.code, [...codes]));
}

export interface IndicatorFilter {
  kind?: IndicatorKind;
  source?: 'NQ57' | 'NQ03' | 'LOCAL';
  /** the horizon year ('2030', '2045') */
  group?: string;
  frequency?: Frequency;
  q?: string;
}

/** Catalogue rows in display order: strategic, operational, checklist; then source and position. */
export async function listIndicators(db: Executor, f: IndicatorFilter & { limit: number; after?: number }) {
  const conds = [];
  if (f.kind) conds.push(eq(indicator.kind, f.kind));
  if (f.source) conds.push(eq(indicator.source, f.source));
  if (f.group && /^\d{4}$/.test(f.group)) conds.push(eq(indicator.horizon, Number(f.group)));
  if (f.frequency) conds.push(eq(indicator.frequency, f.frequency));
  const q = f.q ? foldText(f.q) : '';
  if (q) conds.push(sql`${indicator.searchText} like ${`%${escapeLike(q)}%`}`);
  const parent = alias(indicator, 'parent_ind');
  const rows = await db
    .select({
      id: indicator.id,
      code: indicator.code,
      source: indicator.source,
      kind: indicator.kind,
      name: indicator.name,
      unit: indicator.unit,
      horizon: indicator.horizon,
      frequency: indicator.frequency,
      aggregation: indicator.aggregation,
      direction: indicator.direction,
      isHeader: indicator.isHeader,
      qualitative: indicator.qualitative,
      targetText: indicator.targetText,
      isActive: indicator.isActive,
      parentCode: parent.code,
      sortKey: sql<number>`row_number() over (order by case ${indicator.kind} when 'strategic' then 0 when 'operational' then 1 else 2 end, ${indicator.source} desc, ${indicator.sortOrder}, ${indicator.code})`,
    })
    .from(indicator)
    .leftJoin(parent, eq(parent.id, indicator.parentId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(sql`case ${indicator.kind} when 'strategic' then 0 when 'operational' then 1 else 2 end`, desc(indicator.source), asc(indicator.sortOrder), asc(indicator.code));
  const numbered = rows.map((r) => ({ ...r, sortKey: Number(r.sortKey) }));
  const after = f.after ?? 0;
  return numbered.filter((r) => r.sortKey > after).slice(0, f.limit + 1);
}

export async function indicatorCodesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: indicator.id, code: indicator.code }).from(indicator).where(inArray(indicator.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function childIndicators(db: Executor, indicatorId: string) {
  return db
    .select({ code: indicator.code, name: indicator.name, weight: indicator.weight })
    .from(indicator)
    .where(eq(indicator.parentId, indicatorId))
    .orderBy(asc(indicator.sortOrder), asc(indicator.code));
}

/** Targets of one indicator at one unit, oldest period first. */
export async function targetsOf(db: Executor, indicatorId: string, unitId: string) {
  return db
    .select({ period: indicatorTarget.period, value: indicatorTarget.value, note: indicatorTarget.note })
    .from(indicatorTarget)
    .where(and(eq(indicatorTarget.indicatorId, indicatorId), eq(indicatorTarget.orgUnitId, unitId)))
    .orderBy(asc(indicatorTarget.period));
}

/** The target of the unit for the period, or of `fallbackUnitId` (the root) when the unit has none. */
export async function targetFor(db: Executor, indicatorId: string, period: string, unitId: string, fallbackUnitId?: string | null): Promise<number | null> {
  const ids = fallbackUnitId && fallbackUnitId !== unitId ? [unitId, fallbackUnitId] : [unitId];
  const rows = await db
    .select({ unitId: indicatorTarget.orgUnitId, value: indicatorTarget.value })
    .from(indicatorTarget)
    .where(and(eq(indicatorTarget.indicatorId, indicatorId), eq(indicatorTarget.period, period), inArray(indicatorTarget.orgUnitId, ids)));
  const own = rows.find((r) => r.unitId === unitId) ?? rows.find((r) => r.unitId === fallbackUnitId);
  return own ? Number(own.value) : null;
}

/**
 * Periods in which the indicator has values, newest first, at most `limit`; with `approvedUnder`,
 * only periods in which a unit of that subtree has an approved value; with `lookBack`, only among
 * that many newest periods. The distinct periods are found by stepping down the (indicator, period)
 * index one period at a time, in one statement, so the cost follows the number of periods rather
 * than the 100k+ values a busy indicator holds at national scale.
 */
export async function periodsWithValues(
  db: Executor,
  indicatorId: string,
  opts: { limit: number; approvedUnder?: string; lookBack?: number },
): Promise<string[]> {
  const approved =
    opts.approvedUnder === undefined
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM ${indicatorValue} v
          JOIN ${indicatorSubmission} s ON s.org_unit_id = v.org_unit_id AND s.period = v.period AND s.status = 'approved'
          JOIN ${orgUnit} u ON u.id = v.org_unit_id
          WHERE v.indicator_id = ${indicatorId} AND v.period = p.period AND u.path LIKE ${`${escapeLike(opts.approvedUnder)}%`}::text)`;
  const rows = await executeRows<{ period: string }>(
    db,
    sql`WITH RECURSIVE p(period, depth) AS (
          (SELECT period, 1 FROM ${indicatorValue} WHERE indicator_id = ${indicatorId} ORDER BY period DESC LIMIT 1)
          UNION ALL
          SELECT (SELECT v.period FROM ${indicatorValue} v WHERE v.indicator_id = ${indicatorId} AND v.period < p.period ORDER BY v.period DESC LIMIT 1), p.depth + 1
          FROM p WHERE p.period IS NOT NULL AND p.depth < ${opts.lookBack ?? 100_000})
        SELECT period FROM p WHERE period IS NOT NULL ${approved}
        LIMIT ${opts.limit}`,
  );
  return rows.map((r) => r.period);
}

/** Reported values of one indicator and period with their units and submission state, inside `roots`. */
export async function unitValues(db: Executor, indicatorId: string, period: string, roots: string[] | null) {
  return db
    .select({
      unitId: orgUnit.id,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      unitPath: orgUnit.path,
      unitParentId: orgUnit.parentId,
      unitLevel: orgUnit.level,
      value: indicatorValue.value,
      comment: indicatorValue.comment,
      evidenceText: indicatorValue.evidenceText,
      evidenceFileId: indicatorValue.evidenceFileId,
      evidenceFileName: indicatorValue.evidenceFileName,
      updatedAt: indicatorValue.updatedAt,
      status: indicatorSubmission.status,
    })
    .from(indicatorValue)
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorValue.orgUnitId))
    .leftJoin(indicatorSubmission, and(eq(indicatorSubmission.orgUnitId, indicatorValue.orgUnitId), eq(indicatorSubmission.period, indicatorValue.period)))
    .where(and(eq(indicatorValue.indicatorId, indicatorId), eq(indicatorValue.period, period), roots === null ? sql`true` : underAnyPath(orgUnit.path, roots)))
    .orderBy(asc(orgUnit.level), asc(orgUnit.sortOrder), asc(orgUnit.code));
}

/** The indicators a unit reports in a period of the given frequency, with what it entered so far. */
export async function reportSheet(db: Executor, unitId: string, period: string, frequency: Frequency) {
  const rows = await db
    .select({
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      kind: indicator.kind,
      direction: indicator.direction,
      aggregation: indicator.aggregation,
      responsibleUnitId: indicator.responsibleUnitId,
      value: indicatorValue.value,
      comment: indicatorValue.comment,
      evidenceText: indicatorValue.evidenceText,
      evidenceFileId: indicatorValue.evidenceFileId,
      evidenceFileName: indicatorValue.evidenceFileName,
    })
    .from(indicator)
    .leftJoin(indicatorValue, and(eq(indicatorValue.indicatorId, indicator.id), eq(indicatorValue.orgUnitId, unitId), eq(indicatorValue.period, period)))
    .where(
      and(
        eq(indicator.isActive, true),
        eq(indicator.isHeader, false),
        eq(indicator.qualitative, false),
        ne(indicator.kind, 'checklist'),
        eq(indicator.frequency, frequency),
        // national statistics belong to the unit answerable for them; operational KPIs to everyone
        or(eq(indicator.kind, 'operational'), eq(indicator.responsibleUnitId, unitId), sql`${indicatorValue.id} is not null`),
      ),
    )
    .orderBy(sql`case ${indicator.kind} when 'operational' then 0 else 1 end`, asc(indicator.sortOrder), asc(indicator.code));
  return rows;
}

export async function findSubmission(db: Executor, unitId: string, period: string): Promise<SubmissionRow | null> {
  const [row] = await db
    .select()
    .from(indicatorSubmission)
    .where(and(eq(indicatorSubmission.orgUnitId, unitId), eq(indicatorSubmission.period, period)));
  return row ?? null;
}

export async function countUnitValues(db: Executor, unitId: string, period: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(indicatorValue)
    .where(and(eq(indicatorValue.orgUnitId, unitId), eq(indicatorValue.period, period)));
  return Number(row?.n ?? 0);
}

/**
 * Units strictly below `unitPath` that take part in `period` (they entered values or have a
 * submission row) and whose period is not approved yet.
 */
export async function pendingDescendants(db: Executor, unitPath: string, unitId: string, period: string) {
  const rows = await db
    .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, status: indicatorSubmission.status })
    .from(orgUnit)
    .leftJoin(indicatorSubmission, and(eq(indicatorSubmission.orgUnitId, orgUnit.id), eq(indicatorSubmission.period, period)))
    .where(
      and(
        sql`${orgUnit.path} like ${`${escapeLike(unitPath)}%`}`,
        ne(orgUnit.id, unitId),
        or(
          sql`${indicatorSubmission.id} is not null`,
          sql`exists (select 1 from ${indicatorValue} v where v.org_unit_id = ${orgUnit.id} and v.period = ${period})`,
        ),
        or(isNull(indicatorSubmission.status), ne(indicatorSubmission.status, 'approved')),
      ),
    )
    .orderBy(asc(orgUnit.level), asc(orgUnit.code));
  return rows;
}

/** Submitted periods awaiting a decision inside `roots` (null: everywhere), oldest first. */
export async function approvalQueue(db: Executor, roots: string[] | null, statuses: ('submitted' | 'returned' | 'approved')[] = ['submitted']) {
  const submitter = alias(appUser, 'submitter');
  return db
    .select({
      id: indicatorSubmission.id,
      unitId: orgUnit.id,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      unitPath: orgUnit.path,
      period: indicatorSubmission.period,
      status: indicatorSubmission.status,
      submittedAt: indicatorSubmission.submittedAt,
      submittedByName: submitter.fullName,
      decisionMessage: indicatorSubmission.decisionMessage,
      valueCount: sql<number>`(select count(*)::int from ${indicatorValue} v where v.org_unit_id = ${orgUnit.id} and v.period = ${indicatorSubmission.period})`,
    })
    .from(indicatorSubmission)
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorSubmission.orgUnitId))
    .leftJoin(submitter, eq(submitter.id, indicatorSubmission.submittedBy))
    .where(and(inArray(indicatorSubmission.status, statuses), roots === null ? sql`true` : underAnyPath(orgUnit.path, roots)))
    .orderBy(asc(indicatorSubmission.submittedAt), asc(orgUnit.code))
    .limit(500);
}

/** Confidence ratings of an indicator (at any unit inside `roots`), newest first. */
export async function confidenceHistory(db: Executor, indicatorId: string, roots: string[] | null, limit = 50) {
  return db
    .select({
      id: indicatorConfidence.id,
      level: indicatorConfidence.level,
      reason: indicatorConfidence.reason,
      createdAt: indicatorConfidence.createdAt,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      setByName: appUser.fullName,
    })
    .from(indicatorConfidence)
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorConfidence.orgUnitId))
    .leftJoin(appUser, eq(appUser.id, indicatorConfidence.setBy))
    .where(and(eq(indicatorConfidence.indicatorId, indicatorId), roots === null ? sql`true` : underAnyPath(orgUnit.path, roots)))
    .orderBy(desc(indicatorConfidence.createdAt), desc(indicatorConfidence.id))
    .limit(limit);
}


/** Indicators eligible as parents in the hierarchy (strategic and operational, not checklists). */
export async function parentChoices(db: Executor) {
  return db
    .select({ id: indicator.id, code: indicator.code, name: indicator.name })
    .from(indicator)
    .where(and(ne(indicator.kind, 'checklist'), eq(indicator.isHeader, false)))
    .orderBy(desc(indicator.source), asc(indicator.sortOrder), asc(indicator.code));
}

/** Every unit's target of the indicator for one period, by unit id. */
export async function targetsForPeriod(db: Executor, indicatorId: string, period: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ unitId: indicatorTarget.orgUnitId, value: indicatorTarget.value })
    .from(indicatorTarget)
    .where(and(eq(indicatorTarget.indicatorId, indicatorId), eq(indicatorTarget.period, period)));
  return new Map(rows.map((r) => [r.unitId, Number(r.value)]));
}

/** A unit's values of one period with their indicators (approval detail, evidence download). */
export async function periodValues(db: Executor, unitId: string, period: string) {
  return db
    .select({
      code: indicator.code,
      name: indicator.name,
      value: indicatorValue.value,
      comment: indicatorValue.comment,
      evidenceText: indicatorValue.evidenceText,
      evidenceFileId: indicatorValue.evidenceFileId,
      evidenceFileName: indicatorValue.evidenceFileName,
    })
    .from(indicatorValue)
    .innerJoin(indicator, eq(indicator.id, indicatorValue.indicatorId))
    .where(and(eq(indicatorValue.orgUnitId, unitId), eq(indicatorValue.period, period)))
    .orderBy(asc(indicator.sortOrder), asc(indicator.code));
}


/**
 * The unit's submission row for the period, locked until the transaction ends: it is the period's
 * lock, so value entry, submit, approve and return on one period never interleave. With
 * `create`, a draft row is made first when the period has none.
 */
export async function lockUnitPeriod(tx: Executor, unitId: string, period: string, opts: { create?: boolean } = {}) {
  if (opts.create) await tx.insert(indicatorSubmission).values({ orgUnitId: unitId, period, status: 'draft' }).onConflictDoNothing();
  const [sub] = await tx
    .select()
    .from(indicatorSubmission)
    .where(and(eq(indicatorSubmission.orgUnitId, unitId), eq(indicatorSubmission.period, period)))
    .for('update');
  return sub;
}

/**
 * The newest period before `before` (or the newest at all) in which the indicator has any value:
 * one backward probe along indicator_value_uq (indicator, period, unit). Whether the values are
 * approved is left to the caller's aggregation; asking here makes the planner walk every approved
 * submission of the country (minutes at national scale).
 */
export async function previousPeriodWithValues(db: Executor, indicatorId: string, before: string | null): Promise<string | null> {
  const [row] = await db
    .select({ period: indicatorValue.period })
    .from(indicatorValue)
    .where(and(eq(indicatorValue.indicatorId, indicatorId), before ? sql`${indicatorValue.period} < ${before}` : sql`true`))
    .orderBy(desc(indicatorValue.period))
    .limit(1);
  return row?.period ?? null;
}
