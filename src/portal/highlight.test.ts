/** Snippets and highlighting: diacritic-insensitive, typo-tolerant, always escaped. */
import { describe, expect, it } from 'vitest';
import { highlight, queryTerms, snippet, withinOneEdit } from './highlight';

describe('highlight', () => {
  it('marks words with or without diacritics', () => {
    expect(highlight('Chuyển đổi số tại Đà Nẵng', queryTerms('chuyen doi so'))).toBe('<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> tại Đà Nẵng');
    expect(highlight('Đà Nẵng', queryTerms('Đà Nẵng'))).toBe('<mark>Đà</mark> <mark>Nẵng</mark>');
  });
  it('accepts one wrong letter in longer words', () => {
    expect(highlight('thử nghiệm sandbox', queryTerms('sandbux'))).toContain('<mark>sandbox</mark>');
    expect(highlight('số', queryTerms('sx'))).toBe('số');
  });
  it('escapes everything else', () => {
    const html = highlight('<script>alert("số")</script>', queryTerms('so'));
    expect(html).toBe('&lt;script&gt;alert(&quot;<mark>số</mark>&quot;)&lt;/<mark>script</mark>&gt;'.replace('<mark>script</mark>', 'script'));
    expect(html).not.toContain('<script');
  });
  it('cuts a window around the first match', () => {
    const text = `${'một '.repeat(50)}đổi mới sáng tạo ${'hai '.repeat(50)}`;
    const s = snippet(text, queryTerms('doi moi'), 10);
    expect(s.startsWith('… ')).toBe(true);
    expect(s.endsWith(' …')).toBe(true);
    expect(s).toContain('<mark>đổi</mark> <mark>mới</mark>');
  });
});

describe('withinOneEdit', () => {
  it('takes one slip — added, dropped, changed or swapped letters — and nothing further off', () => {
    expect(withinOneEdit('tinh', 'tinh')).toBe(true);
    expect(withinOneEdit('tihn', 'tinh')).toBe(true);
    expect(withinOneEdit('tnh', 'tinh')).toBe(true);
    expect(withinOneEdit('tinhh', 'tinh')).toBe(true);
    expect(withinOneEdit('tanh', 'tinh')).toBe(true);
    expect(withinOneEdit('htin', 'tinh')).toBe(false);
    expect(withinOneEdit('ihtn', 'tinh')).toBe(false);
    expect(withinOneEdit('tihnn', 'tinh')).toBe(false);
  });
});
