/**
 * Deadline arithmetic on the working-day calendar, with dates computed by hand from a wall calendar:
 * weekends, Tết 2026 by the rule and with the Government's decision, 30/4–1/5, compensatory days.
 */
import { describe, expect, it } from 'vitest';
import { statutoryHolidays } from './holidays';
import { KNOWN_DECISIONS } from './seed';
import { buildWorkingCalendar } from './working-days';

const rules = buildWorkingCalendar();
const withDecision = buildWorkingCalendar(KNOWN_DECISIONS);

describe('statutory holidays', () => {
  it('2026: Tết is the last day of Ất Tỵ and the first four days of Bính Ngọ', () => {
    const tet = statutoryHolidays(2026)
      .filter((h) => h.kind === 'tet')
      .map((h) => h.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('a holiday on a Sunday moves to the Monday (Giỗ Tổ 26/04/2026, Tết Dương lịch 01/01/2023)', () => {
    expect(rules.isWorkingDay('2026-04-26')).toBe(false);
    expect(rules.isWorkingDay('2026-04-27')).toBe(false);
    expect(rules.holidayName('2026-04-27')).toMatch(/^Nghỉ bù Giỗ Tổ Hùng Vương/);
    expect(rules.isWorkingDay('2026-04-28')).toBe(true);
    expect(rules.isWorkingDay('2023-01-02')).toBe(false);
    expect(rules.holidayName('2023-01-02')).toBe('Nghỉ bù Tết Dương lịch');
  });

  it('2023: every holiday on a weekend is compensated on the next free weekday', () => {
    const comp = statutoryHolidays(2023)
      .filter((h) => h.kind === 'compensatory')
      .map((h) => h.date);
    // 1/1 Sunday → Mon 2/1; Tết: 30 Tết Sat 21/1 and mùng 1 Sun 22/1 → Thu 26/1, Fri 27/1 (after mùng 2–4);
    // Giỗ Tổ Sat 29/4 and 30/4 Sun → Tue 2/5, Wed 3/5 (Mon 1/5 is a holiday); 2/9 Saturday → Mon 4/9
    expect(comp).toEqual(['2023-01-02', '2023-01-26', '2023-01-27', '2023-05-02', '2023-05-03', '2023-09-04']);
    expect(rules.isWorkingDay('2023-05-04')).toBe(true);
  });

  it('Quốc khánh is two days: 1/9 and 2/9', () => {
    expect(rules.holidayName('2025-09-01')).toMatch(/Quốc khánh/);
    expect(rules.holidayName('2025-09-02')).toMatch(/Quốc khánh/);
    // Friday 29/08/2025 + 1 working day skips the weekend and both days
    expect(rules.addWorkingDays('2025-08-29', 1)).toBe('2025-09-03');
  });
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday 20/11/2026
    expect(rules.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(rules.addWorkingDays('2026-11-20', 5)).toBe('2026-11-27');
    expect(rules.addWorkingDays('2026-11-18', 5)).toBe('2026-11-25');
    expect(rules.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
  });

  it('from a day off, counting starts at the next working day', () => {
    // Saturday 21/11/2026 counts as received on Monday 23/11
    expect(rules.addWorkingDays('2026-11-21', 0)).toBe('2026-11-23');
    expect(rules.addWorkingDays('2026-11-21', 1)).toBe('2026-11-24');
    expect(rules.addWorkingDays('2026-11-22', 5)).toBe('2026-11-30');
  });

  it('crosses Tết 2026 by the rule alone', () => {
    // Thursday 12/02: Fri 13 = 1, then 14–22 are off (weekends + 16–20 Tết), Mon 23 = 2 … Thu 26 = 5
    expect(rules.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(rules.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    // received on mùng 1 Tết: counts from Monday 23/02
    expect(rules.addWorkingDays('2026-02-17', 5)).toBe('2026-03-02');
  });

  it('crosses Tết 2026 with the Government decision stored as overrides', () => {
    expect(withDecision.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(withDecision.holidayName('2026-02-14')).toBe('Nghỉ Tết Nguyên đán Bính Ngọ 2026');
    expect(withDecision.isWorkingDay('2026-02-21')).toBe(false);
  });

  it('a Saturday worked by decision counts, a weekday given off does not', () => {
    const swapped = buildWorkingCalendar([
      { date: '2026-02-07', isWorkingDay: true, name: 'Làm bù' },
      { date: '2026-02-13', isWorkingDay: false, name: 'Nghỉ hoán đổi' },
    ]);
    // Thursday 05/02: Fri 6 = 1, Sat 7 (worked) = 2
    expect(swapped.addWorkingDays('2026-02-05', 2)).toBe('2026-02-07');
    expect(rules.addWorkingDays('2026-02-05', 2)).toBe('2026-02-09');
    // Thursday 12/02 + 1: Friday 13 is now off, then Tết: Monday 23
    expect(swapped.addWorkingDays('2026-02-12', 1)).toBe('2026-02-23');
    expect(swapped.holidayName('2026-02-07')).toBeNull();
  });

  it('crosses 30/4–1/5 2026 (and the Monday off for Giỗ Tổ)', () => {
    // Wednesday 29/04 + 1: Thu 30/4 and Fri 1/5 are off, weekend, Monday 04/05
    expect(rules.addWorkingDays('2026-04-29', 1)).toBe('2026-05-04');
    // Friday 24/04: Mon 27 off (nghỉ bù), Tue 28 = 1, Wed 29 = 2, Mon 04/05 = 3
    expect(rules.addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => rules.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => rules.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after `from` up to `to`, and is antisymmetric', () => {
    expect(rules.workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(rules.workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(rules.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(rules.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(rules.workingDaysBetween('2026-02-23', '2026-02-13')).toBe(-1);
    expect(rules.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    expect(rules.workingDaysBetween('2026-02-26', '2026-02-12')).toBe(-5);
    // a whole weekend in between adds nothing
    expect(rules.workingDaysBetween('2026-11-21', '2026-11-22')).toBe(0);
  });

  it('undoes addWorkingDays from a working day', () => {
    for (const from of ['2026-02-12', '2026-04-24', '2026-08-28', '2026-12-30']) {
      for (const n of [0, 1, 3, 5, 20]) expect(rules.workingDaysBetween(from, rules.addWorkingDays(from, n))).toBe(n);
    }
  });
});
