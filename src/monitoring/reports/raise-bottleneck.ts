/**
 * Records a bottleneck (điểm nghẽn) directly: on a task (owned by its lead unit unless another
 * unit is named) or for a unit alone. Raising one from a report happens in `submit-report`.
 */
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { findUnitByCode } from '../../org/queries';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput, text } from '../../platform/validation';
import { optionalLongText } from './text-fields';
import { canRaiseBottleneck, canSeeTaskReports } from './policies';
import { findReport, isUuid, loadReportTask, unitNames } from './queries';
import { bottleneck } from './schema';

export const raiseBottleneckInput = z.object({
  taskId: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isUuid, t('field.invalid')).optional()),
  reportId: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isUuid, t('field.invalid')).optional()),
  title: text(300),
  description: optionalLongText(10_000),
  ownerUnitCode: optionalText(40),
});
export type RaiseBottleneckInput = z.input<typeof raiseBottleneckInput>;

export async function raiseBottleneck(db: Database, raw: RaiseBottleneckInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(raiseBottleneckInput, raw);
  let taskId = input.taskId ?? null;
  if (input.reportId) {
    const report = await findReport(db, input.reportId);
    if (!report || (taskId && report.taskId !== taskId)) throw AppError.of('NOT_FOUND', 'report.notFound');
    taskId = report.taskId;
  }
  const loaded = taskId ? await loadReportTask(db, taskId) : null;
  if (taskId && (!loaded || !canSeeTaskReports(opts.principal, loaded.placement))) {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { taskId: t('bottleneck.unknownTask', { code: taskId }) });
  }
  let owner: { id: string; path: string } | null = null;
  if (input.ownerUnitCode) {
    const unit = await findUnitByCode(db, input.ownerUnitCode);
    if (!unit) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { ownerUnitCode: t('user.unknownUnit', { code: input.ownerUnitCode }) });
    owner = { id: unit.id, path: unit.path };
  } else if (loaded?.placement.leadUnitId && loaded.placement.leadUnitPath) {
    owner = { id: loaded.placement.leadUnitId, path: loaded.placement.leadUnitPath };
  }
  if (!owner) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { ownerUnitCode: t('bottleneck.ownerRequired') });
  if (!canRaiseBottleneck(opts.principal, owner.path, loaded?.placement ?? null)) throw AppError.of('FORBIDDEN', 'bottleneck.cannotRaise');

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bottleneck)
      .values({
        taskId,
        reportId: input.reportId ?? null,
        title: input.title,
        description: input.description ?? null,
        ownerUnitId: owner.id,
        raisedBy: opts.principal.userId,
      })
      .returning();
    const names = await unitNames(tx, [owner.id]);
    await recordAudit(tx, opts.actor, {
      action: 'bottleneck.raise',
      entityType: 'bottleneck',
      entityId: row.id,
      after: { ...row, ownerUnitCode: names.get(owner.id)?.code },
    });
    return row;
  });
}
