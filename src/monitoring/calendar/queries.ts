/** Reads for the deadline calendar: visible tasks whose deadline in force falls in a date range. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal } from '../../org/policies';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { visibleTaskWhere } from '../queries';
import { task } from '../schema';

const leadUnit = alias(orgUnit, 'lead_unit');

/** Tasks the principal may see, not cancelled, with `from <= deadline <= to` (dates), by deadline then code. */
export async function tasksDueBetween(db: Executor, p: Principal, range: { from?: string; to?: string; limit: number }) {
  const where = [visibleTaskWhere(p), sql`${task.deadline} IS NOT NULL`, sql`${task.status} <> 'cancelled'`];
  if (range.from) where.push(sql`${task.deadline} >= ${range.from}::date`);
  if (range.to) where.push(sql`${task.deadline} <= ${range.to}::date`);
  return db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      deadline: sql<string>`${task.deadline}::text`,
      percentDone: task.percentDone,
      leadUnitName: leadUnit.name,
      leadText: task.leadText,
      updatedAt: task.updatedAt,
    })
    .from(task)
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .where(and(...where))
    .orderBy(asc(task.deadline), asc(task.code), asc(task.id))
    .limit(range.limit);
}
export type CalendarTask = Awaited<ReturnType<typeof tasksDueBetween>>[number];
