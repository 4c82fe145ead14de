/**
 * The set-based SQL behind agency scores: one statement per source (tasks, reports, PAKN cases,
 * KPI targets) returns the counts of every scored unit at once, however many units there are.
 * A unit's subtree is found by joining each org unit to the scored units whose path prefixes its
 * own, so no query is ever run per unit.
 */
import { type SQL, and, desc, eq, sql } from 'drizzle-orm';
import type { TASK_BLOCS } from '../../monitoring/schema';
import type { Executor } from '../../platform/db/client';
import { scoreConfig } from '../schema';
import type { ScoreDimension, ScoredUnitClass } from './types';

export const MINISTRY_KINDS = ['ministry', 'ministerial_agency', 'government_agency'] as const;

/** The province's unit of each bloc ('<province code>.TU' for the party, …). */
export const BLOC_UNIT_SUFFIX: Record<(typeof TASK_BLOCS)[number], string> = {
  party: 'TU',
  council: 'HDND',
  government: 'UBND',
  front: 'MTTQ',
};

type Row = Record<string, unknown>;

function rowsOf(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}

export interface ScoredUnitRow {
  id: string;
  code: string;
  name: string;
  path: string;
  unitClass: ScoredUnitClass;
}

/** Kinds of the scored class(es), as SQL. */
function classKinds(unitClass?: ScoredUnitClass): SQL {
  if (unitClass === 'province') return sql`('province')`;
  if (unitClass === 'ministry') return sql`('ministry', 'ministerial_agency', 'government_agency')`;
  return sql`('ministry', 'ministerial_agency', 'government_agency', 'province')`;
}

/** Units in force on the day: valid_from/valid_to, when set, bracket `asOf`. */
function validOn(asOf: string): SQL {
  return sql`(u.valid_from IS NULL OR u.valid_from <= ${asOf}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${asOf}::date)`;
}

export async function scoredUnits(db: Executor, asOf: string, unitClass?: ScoredUnitClass): Promise<ScoredUnitRow[]> {
  const res = await db.execute(sql`
    SELECT u.id, u.code, u.name, u.path, CASE WHEN u.kind = 'province' THEN 'province' ELSE 'ministry' END AS cls
      FROM org_unit u
     WHERE u.kind IN ${classKinds(unitClass)} AND ${validOn(asOf)}`);
  return rowsOf(res).map((r) => ({
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    path: String(r.path),
    unitClass: r.cls as ScoredUnitClass,
  }));
}

/**
 * CTE `anc(unit_id, scored_id, in_bloc_unit)`: every org unit paired with each scored unit whose
 * subtree holds it. `in_bloc_unit` says the unit lies under the province's unit of `bloc`.
 */
function ancestry(asOf: string, unitClass: ScoredUnitClass | undefined, bloc: string | null): SQL {
  const suffix = bloc ? BLOC_UNIT_SUFFIX[bloc as keyof typeof BLOC_UNIT_SUFFIX] : null;
  const inBloc = suffix
    ? sql`EXISTS (SELECT 1 FROM org_unit b WHERE b.code = s.code || ${`.${suffix}`} AND position('/' || b.id::text || '/' in m.path) > 0)`
    : sql`false`;
  // the ids on a unit's path are its ancestors and itself: a hash join, not a LIKE per pair
  return sql`
    scored AS (SELECT u.id, u.code, u.path, u.kind FROM org_unit u WHERE u.kind IN ${classKinds(unitClass)} AND ${validOn(asOf)}),
    anc AS MATERIALIZED (
      SELECT m.id AS unit_id, s.id AS scored_id, (s.kind = 'province' AND ${inBloc}) AS in_bloc_unit
        FROM org_unit m
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from m.path), '/')) AS p(aid)
        JOIN scored s ON s.id::text = p.aid
    )`;
}

/**
 * The task filter of a dimension on `t`. For a bloc, tasks without a bloc are kept too and marked
 * `no_bloc`: they count for a province only when led under its unit of that bloc (`in_bloc_unit`).
 */
function taskDimension(dimension: ScoreDimension): SQL {
  if (dimension.startsWith('bloc:')) return sql`(t.bloc = ${dimension.slice(5)} OR t.bloc IS NULL)`;
  if (dimension.startsWith('group:')) return sql`t.criteria_group = ${dimension.slice(6)}`;
  return sql`true`;
}

function noBloc(dimension: ScoreDimension): SQL {
  return dimension.startsWith('bloc:') ? sql`(t.bloc IS NULL)` : sql`false`;
}

function blocOf(dimension: ScoreDimension): string | null {
  return dimension.startsWith('bloc:') ? dimension.slice(5) : null;
}

/** The first instant after the day `asOf` in Vietnam. */
function endOfDay(asOf: string): SQL {
  return sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
}

export interface TaskCounts {
  due: number;
  doneOnTime: number;
  dueOrOpen: number;
  overdue: number;
}

/**
 * Tasks led inside each scored subtree. Due: deadline ≤ asOf and not paused or cancelled.
 * Due-or-open: due, or still open (not started, in progress, overdue). Overdue: marked overdue,
 * or open with the deadline before asOf. Counted per lead unit first (200k tasks → a few
 * thousand rows), then summed up each scored unit's subtree.
 */
export async function taskCounts(
  db: Executor,
  opts: { asOf: string; unitClass?: ScoredUnitClass; dimension: ScoreDimension },
): Promise<Map<string, TaskCounts>> {
  const { asOf } = opts;
  const res = await db.execute(sql`
    WITH ${ancestry(asOf, opts.unitClass, blocOf(opts.dimension))},
    per_unit AS (
      SELECT t.lead_unit_id AS unit_id, ${noBloc(opts.dimension)} AS no_bloc,
             count(*) FILTER (WHERE t.deadline <= ${asOf}::date) AS due,
             count(*) FILTER (WHERE t.deadline <= ${asOf}::date AND t.status = 'done_on_time') AS done_on_time,
             count(*) FILTER (WHERE t.deadline <= ${asOf}::date OR t.status IN ('not_started', 'in_progress', 'overdue')) AS due_or_open,
             count(*) FILTER (WHERE t.status = 'overdue' OR (t.status IN ('not_started', 'in_progress') AND t.deadline < ${asOf}::date)) AS overdue
        FROM task t
       WHERE t.lead_unit_id IS NOT NULL AND t.status NOT IN ('paused', 'cancelled') AND ${taskDimension(opts.dimension)}
       GROUP BY 1, 2
    )
    SELECT a.scored_id, sum(x.due)::int AS due, sum(x.done_on_time)::int AS done_on_time,
           sum(x.due_or_open)::int AS due_or_open, sum(x.overdue)::int AS overdue
      FROM per_unit x
      JOIN anc a ON a.unit_id = x.unit_id
     WHERE NOT x.no_bloc OR a.in_bloc_unit
     GROUP BY a.scored_id`);
  return new Map(
    rowsOf(res).map((r) => [
      String(r.scored_id),
      { due: Number(r.due), doneOnTime: Number(r.done_on_time), dueOrOpen: Number(r.due_or_open), overdue: Number(r.overdue) },
    ]),
  );
}

export interface RatioCounts {
  due: number;
  onTime: number;
}

/**
 * Periodic reports sent by units of each scored subtree that were due by the end of asOf. Only a
 * report's first version counts: a returned report fixed later is one report, judged on when it
 * was first sent (its `on_time`, set at submission against the period's due time). The task is
 * joined only for a bloc or group dimension.
 */
export async function reportCounts(
  db: Executor,
  opts: { asOf: string; unitClass?: ScoredUnitClass; dimension: ScoreDimension },
): Promise<Map<string, RatioCounts>> {
  const { asOf, dimension } = opts;
  const byTask = dimension !== 'total';
  const res = await db.execute(sql`
    WITH ${ancestry(asOf, opts.unitClass, blocOf(dimension))},
    per_unit AS (
      SELECT r.reporting_unit_id AS unit_id, ${byTask ? noBloc(dimension) : sql`false`} AS no_bloc,
             count(*) AS due, count(*) FILTER (WHERE r.on_time) AS on_time
        FROM progress_report r
        ${byTask ? sql`JOIN task t ON t.id = r.task_id` : sql``}
       WHERE r.kind = 'periodic' AND r.on_time IS NOT NULL AND r.status <> 'draft' AND r.supersedes_id IS NULL
         AND r.due_at < ${endOfDay(asOf)} AND ${byTask ? taskDimension(dimension) : sql`true`}
       GROUP BY 1, 2
    )
    SELECT a.scored_id, sum(x.due)::int AS due, sum(x.on_time)::int AS on_time
      FROM per_unit x
      JOIN anc a ON a.unit_id = x.unit_id
     WHERE NOT x.no_bloc OR a.in_bloc_unit
     GROUP BY a.scored_id`);
  return new Map(rowsOf(res).map((r) => [String(r.scored_id), { due: Number(r.due), onTime: Number(r.on_time) }]));
}

/**
 * PAKN cases forwarded to units of each scored subtree (assignment not returned, case not
 * rejected or merged) whose answer was due by asOf or was given by then. On time: the unit's
 * answer was approved on or before its answer deadline (none counts as on time), the same rule
 * as `answeredOnTime` for the public. Counted per assignment — each forwarded unit owes its own
 * answer — per unit first, then summed up each subtree.
 */
export async function feedbackCounts(db: Executor, opts: { asOf: string; unitClass?: ScoredUnitClass }): Promise<Map<string, RatioCounts>> {
  const { asOf } = opts;
  const end = endOfDay(asOf);
  const res = await db.execute(sql`
    WITH ${ancestry(asOf, opts.unitClass, null)},
    per_unit AS (
      SELECT fa.unit_id, count(*) AS due,
             count(*) FILTER (WHERE fa.answered_at < ${end}
                      AND (fa.answer_due_on IS NULL OR (fa.answered_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= fa.answer_due_on)) AS on_time
        FROM feedback_assignment fa
       WHERE fa.status <> 'returned' AND fa.forwarded_at < ${end}
         AND (fa.answer_due_on <= ${asOf}::date OR fa.answered_at < ${end})
         AND NOT EXISTS (SELECT 1 FROM feedback_submission s WHERE s.id = fa.submission_id AND s.status IN ('rejected', 'merged'))
       GROUP BY fa.unit_id
    )
    SELECT a.scored_id, sum(x.due)::int AS due, sum(x.on_time)::int AS on_time
      FROM per_unit x
      JOIN anc a ON a.unit_id = x.unit_id
     GROUP BY a.scored_id`);
  return new Map(rowsOf(res).map((r) => [String(r.scored_id), { due: Number(r.due), onTime: Number(r.on_time) }]));
}

export interface TargetRow {
  indicatorId: string;
  orgUnitId: string;
  period: string;
  value: number;
  direction: 'higher' | 'lower';
  /** compared against the national target when a unit has none of its own (see docs/SCORING.md) */
  ratioType: boolean;
  isNational: boolean;
  /** 'latest' indicators do not roll up: a unit has only its own value */
  aggregation: string;
}

/**
 * Targets of quantitative indicators set for the scored units, plus the national targets (the
 * root's) of ratio-type indicators (aggregated by mean or weighted mean, or measured in %), which
 * every unit is held to when it has no target of its own.
 */
export async function scoringTargets(db: Executor, opts: { asOf: string; unitClass?: ScoredUnitClass }): Promise<TargetRow[]> {
  const res = await db.execute(sql`
    WITH ${ancestry(opts.asOf, opts.unitClass, null)}
    SELECT it.indicator_id, it.org_unit_id, it.period, it.value::float8 AS value,
           coalesce(i.direction, 'higher') AS direction, i.aggregation,
           (i.aggregation IN ('mean', 'weighted_mean') OR coalesce(i.unit, '') LIKE '%\\%%') AS ratio_type,
           (ou.parent_id IS NULL) AS is_national
      FROM indicator_target it
      JOIN indicator i ON i.id = it.indicator_id
      JOIN org_unit ou ON ou.id = it.org_unit_id
     WHERE i.is_active AND NOT i.is_header AND NOT i.qualitative AND i.kind <> 'checklist'
       AND (it.org_unit_id IN (SELECT id FROM scored)
            OR (ou.parent_id IS NULL AND (i.aggregation IN ('mean', 'weighted_mean') OR coalesce(i.unit, '') LIKE '%\\%%')))`);
  return rowsOf(res).map((r) => ({
    indicatorId: String(r.indicator_id),
    orgUnitId: String(r.org_unit_id),
    period: String(r.period),
    value: Number(r.value),
    direction: r.direction === 'lower' ? 'lower' : 'higher',
    ratioType: Boolean(r.ratio_type),
    isNational: Boolean(r.is_national),
    aggregation: String(r.aggregation),
  }));
}

export interface ActiveConfig {
  id: string;
  code: string;
  name: string;
  weights: unknown;
}

export async function activeScoreConfig(db: Executor): Promise<ActiveConfig | null> {
  const [row] = await db
    .select({ id: scoreConfig.id, code: scoreConfig.code, name: scoreConfig.name, weights: scoreConfig.weights })
    .from(scoreConfig)
    .where(and(eq(scoreConfig.isActive, true)))
    .orderBy(desc(scoreConfig.createdAt))
    .limit(1);
  return row ?? null;
}

/** Every configuration, newest first. */
export async function listScoreConfigs(db: Executor) {
  return db
    .select({ id: scoreConfig.id, code: scoreConfig.code, name: scoreConfig.name, weights: scoreConfig.weights, isActive: scoreConfig.isActive, createdAt: scoreConfig.createdAt })
    .from(scoreConfig)
    .orderBy(desc(scoreConfig.createdAt));
}

export async function findScoreConfig(db: Executor, id: string) {
  const [row] = await db.select({ id: scoreConfig.id, weights: scoreConfig.weights }).from(scoreConfig).where(eq(scoreConfig.id, id));
  return row ?? null;
}

/** A ministry-class unit or a province by code, or null. */
export async function findScoredUnit(db: Executor, code: string): Promise<{ id: string; code: string; unitClass: ScoredUnitClass } | null> {
  const res = await db.execute(sql`
    SELECT u.id, u.code, CASE WHEN u.kind = 'province' THEN 'province' ELSE 'ministry' END AS cls
      FROM org_unit u WHERE u.code = ${code} AND u.kind IN ${classKinds()}`);
  const r = rowsOf(res)[0];
  return r ? { id: String(r.id), code: String(r.code), unitClass: r.cls as ScoredUnitClass } : null;
}

export interface PairKey {
  indicatorId: string;
  period: string;
}

/**
 * Approved values reported by the scored units themselves for the given (indicator, period)
 * pairs: a unit's own value is what aggregateIndicator gives it, so the roll-up is needed only
 * where a unit has none. Read through the (unit, period) index: a few dozen units' rows.
 */
export async function ownApprovedValues(
  db: Executor,
  opts: { asOf: string; unitClass?: ScoredUnitClass; pairs: readonly PairKey[] },
): Promise<{ indicatorId: string; orgUnitId: string; period: string; value: number }[]> {
  if (opts.pairs.length === 0) return [];
  const periods = [...new Set(opts.pairs.map((p) => p.period))];
  const wanted = new Set(opts.pairs.map((p) => `${p.indicatorId}|${p.period}`));
  const res = await db.execute(sql`
    SELECT v.indicator_id, v.org_unit_id, v.period, v.value::float8 AS value
      FROM org_unit u
      JOIN indicator_submission sub ON sub.org_unit_id = u.id AND sub.status = 'approved'
       AND sub.period IN (${sql.join(
         periods.map((p) => sql`${p}`),
         sql`, `,
       )})
      JOIN indicator_value v ON v.org_unit_id = u.id AND v.period = sub.period
     WHERE u.kind IN ${classKinds(opts.unitClass)} AND ${validOn(opts.asOf)}`);
  return rowsOf(res)
    .map((r) => ({ indicatorId: String(r.indicator_id), orgUnitId: String(r.org_unit_id), period: String(r.period), value: Number(r.value) }))
    .filter((v) => wanted.has(`${v.indicatorId}|${v.period}`));
}

/** The (indicator, period) pairs that hold any value at all: one index probe per pair. */
export async function pairsWithValues(db: Executor, pairs: readonly PairKey[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const res = await db.execute(sql`
    SELECT c.indicator_id, c.period
      FROM (VALUES ${sql.join(
        pairs.map((p) => sql`(${p.indicatorId}::uuid, ${p.period}::text)`),
        sql`, `,
      )}) AS c(indicator_id, period)
     WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_id = c.indicator_id AND v.period = c.period)`);
  return new Set(rowsOf(res).map((r) => `${r.indicator_id}|${r.period}`));
}
