/** Reporting periods (week, month, quarter) in Vietnam's calendar, and when a report is due. */
import type { REPORTING_CADENCES } from '../schema';

export type Cadence = (typeof REPORTING_CADENCES)[number];
/** A periodic report is due within this many days after its period ends. */
export const REPORT_GRACE_DAYS = 5;

export interface Period {
  start: string;
  end: string;
  /** message parameters for the label */
  label: { key: 'report.period.week' | 'report.period.month' | 'report.period.quarter'; params: Record<string, string | number> };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The start of `date` in Vietnam, as an instant. */
export function startOfHcmDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The period of the given cadence that contains `date` ('YYYY-MM-DD'). */
export function periodContaining(cadence: Cadence, date: string): Period {
  const d = new Date(`${date}T00:00:00Z`);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (cadence === 'monthly') {
    const start = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
    return { start, end, label: { key: 'report.period.month', params: { month: String(m + 1).padStart(2, '0'), year: y } } };
  }
  if (cadence === 'quarterly') {
    const q = Math.floor(m / 3);
    const start = new Date(Date.UTC(y, q * 3, 1)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
    return { start, end, label: { key: 'report.period.quarter', params: { quarter: ROMAN[q], year: y } } };
  }
  // ISO week: Monday to Sunday, numbered by the year of its Thursday
  const weekday = (d.getUTCDay() + 6) % 7;
  const start = addDays(date, -weekday);
  const end = addDays(start, 6);
  const thursday = new Date(`${addDays(start, 3)}T00:00:00Z`);
  const isoYear = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const week1Monday = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
  const week = Math.round((Date.parse(`${start}T00:00:00Z`) - Date.parse(`${week1Monday}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return { start, end, label: { key: 'report.period.week', params: { week, year: isoYear } } };
}

/** A periodic report is due by the end of the grace days after its period (Vietnam time). */
export function periodicDueAt(periodEnd: string): Date {
  return startOfHcmDay(addDays(periodEnd, REPORT_GRACE_DAYS + 1));
}

/** A completion report is due by the end of the task's deadline day. */
export function deadlineDueAt(deadline: string): Date {
  return startOfHcmDay(addDays(deadline, 1));
}
