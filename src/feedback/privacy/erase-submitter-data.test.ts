/** Masking a submitter's identifiers in texts that survive an erasure (answers). */
import { describe, expect, it } from 'vitest';
import { maskIdentifiers } from './erase-submitter-data';

describe('maskIdentifiers', () => {
  it('masks the name whatever its case and Unicode form, longest identifier first', () => {
    const decomposed = 'Lê Thị Hồng Nhung'.normalize('NFD');
    const out = maskIdentifiers(`Kính gửi bà ${decomposed}; LÊ THỊ HỒNG NHUNG đã gửi từ nhung@example.vn.`, ['Lê Thị Hồng Nhung', 'nhung@example.vn']);
    expect(out).toBe('Kính gửi bà [đã ẩn]; [đã ẩn] đã gửi từ [đã ẩn].');
  });

  it('leaves a text alone when nothing identifying is in it, and ignores empty or very short values', () => {
    expect(maskIdentifiers('Hồ sơ đã được xử lý.', ['Trần Văn An', null, '', 'A'])).toBe('Hồ sơ đã được xử lý.');
  });

  it('treats identifiers as text, not patterns', () => {
    expect(maskIdentifiers('Gọi (024) 3.825.1234 hoặc 02438251234', ['(024) 3.825.1234'])).toBe('Gọi [đã ẩn] hoặc 02438251234');
  });
});
