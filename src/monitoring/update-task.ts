/**
 * Edits a task's description fields and progress. The deadline is not edited here: it moves
 * only through an approved extension request, so the original deadline stays on record.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput, text } from '../platform/validation';
import { resolveUnitCodes } from './create-task';
import { task, taskCoordinator, taskGroup } from './schema';
import { taskFor } from './task-access';
import { bloc, cadence, criteriaGroup, optionalEmail, percent, priority, resolvePerson, taskSearchText, unitCodeList } from './task-input';

export const updateTaskInput = z
  .object({
    title: text(2000),
    description: optionalText(10000),
    groupNumber: optionalText(10),
    output: optionalText(2000),
    responsibleName: optionalText(200),
    accountableName: optionalText(200),
    responsibleEmail: optionalEmail(),
    accountableEmail: optionalEmail(),
    percentDone: percent,
    priority,
    source: optionalText(500),
    bloc,
    criteriaGroup,
    reportingCadence: cadence,
    coordinatingUnitCodes: unitCodeList,
  })
  .partial()
  .strict();
export type UpdateTaskInput = z.input<typeof updateTaskInput>;

export async function updateTask(db: Database, taskId: string, raw: UpdateTaskInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(updateTaskInput, raw);
  return db.transaction(async (tx) => {
    const loaded = await taskFor(tx, opts.principal, taskId, 'edit');
    const before = loaded.task;
    if (input.groupNumber) {
      const [g] = await tx.select().from(taskGroup).where(eq(taskGroup.number, input.groupNumber));
      if (!g) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { groupNumber: t('task.unknownGroup', { code: input.groupNumber }) });
    }
    const { coordinatingUnitCodes, responsibleEmail, accountableEmail, ...fields } = input;
    const changes: Partial<typeof task.$inferInsert> = { ...fields, updatedAt: new Date() };
    const responsible = await resolvePerson(tx, responsibleEmail, 'responsibleEmail');
    if (responsible) {
      changes.responsibleUserId = responsible.id;
      changes.responsibleName = fields.responsibleName ?? responsible.fullName;
    }
    const accountable = await resolvePerson(tx, accountableEmail, 'accountableEmail');
    if (accountable) {
      changes.accountableUserId = accountable.id;
      changes.accountableName = fields.accountableName ?? accountable.fullName;
    }
    if (coordinatingUnitCodes) {
      const units = await resolveUnitCodes(tx, coordinatingUnitCodes, 'coordinatingUnitCodes');
      await tx.delete(taskCoordinator).where(eq(taskCoordinator.taskId, taskId));
      if (units.length) await tx.insert(taskCoordinator).values(units.map((u) => ({ taskId, orgUnitId: u.id })));
      changes.coordinatingUnitCodes = units.map((u) => u.code);
    }
    changes.searchText = taskSearchText(before.code, changes.title ?? before.title, 'output' in changes ? changes.output : before.output);
    const [row] = await tx.update(task).set(changes).where(eq(task.id, taskId)).returning();
    const changed = Object.keys(changes).filter((k) => k !== 'updatedAt' && k !== 'searchText');
    await recordAudit(tx, opts.actor, {
      action: 'task.update',
      entityType: 'task',
      entityId: taskId,
      before: Object.fromEntries(changed.map((k) => [k, (before as Record<string, unknown>)[k] ?? null])),
      after: Object.fromEntries(changed.map((k) => [k, (row as Record<string, unknown>)[k] ?? null])),
    });
    return row;
  });
}
