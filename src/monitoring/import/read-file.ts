/**
 * Reads an uploaded task file into rows of cells keyed by column: XLSX (decided by its bytes: a zip
 * holding xl/) or CSV as UTF-8 with or without BOM. File-level problems are AppErrors; row numbers
 * are those a person sees in the spreadsheet (the header is row 1).
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors';
import { inspectUpload } from '../../platform/files/inspect-upload';
import { ALLOWED_TYPES } from '../../platform/files/sniff';
import { refusalMessage } from '../../platform/files/store';
import { type ColumnKey, IMPORT_COLUMNS, type RawCell, columnForHeader } from './columns';
import { readCsvRows } from '../../platform/text/csv';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export interface FileRow {
  rowNumber: number;
  cells: Partial<Record<ColumnKey, RawCell>>;
}

/** exceljs cell value → a plain value (rich text, formulas, links and errors flattened). */
function plainCell(v: ExcelJS.CellValue): RawCell {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainCell(v.result as ExcelJS.CellValue);
    if ('text' in v) return plainCell(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

function headerColumns(headers: RawCell[]): Map<number, ColumnKey> {
  const map = new Map<number, ColumnKey>();
  headers.forEach((h, i) => {
    const key = typeof h === 'string' ? columnForHeader(h) : null;
    if (key && ![...map.values()].includes(key)) map.set(i, key);
  });
  const found = new Set(map.values());
  const missing = IMPORT_COLUMNS.find((c) => c.required && !found.has(c.key));
  if (missing) throw AppError.of('VALIDATION_FAILED', 'taskImport.missingColumn', { column: missing.header });
  return map;
}

function toRows(header: RawCell[], body: { rowNumber: number; values: RawCell[] }[]): FileRow[] {
  const columns = headerColumns(header);
  const rows: FileRow[] = [];
  for (const r of body) {
    const cells: FileRow['cells'] = {};
    let any = false;
    for (const [i, key] of columns) {
      const v = r.values[i];
      if (v == null || (typeof v === 'string' && v.trim() === '')) continue;
      cells[key] = typeof v === 'string' ? v.normalize('NFC') : v;
      any = true;
    }
    if (!any) continue;
    rows.push({ rowNumber: r.rowNumber, cells });
    if (rows.length > MAX_IMPORT_ROWS) throw AppError.of('VALIDATION_FAILED', 'taskImport.tooManyRows', { max: MAX_IMPORT_ROWS });
  }
  if (rows.length === 0) throw AppError.of('VALIDATION_FAILED', 'taskImport.empty');
  return rows;
}

async function readXlsx(buffer: Buffer): Promise<FileRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw AppError.of('VALIDATION_FAILED', 'taskImport.unreadable');
  }
  const sheet = wb.worksheets.find((s) => s.name.normalize('NFC') === 'Nhiệm vụ') ?? wb.worksheets[0];
  if (!sheet) throw AppError.of('VALIDATION_FAILED', 'taskImport.empty');
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw AppError.of('VALIDATION_FAILED', 'taskImport.tooManyRows', { max: MAX_IMPORT_ROWS });
  const rowValues = (n: number): RawCell[] => {
    const row = sheet.getRow(n);
    const out: RawCell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) out.push(plainCell(row.getCell(c).value));
    return out;
  };
  const header = rowValues(1);
  const body: { rowNumber: number; values: RawCell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (_row, n) => {
    if (n > 1) body.push({ rowNumber: n, values: rowValues(n) });
  });
  return toRows(header, body);
}

function readCsv(buffer: Buffer): FileRow[] {
  const rows = readCsvRows(buffer.toString('utf8'));
  if (rows.length === 0) throw AppError.of('VALIDATION_FAILED', 'taskImport.empty');
  if (rows.length > MAX_IMPORT_ROWS + 1) throw AppError.of('VALIDATION_FAILED', 'taskImport.tooManyRows', { max: MAX_IMPORT_ROWS });
  const [header, ...body] = rows;
  return toRows(
    header,
    body.map((values, i) => ({ rowNumber: i + 2, values })),
  );
}

/**
 * The rows of an uploaded file; refuses what is neither XLSX nor UTF-8 text, or too large, and any
 * XLSX the platform's inspection refuses (inspect-upload.ts) — before exceljs inflates a byte.
 */
export async function readTaskFile(buffer: Buffer, fileName = 'tep-tin'): Promise<FileRow[]> {
  const inspection = await inspectUpload(buffer, { accept: [ALLOWED_TYPES.xlsx, ALLOWED_TYPES.text], maxBytes: MAX_IMPORT_BYTES });
  if (!inspection.ok) {
    if (inspection.reason === 'too_large') throw AppError.of('PAYLOAD_TOO_LARGE', 'taskImport.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
    if (inspection.reason === 'type') throw AppError.of('UNSUPPORTED_MEDIA_TYPE', 'taskImport.badType');
    throw new AppError('VALIDATION_FAILED', refusalMessage(inspection, fileName));
  }
  return inspection.mimeType === ALLOWED_TYPES.xlsx ? readXlsx(buffer) : readCsv(buffer);
}
