/** "My work": open tasks of the user's units that are overdue or due within 14 days, and their notices. */
import type { Principal } from '../org/policies';
import type { Executor } from '../platform/db/client';
import { addDays, hcmDate } from './dates';
import { listTasks, noticesFor } from './queries';

export const MY_WORK_DAYS = 14;

export async function myWork(db: Executor, p: Principal, now: Date = new Date()) {
  const unitIds = [...new Set([p.homeUnitId, ...p.grants.map((g) => g.unitId)])];
  const [tasks, notices] = await Promise.all([
    listTasks(db, p, {
      leadUnitIds: unitIds,
      dueOrOverdueBy: addDays(hcmDate(now), MY_WORK_DAYS),
      sort: 'deadline',
      limit: 100,
    }),
    noticesFor(db, p.userId),
  ]);
  return { tasks, notices };
}
