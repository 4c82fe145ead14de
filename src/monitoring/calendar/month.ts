/** Month arithmetic for the deadline calendar: 'YYYY-MM' months, Monday-first weeks of 'YYYY-MM-DD' dates. */
import { addDays } from '../dates';

export interface Month {
  year: number;
  month: number;
}

/** '2026-11' → { year: 2026, month: 11 }; null for anything else (years 2000–2100 only). */
export function parseMonth(s: string): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return { year, month };
}

export const formatMonth = (m: Month) => `${m.year}-${String(m.month).padStart(2, '0')}`;

export function shiftMonth(m: Month, by: number): Month {
  const i = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

export const firstDay = (m: Month) => `${formatMonth(m)}-01`;
export const lastDay = (m: Month) => addDays(firstDay(shiftMonth(m, 1)), -1);

/** ISO weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The weeks (Monday first) covering the month; days outside the month are null. */
export function monthWeeks(m: Month): (string | null)[][] {
  const first = firstDay(m);
  const last = lastDay(m);
  const weeks: (string | null)[][] = [];
  let day = addDays(first, 1 - isoWeekday(first));
  while (day <= last) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day >= first && day <= last ? day : null);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
