/**
 * The columns of the task import file (Vietnamese headers, in template order), and the pure
 * conversions from spreadsheet cells to a `createTask` input: dd/mm/yyyy or Excel dates, có/không,
 * enumerations by Vietnamese label or code, NFC text. No database here.
 */
import { GROUP_NUMBERS } from '../schema';
import { t } from '../../platform/i18n';
import { foldText } from '../../platform/text/fold';
import { isIsoDate } from '../dates';
import { CRITERIA_GROUPS, REPORTING_CADENCES, TASK_BLOCS, TASK_PRIORITIES } from '../schema';

export type ColumnKey =
  | 'code'
  | 'planCode'
  | 'groupNumber'
  | 'title'
  | 'description'
  | 'leadUnitCode'
  | 'coordinatingUnitCodes'
  | 'output'
  | 'deadline'
  | 'recurring'
  | 'reportingCadence'
  | 'priority'
  | 'bloc'
  | 'criteriaGroup'
  | 'responsibleName'
  | 'responsibleEmail'
  | 'accountableName'
  | 'accountableEmail'
  | 'source';

export interface ImportColumn {
  key: ColumnKey;
  header: string;
  required: boolean;
  /** what the instructions sheet says about the values */
  help: () => string;
  width: number;
}


/** Allowed values of the enumerated columns: code → Vietnamese label. */
export const CHOICES = {
  reportingCadence: Object.fromEntries(REPORTING_CADENCES.map((c) => [c, t(`task.cadence.${c}`)])),
  priority: Object.fromEntries(TASK_PRIORITIES.map((c) => [c, t(`task.priority.${c}`)])),
  bloc: Object.fromEntries(TASK_BLOCS.map((c) => [c, t(`task.bloc.${c}`)])),
  criteriaGroup: Object.fromEntries(CRITERIA_GROUPS.map((c) => [c, t(`task.criteria.${c}`)])),
} as Record<'reportingCadence' | 'priority' | 'bloc' | 'criteriaGroup', Record<string, string>>;

const choiceHelp = (k: keyof typeof CHOICES) => () => Object.values(CHOICES[k]).join('; ');
const text = () => t('taskImport.help.text');

export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'code', header: 'mã nhiệm vụ', required: true, help: text, width: 16 },
  { key: 'planCode', header: 'kế hoạch (mã)', required: false, help: () => t('taskImport.planHint'), width: 16 },
  { key: 'groupNumber', header: 'nhóm (I–VII)', required: false, help: () => GROUP_NUMBERS.join('; '), width: 10 },
  { key: 'title', header: 'tên nhiệm vụ', required: true, help: text, width: 50 },
  { key: 'description', header: 'mô tả', required: false, help: text, width: 40 },
  { key: 'leadUnitCode', header: 'cơ quan chủ trì (mã đơn vị)', required: true, help: () => t('taskImport.help.unit'), width: 18 },
  { key: 'coordinatingUnitCodes', header: 'cơ quan phối hợp (mã, cách nhau bởi ;)', required: false, help: () => t('taskImport.help.units'), width: 24 },
  { key: 'output', header: 'sản phẩm đầu ra', required: false, help: text, width: 30 },
  { key: 'deadline', header: 'thời hạn (dd/mm/yyyy)', required: false, help: () => t('taskImport.help.date'), width: 14 },
  { key: 'recurring', header: 'thường xuyên (có/không)', required: false, help: () => `${t('taskImport.help.yes')}; ${t('taskImport.help.no')}`, width: 12 },
  { key: 'reportingCadence', header: 'kỳ báo cáo', required: false, help: choiceHelp('reportingCadence'), width: 14 },
  { key: 'priority', header: 'ưu tiên', required: false, help: choiceHelp('priority'), width: 12 },
  { key: 'bloc', header: 'khối', required: false, help: choiceHelp('bloc'), width: 10 },
  { key: 'criteriaGroup', header: 'nhóm tiêu chí', required: false, help: choiceHelp('criteriaGroup'), width: 18 },
  { key: 'responsibleName', header: 'người chịu trách nhiệm', required: false, help: text, width: 22 },
  { key: 'responsibleEmail', header: 'thư điện tử người chịu trách nhiệm', required: false, help: () => t('taskImport.help.email'), width: 26 },
  { key: 'accountableName', header: 'lãnh đạo chịu trách nhiệm', required: false, help: text, width: 22 },
  { key: 'accountableEmail', header: 'thư điện tử lãnh đạo chịu trách nhiệm', required: false, help: () => t('taskImport.help.email'), width: 26 },
  { key: 'source', header: 'nguồn giao', required: false, help: text, width: 20 },
];

export const columnByKey = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));
const byFoldedHeader = new Map<string, ColumnKey>();
for (const c of IMPORT_COLUMNS) {
  byFoldedHeader.set(foldText(c.header), c.key);
  byFoldedHeader.set(foldText(c.key), c.key);
  // the header without its parenthesised hint: "thời hạn", "nhóm"
  byFoldedHeader.set(foldText(c.header.replace(/\s*\(.*\)\s*$/, '')), c.key);
}

/** Which column a header cell names (case, accents and hints ignored), or null. */
export function columnForHeader(header: string): ColumnKey | null {
  return byFoldedHeader.get(foldText(header)) ?? null;
}

/** A spreadsheet cell as exceljs or the CSV reader gives it. */
export type RawCell = string | number | boolean | Date | null | undefined;

export const cellText = (v: RawCell): string => {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).normalize('NFC').replace(/\s+/gu, ' ').trim();
};

/** Excel's serial day number → 'YYYY-MM-DD' (1900 date system, with its leap-year quirk). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** 'dd/mm/yyyy' (also d/m/yyyy, '-' or '.'), 'YYYY-MM-DD', an Excel date or serial → ISO, or null. */
export function parseDateCell(v: RawCell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return excelSerialToIso(v);
  const s = cellText(v);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  if (isIsoDate(s)) return s;
  if (/^\d+(\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return null;
}

/** có/không (also x, yes/no, true/false, 1/0), or null when not understood. */
export function parseYesNo(v: RawCell): boolean | null {
  if (typeof v === 'boolean') return v;
  const f = foldText(cellText(v));
  if (['co', 'x', 'yes', 'true', '1', 'thuong xuyen'].includes(f)) return true;
  if (['khong', 'no', 'false', '0'].includes(f)) return false;
  return null;
}

/** An enumerated value by its Vietnamese label or its code, or null. */
export function parseChoice(kind: keyof typeof CHOICES, v: RawCell): string | null {
  const f = foldText(cellText(v));
  for (const [code, label] of Object.entries(CHOICES[kind])) if (f === foldText(label) || f === foldText(code)) return code;
  return null;
}

export interface CellError {
  column: ColumnKey;
  message: string;
}

/**
 * One row of cells (by column) → the raw `createTask` input, with the errors of cells that could
 * not be converted. Empty cells are left out (the defaults apply).
 */
export function rowToInput(cells: Partial<Record<ColumnKey, RawCell>>, defaultPlanCode: string | undefined) {
  const errors: CellError[] = [];
  const input: Record<string, unknown> = {};
  const str = (k: ColumnKey) => cellText(cells[k]);
  for (const k of ['code', 'title', 'description', 'output', 'responsibleName', 'responsibleEmail', 'accountableName', 'accountableEmail', 'source'] as const) {
    const v = str(k);
    if (v) input[k] = v;
  }
  for (const c of IMPORT_COLUMNS) if (c.required && !str(c.key)) errors.push({ column: c.key, message: t('taskImport.required') });
  const planCode = str('planCode') || defaultPlanCode || '';
  if (planCode) input.planCode = planCode;
  else errors.push({ column: 'planCode', message: t('taskImport.required') });
  const lead = str('leadUnitCode');
  if (lead) input.leadUnitCode = lead.toUpperCase();
  const group = str('groupNumber').toUpperCase();
  if (group) {
    if ((GROUP_NUMBERS as readonly string[]).includes(group)) input.groupNumber = group;
    else errors.push({ column: 'groupNumber', message: t('taskImport.badChoice', { value: group, allowed: GROUP_NUMBERS.join(', ') }) });
  }
  const coordinators = str('coordinatingUnitCodes');
  if (coordinators) {
    input.coordinatingUnitCodes = [
      ...new Set(
        coordinators
          .split(/[;,]/)
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
  }
  if (str('deadline')) {
    const iso = parseDateCell(cells.deadline);
    if (iso) input.deadline = iso;
    else errors.push({ column: 'deadline', message: t('taskImport.badDate', { value: str('deadline') }) });
  }
  if (str('recurring')) {
    const yes = parseYesNo(cells.recurring);
    if (yes === null) errors.push({ column: 'recurring', message: t('taskImport.badYesNo', { value: str('recurring') }) });
    else input.recurring = yes;
  }
  for (const k of ['reportingCadence', 'priority', 'bloc', 'criteriaGroup'] as const) {
    if (!str(k)) continue;
    const code = parseChoice(k, cells[k]);
    if (code) input[k] = code;
    else errors.push({ column: k, message: t('taskImport.badChoice', { value: str(k), allowed: Object.values(CHOICES[k]).join(', ') }) });
  }
  return { input, errors };
}

/** One CSV field, quoted when it needs to be. */
export function csvField(v: string): string {
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

