/**
 * Vietnam's public holidays by the rules of the Labour Code 2019, art. 112 — the computed part of
 * the working-day calendar (the Government's yearly decisions, such as a Saturday worked to lengthen
 * Tết, are overrides stored in `calendar_day`):
 * - Tết Dương lịch 1/1; Tết Âm lịch 5 days (the last day of the old lunar year and the first four
 *   days of the new one); Giỗ Tổ Hùng Vương 10/3 âm lịch; Chiến thắng 30/4; Quốc tế lao động 1/5;
 *   Quốc khánh 2/9 and one adjacent day (1/9).
 * - A holiday falling on a weekly rest day (Saturday, Sunday) is compensated (nghỉ bù) on the
 *   next working day(s).
 */
import { addDays } from '../../monitoring/dates';
import { lunarNewYear, solarFromLunar } from './lunar';

export type HolidayKind = 'new_year' | 'tet' | 'hung_kings' | 'reunification' | 'labour' | 'national_day' | 'compensatory';

export interface Holiday {
  date: string;
  kind: HolidayKind;
  /** Vietnamese name as shown on the calendar */
  name: string;
}

const NAMES: Record<Exclude<HolidayKind, 'compensatory' | 'tet'>, string> = {
  new_year: 'Tết Dương lịch',
  hung_kings: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  reunification: 'Ngày Chiến thắng (30/4)',
  labour: 'Ngày Quốc tế lao động (1/5)',
  national_day: 'Quốc khánh (2/9)',
};

/** Day of week of an ISO date, 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const d = weekday(iso);
  return d === 0 || d === 6;
}

/** The holidays the rules give for one solar year, compensatory days included, in date order. */
export function statutoryHolidays(year: number): Holiday[] {
  const y = String(year).padStart(4, '0');
  const tet = lunarNewYear(year);
  const base: Holiday[] = [
    { date: `${y}-01-01`, kind: 'new_year', name: NAMES.new_year },
    { date: addDays(tet, -1), kind: 'tet', name: 'Tết Nguyên đán (ngày cuối năm âm lịch)' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(tet, i), kind: 'tet' as const, name: `Tết Nguyên đán (mùng ${i + 1} tháng Giêng)` })),
    { date: solarFromLunar(year, 3, 10)!, kind: 'hung_kings', name: NAMES.hung_kings },
    { date: `${y}-04-30`, kind: 'reunification', name: NAMES.reunification },
    { date: `${y}-05-01`, kind: 'labour', name: NAMES.labour },
    { date: `${y}-09-01`, kind: 'national_day', name: 'Quốc khánh (ngày liền kề 1/9)' },
    { date: `${y}-09-02`, kind: 'national_day', name: NAMES.national_day },
  ];
  base.sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(base.map((h) => h.date));
  const result = [...base];
  for (const h of base) {
    if (!isWeekend(h.date)) continue;
    // the first day after this holiday that is neither a rest day nor already a day off
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    result.push({ date: d, kind: 'compensatory', name: `Nghỉ bù ${h.name}` });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}
