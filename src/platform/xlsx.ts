/**
 * Spreadsheet conventions shared by every XLSX the platform writes: a frozen, bold header row with
 * an autofilter, NFC text, and dates as real cells shown in Vietnam's time (Excel has no zones).
 */
import type ExcelJS from 'exceljs';

export const XLSX_DATE = 'dd/mm/yyyy';
export const XLSX_DATETIME = 'dd/mm/yyyy hh:mm';
const HCM_OFFSET_MS = 7 * 3600_000;

/** 'yyyy-mm-dd' → a date cell value, or null. */
export const xlsxDate = (iso: string | null | undefined): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** An instant → a date-time cell value that reads as Asia/Ho_Chi_Minh wall time, or null. */
export const xlsxDateTime = (d: Date | null | undefined): Date | null => (d ? new Date(d.getTime() + HCM_OFFSET_MS) : null);

export interface XlsxColumn {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
}

export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  cols: XlsxColumn[],
  rows: Record<string, unknown>[],
  options: Partial<ExcelJS.AddWorksheetOptions> = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], ...options });
  ws.columns = cols.map((c) => ({ header: c.header.normalize('NFC'), key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFC') : v])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: cols.length } };
  return ws;
}
