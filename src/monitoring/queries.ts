/** Reads for plans and tasks: scoped listings, one task with what decides access, roll-up, timeline. */
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Principal, scopeRoots } from '../org/policies';
import { underAnyPath } from '../org/queries';
import type { PreparedSearch } from '../org/search';
import { appUser, orgUnit } from '../org/schema';
import { auditEvent } from '../platform/audit/schema';
import type { Executor } from '../platform/db/client';
import { escapeLike } from '../platform/text/fold';
import { isStandingOffice, type TaskPlacement } from './policies';
import { type TaskStatus, plan, task, taskCoordinator, taskExtensionRequest, taskGroup, taskNotice } from './schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export async function listPlans(db: Executor) {
  return db
    .select({ id: plan.id, code: plan.code, title: plan.title, documentNumber: plan.documentNumber, issuedOn: plan.issuedOn, reportingCadence: plan.reportingCadence })
    .from(plan)
    .orderBy(asc(plan.code));
}

export async function listGroups(db: Executor) {
  return db.select({ number: taskGroup.number, shortTitle: taskGroup.shortTitle }).from(taskGroup).orderBy(asc(taskGroup.sortOrder));
}

/** SQL condition: the task is one the principal may see (mirrors `canSeeTask`). */
export function visibleTaskWhere(p: Principal): SQL {
  if (isStandingOffice(p)) return sql`true`;
  const roots = scopeRoots(p, 'task.read');
  // Uncorrelated IN-subqueries become hashed sets built once per query: a page of a large list
  // checks each row against them instead of running a path search per row.
  const unitsInScope = sql`(SELECT vu.id FROM org_unit vu WHERE ${underAnyPath(sql`vu.path`, roots)})`;
  return sql`(${task.leadUnitId} IS NULL
    OR ${task.leadUnitId} IN ${unitsInScope}
    OR ${task.assigningUnitId} IN ${unitsInScope}
    OR ${task.id} IN (SELECT vc.task_id FROM task_coordinator vc WHERE vc.org_unit_id IN ${unitsInScope}))`;
}

export const TASK_SORTS = ['deadline', 'code', 'updated'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type TaskListKey = [sortValue: string, id: string];

/** A cursor's sort value must parse as the key's type: a forged one is bad input, not a database error. */
export function isValidTaskSortKey(sort: TaskSort | undefined, value: string): boolean {
  if ((sort ?? 'deadline') === 'deadline') return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  if (sort === 'updated') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && !Number.isNaN(Date.parse(value));
  return true;
}

/** The sort key, typed so the keyset comparison can use the matching index. */
function sortExpr(sort: TaskSort): { expr: SQL; type: SQL; text: SQL } {
  if (sort === 'deadline') {
    const expr = sql`coalesce(${task.deadline}, DATE '9999-12-31')`;
    return { expr, type: sql`date`, text: sql`${expr}::text` };
  }
  if (sort === 'code') return { expr: sql`${task.code}`, type: sql`text`, text: sql`${task.code}` };
  return { expr: sql`${task.updatedAt}`, type: sql`timestamptz`, text: sql`to_char(${task.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` };
}

export interface TaskListFilter {
  planId?: string;
  groupNumber?: string;
  status?: TaskStatus;
  statuses?: TaskStatus[];
  /** open tasks due on or before this date, and every overdue task (My work) */
  dueOrOverdueBy?: string;
  /** path of a unit: tasks led by a unit of its subtree */
  leadUnitPath?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  overdue?: boolean;
  q?: PreparedSearch | null;
  /** only tasks led by one of these units (My work) */
  leadUnitIds?: string[];
}

const leadUnit = alias(orgUnit, 'lead_unit');

/** One keyset page of the tasks the principal may see. */
export async function listTasks(
  db: Executor,
  p: Principal,
  opts: TaskListFilter & { sort: TaskSort; limit: number; after?: TaskListKey | null },
) {
  const where: SQL[] = [visibleTaskWhere(p)];
  if (opts.planId) where.push(eq(task.planId, opts.planId));
  if (opts.groupNumber) where.push(eq(task.groupNumber, opts.groupNumber));
  if (opts.status) where.push(eq(task.status, opts.status));
  if (opts.statuses) where.push(inArray(task.status, opts.statuses));
  if (opts.dueOrOverdueBy) {
    where.push(sql`(${task.status} = 'overdue' OR (${task.status} IN ('not_started', 'in_progress') AND ${task.deadline} <= ${opts.dueOrOverdueBy}::date))`);
  }
  if (opts.overdue) where.push(eq(task.status, 'overdue'));
  if (opts.leadUnitPath) where.push(underAnyPath(leadUnit.path, [opts.leadUnitPath]));
  if (opts.leadUnitIds) where.push(opts.leadUnitIds.length ? inArray(task.leadUnitId, opts.leadUnitIds) : sql`false`);
  if (opts.deadlineFrom) where.push(sql`${task.deadline} >= ${opts.deadlineFrom}::date`);
  if (opts.deadlineTo) where.push(sql`${task.deadline} <= ${opts.deadlineTo}::date`);
  if (opts.q) for (const tok of opts.q.tokens) where.push(sql`${task.searchText} LIKE ${`%${escapeLike(tok)}%`}::text`);
  const { expr: key, type: keyType, text: keyText } = sortExpr(opts.sort);
  const descending = opts.sort === 'updated';
  if (opts.after) {
    const after = sql`(CAST(${opts.after[0]} AS ${keyType}), ${opts.after[1]}::uuid)`;
    where.push(descending ? sql`(${key}, ${task.id}) < ${after}` : sql`(${key}, ${task.id}) > ${after}`);
  }
  const rows = await db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      deadline: task.deadline,
      originalDeadline: task.originalDeadline,
      deadlineText: task.deadlineText,
      recurring: task.recurring,
      percentDone: task.percentDone,
      groupNumber: task.groupNumber,
      priority: task.priority,
      planCode: plan.code,
      parentTaskId: task.parentTaskId,
      leadUnitCode: leadUnit.code,
      leadUnitName: leadUnit.name,
      leadText: task.leadText,
      updatedAt: task.updatedAt,
      sortValue: sql<string>`${keyText}`,
    })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .where(and(...where))
    .orderBy(descending ? sql`${key} DESC` : sql`${key} ASC`, descending ? desc(task.id) : asc(task.id))
    .limit(opts.limit);
  return rows.map(({ sortValue, ...r }) => ({ ...r, key: [sortValue, r.id] as TaskListKey }));
}
export type TaskListRow = Awaited<ReturnType<typeof listTasks>>[number];

const assigningUnit = alias(orgUnit, 'assigning_unit');

/** One task with its plan, units and the paths that decide access; null when unknown. */
export async function loadTask(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      task,
      planCode: plan.code,
      planTitle: plan.title,
      planCadence: plan.reportingCadence,
      lead: { id: leadUnit.id, code: leadUnit.code, name: leadUnit.name, path: leadUnit.path, kind: leadUnit.kind },
      assigning: { id: assigningUnit.id, code: assigningUnit.code, name: assigningUnit.name, path: assigningUnit.path },
    })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId))
    .where(eq(task.id, id));
  if (!row) return null;
  const coordinators = await db
    .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path })
    .from(taskCoordinator)
    .innerJoin(orgUnit, eq(orgUnit.id, taskCoordinator.orgUnitId))
    .where(eq(taskCoordinator.taskId, id))
    .orderBy(asc(orgUnit.code));
  const lead = row.lead?.id ? row.lead : null;
  const assigning = row.assigning?.id ? row.assigning : null;
  const placement: TaskPlacement = {
    leadUnitPath: lead?.path ?? null,
    assigningUnitPath: assigning?.path ?? null,
    coordinatorPaths: coordinators.map((c) => c.path),
  };
  return { ...row, lead, assigning, coordinators, placement };
}
export type LoadedTask = NonNullable<Awaited<ReturnType<typeof loadTask>>>;

/** Children of a cascaded task counted by status, with their average progress. */
export async function taskRollup(db: Executor, parentId: string) {
  const rows = await db
    .select({ status: task.status, count: sql<number>`count(*)::int`, percentSum: sql<number>`coalesce(sum(${task.percentDone}), 0)::int` })
    .from(task)
    .where(eq(task.parentTaskId, parentId))
    .groupBy(task.status);
  const byStatus: Partial<Record<TaskStatus, number>> = {};
  let total = 0;
  let percentSum = 0;
  for (const r of rows) {
    byStatus[r.status] = r.count;
    total += r.count;
    percentSum += r.percentSum;
  }
  return { total, byStatus, averagePercent: total ? Math.round(percentSum / total) : 0 };
}

/** Children of a task with their lead units (for the task page). */
export async function taskChildren(db: Executor, parentId: string, limit = 200) {
  return db
    .select({ id: task.id, code: task.code, status: task.status, percentDone: task.percentDone, deadline: task.deadline, unitCode: leadUnit.code, unitName: leadUnit.name })
    .from(task)
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .where(eq(task.parentTaskId, parentId))
    .orderBy(asc(leadUnit.sortOrder), asc(task.code))
    .limit(limit);
}

/** Audit events about the task, oldest first. */
export async function taskTimeline(db: Executor, taskId: string) {
  return db
    .select({ seq: auditEvent.seq, occurredAt: auditEvent.occurredAt, action: auditEvent.action, actorLabel: auditEvent.actorLabel, after: auditEvent.after })
    .from(auditEvent)
    .where(and(eq(auditEvent.entityType, 'task'), eq(auditEvent.entityId, taskId)))
    .orderBy(asc(auditEvent.seq))
    .limit(500);
}

export async function taskExtensions(db: Executor, taskId: string) {
  return db
    .select({ ext: taskExtensionRequest, requesterName: appUser.fullName })
    .from(taskExtensionRequest)
    .leftJoin(appUser, eq(appUser.id, taskExtensionRequest.requestedBy))
    .where(eq(taskExtensionRequest.taskId, taskId))
    .orderBy(desc(taskExtensionRequest.createdAt));
}

/** The latest notices addressed to a user, with their tasks. */
export async function noticesFor(db: Executor, userId: string, limit = 30) {
  return db
    .select({ id: taskNotice.id, kind: taskNotice.kind, createdAt: taskNotice.createdAt, deadline: taskNotice.deadline, taskId: task.id, taskCode: task.code, taskTitle: task.title })
    .from(taskNotice)
    .innerJoin(task, eq(task.id, taskNotice.taskId))
    .where(eq(taskNotice.recipientUserId, userId))
    .orderBy(desc(taskNotice.createdAt))
    .limit(limit);
}
