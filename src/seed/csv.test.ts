import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and newlines inside fields', () => {
    const rows = parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"line1\nline2",\n');
    expect(rows).toEqual([
      { a: '1', b: 'x, y', c: 'say "hi"' },
      { a: '2', b: 'line1\nline2', c: '' },
    ]);
  });
  it('accepts CRLF and a BOM, and normalises to NFC', () => {
    const rows = parseCsv('\ufefftên\r\n' + 'Hà Nội'.normalize('NFD') + '\r\n');
    expect(rows).toEqual([{ tên: 'Hà Nội' }]);
  });
});
