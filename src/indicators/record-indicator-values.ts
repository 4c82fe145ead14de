/**
 * Records a unit's indicator values for one period (a draft until the period is submitted): the
 * value, a comment and evidence (a reference text and/or one file). An empty value clears what
 * was entered. Nothing changes while the period is locked (submitted or approved, period-lock.ts),
 * and only someone holding indicator.report over the unit may write.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { storedFile } from '../platform/files/schema';
import { type Upload, checkUpload, cleanFileName, writeBlob } from '../platform/files/store';
import { t } from '../platform/i18n';
import { optionalText, parseInput } from '../platform/validation';
import { closedByApprovedAncestor, isPeriodLocked } from './period-lock';
import { periodLabel } from './periods';
import { canReportIndicators } from './policies';
import { findIndicatorsByCodes, lockUnitPeriod } from './queries';
import { indicatorSubmission, indicatorValue } from './schema';
import { loadUnitPeriod, parseNumber } from './unit-period';

export const COMMENT_MAX = 2000;

export const valueEntryInput = z.object({
  code: z.string().trim().min(1, t('field.required')).max(60, t('field.tooLong', { max: 60 })),
  /** a number, or '' / null to clear */
  value: z.union([z.number(), z.string().max(40, t('indicator.error.value')), z.null()]).optional(),
  comment: optionalText(COMMENT_MAX),
  evidenceText: optionalText(1000),
});

export const recordIndicatorValuesInput = z.object({
  unitCode: z.string().trim().min(1, t('field.required')).max(40, t('field.tooLong', { max: 40 })),
  period: z.string().trim().min(1, t('field.required')).max(10, t('field.invalid')),
  entries: z.array(valueEntryInput).min(1, t('field.required')).max(300),
});
export type RecordIndicatorValuesInput = z.input<typeof recordIndicatorValuesInput>;

export interface RecordOptions {
  principal: Principal;
  actor: Actor;
  dataDir?: string;
  /** one evidence file per indicator code */
  files?: { code: string; upload: Upload }[];
  now?: Date;
}

export async function recordIndicatorValues(db: Database, raw: RecordIndicatorValuesInput, opts: RecordOptions) {
  const input = parseInput(recordIndicatorValuesInput, raw);
  const { unit, period } = await loadUnitPeriod(db, input.unitCode, input.period);
  if (!canReportIndicators(opts.principal, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotReport', { unit: unit.name });

  const inds = new Map((await findIndicatorsByCodes(db, input.entries.map((e) => e.code))).map((i) => [i.code, i]));
  const fields: Record<string, string> = {};
  const parsed: { ind: typeof inds extends Map<string, infer I> ? I : never; value: number | null; comment: string | null; evidenceText: string | null }[] = [];
  for (const e of input.entries) {
    const ind = inds.get(e.code);
    const key = `value_${e.code}`;
    if (!ind) {
      fields[key] = t('indicator.error.unknownCode', { code: e.code });
      continue;
    }
    if (ind.kind === 'checklist' || ind.isHeader || ind.qualitative) fields[key] = t('indicator.error.notMeasured', { code: e.code });
    else if (ind.frequency !== period.frequency) fields[key] = t('indicator.error.frequency', { code: e.code, period: periodLabel(period.key) });
    const empty = e.value === undefined || e.value === null || (typeof e.value === 'string' && e.value.trim() === '');
    const value = empty ? null : parseNumber(e.value);
    if (!empty && value === null) fields[key] = t('indicator.error.value');
    if (!fields[key]) parsed.push({ ind, value, comment: e.comment ?? null, evidenceText: e.evidenceText ?? null });
  }
  const files = opts.files ?? [];
  const mimeTypes = new Map<string, string>();
  for (const f of files) {
    if (!inds.has(f.code)) fields[`file_${f.code}`] = t('indicator.error.unknownCode', { code: f.code });
    else {
      try {
        mimeTypes.set(f.code, await checkUpload(f.upload, `file_${f.code}`));
      } catch (err) {
        if (!(err instanceof AppError) || !err.fields) throw err;
        Object.assign(fields, err.fields);
      }
    }
  }
  if (Object.keys(fields).length) throw validationFailed(fields);

  // bytes first (content-addressed: an unused blob is harmless), rows in one transaction
  const hashes = new Map<string, { hash: string; upload: Upload; mimeType: string }>();
  for (const f of files) {
    if (!opts.dataDir) throw new Error('dataDir is needed to store evidence files');
    hashes.set(f.code, { hash: await writeBlob(opts.dataDir, f.upload.buffer), upload: f.upload, mimeType: mimeTypes.get(f.code)! });
  }
  const now = opts.now ?? new Date();

  return db.transaction(async (tx) => {
    const sub = await lockUnitPeriod(tx, unit.id, period.key, { create: true });
    if (isPeriodLocked(sub.status)) throw AppError.of('CONFLICT', 'indicator.error.periodLocked', { period: periodLabel(period.key), unit: unit.name });
    // a new figure below an approved unit would change an approved total behind the approver's back
    if ((await closedByApprovedAncestor(tx, unit, period.key))) throw AppError.of('CONFLICT', 'indicator.error.ancestorApproved', { period: periodLabel(period.key) });

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const e of parsed) {
      const [existing] = await tx
        .select()
        .from(indicatorValue)
        .where(and(eq(indicatorValue.indicatorId, e.ind.id), eq(indicatorValue.orgUnitId, unit.id), eq(indicatorValue.period, period.key)));
      let fileId = existing?.evidenceFileId ?? null;
      let fileName = existing?.evidenceFileName ?? null;
      const file = hashes.get(e.ind.code);
      if (file) {
        await tx
          .insert(storedFile)
          .values({ hash: file.hash, size: file.upload.buffer.length, mimeType: file.mimeType, originalName: cleanFileName(file.upload.fileName), uploadedBy: opts.principal.userId })
          .onConflictDoNothing();
        const [stored] = await tx.select().from(storedFile).where(eq(storedFile.hash, file.hash));
        fileId = stored.id;
        fileName = cleanFileName(file.upload.fileName);
      }
      if (e.value === null) {
        if (existing) {
          await tx.delete(indicatorValue).where(eq(indicatorValue.id, existing.id));
          before[e.ind.code] = { value: existing.value };
          after[e.ind.code] = null;
        }
        continue;
      }
      const row = {
        value: String(e.value),
        comment: e.comment,
        evidenceText: e.evidenceText,
        evidenceFileId: fileId,
        evidenceFileName: fileName,
        enteredBy: opts.principal.userId,
        updatedAt: now,
      };
      if (existing && Number(existing.value) === e.value && existing.comment === e.comment && existing.evidenceText === e.evidenceText && existing.evidenceFileId === fileId) continue;
      await tx
        .insert(indicatorValue)
        .values({ indicatorId: e.ind.id, orgUnitId: unit.id, period: period.key, ...row })
        .onConflictDoUpdate({ target: [indicatorValue.indicatorId, indicatorValue.period, indicatorValue.orgUnitId], set: row });
      if (existing) before[e.ind.code] = { value: existing.value, comment: existing.comment, evidenceText: existing.evidenceText, evidenceFileId: existing.evidenceFileId };
      after[e.ind.code] = { value: row.value, comment: row.comment, evidenceText: row.evidenceText, evidenceFileId: fileId };
    }
    const changed = Object.keys(after).length;
    if (changed > 0) {
      await tx.update(indicatorSubmission).set({ updatedAt: now }).where(eq(indicatorSubmission.id, sub.id));
      await recordAudit(tx, opts.actor, {
        action: 'indicator.values.record',
        entityType: 'indicator_submission',
        entityId: sub.id,
        before: { unitCode: unit.code, period: period.key, values: before },
        after: { unitCode: unit.code, period: period.key, values: after },
      });
    }
    return { unit, period: period.key, submission: sub, changed };
  });
}
