/** Period keys: parsing, labels, bounds and arithmetic, with hand-written expectations. */
import { describe, expect, it } from 'vitest';
import { isPeriodKey, parsePeriod, periodBounds, periodKeyOf, periodLabel, periodRange, shiftPeriod } from './periods';
import { parseNumber } from './unit-period';

describe('periods', () => {
  it('parses years, quarters and months and refuses anything else', () => {
    expect(parsePeriod('2026')).toEqual({ frequency: 'year', year: 2026, key: '2026' });
    expect(parsePeriod('2026-Q3')).toEqual({ frequency: 'quarter', year: 2026, index: 3, key: '2026-Q3' });
    expect(parsePeriod('2026-07')).toEqual({ frequency: 'month', year: 2026, index: 7, key: '2026-07' });
    for (const bad of ['2026-13', '2026-Q5', '2026-Q0', '2026-00', '26', '1800', '2026-7', ' 2026', '2026-q1', '']) expect(parsePeriod(bad), bad).toBeNull();
    expect(isPeriodKey('2026-Q1', 'quarter')).toBe(true);
    expect(isPeriodKey('2026-Q1', 'year')).toBe(false);
  });

  it('finds the period containing a day', () => {
    expect(periodKeyOf('quarter', '2026-11-24')).toBe('2026-Q4');
    expect(periodKeyOf('quarter', '2026-03-31')).toBe('2026-Q1');
    expect(periodKeyOf('month', '2026-02-01')).toBe('2026-02');
    expect(periodKeyOf('year', '2026-12-31')).toBe('2026');
  });

  it('gives first and last days, leap years included', () => {
    expect(periodBounds('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodBounds('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodBounds('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('shifts across year boundaries and lists ranges', () => {
    expect(shiftPeriod('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftPeriod('2026-01', -2)).toBe('2025-11');
    expect(periodRange('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('labels in Vietnamese', () => {
    expect(periodLabel('2026-Q3')).toBe('Quý III/2026');
    expect(periodLabel('2026-07')).toBe('Tháng 07/2026');
    expect(periodLabel('2030')).toBe('Năm 2030');
  });
});

describe('numbers as people type them', () => {
  it('reads vi-VN and plain decimals, refuses words', () => {
    expect(parseNumber('81,5')).toBe(81.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber(7)).toBe(7);
    for (const bad of ['abc', '', '1,2,3', '12a', Number.POSITIVE_INFINITY, '1e400', null]) expect(parseNumber(bad), String(bad)).toBeNull();
  });
});
