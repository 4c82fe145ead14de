/**
 * The pure parts of value exchange: reading an uploaded values CSV (size, encoding, header, row
 * limits), numbers as people type them, and DHIS2 period syntax (2026, 2026Q3, 202607) against
 * ours (2026, 2026-Q3, 2026-07).
 */
import { AppError } from '../../platform/errors';
import { readCsvRows } from '../../platform/text/csv';
import { parsePeriod } from '../periods';
import { restoreFormulaText } from './csv-format';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_COMMENT = 2000;
export const CSV_COLUMNS = ['indicator_code', 'unit_code', 'period', 'value', 'comment'] as const;
const REQUIRED = ['indicator_code', 'unit_code', 'period', 'value'] as const;

/** One value to import, from a CSV line or a DHIS2 dataValue; `row` is what the person sees. */
export interface ValueRow {
  row: number;
  indicatorCode: string;
  unitCode: string;
  /** our period key, or the raw text when it could not be read */
  period: string;
  /** the period as the source wrote it, for messages */
  rawPeriod: string;
  periodValid: boolean;
  value: string;
  comment: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Rows of a values CSV; file-level problems are AppErrors with a clear Vietnamese message. */
export function readValuesCsv(buffer: Buffer): ValueRow[] {
  if (buffer.length > MAX_IMPORT_BYTES) throw AppError.of('PAYLOAD_TOO_LARGE', 'exchange.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (buffer.length === 0) throw AppError.of('VALIDATION_FAILED', 'exchange.empty');
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    throw AppError.of('UNSUPPORTED_MEDIA_TYPE', 'exchange.notUtf8');
  }
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) throw AppError.of('UNSUPPORTED_MEDIA_TYPE', 'exchange.notText');
  const rows = readCsvRows(text);
  const [header, ...body] = rows;
  if (!header || (header.length === 1 && header[0].trim() === '')) throw AppError.of('VALIDATION_FAILED', 'exchange.empty');
  const index = new Map(header.map((h, i) => [h.normalize('NFC').trim().toLowerCase(), i]));
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) throw AppError.of('VALIDATION_FAILED', 'exchange.missingColumns', { columns: missing.join(', '), expected: CSV_COLUMNS.join(',') });
  const out: ValueRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    if (out.length >= MAX_IMPORT_ROWS) throw AppError.of('PAYLOAD_TOO_LARGE', 'exchange.tooManyRows', { max: MAX_IMPORT_ROWS.toLocaleString('vi-VN') });
    const cell = (name: string) => {
      const j = index.get(name);
      return j === undefined ? '' : (cells[j] ?? '').normalize('NFC').trim();
    };
    const rawPeriod = cell('period');
    const comment = restoreFormulaText(cell('comment'));
    out.push({
      row: i + 2,
      indicatorCode: cell('indicator_code'),
      unitCode: cell('unit_code'),
      period: rawPeriod,
      rawPeriod,
      periodValid: !!parsePeriod(rawPeriod),
      value: cell('value'),
      comment: comment === '' ? null : comment,
    });
  });
  if (out.length === 0) throw AppError.of('VALIDATION_FAILED', 'exchange.empty');
  return out;
}

/**
 * '1234.5', '-3', '1e3' → number; '12,5' (a decimal comma, as Vietnamese Excel writes) → 12.5;
 * thousands separators are refused rather than guessed ('1.234' could be either). Null when not a number.
 */
export function parseValue(raw: string): number | null {
  const s = raw.trim();
  let n: number;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) n = Number(s);
  else if (/^[+-]?\d+,\d+$/.test(s)) n = Number(s.replace(',', '.'));
  else return null;
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : null;
}

/** Our period key → DHIS2 period. */
export function toDhis2Period(key: string): string {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`invalid period key ${key}`);
  if (p.frequency === 'year') return String(p.year);
  if (p.frequency === 'quarter') return `${p.year}Q${p.index}`;
  return `${p.year}${String(p.index).padStart(2, '0')}`;
}

/** DHIS2 period (yearly, quarterly, monthly) → our key; null for anything else (weeks, days, financial years). */
export function fromDhis2Period(period: string): string | null {
  const s = period.trim();
  const year = /^(\d{4})$/.exec(s);
  const quarter = /^(\d{4})Q([1-4])$/.exec(s);
  const month = /^(\d{4})(0[1-9]|1[0-2])$/.exec(s);
  const key = year ? year[1] : quarter ? `${quarter[1]}-Q${quarter[2]}` : month ? `${month[1]}-${month[2]}` : null;
  return key && parsePeriod(key) ? key : null;
}

/** A number as DHIS2 and CSV carry it: plain digits, a dot for decimals, no exponent for ordinary sizes. */
export function formatValue(v: string | number): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v);
  return String(n);
}
