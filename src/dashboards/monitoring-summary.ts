/**
 * The monitoring read model behind the dashboard: task counts by status and by group, reports
 * waiting for review, reporting timeliness and open bottlenecks, for the whole country or for
 * the viewer's subtrees. Counts only — every number on the page links to the list behind it.
 */
import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { hcmDate } from '../monitoring/dates';
import { bottleneck, progressReport } from '../monitoring/reports/schema';
import { GROUP_NUMBERS, TASK_STATUSES, type TaskStatus, task } from '../monitoring/schema';
import { underAnyPath } from '../org/queries';
import { orgUnit } from '../org/schema';
import type { Executor } from '../platform/db/client';

/** Reports accepted in this many days count as "recently accepted". */
export const RECENT_DAYS = 30;

export interface MonitoringSummary {
  /** null = the whole country */
  roots: string[] | null;
  tasks: { total: number; byStatus: Record<TaskStatus, number> };
  /** open tasks past their deadline: marked overdue, or not yet marked by the hourly job */
  overdue: number;
  byGroup: { groupNumber: string | null; byStatus: Record<TaskStatus, number>; total: number }[];
  reports: { awaitingReview: number; acceptedRecently: number; dueReported: number; onTime: number };
  openBottlenecks: number;
}

const leadUnit = alias(orgUnit, 'dash_lead');
const reportingUnit = alias(orgUnit, 'dash_reporting');
const assigningUnit = alias(orgUnit, 'dash_assigning');
const ownerUnit = alias(orgUnit, 'dash_owner');

const zeroes = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

export async function monitoringSummary(db: Executor, roots: string[] | null, now = new Date()): Promise<MonitoringSummary> {
  const taskScope: SQL = roots === null ? sql`true` : underAnyPath(leadUnit.path, roots);
  const today = hcmDate(now);

  const grouped = await db
    .select({ groupNumber: task.groupNumber, status: task.status, n: sql<number>`count(*)::int` })
    .from(task)
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .where(taskScope)
    .groupBy(task.groupNumber, task.status);
  const byStatus = zeroes();
  const groups = new Map<string | null, { groupNumber: string | null; byStatus: Record<TaskStatus, number>; total: number }>();
  for (const r of grouped) {
    byStatus[r.status] += r.n;
    let g = groups.get(r.groupNumber);
    if (!g) {
      g = { groupNumber: r.groupNumber, byStatus: zeroes(), total: 0 };
      groups.set(r.groupNumber, g);
    }
    g.byStatus[r.status] += r.n;
    g.total += r.n;
  }
  const [late] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(task)
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .where(and(taskScope, sql`(${task.status} = 'overdue' OR (${task.status} IN ('not_started', 'in_progress') AND ${task.deadline} < ${today}::date))`));

  // reports: sent by a unit of the scope, or on a task a unit of the scope assigned
  const reportScope: SQL = roots === null ? sql`true` : sql`(${underAnyPath(reportingUnit.path, roots)} OR ${underAnyPath(assigningUnit.path, roots)})`;
  const [reports] = await db
    .select({
      awaitingReview: sql<number>`count(*) FILTER (WHERE ${progressReport.status} = 'submitted')::int`,
      acceptedRecently: sql<number>`count(*) FILTER (WHERE ${progressReport.status} = 'accepted' AND ${progressReport.reviewedAt} >= ${new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString()}::timestamptz)::int`,
      dueReported: sql<number>`count(*) FILTER (WHERE ${progressReport.onTime} IS NOT NULL)::int`,
      onTime: sql<number>`count(*) FILTER (WHERE ${progressReport.onTime})::int`,
    })
    .from(progressReport)
    .innerJoin(task, eq(task.id, progressReport.taskId))
    .innerJoin(reportingUnit, eq(reportingUnit.id, progressReport.reportingUnitId))
    .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId))
    .where(reportScope);

  const bnScope: SQL = roots === null ? sql`true` : underAnyPath(ownerUnit.path, roots);
  const [bn] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bottleneck)
    .innerJoin(ownerUnit, eq(ownerUnit.id, bottleneck.ownerUnitId))
    .where(and(bnScope, inArray(bottleneck.status, ['open', 'in_progress'])));

  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const byGroup = [...groups.values()].sort((a, b) => groupOrder(a.groupNumber) - groupOrder(b.groupNumber));
  return {
    roots,
    tasks: { total, byStatus },
    overdue: late?.n ?? 0,
    byGroup,
    reports: reports ?? { awaitingReview: 0, acceptedRecently: 0, dueReported: 0, onTime: 0 },
    openBottlenecks: bn?.n ?? 0,
  };
}

/** Groups I–VII in order, tasks without a group last. */
function groupOrder(g: string | null): number {
  const i = g ? (GROUP_NUMBERS as readonly string[]).indexOf(g) : -1;
  return i < 0 ? 99 : i;
}
