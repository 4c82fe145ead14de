/** The downloadable import templates: XLSX (a "Nhiệm vụ" sheet and an instructions sheet) and CSV. */
import ExcelJS from 'exceljs';
import { t } from '../../platform/i18n';
import { IMPORT_COLUMNS, csvField } from './columns';
import { MAX_IMPORT_ROWS } from './read-file';

export async function buildTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nq57';
  const sheet = wb.addWorksheet(t('taskImport.sheet.tasks'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // the deadline column keeps what people type as text; Excel dates are accepted too
  const deadlineCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'deadline') + 1;
  sheet.getColumn(deadlineCol).numFmt = 'dd/mm/yyyy';
  const help = wb.addWorksheet(t('taskImport.sheet.help'));
  help.columns = [
    { header: t('taskImport.help.column'), key: 'column', width: 40 },
    { header: t('taskImport.help.required'), key: 'required', width: 10 },
    { header: t('taskImport.help.values'), key: 'values', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    help.addRow({ column: c.header, required: c.required ? t('taskImport.help.yes') : t('taskImport.help.no'), values: c.help() });
  }
  help.addRow({});
  help.addRow({ column: t('taskImport.help.intro') });
  help.addRow({ column: t('taskImport.fileHint', { maxMb: 5, maxRows: MAX_IMPORT_ROWS }) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a BOM (so Excel opens the Vietnamese headers correctly), header line only. */
export function buildTemplateCsv(): Buffer {
  return Buffer.from(`\uFEFF${IMPORT_COLUMNS.map((c) => csvField(c.header)).join(',')}\r\n`, 'utf8');
}
