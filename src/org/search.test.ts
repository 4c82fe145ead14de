import { describe, expect, it } from 'vitest';
import { foldText } from '../platform/text/fold';
import { TIER, likeToRegExp, matchTier, prepareSearch, tierPatterns } from './search';

const st = (s: string) => foldText(s);

describe('unit search ranking helpers', () => {
  it('folds the query like the stored search text', () => {
    expect(prepareSearch('  Đà Nẵng ')).toEqual({ raw: 'Đà Nẵng', folded: 'da nang', tokens: ['da', 'nang'] });
    expect(prepareSearch('HOÀN   KIẾM')?.folded).toBe('hoan kiem');
    expect(prepareSearch('')).toBeNull();
    expect(prepareSearch('%_%')).toBeNull();
    expect(prepareSearch(undefined)).toBeNull();
  });

  it('escapes LIKE wildcards in the patterns', () => {
    // foldText drops % and _, but a letter-only query still goes through escapeLike
    const p = { raw: 'a\\b', folded: 'a\\b', tokens: ['a\\b'] };
    expect(tierPatterns(p)[0].pattern).toBe(' a\\\\b %');
    expect(likeToRegExp('%a\\%b%').test('xa%by')).toBe(true);
    expect(likeToRegExp('%a\\%b%').test('xaZby')).toBe(false);
    expect(likeToRegExp('a_c').test('abc')).toBe(true);
    expect(likeToRegExp('a.c').test('abc')).toBe(false);
  });

  it('ranks exact code, then phrase at the start, whole words, prefix, contains, all words', () => {
    const q = (s: string) => prepareSearch(s)!;
    expect(matchTier(st('Thành phố Đà Nẵng Đà Nẵng 48'), '48', q('48'))).toBe(TIER.exactCode);
    expect(matchTier(st('Sở KH&CN 01.SKHCN'), '01.SKHCN', q('01.skhcn'))).toBe(TIER.exactCode);
    expect(matchTier(st('Bộ Khoa học và Công nghệ Bộ KH&CN BKHCN'), 'BKHCN', q('bo khoa hoc'))).toBe(TIER.startsWithWords);
    expect(matchTier(st('Bộ Khoa học và Công nghệ'), 'BKHCN', q('bo khoa h'))).toBe(TIER.startsWith);
    expect(matchTier(st('Thành phố Đà Nẵng Đà Nẵng 48'), '48', q('da nang'))).toBe(TIER.containsWords);
    expect(matchTier(st('Phường Hoàn Kiếm Hoàn Kiếm 00070'), '00070', q('hoan ki'))).toBe(TIER.containsWordPrefix);
    expect(matchTier(st('Phường Hoàn Kiếm'), '00070', q('oan kiem'))).toBe(TIER.contains);
    expect(matchTier(st('Phường Hoàn Kiếm'), '00070', q('kiem hoan'))).toBe(TIER.allTokens);
    expect(matchTier(st('Phường Hoàn Kiếm'), '00070', q('hoan kim'))).toBeNull();
  });

  it('orders tiers so that better matches sort first', () => {
    const tiers = Object.values(TIER);
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
  });
});
