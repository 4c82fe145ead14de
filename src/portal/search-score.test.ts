/**
 * The whole-word and typo scores the portal search ranks its candidates by: a title with the
 * phrase outranks a body with it, scattered words rank below the phrase, and a typo counts only
 * when it is one letter off.
 */
import { describe, expect, it } from 'vitest';
import { typoScore, wordsScore } from './search';

const words = [['chuyen'], ['doi'], ['so']];
const phrase = ['chuyen doi so'];

describe('wordsScore', () => {
  it('ranks the phrase in the title first, then the phrase in the text, then scattered words', () => {
    const title = wordsScore(words, phrase, 'Chuyển đổi số ở vùng cao', true);
    const body = wordsScore(words, phrase, 'Tin tổng hợp tuần qua', true);
    const scattered = wordsScore(words, phrase, 'Tin tổng hợp tuần qua', false);
    const someInTitle = wordsScore(words, phrase, 'Số liệu chuyển về', false);
    expect(title).toBe(3);
    expect(body).toBe(1);
    expect(scattered).toBe(0.5);
    expect(someInTitle).toBeGreaterThan(scattered);
    expect(someInTitle).toBeLessThan(title);
  });

  it('counts a word found in any of its spellings (the neighbours of a mistyped word)', () => {
    const meant = [['chuyen'], ['doi', 'dong'], ['so']];
    expect(wordsScore(meant, ['chuyen doi so', 'chuyen dong so'], 'Chuyển động số', true)).toBe(3);
    expect(wordsScore(meant, ['chuyen doi so', 'chuyen dong so'], 'Đổi mới', true)).toBeCloseTo(1 + (2 * 0.9) / 3);
    expect(wordsScore(meant, ['chuyen doi so', 'chuyen dong so'], 'Tin tổng hợp', false)).toBe(0.5);
  });
});

describe('typoScore', () => {
  it('accepts one wrong letter in a word of three letters or more, nothing further off', () => {
    expect(typoScore(['chuyen', 'doj', 'so'], 'Chuyển đổi số ở vùng cao', 'chuyen doi so o vung cao')).toBe(3);
    expect(typoScore(['chuyen', 'doj', 'so'], 'Tin tổng hợp', 'nhieu noi chuyen doi so')).toBe(1);
    expect(typoScore(['chuyen', 'dxy', 'so'], 'Tin tổng hợp', 'nhieu noi chuyen doi so')).toBeNull();
    // two letters are too short to guess
    expect(typoScore(['chuyen', 'doi', 'sx'], 'Tin', 'chuyen doi so')).toBeNull();
  });
});
