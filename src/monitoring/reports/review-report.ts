/**
 * Reviews a submitted report: accept it (it is then locked) or return it with a comment. The
 * reviewer is a leader or admin of the task's assigning unit subtree, or the standing office.
 * Accepting the lead unit's report moves the task: a completion report closes it through the task
 * core's `markTaskCompleted` (done on time or late), another report sets its percent done and starts it.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput } from '../../platform/validation';
import { optionalLongText } from './text-fields';
import { task } from '../schema';
import { markTaskCompleted } from '../change-task-status';
import { canReviewReports, canSeeTaskReports } from './policies';
import { findReport, loadReportTask } from './queries';
import { progressReport } from './schema';

export const reviewReportInput = z
  .object({
    decision: z.enum(['accept', 'return'], { message: t('field.choose') }),
    comment: optionalLongText(5000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: t('report.commentRequired') });
  });
export type ReviewReportInput = z.input<typeof reviewReportInput>;

export async function reviewReport(db: Database, reportId: string, raw: ReviewReportInput, opts: { principal: Principal; actor: Actor; now?: Date }) {
  const report = await findReport(db, reportId);
  if (!report) throw AppError.of('NOT_FOUND', 'report.notFound');
  const loaded = await loadReportTask(db, report.taskId);
  if (!loaded) throw AppError.of('NOT_FOUND', 'report.notFound');
  if (!canSeeTaskReports(opts.principal, loaded.placement)) throw AppError.of('FORBIDDEN', 'report.cannotReview');
  if (!canReviewReports(opts.principal, loaded.placement)) throw AppError.of('FORBIDDEN', 'report.cannotReview');
  const input = parseInput(reviewReportInput, raw);
  if (report.authorId === opts.principal.userId) throw AppError.of('FORBIDDEN', 'report.cannotReviewOwn');
  const now = opts.now ?? new Date();

  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(progressReport)
      .set({
        status: input.decision === 'accept' ? 'accepted' : 'returned',
        reviewedBy: opts.principal.userId,
        reviewedAt: now,
        reviewComment: input.comment ?? null,
        updatedAt: now,
      })
      .where(and(eq(progressReport.id, report.id), eq(progressReport.status, 'submitted')))
      .returning();
    if (!updated) {
      const [current] = await tx.select({ status: progressReport.status }).from(progressReport).where(eq(progressReport.id, report.id));
      throw AppError.of('CONFLICT', current?.status === 'accepted' ? 'report.locked' : 'report.notAwaiting');
    }
    await recordAudit(tx, opts.actor, {
      action: input.decision === 'accept' ? 'report.accept' : 'report.return',
      entityType: 'progress_report',
      entityId: report.id,
      before: { status: report.status },
      after: { status: updated.status, reviewComment: updated.reviewComment, reviewedAt: now },
    });

    let taskChange: { before: string; status: string; percentDone: number } | null = null;
    const fromLead = report.reportingUnitId === loaded.placement.leadUnitId;
    if (input.decision === 'accept' && fromLead) {
      if (report.isFinal) {
        // the task core closes it and writes its own audit event (task.complete)
        const done = await markTaskCompleted(tx, loaded.id, now, opts.actor);
        taskChange = { before: loaded.status, status: done.status, percentDone: 100 };
      } else {
        const [current] = await tx.select({ status: task.status, percentDone: task.percentDone }).from(task).where(eq(task.id, loaded.id)).for('update');
        if (current && !['done_on_time', 'done_late', 'cancelled'].includes(current.status)) {
          const status = current.status === 'not_started' ? 'in_progress' : current.status;
          await tx.update(task).set({ status, percentDone: report.percentDone, updatedAt: now }).where(eq(task.id, loaded.id));
          taskChange = { before: current.status, status, percentDone: report.percentDone };
        }
      }
      if (taskChange && !report.isFinal) {
        await recordAudit(tx, opts.actor, {
          action: 'task.progress',
          entityType: 'task',
          entityId: loaded.id,
          before: { status: taskChange.before },
          after: { status: taskChange.status, percentDone: taskChange.percentDone, reportId: report.id },
        });
      }
    }
    return { report: updated, task: taskChange };
  });
}
