/** Task imports go through the platform's upload inspection before exceljs inflates anything. */
import { describe, expect, it } from 'vitest';
import { zipArchive } from '../../../test/support/hostile-files';
import { AppError } from '../../platform/errors';
import { readTaskFile } from './read-file';

const xlsxParts = (sheet: Buffer, declaredSize?: number) => [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
  { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize },
];

async function refusal(buffer: Buffer) {
  const err = await readTaskFile(buffer, 'nhiem-vu.xlsx').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readTaskFile', () => {
  it('refuses a zip-bomb XLSX whose directory understates a sheet, naming the file', async () => {
    const err = await refusal(zipArchive(xlsxParts(Buffer.alloc(4 * 1024 * 1024, 0x20), 2048)));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('Tệp “nhiem-vu.xlsx” có cấu trúc nén bất thường và không được chấp nhận.');
  });

  it('refuses an XLSX whose declared expansion is too large for its size, and a corrupt one', async () => {
    expect((await refusal(zipArchive(xlsxParts(Buffer.alloc(4 * 1024 * 1024, 0x20))))).message).toContain('cấu trúc nén bất thường');
    const corrupt = zipArchive(xlsxParts(Buffer.from('<worksheet/>'.repeat(50))));
    const at = corrupt.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    corrupt.fill(0xff, at, at + 6);
    expect((await refusal(corrupt)).message).toContain('bị hỏng hoặc không đầy đủ');
  });

  it('keeps its own answers for the wrong type and oversize files', async () => {
    expect((await refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await refusal(Buffer.alloc(6 * 1024 * 1024, 0x61))).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
