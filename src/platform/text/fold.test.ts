import { describe, expect, it } from 'vitest';
import { compareVietnamese, escapeLike, foldText, normalizeText, sortVietnamese } from './fold';

describe('foldText', () => {
  it('removes diacritics and maps đ to d', () => {
    expect(foldText('Chuyển đổi số Đà Nẵng')).toBe('chuyen doi so da nang');
    expect(foldText('ĐỔI MỚI SÁNG TẠO')).toBe('doi moi sang tao');
  });
  it('treats decomposed (NFD) input like composed input', () => {
    const nfd = 'Thừa Thiên Huế'.normalize('NFD');
    expect(foldText(nfd)).toBe(foldText('Thừa Thiên Huế'));
    expect(foldText(nfd)).toBe('thua thien hue');
  });
  it('collapses punctuation and spacing', () => {
    expect(foldText('  Bộ KH&CN -- (Hà   Nội) ')).toBe('bo kh cn ha noi');
  });
});

describe('normalizeText', () => {
  it('stores NFC and collapses whitespace', () => {
    const out = normalizeText('  Nghị\tquyết  57 '.normalize('NFD'));
    expect(out).toBe('Nghị quyết 57');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('Vietnamese ordering', () => {
  it('puts đ after d and ă, â after a', () => {
    const sorted = sortVietnamese(['Đà Nẵng', 'Dương', 'Ân', 'Ăn', 'An', 'Bắc Ninh'], (s) => s);
    expect(sorted).toEqual(['An', 'Ăn', 'Ân', 'Bắc Ninh', 'Dương', 'Đà Nẵng']);
  });
  it('compares numbers by value', () => {
    expect(compareVietnamese('Nhiệm vụ 9', 'Nhiệm vụ 10')).toBeLessThan(0);
  });
});

describe('escapeLike', () => {
  it('escapes wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
