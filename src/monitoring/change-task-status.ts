/**
 * Status changes made by people: start, pause or cancel (with a reason), resume. Completion comes
 * from accepted reports through `markTaskCompleted`, judged against the deadline in force.
 * `overdue` is set by the overdue control job only.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, SYSTEM_ACTOR, recordAudit } from '../platform/audit/record-audit';
import type { Database, Tx } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput } from '../platform/validation';
import { hcmDate } from './dates';
import { type TaskStatus, task } from './schema';
import { taskFor } from './task-access';

export const TASK_ACTIONS = ['start', 'pause', 'cancel', 'resume'] as const;
export type TaskStatusAction = (typeof TASK_ACTIONS)[number];

export const changeTaskStatusInput = z.object({
  action: z.enum(TASK_ACTIONS, { message: t('field.choose') }),
  reason: optionalText(2000),
});
export type ChangeTaskStatusInput = z.input<typeof changeTaskStatusInput>;

const OPEN: readonly TaskStatus[] = ['not_started', 'in_progress', 'overdue'];

/** Where `action` takes a task in `from` (today's date decides resume → overdue); null if not allowed. */
export function nextStatus(from: TaskStatus, action: TaskStatusAction, pastDeadline: boolean): TaskStatus | null {
  switch (action) {
    case 'start':
      return from === 'not_started' ? 'in_progress' : null;
    case 'pause':
      return OPEN.includes(from) ? 'paused' : null;
    case 'cancel':
      return OPEN.includes(from) || from === 'paused' ? 'cancelled' : null;
    case 'resume':
      return from === 'paused' ? (pastDeadline ? 'overdue' : 'in_progress') : null;
  }
}

export async function changeTaskStatus(
  db: Database,
  taskId: string,
  raw: ChangeTaskStatusInput,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const input = parseInput(changeTaskStatusInput, raw);
  if ((input.action === 'pause' || input.action === 'cancel') && !input.reason) {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { reason: t('task.reasonRequired') });
  }
  return db.transaction(async (tx) => {
    const loaded = await taskFor(tx, opts.principal, taskId, 'changeStatus');
    const from = loaded.task.status;
    const today = hcmDate(opts.now ?? new Date());
    const to = nextStatus(from, input.action, !!loaded.task.deadline && loaded.task.deadline < today);
    if (!to) throw AppError.of('CONFLICT', 'task.badTransition', { from: t(`task.status.${from}`) });
    const reason = to === 'paused' || to === 'cancelled' ? (input.reason ?? null) : null;
    const [row] = await tx.update(task).set({ status: to, statusReason: reason, updatedAt: new Date() }).where(eq(task.id, taskId)).returning();
    await recordAudit(tx, opts.actor, {
      action: 'task.status',
      entityType: 'task',
      entityId: taskId,
      before: { status: from },
      after: { status: to, action: input.action, reason },
    });
    return row;
  });
}

/**
 * Marks a task completed at `at` (called when its final report is accepted): done on time when
 * the Vietnamese date of `at` is on or before the deadline in force, late otherwise.
 */
export async function markTaskCompleted(tx: Tx, taskId: string, at: Date, actor: Actor = SYSTEM_ACTOR) {
  const [current] = await tx.select().from(task).where(eq(task.id, taskId)).for('update');
  if (!current) throw AppError.of('NOT_FOUND', 'task.notFound');
  if (current.status === 'done_on_time' || current.status === 'done_late') return current;
  const status: TaskStatus = !current.deadline || hcmDate(at) <= current.deadline ? 'done_on_time' : 'done_late';
  const [row] = await tx
    .update(task)
    .set({ status, statusReason: null, completedAt: at, percentDone: 100, updatedAt: new Date() })
    .where(eq(task.id, taskId))
    .returning();
  await recordAudit(tx, actor, {
    action: 'task.complete',
    entityType: 'task',
    entityId: taskId,
    before: { status: current.status },
    after: { status, completedAt: at.toISOString(), deadline: current.deadline, originalDeadline: current.originalDeadline },
  });
  return row;
}
