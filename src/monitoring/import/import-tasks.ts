/**
 * Imports tasks from an XLSX/CSV file: every row is converted and checked exactly as `createTask`
 * checks one task (shared `prepareTask`: plan, group, units, the principal's right over the lead
 * unit, duplicate codes, people), plus duplicates within the file. A dry run only reports; a real
 * run writes nothing when any row is invalid, otherwise creates every task in one transaction,
 * each with its own `task.create` audit event, and one `task.import` summary event.
 */
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { issuesToFields } from '../../platform/validation';
import { type PreparedTask, createTaskInput, insertPreparedTask, prepareTask } from '../create-task';
import { type ColumnKey, columnByKey, rowToInput } from './columns';
import { type FileRow, readTaskFile } from './read-file';

export interface RowError {
  /** the spreadsheet row (header = 1); 0 for the whole file */
  row: number;
  column: string;
  message: string;
}

export interface ImportPreviewRow {
  row: number;
  planCode: string;
  code: string;
  title: string;
  leadUnitCode: string;
  deadline: string | null;
}

export interface ImportResult {
  dryRun: boolean;
  /** what was (or, in a dry run, would be) created */
  rows: ImportPreviewRow[];
  errors: RowError[];
  created: number;
}

/** field of the use-case → column of the file */
const FIELD_COLUMN: Record<string, ColumnKey> = { leadUnitCode: 'leadUnitCode', coordinatingUnitCodes: 'coordinatingUnitCodes', planCode: 'planCode' };

const columnLabel = (key: string) => columnByKey.get((FIELD_COLUMN[key] ?? key) as ColumnKey)?.header ?? key;

/** Checks every row; returns the prepared tasks and the per-row errors. */
async function checkRows(tx: Parameters<typeof prepareTask>[0], rows: FileRow[], principal: Principal, defaultPlanCode: string | undefined) {
  const errors: RowError[] = [];
  const prepared: { row: number; task: PreparedTask }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const rowErrors: RowError[] = [];
    const { input, errors: cellErrors } = rowToInput(r.cells, defaultPlanCode);
    for (const e of cellErrors) rowErrors.push({ row: r.rowNumber, column: columnLabel(e.column), message: e.message });
    const failed = new Set(cellErrors.map((e) => e.column as string));
    const parsed = createTaskInput.safeParse(input);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(issuesToFields(parsed.error))) {
        const key = field.split('.')[0];
        if (!failed.has(key)) rowErrors.push({ row: r.rowNumber, column: columnLabel(key), message });
      }
    }
    if (parsed.success) {
      const dupKey = `${parsed.data.planCode}\u0000${parsed.data.code}`;
      const first = seen.get(dupKey);
      if (first !== undefined) rowErrors.push({ row: r.rowNumber, column: columnLabel('code'), message: t('taskImport.duplicateInFile', { code: parsed.data.code, row: first }) });
      else seen.set(dupKey, r.rowNumber);
    }
    if (parsed.success && rowErrors.length === 0) {
      try {
        prepared.push({ row: r.rowNumber, task: await prepareTask(tx, parsed.data, principal) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'FORBIDDEN') {
          rowErrors.push({ row: r.rowNumber, column: columnLabel('leadUnitCode'), message: t('taskImport.notYourUnit', { code: parsed.data.leadUnitCode }) });
        } else if (err.fields && Object.keys(err.fields).length) {
          for (const [field, message] of Object.entries(err.fields)) rowErrors.push({ row: r.rowNumber, column: columnLabel(field), message });
        } else {
          rowErrors.push({ row: r.rowNumber, column: t('taskImport.file.column'), message: err.message });
        }
      }
    }
    errors.push(...rowErrors);
  }
  return { errors, prepared };
}

const preview = (row: number, p: PreparedTask): ImportPreviewRow => ({
  row,
  planCode: p.plan.code,
  code: p.input.code,
  title: p.input.title,
  leadUnitCode: p.lead.code,
  deadline: p.input.deadline ?? null,
});

export async function importTasks(
  db: Database,
  file: { buffer: Buffer; fileName: string },
  opts: { principal: Principal; actor: Actor; planCode?: string; dryRun: boolean },
): Promise<ImportResult> {
  let rows: FileRow[];
  try {
    rows = await readTaskFile(file.buffer, file.fileName);
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
      return { dryRun: opts.dryRun, rows: [], errors: [{ row: 0, column: t('taskImport.file.column'), message: err.message }], created: 0 };
    }
    throw err;
  }
  const defaultPlan = opts.planCode?.trim() || undefined;
  return db.transaction(async (tx) => {
    const { errors, prepared } = await checkRows(tx, rows, opts.principal, defaultPlan);
    const list = prepared.map((p) => preview(p.row, p.task));
    if (errors.length || opts.dryRun) return { dryRun: opts.dryRun, rows: errors.length ? [] : list, errors, created: 0 };
    const ids: string[] = [];
    for (const p of prepared) {
      const row = await insertPreparedTask(tx, p.task, opts.actor, { importedFrom: file.fileName, importRow: p.row });
      ids.push(row.id);
    }
    await recordAudit(tx, opts.actor, {
      action: 'task.import',
      entityType: 'task_import',
      after: { fileName: file.fileName, created: ids.length, codes: list.map((r) => r.code).slice(0, 200) },
    });
    return { dryRun: false, rows: list, errors: [], created: ids.length };
  });
}
