import { describe, expect, it } from 'vitest';
import { columnForHeader, csvField, excelSerialToIso, parseChoice, parseDateCell, parseYesNo, rowToInput } from './columns';
import { readCsvRows } from '../../platform/text/csv';

describe('task import columns', () => {
  it('recognises headers whatever the case, accents or hint', () => {
    expect(columnForHeader('Mã nhiệm vụ')).toBe('code');
    expect(columnForHeader('MA NHIEM VU')).toBe('code');
    expect(columnForHeader('thời hạn')).toBe('deadline');
    expect(columnForHeader('thời hạn (dd/mm/yyyy)')).toBe('deadline');
    expect(columnForHeader('leadUnitCode')).toBe('leadUnitCode');
    expect(columnForHeader('ghi chú')).toBeNull();
  });

  it('reads dates as dd/mm/yyyy, ISO, Excel dates and serials, and refuses impossible ones', () => {
    expect(parseDateCell('31/12/2030')).toBe('2030-12-31');
    expect(parseDateCell('1/2/2030')).toBe('2030-02-01');
    expect(parseDateCell('2030-02-01')).toBe('2030-02-01');
    expect(parseDateCell(new Date(Date.UTC(2030, 5, 15)))).toBe('2030-06-15');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
    expect(parseDateCell(45658)).toBe('2025-01-01');
    expect(parseDateCell('31/02/2030')).toBeNull();
    expect(parseDateCell('mai')).toBeNull();
  });

  it('reads có/không and enumerations by Vietnamese label or code', () => {
    expect(parseYesNo('Có')).toBe(true);
    expect(parseYesNo('không')).toBe(false);
    expect(parseYesNo('maybe')).toBeNull();
    expect(parseChoice('priority', 'Cao')).toBe('high');
    expect(parseChoice('priority', 'binh thuong')).toBe('normal');
    expect(parseChoice('bloc', 'UBND')).toBe('government');
    expect(parseChoice('reportingCadence', 'Hằng quý')).toBe('quarterly');
    expect(parseChoice('criteriaGroup', 'du lieu')).toBe('data');
    expect(parseChoice('priority', 'gấp')).toBeNull();
  });

  it('turns a row into a createTask input with per-column Vietnamese errors', () => {
    const ok = rowToInput(
      { code: 'A-1', title: 'Tie\u0302u đe\u0302\u0300', leadUnitCode: '01', coordinatingUnitCodes: 'bkhcn; 48;', deadline: '30/06/2030', groupNumber: 'iii', recurring: 'không' },
      'KH-1',
    );
    expect(ok.errors).toEqual([]);
    expect(ok.input).toMatchObject({ planCode: 'KH-1', code: 'A-1', title: 'Tiêu đề', leadUnitCode: '01', coordinatingUnitCodes: ['BKHCN', '48'], deadline: '2030-06-30', groupNumber: 'III', recurring: false });
    const bad = rowToInput({ code: 'A-2', leadUnitCode: '01', deadline: '2030/31/12', groupNumber: 'VIII', priority: 'gấp' }, undefined);
    expect(bad.errors.map((e) => e.column).sort()).toEqual(['deadline', 'groupNumber', 'planCode', 'priority', 'title']);
    expect(bad.errors.find((e) => e.column === 'deadline')!.message).toMatch(/Ngày không hợp lệ/);
  });

  it('reads CSV with a BOM, quotes, embedded newlines and ; separators', () => {
    expect(readCsvRows('\uFEFFa,b\r\n"x, ""y""","dòng\nhai"\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'dòng\nhai'],
    ]);
    expect(readCsvRows('a;b;c\n1;2,5;3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('abc')).toBe('abc');
  });
});
