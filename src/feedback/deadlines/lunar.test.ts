/** The lunar calendar against dates everyone in Vietnam knows: Tết and Giỗ Tổ Hùng Vương. */
import { describe, expect, it } from 'vitest';
import { jdFromDate, jdToDate, lunarNewYear, solarFromLunar } from './lunar';

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('Tết Nguyên đán %i fell on %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3 âm lịch) %i fell on %s', (year, date) => {
    expect(solarFromLunar(year, 3, 10)).toBe(date);
  });

  it('knows the leap month: 2023 had a leap second month (2 nhuận began 2023-03-22)', () => {
    expect(solarFromLunar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(solarFromLunar(2023, 3, 1)).toBe('2023-04-20');
    // 2024 has no leap month at all
    expect(solarFromLunar(2024, 2, 1, true)).toBeNull();
  });

  it('rejects lunar dates that do not exist', () => {
    expect(solarFromLunar(2026, 13, 1)).toBeNull();
    expect(solarFromLunar(2026, 1, 31)).toBeNull();
    expect(solarFromLunar(2026, 1, 0)).toBeNull();
  });

  it('round-trips Julian day numbers', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdToDate(2451545)).toEqual([1, 1, 2000]);
    expect(jdToDate(jdFromDate(17, 2, 2026))).toEqual([17, 2, 2026]);
  });
});
