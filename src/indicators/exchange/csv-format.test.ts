import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../platform/text/csv';
import { csvDocument, csvLine, neutraliseFormula, restoreFormulaText } from './csv-format';

describe('CSV writing', () => {
  it('neutralises formula injection in text cells', () => {
    expect(neutraliseFormula('=cmd|"/c calc"!A1')).toBe('\'=cmd|"/c calc"!A1');
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('-2')).toBe("'-2");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('bình thường')).toBe('bình thường');
    expect(csvLine(['=HYPERLINK("x")', -5, null])).toBe('"\'=HYPERLINK(""x"")",-5,');
  });

  it('round-trips through the reader', () => {
    const doc = csvDocument(['a', 'b'], [['=cmd', 'dòng\nhai, "trích"'], ['x', 1.5]]);
    expect(doc.startsWith('\uFEFF')).toBe(true);
    const rows = readCsvRows(doc).filter((r) => !(r.length === 1 && r[0] === ''));
    expect(rows).toEqual([
      ['a', 'b'],
      ["'=cmd", 'dòng\nhai, "trích"'],
      ['x', '1.5'],
    ]);
    expect(restoreFormulaText(rows[1][0])).toBe('=cmd');
    expect(restoreFormulaText("'bình thường")).toBe("'bình thường");
  });
});
