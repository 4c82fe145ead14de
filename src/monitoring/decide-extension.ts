/**
 * The assigning unit (or the standing office) approves or rejects an extension request. Approval
 * moves the deadline in force; `originalDeadline` is never touched. An overdue task whose new
 * deadline is today or later goes back to "in progress".
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput } from '../platform/validation';
import { hcmDate } from './dates';
import { isUuid } from './queries';
import { task, taskExtensionRequest } from './schema';
import { taskFor } from './task-access';

export const decideExtensionInput = z.object({
  decision: z.enum(['approved', 'rejected'], { message: t('field.choose') }),
  note: optionalText(2000),
});
export type DecideExtensionInput = z.input<typeof decideExtensionInput>;

export async function decideExtension(
  db: Database,
  extensionId: string,
  raw: DecideExtensionInput,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const input = parseInput(decideExtensionInput, raw);
  if (!isUuid(extensionId)) throw AppError.of('NOT_FOUND', 'task.ext.notFound');
  return db.transaction(async (tx) => {
    const [ext] = await tx.select().from(taskExtensionRequest).where(eq(taskExtensionRequest.id, extensionId)).for('update');
    if (!ext) throw AppError.of('NOT_FOUND', 'task.ext.notFound');
    const loaded = await taskFor(tx, opts.principal, ext.taskId, 'decideExtension');
    if (ext.status !== 'pending') throw AppError.of('CONFLICT', 'task.ext.alreadyDecided');
    const [decided] = await tx
      .update(taskExtensionRequest)
      .set({ status: input.decision, decidedBy: opts.principal.userId, decisionNote: input.note ?? null, decidedAt: new Date() })
      .where(eq(taskExtensionRequest.id, extensionId))
      .returning();
    const before = loaded.task;
    let after = before;
    if (input.decision === 'approved') {
      const today = hcmDate(opts.now ?? new Date());
      const status = before.status === 'overdue' && ext.requestedDeadline >= today ? 'in_progress' : before.status;
      [after] = await tx
        .update(task)
        .set({ deadline: ext.requestedDeadline, originalDeadline: before.originalDeadline ?? before.deadline, status, updatedAt: new Date() })
        .where(eq(task.id, before.id))
        .returning();
    }
    await recordAudit(tx, opts.actor, {
      action: 'task.extension.decide',
      entityType: 'task',
      entityId: before.id,
      before: { deadline: before.deadline, status: before.status },
      after: { extensionId, decision: input.decision, note: input.note ?? null, deadline: after.deadline, status: after.status },
    });
    return { extension: decided, task: after };
  });
}
