import { describe, expect, it } from 'vitest';
import type { AppError } from '../../platform/errors';
import { fromDhis2Period, parseValue, readValuesCsv, toDhis2Period } from './formats';

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('no error');
};

describe('value exchange formats', () => {
  it('maps DHIS2 periods both ways', () => {
    expect(toDhis2Period('2026')).toBe('2026');
    expect(toDhis2Period('2026-Q3')).toBe('2026Q3');
    expect(toDhis2Period('2026-07')).toBe('202607');
    expect(fromDhis2Period('2026')).toBe('2026');
    expect(fromDhis2Period('2026Q3')).toBe('2026-Q3');
    expect(fromDhis2Period('202607')).toBe('2026-07');
    for (const bad of ['2026W12', '20260701', '2026Q5', '202613', '2026-Q3', '2026AprilS1', '1800']) expect(fromDhis2Period(bad)).toBeNull();
    for (const k of ['2030', '2025-Q1', '2027-12']) expect(fromDhis2Period(toDhis2Period(k))).toBe(k);
  });

  it('reads numbers as typed, refusing ambiguous ones', () => {
    expect(parseValue('1234.5')).toBe(1234.5);
    expect(parseValue('-3')).toBe(-3);
    expect(parseValue('12,5')).toBe(12.5);
    expect(parseValue('1e3')).toBe(1000);
    for (const bad of ['', 'abc', '1.234,5', '1,234.5', '12%', 'NaN', 'Infinity', '=1+1', '1e400']) expect(parseValue(bad)).toBeNull();
  });

  it('reads a CSV with BOM, quotes, a neutralised formula and blank lines', () => {
    const csv = "\uFEFFindicator_code,unit_code,period,value,comment\r\nA,01,2026,1.5,\"có dấu phẩy, và \"\"ngoặc\"\"\"\r\n\r\nB,48,2026-Q3,2,'=cmd\r\n";
    const rows = readValuesCsv(Buffer.from(csv));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ row: 2, indicatorCode: 'A', unitCode: '01', period: '2026', value: '1.5', comment: 'có dấu phẩy, và "ngoặc"' });
    expect(rows[1]).toMatchObject({ row: 4, comment: '=cmd', periodValid: true });
  });

  it('refuses files that are too large, not UTF-8, binary or without the columns', () => {
    expect(errorOf(() => readValuesCsv(Buffer.alloc(3 * 1024 * 1024, 'a'))).code).toBe('PAYLOAD_TOO_LARGE');
    // "Hà Nội" in Windows-1258 / latin bytes is not UTF-8
    const e = errorOf(() => readValuesCsv(Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69, 0x0a])));
    expect(e.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(e.message).toContain('UTF-8');
    expect(errorOf(() => readValuesCsv(Buffer.from('a\u0000b'))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const cols = errorOf(() => readValuesCsv(Buffer.from('indicator,unit\nA,01\n')));
    expect(cols.code).toBe('VALIDATION_FAILED');
    expect(cols.message).toContain('indicator_code');
    expect(errorOf(() => readValuesCsv(Buffer.from('indicator_code,unit_code,period,value\n'))).code).toBe('VALIDATION_FAILED');
    const many = `indicator_code,unit_code,period,value\n${'A,01,2026,1\n'.repeat(20_001)}`;
    expect(errorOf(() => readValuesCsv(Buffer.from(many))).message).toContain('20.000');
  });
});
