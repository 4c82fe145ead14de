/** Asks the assigning unit to move a task's deadline; one open request per task. */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput, text } from '../platform/validation';
import { formatIsoDate } from './dates';
import { taskExtensionRequest } from './schema';
import { taskFor } from './task-access';
import { isoDate } from './task-input';

export const requestExtensionInput = z.object({
  requestedDeadline: isoDate(),
  reason: text(2000),
});
export type RequestExtensionInput = z.input<typeof requestExtensionInput>;

export async function requestExtension(db: Database, taskId: string, raw: RequestExtensionInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(requestExtensionInput, raw);
  return db.transaction(async (tx) => {
    const loaded = await taskFor(tx, opts.principal, taskId, 'requestExtension');
    const cur = loaded.task;
    if (['done_on_time', 'done_late', 'cancelled'].includes(cur.status)) throw AppError.of('CONFLICT', 'task.ext.closedTask');
    if (cur.deadline && input.requestedDeadline <= cur.deadline) {
      throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, {
        requestedDeadline: t('task.ext.notLater', { deadline: formatIsoDate(cur.deadline) }),
      });
    }
    const [pending] = await tx
      .select({ id: taskExtensionRequest.id })
      .from(taskExtensionRequest)
      .where(and(eq(taskExtensionRequest.taskId, taskId), eq(taskExtensionRequest.status, 'pending')));
    if (pending) throw AppError.of('CONFLICT', 'task.ext.pendingExists');
    const [row] = await tx
      .insert(taskExtensionRequest)
      .values({ taskId, previousDeadline: cur.deadline, requestedDeadline: input.requestedDeadline, reason: input.reason, requestedBy: opts.principal.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw AppError.of('CONFLICT', 'task.ext.pendingExists');
    await recordAudit(tx, opts.actor, {
      action: 'task.extension.request',
      entityType: 'task',
      entityId: taskId,
      after: { extensionId: row.id, previousDeadline: cur.deadline, requestedDeadline: row.requestedDeadline, reason: row.reason },
    });
    return row;
  });
}
