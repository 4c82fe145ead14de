import { describe, expect, it } from 'vitest';
import { ALLOWED_TYPES, sniffType } from './sniff';
import { attachmentHeader, cleanFileName, pathForHash } from './store';

/** A minimal zip local file header naming one entry. */
function zipWith(name: string): Buffer {
  const header = Buffer.alloc(30);
  header.write('PK\x03\x04', 0, 'latin1');
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, Buffer.from(name), Buffer.from('data')]);
}

describe('file type sniffing', () => {
  it('recognises the accepted types by their bytes', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe(ALLOWED_TYPES.pdf);
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(ALLOWED_TYPES.png);
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe(ALLOWED_TYPES.jpeg);
    expect(sniffType(Buffer.concat([zipWith('[Content_Types].xml'), zipWith('word/document.xml')]))).toBe(ALLOWED_TYPES.docx);
    expect(sniffType(zipWith('xl/workbook.xml'))).toBe(ALLOWED_TYPES.xlsx);
    expect(sniffType(Buffer.from('Báo cáo tiến độ\r\nDòng hai\tcột'))).toBe(ALLOWED_TYPES.text);
  });

  it('refuses executables, other zips, binary and empty files', () => {
    expect(sniffType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBeNull();
    expect(sniffType(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'))).toBeNull();
    expect(sniffType(zipWith('payload.exe'))).toBeNull();
    expect(sniffType(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });

  it('keeps names safe and paths sharded by hash', () => {
    expect(cleanFileName('../../etc/Bie\u0302n ba\u0309n.pdf')).toBe('Biên bản.pdf');
    expect(cleanFileName('')).toBe('tep-tin');
    expect(attachmentHeader('Đề án "số".pdf')).toBe(`attachment; filename="De an _so_.pdf"; filename*=UTF-8''${encodeURIComponent('Đề án "số".pdf')}`);
    const hash = 'ab'.repeat(32);
    expect(pathForHash('/data', hash)).toBe(`/data/files/ab/ab/${hash}`);
    expect(() => pathForHash('/data', '../x')).toThrow();
  });
});
