/** Slugs from Vietnamese titles. */
import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './slug';

describe('slugify', () => {
  it('folds diacritics, đ and punctuation', () => {
    expect(slugify('Chuyển đổi số: Đà Nẵng đi đầu!')).toBe('chuyen-doi-so-da-nang-di-dau');
    expect(slugify('Nghị quyết 57-NQ/TW')).toBe('nghi-quyet-57-nq-tw');
    expect(slugify('  ')).toBe('bai-viet');
  });
  it('bounds the length at a word boundary', () => {
    const s = slugify('Khoa học '.repeat(30));
    expect(s.length).toBeLessThanOrEqual(80);
    expect(s.endsWith('-')).toBe(false);
  });
  it('adds -2, -3 when taken', () => {
    expect(uniqueSlug('a', new Set())).toBe('a');
    expect(uniqueSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });
});
