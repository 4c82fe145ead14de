/**
 * Submits a progress report on a task: by a leader or officer of the lead unit (the whole task) or
 * of a co-ordinating unit (its part). A completion report must carry its output as evidence: the
 * issued document's number and date, a link, or at least one file. A returned report is fixed by
 * submitting a new version that supersedes it; nothing is ever edited in place.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { storedFile } from '../../platform/files/schema';
import { type Upload, checkUpload, cleanFileName, writeBlob } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { optionalText, parseInput } from '../../platform/validation';
import { longText, optionalLongText } from './text-fields';
import { deadlineDueAt, isIsoDate, periodContaining, periodicDueAt } from './periods';
import { canSeeTaskReports, reportableUnits } from './policies';
import { findReport, isUuid, loadReportTask } from './queries';
import { REPORT_KINDS, bottleneck, progressReport, reportEvidence } from './schema';

const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());
const optionalDate = (message: string) =>
  z.preprocess((v) => (v === '' || v == null ? undefined : v), z.string().refine(isIsoDate, message).optional());

export const submitReportInput = z.object({
  unitId: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isUuid, t('field.invalid')).optional()),
  kind: z.enum(REPORT_KINDS, { message: t('field.choose') }).default('periodic'),
  periodDate: optionalDate(t('field.invalid')),
  percentDone: z.coerce.number({ message: t('report.percentInvalid') }).int(t('report.percentInvalid')).min(0, t('report.percentInvalid')).max(100, t('report.percentInvalid')),
  doneText: longText(10_000),
  obstaclesText: optionalLongText(10_000),
  raiseBottleneck: checkbox.default(false),
  proposalsText: optionalLongText(10_000),
  isFinal: checkbox.default(false),
  documentNumber: optionalText(100),
  documentDate: optionalDate(t('field.invalid')),
  link: optionalText(1000).refine((v) => v === undefined || /^https?:\/\/\S+$/i.test(v), t('report.linkInvalid')),
  supersedesId: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isUuid, t('field.invalid')).optional()),
});
export type SubmitReportInput = z.input<typeof submitReportInput>;

export async function submitReport(
  db: Database,
  dataDir: string,
  taskId: string,
  raw: SubmitReportInput,
  opts: { principal: Principal; actor: Actor; uploads?: Upload[]; now?: Date },
) {
  const input = parseInput(submitReportInput, raw);
  const uploads = opts.uploads ?? [];
  const now = opts.now ?? new Date();

  // Access first (read-only), so a refused request leaves nothing behind, not even bytes on disk.
  const loaded = await loadReportTask(db, taskId);
  if (!loaded) throw AppError.of('NOT_FOUND', 'report.taskNotFound');
  if (!canSeeTaskReports(opts.principal, loaded.placement)) throw AppError.of('FORBIDDEN', 'report.cannotSubmit');
  const units = reportableUnits(opts.principal, loaded.placement);
  if (units.length === 0) throw AppError.of('FORBIDDEN', 'report.cannotSubmit');
  // a new version is written for the unit of the report it replaces
  const replaced = input.supersedesId ? await findReport(db, input.supersedesId) : null;
  const wanted = input.unitId ?? replaced?.reportingUnitId;
  const unit = wanted ? units.find((u) => u.id === wanted) : units[0];
  if (!unit) throw AppError.of('FORBIDDEN', 'report.unitNotAllowed', undefined, { unitId: t('report.unitNotAllowed') });
  if (['done_on_time', 'done_late', 'cancelled'].includes(loaded.status)) throw AppError.of('CONFLICT', 'report.taskClosed');

  const fields: Record<string, string> = {};
  if (input.documentNumber && !input.documentDate) fields.documentDate = t('report.documentDateRequired');
  if (input.documentDate && !input.documentNumber) fields.documentNumber = t('report.documentNumberRequired');
  if (input.isFinal) {
    if (!unit.lead) fields.isFinal = t('report.finalOnlyLead');
    if (input.percentDone !== 100) fields.percentDone = t('report.finalPercent');
    const hasEvidence = (input.documentNumber && input.documentDate) || input.link || uploads.length > 0;
    if (!hasEvidence) fields.documentNumber = t('report.finalNeedsEvidence');
  }
  if (!input.supersedesId && input.kind === 'periodic' && !input.periodDate) fields.periodDate = t('report.periodRequired');
  if (Object.keys(fields).length) throw validationFailed(fields);
  // every file inspected before any is written, so a refused one leaves nothing behind
  const checked: { upload: Upload; mimeType: string }[] = [];
  for (const u of uploads) checked.push({ upload: u, mimeType: await checkUpload(u) });

  const previous = replaced;
  if (input.supersedesId) {
    if (!previous || previous.taskId !== loaded.id || previous.reportingUnitId !== unit.id) {
      throw AppError.of('CONFLICT', 'report.supersedeInvalid');
    }
    if (previous.status === 'accepted') throw AppError.of('CONFLICT', 'report.locked');
    if (previous.status !== 'returned') throw AppError.of('CONFLICT', 'report.supersedeInvalid');
  }

  let period: { label: string; start: string; end: string } | null = null;
  let dueAt: Date | null = null;
  if (previous) {
    period = previous.periodLabel ? { label: previous.periodLabel, start: previous.periodStart!, end: previous.periodEnd! } : null;
    dueAt = previous.dueAt;
  } else if (input.kind === 'periodic') {
    const p = periodContaining(loaded.cadence, input.periodDate!);
    period = { label: t(p.label.key, p.label.params), start: p.start, end: p.end };
    dueAt = periodicDueAt(p.end);
  }
  if (input.isFinal && loaded.deadline && !previous) dueAt = deadlineDueAt(loaded.deadline);

  // Bytes first (content-addressed: an unused file is harmless), then every row in one transaction.
  const hashes: string[] = [];
  for (const c of checked) hashes.push(await writeBlob(dataDir, c.upload.buffer));

  return db.transaction(async (tx) => {
    const [report] = await tx
      .insert(progressReport)
      .values({
        taskId: loaded.id,
        reportingUnitId: unit.id,
        authorId: opts.principal.userId,
        kind: previous ? previous.kind : input.kind,
        periodLabel: period?.label ?? null,
        periodStart: period?.start ?? null,
        periodEnd: period?.end ?? null,
        percentDone: input.percentDone,
        doneText: input.doneText,
        obstaclesText: input.obstaclesText ?? null,
        proposalsText: input.proposalsText ?? null,
        isFinal: input.isFinal,
        documentNumber: input.documentNumber ?? null,
        documentDate: input.documentDate ?? null,
        link: input.link ?? null,
        status: 'submitted',
        submittedAt: now,
        dueAt,
        onTime: dueAt ? now.getTime() < dueAt.getTime() : null,
        version: previous ? previous.version + 1 : 1,
        supersedesId: previous?.id ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!report) throw AppError.of('CONFLICT', 'report.supersedeInvalid');

    const files: { fileId: string; hash: string; name: string; size: number; mimeType: string }[] = [];
    for (let i = 0; i < checked.length; i++) {
      const { upload, mimeType } = checked[i];
      await tx
        .insert(storedFile)
        .values({ hash: hashes[i], size: upload.buffer.length, mimeType, originalName: cleanFileName(upload.fileName), uploadedBy: opts.principal.userId })
        .onConflictDoNothing();
      const [file] = await tx.select().from(storedFile).where(eq(storedFile.hash, hashes[i]));
      const [added] = await tx
        .insert(reportEvidence)
        .values({ reportId: report.id, fileId: file.id, fileName: cleanFileName(upload.fileName) })
        .onConflictDoNothing()
        .returning();
      if (added) files.push({ fileId: file.id, hash: file.hash, name: added.fileName, size: file.size, mimeType: file.mimeType });
    }

    await recordAudit(tx, opts.actor, {
      action: previous ? 'report.resubmit' : 'report.submit',
      entityType: 'progress_report',
      entityId: report.id,
      after: { ...report, evidence: files },
    });

    let raised: typeof bottleneck.$inferSelect | null = null;
    if (input.raiseBottleneck && input.obstaclesText) {
      [raised] = await tx
        .insert(bottleneck)
        .values({
          taskId: loaded.id,
          reportId: report.id,
          title: input.obstaclesText.split('\n')[0].slice(0, 200),
          description: input.obstaclesText,
          ownerUnitId: unit.id,
          raisedBy: opts.principal.userId,
        })
        .returning();
      await recordAudit(tx, opts.actor, { action: 'bottleneck.raise', entityType: 'bottleneck', entityId: raised.id, after: raised });
    }
    return { report, files, bottleneck: raised };
  });
}
