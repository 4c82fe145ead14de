import { describe, expect, it } from 'vitest';
import { normalizeMultiline } from './text-fields';

describe('multi-line text', () => {
  it('keeps paragraphs, unifies line endings, collapses spaces and NFC-normalises', () => {
    expect(normalizeMultiline('  Dòng   một \r\nDo\u0300ng hai\r\n\r\n\r\n\r\nĐoạn  ba  ')).toBe('Dòng một\nDòng hai\n\nĐoạn ba');
  });
});
