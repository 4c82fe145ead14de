/**
 * Indicator period keys: 'YYYY' for a year, 'YYYY-Qn' for a quarter, 'YYYY-MM' for a month.
 * Keys sort chronologically within one frequency, which keeps range queries on plain text.
 */
import type { Frequency } from './schema';

export interface ParsedPeriod {
  frequency: Frequency;
  year: number;
  /** quarter 1–4 or month 1–12; absent for a year */
  index?: number;
  key: string;
}

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

/** The period a key names, or null when the key is malformed or out of range. */
export function parsePeriod(key: string): ParsedPeriod | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < YEAR_MIN || year > YEAR_MAX) return null;
  if (m[2]) return { frequency: 'quarter', year, index: Number(m[2]), key };
  if (m[3]) return { frequency: 'month', year, index: Number(m[3]), key };
  return { frequency: 'year', year, key };
}

export function isPeriodKey(key: string, frequency?: Frequency): boolean {
  const p = parsePeriod(key);
  return !!p && (!frequency || p.frequency === frequency);
}

/** The key of the period of `frequency` that contains the day `date` ('YYYY-MM-DD'). */
export function periodKeyOf(frequency: Frequency, date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (frequency === 'year') return year;
  if (frequency === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** First and last day of the period, as 'YYYY-MM-DD'. */
export function periodBounds(key: string): { start: string; end: string } {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`invalid period key ${key}`);
  const [firstMonth, months] = p.frequency === 'year' ? [1, 12] : p.frequency === 'quarter' ? [(p.index! - 1) * 3 + 1, 3] : [p.index!, 1];
  const start = new Date(Date.UTC(p.year, firstMonth - 1, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(p.year, firstMonth - 1 + months, 0)).toISOString().slice(0, 10);
  return { start, end };
}

/** The period `steps` periods after `key` (negative for before), same frequency. */
export function shiftPeriod(key: string, steps: number): string {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`invalid period key ${key}`);
  if (p.frequency === 'year') return String(p.year + steps);
  const per = p.frequency === 'quarter' ? 4 : 12;
  const ordinal = p.year * per + (p.index! - 1) + steps;
  const year = Math.floor(ordinal / per);
  const index = (ordinal % per) + 1;
  return p.frequency === 'quarter' ? `${year}-Q${index}` : `${year}-${String(index).padStart(2, '0')}`;
}

/** Keys from `from` to `to` inclusive (same frequency), oldest first. */
export function periodRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let k = from; k <= to && out.length < 1000; k = shiftPeriod(k, 1)) out.push(k);
  return out;
}

/** Vietnamese label: 'Năm 2026', 'Quý III/2026', 'Tháng 07/2026'. */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  if (p.frequency === 'year') return `Năm ${p.year}`;
  if (p.frequency === 'quarter') return `Quý ${['I', 'II', 'III', 'IV'][p.index! - 1]}/${p.year}`;
  return `Tháng ${String(p.index).padStart(2, '0')}/${p.year}`;
}
