/**
 * The working-day calendar: weekends and the statutory holidays (holidays.ts) are days off, and
 * the Government's yearly decisions stored in `calendar_day` override both. Pure: built from the
 * override rows, so it can be unit-tested without a database (loadWorkingCalendar in index.ts
 * reads the rows).
 *
 * Deadline arithmetic follows administrative practice: a case received on a day off counts as
 * received on the next working day, and "within n working days" ends on the n-th working day
 * after the day of receipt.
 */
import { addDays } from '../../monitoring/dates';
import { isWeekend, statutoryHolidays } from './holidays';

export interface CalendarOverride {
  date: string;
  isWorkingDay: boolean;
  name: string;
}

export interface WorkingCalendar {
  isWorkingDay(iso: string): boolean;
  /** The n-th working day after `fromIso`; from a day off counting starts at the next working day (n = 0 gives that day). */
  addWorkingDays(fromIso: string, n: number): string;
  /** Working days in (from, to] — negative when `toIso` is before `fromIso` (then minus those in (to, from]). */
  workingDaysBetween(fromIso: string, toIso: string): number;
  /** The first working day on or after `iso`. */
  nextWorkingDayOnOrAfter(iso: string): string;
  /** The holiday's (or decision's) name when `iso` is a day off other than a plain weekend. */
  holidayName(iso: string): string | null;
}

/** A guard against runaway loops from absurd inputs (about 30 years of days). */
const MAX_SPAN = 11_000;

export function buildWorkingCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const holidaysByYear = new Map<number, Map<string, string>>();
  const holidaysOf = (year: number) => {
    let m = holidaysByYear.get(year);
    if (!m) {
      m = new Map();
      for (const h of statutoryHolidays(year)) m.set(h.date, h.name);
      holidaysByYear.set(year, m);
    }
    return m;
  };
  const statutory = (iso: string) => holidaysOf(Number(iso.slice(0, 4))).get(iso) ?? null;

  const isWorkingDay = (iso: string) => {
    const o = byDate.get(iso);
    if (o) return o.isWorkingDay;
    return !isWeekend(iso) && statutory(iso) === null;
  };
  const nextWorkingDayOnOrAfter = (iso: string) => {
    let d = iso;
    for (let i = 0; !isWorkingDay(d); i++) {
      if (i > MAX_SPAN) throw new RangeError('no working day found');
      d = addDays(d, 1);
    }
    return d;
  };
  const addWorkingDays = (fromIso: string, n: number) => {
    if (!Number.isInteger(n) || n < 0 || n > MAX_SPAN) throw new RangeError(`bad number of working days: ${n}`);
    let d = nextWorkingDayOnOrAfter(fromIso);
    for (let left = n; left > 0; left--) d = nextWorkingDayOnOrAfter(addDays(d, 1));
    return d;
  };
  const countIn = (after: string, upTo: string) => {
    let count = 0;
    let d = addDays(after, 1);
    for (let i = 0; d <= upTo; i++) {
      if (i > MAX_SPAN) throw new RangeError('span too long');
      if (isWorkingDay(d)) count++;
      d = addDays(d, 1);
    }
    return count;
  };
  return {
    isWorkingDay,
    addWorkingDays,
    nextWorkingDayOnOrAfter,
    workingDaysBetween: (fromIso, toIso) => (toIso >= fromIso ? countIn(fromIso, toIso) : -countIn(toIso, fromIso)),
    holidayName: (iso) => {
      const o = byDate.get(iso);
      if (o) return o.isWorkingDay ? null : o.name;
      return statutory(iso);
    },
  };
}
