import { describe, expect, it } from 'vitest';
import { periodContaining, periodicDueAt } from './periods';

describe('reporting periods', () => {
  it('finds the month, quarter and ISO week containing a date', () => {
    expect(periodContaining('monthly', '2026-02-14')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodContaining('quarterly', '2026-11-24')).toMatchObject({ start: '2026-10-01', end: '2026-12-31', label: { params: { quarter: 'IV' } } });
    const w = periodContaining('weekly', '2026-11-24');
    expect(w).toMatchObject({ start: '2026-11-23', end: '2026-11-29', label: { params: { week: 48, year: 2026 } } });
    expect(periodContaining('weekly', '2027-01-01').label.params).toEqual({ week: 53, year: 2026 });
  });

  it('makes a periodic report due five days after its period, Vietnam time', () => {
    expect(periodicDueAt('2026-11-30').toISOString()).toBe('2026-12-05T17:00:00.000Z');
  });
});
