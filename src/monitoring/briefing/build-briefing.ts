/**
 * The weekly briefing pack (giao ban): a read model for one instant and one scope. Overdue tasks
 * grouped by lead unit, tasks due in the next 14 days, reports awaiting review and bottlenecks
 * raised in the last 7 days, with headline counts. Dates are those of Vietnam (Asia/Ho_Chi_Minh).
 */
import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { underAnyPath } from '../../org/queries';
import { appUser, orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { addDays, daysBetween, hcmDate } from '../dates';
import { bottleneck, progressReport } from '../reports/schema';
import { type TaskStatus, task } from '../schema';

export const DUE_SOON_DAYS = 14;
export const NEW_BOTTLENECK_DAYS = 7;
/** rows listed per section; the headline counts are always exact */
export const SECTION_LIMIT = 500;

/** Whose briefing: `roots` null = the whole country (standing office); else unit subtrees. */
export interface BriefingScope {
  roots: string[] | null;
  /** the unit the briefing was narrowed to, if any */
  unit?: { code: string; name: string } | null;
}

export interface BriefingWeek {
  year: number;
  number: number;
  /** Monday and Sunday, 'YYYY-MM-DD' */
  start: string;
  end: string;
}

/** The ISO week (Monday–Sunday) holding the date 'YYYY-MM-DD'. */
export function isoWeek(date: string): BriefingWeek {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  const start = addDays(date, -dow);
  const thursday = new Date(`${addDays(start, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const number = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return { year, number, start, end: addDays(start, 6) };
}

const dm = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}`;

/** "Tuần 48/2026 (23/11–29/11/2026)" */
export function weekLabel(w: BriefingWeek): string {
  return `Tuần ${w.number}/${w.year} (${dm(w.start)}–${dm(w.end)}/${w.end.slice(0, 4)})`;
}

export interface OverdueTask {
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  deadline: string;
  daysOverdue: number;
  percentDone: number;
  responsible: string | null;
}
export interface OverdueGroup {
  unitCode: string | null;
  unitName: string;
  tasks: OverdueTask[];
}
export interface DueSoonTask {
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  deadline: string;
  daysLeft: number;
  percentDone: number;
  unitCode: string | null;
  unitName: string;
  responsible: string | null;
}
export interface AwaitingReport {
  id: string;
  taskId: string;
  taskCode: string;
  taskTitle: string;
  unitName: string;
  periodLabel: string | null;
  percentDone: number;
  isFinal: boolean;
  submittedAt: Date | null;
  dueAt: Date | null;
  onTime: boolean | null;
  daysWaiting: number;
}
export interface NewBottleneck {
  id: string;
  title: string;
  status: (typeof bottleneck.$inferSelect)['status'];
  ownerUnitName: string;
  taskId: string | null;
  taskCode: string | null;
  createdAt: Date;
}

export interface Briefing {
  generatedAt: Date;
  today: string;
  week: BriefingWeek;
  weekLabel: string;
  /** the last day of the "due soon" window */
  dueSoonUntil: string;
  /** bottlenecks raised on or after this instant count as new */
  newSince: Date;
  scope: BriefingScope;
  counts: { overdue: number; overdueUnits: number; dueSoon: number; awaitingReview: number; awaitingReviewLate: number; newBottlenecks: number };
  overdueByUnit: OverdueGroup[];
  dueSoon: DueSoonTask[];
  awaitingReview: AwaitingReport[];
  newBottlenecks: NewBottleneck[];
}

const leadUnit = alias(orgUnit, 'brf_lead');
const assigningUnit = alias(orgUnit, 'brf_assigning');
const reportingUnit = alias(orgUnit, 'brf_reporting');
const ownerUnit = alias(orgUnit, 'brf_owner');
const responsibleUser = alias(appUser, 'brf_responsible');

const NO_UNIT = 'Chưa xác định cơ quan chủ trì';
const count = sql<number>`count(*)::int`;

export async function buildBriefing(db: Executor, now: Date, scope: BriefingScope): Promise<Briefing> {
  const today = hcmDate(now);
  const until = addDays(today, DUE_SOON_DAYS);
  const newSince = new Date(now.getTime() - NEW_BOTTLENECK_DAYS * 86_400_000);
  const roots = scope.roots;

  // tasks: those led by a unit of the scope (the country sees every task, with or without a lead unit)
  const taskScope: SQL = roots === null ? sql`true` : underAnyPath(leadUnit.path, roots);
  const overdueWhere = and(
    taskScope,
    // marked overdue by the job, or past the deadline before the job has run
    sql`${task.status} IN ('overdue', 'not_started', 'in_progress') AND ${task.deadline} < ${today}::date`,
  );
  const dueSoonWhere = and(
    taskScope,
    // an extension may have moved an overdue task's deadline back into the window
    sql`${task.status} IN ('overdue', 'not_started', 'in_progress')`,
    sql`${task.deadline} >= ${today}::date AND ${task.deadline} <= ${until}::date`,
  );
  const responsible = sql<string | null>`coalesce(nullif(${task.responsibleName}, ''), ${responsibleUser.fullName})`;
  const taskCols = {
    id: task.id,
    code: task.code,
    title: task.title,
    status: task.status,
    deadline: task.deadline,
    percentDone: task.percentDone,
    unitCode: leadUnit.code,
    unitName: leadUnit.name,
    unitSort: leadUnit.sortOrder,
    leadText: task.leadText,
    responsible,
  };
  const taskFrom = <T extends Record<string, unknown>>(cols: T) =>
    db.select(cols as never).from(task).leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId)).leftJoin(responsibleUser, eq(responsibleUser.id, task.responsibleUserId));

  const overdueRows = (await taskFrom(taskCols)
    .where(overdueWhere)
    .orderBy(sql`${leadUnit.sortOrder} ASC NULLS LAST`, asc(leadUnit.code), asc(task.deadline), asc(task.code))
    .limit(SECTION_LIMIT)) as unknown as TaskRow[];
  const [overdueCount] = (await taskFrom({ n: count, units: sql<number>`count(DISTINCT coalesce(${task.leadUnitId}::text, ''))::int` }).where(overdueWhere)) as unknown as {
    n: number;
    units: number;
  }[];
  const dueRows = (await taskFrom(taskCols).where(dueSoonWhere).orderBy(asc(task.deadline), asc(task.code)).limit(SECTION_LIMIT)) as unknown as TaskRow[];
  const [dueCount] = (await taskFrom({ n: count }).where(dueSoonWhere)) as unknown as { n: number }[];

  const groups = new Map<string, OverdueGroup>();
  for (const r of overdueRows) {
    const key = r.unitCode ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { unitCode: r.unitCode, unitName: r.unitName ?? r.leadText ?? NO_UNIT, tasks: [] };
      groups.set(key, g);
    }
    const deadline = r.deadline!;
    g.tasks.push({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status,
      deadline,
      daysOverdue: daysBetween(deadline, today),
      percentDone: r.percentDone,
      responsible: r.responsible,
    });
  }

  // reports awaiting review: reported by, or assigned by, a unit of the scope
  const reportScope: SQL = roots === null ? sql`true` : sql`(${underAnyPath(reportingUnit.path, roots)} OR ${underAnyPath(assigningUnit.path, roots)})`;
  const reportWhere = and(eq(progressReport.status, 'submitted'), reportScope);
  const reportFrom = <T extends Record<string, unknown>>(cols: T) =>
    db
      .select(cols as never)
      .from(progressReport)
      .innerJoin(task, eq(task.id, progressReport.taskId))
      .innerJoin(reportingUnit, eq(reportingUnit.id, progressReport.reportingUnitId))
      .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId));
  const reportRows = (await reportFrom({
    id: progressReport.id,
    taskId: task.id,
    taskCode: task.code,
    taskTitle: task.title,
    unitName: reportingUnit.name,
    periodLabel: progressReport.periodLabel,
    percentDone: progressReport.percentDone,
    isFinal: progressReport.isFinal,
    submittedAt: progressReport.submittedAt,
    dueAt: progressReport.dueAt,
    onTime: progressReport.onTime,
  })
    .where(reportWhere)
    .orderBy(asc(progressReport.submittedAt), asc(progressReport.id))
    .limit(SECTION_LIMIT)) as unknown as Omit<AwaitingReport, 'daysWaiting'>[];
  const [reportCount] = (await reportFrom({ n: count, late: sql<number>`count(*) FILTER (WHERE ${progressReport.onTime} = false)::int` }).where(reportWhere)) as unknown as {
    n: number;
    late: number;
  }[];

  // bottlenecks raised in the last 7 days: owned by a unit of the scope, or blocking a task it leads
  const bnScope: SQL = roots === null ? sql`true` : sql`(${underAnyPath(ownerUnit.path, roots)} OR ${underAnyPath(leadUnit.path, roots)})`;
  const bnWhere = and(bnScope, sql`${bottleneck.createdAt} >= ${newSince.toISOString()}::timestamptz`, sql`${bottleneck.createdAt} <= ${now.toISOString()}::timestamptz`);
  const bnFrom = <T extends Record<string, unknown>>(cols: T) =>
    db
      .select(cols as never)
      .from(bottleneck)
      .innerJoin(ownerUnit, eq(ownerUnit.id, bottleneck.ownerUnitId))
      .leftJoin(task, eq(task.id, bottleneck.taskId))
      .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId));
  const bnRows = (await bnFrom({
    id: bottleneck.id,
    title: bottleneck.title,
    status: bottleneck.status,
    ownerUnitName: ownerUnit.name,
    taskId: bottleneck.taskId,
    taskCode: task.code,
    createdAt: bottleneck.createdAt,
  })
    .where(bnWhere)
    .orderBy(desc(bottleneck.createdAt), desc(bottleneck.id))
    .limit(SECTION_LIMIT)) as unknown as NewBottleneck[];
  const [bnCount] = (await bnFrom({ n: count }).where(bnWhere)) as unknown as { n: number }[];

  const week = isoWeek(today);
  return {
    generatedAt: now,
    today,
    week,
    weekLabel: weekLabel(week),
    dueSoonUntil: until,
    newSince,
    scope,
    counts: {
      overdue: overdueCount.n,
      overdueUnits: overdueCount.units,
      dueSoon: dueCount.n,
      awaitingReview: reportCount.n,
      awaitingReviewLate: reportCount.late,
      newBottlenecks: bnCount.n,
    },
    overdueByUnit: [...groups.values()],
    dueSoon: dueRows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status,
      deadline: r.deadline!,
      daysLeft: daysBetween(today, r.deadline!),
      percentDone: r.percentDone,
      unitCode: r.unitCode,
      unitName: r.unitName ?? r.leadText ?? NO_UNIT,
      responsible: r.responsible,
    })),
    awaitingReview: reportRows.map((r) => ({
      ...r,
      submittedAt: toDate(r.submittedAt),
      dueAt: toDate(r.dueAt),
      daysWaiting: r.submittedAt ? Math.max(0, daysBetween(hcmDate(toDate(r.submittedAt)!), today)) : 0,
    })),
    newBottlenecks: bnRows.map((r) => ({ ...r, createdAt: toDate(r.createdAt)! })),
  };
}

interface TaskRow {
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  deadline: string | null;
  percentDone: number;
  unitCode: string | null;
  unitName: string | null;
  unitSort: number | null;
  leadText: string | null;
  responsible: string | null;
}

function toDate(v: Date | string | null): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}
