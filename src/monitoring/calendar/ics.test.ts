import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsDocument } from './ics';
import { monthWeeks, parseMonth, shiftMonth } from './month';

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a Vietnamese character', () => {
    const line = `SUMMARY:${'Hạn nhiệm vụ chuyển đổi số của Thành phố Hồ Chí Minh; '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    expect(icsDocument([['A', '1'], ['B', '2']])).toBe('A:1\r\nB:2\r\n');
  });
});

describe('months', () => {
  it('parses YYYY-MM and refuses the rest', () => {
    expect(parseMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    for (const bad of ['2026-13', '2026-1', '26-11', '2026-00', 'abc', '1999-12']) expect(parseMonth(bad)).toBeNull();
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });

  it('lays a month out in Monday-first weeks', () => {
    const weeks = monthWeeks({ year: 2026, month: 11 });
    // 1 November 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(weeks.length).toBe(6);
    expect(monthWeeks({ year: 2027, month: 2 }).flat().filter(Boolean).length).toBe(28);
  });
});
