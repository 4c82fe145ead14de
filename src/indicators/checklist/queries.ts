/**
 * Reads of checklists: definitions with criteria, one unit's answers, and the roll-up tables
 * (a parent's communes with counts; provinces with their communes by colour) each in one
 * aggregate query, so a page costs the same for 30 communes or 3,321.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { underAnyPath } from '../../org/queries';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { checklistAnswer, checklistCriterion, indicator } from '../schema';
import { type ChecklistColour, checklistColour, colourThresholds } from './colour';
import { CHECKLIST_UNIT_KINDS } from './policies';

export interface ChecklistCriterionRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  sortOrder: number;
}

export interface ChecklistDef {
  id: string;
  code: string;
  name: string;
  definition: string | null;
  frequency: 'month' | 'quarter' | 'year';
  greenRatio: number;
  yellowRatio: number;
  criteria: ChecklistCriterionRow[];
}

export async function listChecklists(db: Executor): Promise<ChecklistDef[]> {
  const inds = await db
    .select()
    .from(indicator)
    .where(and(eq(indicator.kind, 'checklist'), eq(indicator.isActive, true)))
    .orderBy(asc(indicator.sortOrder), asc(indicator.code));
  if (inds.length === 0) return [];
  const crits = await db
    .select()
    .from(checklistCriterion)
    .where(inArray(checklistCriterion.indicatorId, inds.map((i) => i.id)))
    .orderBy(asc(checklistCriterion.sortOrder), asc(checklistCriterion.code));
  return inds.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    definition: i.definition,
    frequency: i.frequency,
    greenRatio: Number(i.greenRatio),
    yellowRatio: Number(i.yellowRatio),
    criteria: crits
      .filter((c) => c.indicatorId === i.id)
      .map((c) => ({ id: c.id, code: c.code, name: c.name, description: c.description, sortOrder: c.sortOrder })),
  }));
}

export async function findChecklist(db: Executor, code: string): Promise<ChecklistDef | null> {
  const [ind] = await db
    .select()
    .from(indicator)
    .where(and(eq(indicator.code, code.trim().toUpperCase()), eq(indicator.kind, 'checklist')))
    .limit(1);
  if (!ind) return null;
  const crits = await db
    .select()
    .from(checklistCriterion)
    .where(eq(checklistCriterion.indicatorId, ind.id))
    .orderBy(asc(checklistCriterion.sortOrder), asc(checklistCriterion.code));
  return {
    id: ind.id,
    code: ind.code,
    name: ind.name,
    definition: ind.definition,
    frequency: ind.frequency,
    greenRatio: Number(ind.greenRatio),
    yellowRatio: Number(ind.yellowRatio),
    criteria: crits.map((c) => ({ id: c.id, code: c.code, name: c.name, description: c.description, sortOrder: c.sortOrder })),
  };
}

export type AnswerRow = typeof checklistAnswer.$inferSelect;

/** One unit's answers for a period, by criterion id. */
export async function unitAnswers(db: Executor, checklist: ChecklistDef, unitId: string, period: string): Promise<Map<string, AnswerRow>> {
  if (checklist.criteria.length === 0) return new Map();
  const rows = await db
    .select()
    .from(checklistAnswer)
    .where(
      and(
        eq(checklistAnswer.orgUnitId, unitId),
        eq(checklistAnswer.period, period),
        inArray(checklistAnswer.criterionId, checklist.criteria.map((c) => c.id)),
      ),
    );
  return new Map(rows.map((r) => [r.criterionId, r]));
}

/** The latest period anyone answered, so pages open where the data is. */
export async function latestAnsweredPeriod(db: Executor, checklist: ChecklistDef): Promise<string | null> {
  const [row] = await db
    .select({ period: checklistAnswer.period })
    .from(checklistAnswer)
    .innerJoin(checklistCriterion, eq(checklistCriterion.id, checklistAnswer.criterionId))
    .where(eq(checklistCriterion.indicatorId, checklist.id))
    .orderBy(desc(checklistAnswer.period))
    .limit(1);
  return row?.period ?? null;
}

/** Per unit: answers given, criteria met (confirmation first), answers confirmed. */
function perUnitCounts(db: Executor, checklist: ChecklistDef, period: string) {
  return db
    .select({
      unitId: checklistAnswer.orgUnitId,
      answered: sql<number>`count(*)::int`.as('answered'),
      met: sql<number>`(count(*) filter (where coalesce(${checklistAnswer.confirmedMet}, ${checklistAnswer.selfMet})))::int`.as('met'),
      confirmed: sql<number>`count(${checklistAnswer.confirmedMet})::int`.as('confirmed'),
      lastAssessedAt: sql<Date>`max(${checklistAnswer.assessedAt})`.as('last_assessed_at'),
    })
    .from(checklistAnswer)
    .innerJoin(checklistCriterion, eq(checklistCriterion.id, checklistAnswer.criterionId))
    .where(and(eq(checklistCriterion.indicatorId, checklist.id), eq(checklistAnswer.period, period)))
    .groupBy(checklistAnswer.orgUnitId)
    .as('pu');
}

export interface UnitStatusRow {
  unitId: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  answered: number;
  met: number;
  total: number;
  confirmed: boolean;
  colour: ChecklistColour | null;
  lastAssessedAt: string | null;
}

/** The communes (wards, special zones) directly under `parentId`, each with its colour. */
export async function unitStatuses(db: Executor, checklist: ChecklistDef, parentId: string, period: string): Promise<UnitStatusRow[]> {
  const pu = perUnitCounts(db, checklist, period);
  const rows = await db
    .select({
      unitId: orgUnit.id,
      code: orgUnit.code,
      name: orgUnit.name,
      kind: orgUnit.kind,
      path: orgUnit.path,
      answered: pu.answered,
      met: pu.met,
      confirmed: pu.confirmed,
      lastAssessedAt: pu.lastAssessedAt,
    })
    .from(orgUnit)
    .leftJoin(pu, eq(pu.unitId, orgUnit.id))
    .where(and(eq(orgUnit.parentId, parentId), inArray(orgUnit.kind, [...CHECKLIST_UNIT_KINDS])))
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code));
  const total = checklist.criteria.length;
  return rows.map((r) => {
    const answered = Number(r.answered ?? 0);
    const met = Number(r.met ?? 0);
    return {
      unitId: r.unitId,
      code: r.code,
      name: r.name,
      kind: r.kind,
      path: r.path,
      answered,
      met,
      total,
      confirmed: answered > 0 && Number(r.confirmed ?? 0) === answered,
      colour: answered === 0 ? null : checklistColour(met, total, checklist.greenRatio, checklist.yellowRatio),
      lastAssessedAt: r.lastAssessedAt ? new Date(r.lastAssessedAt).toISOString() : null,
    };
  });
}

export interface ProvinceSummaryRow {
  unitId: string;
  code: string;
  name: string;
  units: number;
  green: number;
  yellow: number;
  red: number;
  notAssessed: number;
  /** communes all of whose answers the province has confirmed */
  confirmed: number;
}

/** Every province (inside `roots`, null for all) with its communes counted by colour: one query. */
export async function provinceSummaries(db: Executor, checklist: ChecklistDef, period: string, roots: string[] | null): Promise<ProvinceSummaryRow[]> {
  const pu = perUnitCounts(db, checklist, period);
  const commune = alias(orgUnit, 'commune');
  const { greenMin, yellowMin } = colourThresholds(checklist.criteria.length, checklist.greenRatio, checklist.yellowRatio);
  const assessed = sql`${pu.unitId} is not null`;
  const rows = await db
    .select({
      unitId: orgUnit.id,
      code: orgUnit.code,
      name: orgUnit.name,
      units: sql<number>`count(${commune.id})::int`,
      green: sql<number>`(count(*) filter (where ${assessed} and ${pu.met} >= ${greenMin}))::int`,
      yellow: sql<number>`(count(*) filter (where ${assessed} and ${pu.met} < ${greenMin} and ${pu.met} >= ${yellowMin}))::int`,
      red: sql<number>`(count(*) filter (where ${assessed} and ${pu.met} < ${yellowMin}))::int`,
      notAssessed: sql<number>`(count(${commune.id}) filter (where ${pu.unitId} is null))::int`,
      confirmed: sql<number>`(count(*) filter (where ${assessed} and ${pu.confirmed} = ${pu.answered}))::int`,
    })
    .from(orgUnit)
    .leftJoin(commune, and(eq(commune.parentId, orgUnit.id), inArray(commune.kind, [...CHECKLIST_UNIT_KINDS])))
    .leftJoin(pu, eq(pu.unitId, commune.id))
    .where(and(eq(orgUnit.kind, 'province'), roots === null ? sql`true` : underAnyPath(orgUnit.path, roots)))
    .groupBy(orgUnit.id, orgUnit.code, orgUnit.name, orgUnit.sortOrder)
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code));
  return rows.map((r) => ({
    unitId: r.unitId,
    code: r.code,
    name: r.name,
    units: Number(r.units),
    green: Number(r.green),
    yellow: Number(r.yellow),
    red: Number(r.red),
    notAssessed: Number(r.notAssessed),
    confirmed: Number(r.confirmed),
  }));
}
