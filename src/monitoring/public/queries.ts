/**
 * Reads for the public task pages: only tasks of public plans (the Government's programme,
 * adopted initiatives), only fields meant for the public — no people, notes or report texts.
 */
import { type SQL, and, asc, desc, eq, sql } from 'drizzle-orm';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { escapeLike, foldText } from '../../platform/text/fold';
import { progressReport } from '../reports/schema';
import { type TaskStatus, plan, task } from '../schema';

export const PUBLIC_PAGE_SIZE = 50;

export interface PublicTaskFilter {
  q?: string;
  group?: string;
  status?: TaskStatus;
  page: number;
}

const publicColumns = {
  id: task.id,
  code: task.code,
  title: task.title,
  groupNumber: task.groupNumber,
  status: task.status,
  percentDone: task.percentDone,
  deadline: task.deadline,
  deadlineText: task.deadlineText,
  leadName: sql<string | null>`coalesce(${orgUnit.name}, ${task.leadText})`,
  planCode: plan.code,
  planTitle: plan.title,
};

export async function listPublicTasks(db: Executor, f: PublicTaskFilter) {
  const where: SQL[] = [eq(plan.isPublic, true)];
  if (f.group) where.push(eq(task.groupNumber, f.group));
  if (f.status) where.push(eq(task.status, f.status));
  const q = f.q ? foldText(f.q).slice(0, 200) : '';
  for (const token of q.split(' ').filter(Boolean).slice(0, 8)) where.push(sql`${task.searchText} LIKE ${`%${escapeLike(token)}%`}::text`);
  const rows = await db
    .select({ ...publicColumns, total: sql<number>`count(*) OVER ()::int` })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
    .where(and(...where))
    .orderBy(asc(plan.code), asc(task.number), asc(task.code))
    .limit(PUBLIC_PAGE_SIZE)
    .offset((f.page - 1) * PUBLIC_PAGE_SIZE);
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findPublicTask(db: Executor, id: string) {
  const [row] = await db
    .select({ ...publicColumns, output: task.output, coordinatingText: task.coordinatingText, originalDeadline: task.originalDeadline })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
    .where(and(eq(task.id, id), eq(plan.isPublic, true)));
  if (!row) return null;
  const [last] = await db
    .select({ percentDone: progressReport.percentDone, reviewedAt: progressReport.reviewedAt, periodLabel: progressReport.periodLabel })
    .from(progressReport)
    .where(and(eq(progressReport.taskId, id), eq(progressReport.status, 'accepted')))
    .orderBy(desc(progressReport.reviewedAt))
    .limit(1);
  return { ...row, lastReport: last ?? null };
}
