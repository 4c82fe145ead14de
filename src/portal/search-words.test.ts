/**
 * The one-edit neighbourhood public search uses to find what a mistyped word meant: every string
 * it lists is one edit away, and every kind of edit is there.
 */
import { describe, expect, it } from 'vitest';
import { withinOneEdit } from './highlight';
import { oneEditVariants } from './search-words';

describe('oneEditVariants', () => {
  it('lists only strings one edit away, never the word itself', () => {
    const variants = oneEditVariants('chuyen');
    expect(variants).not.toContain('chuyen');
    expect(new Set(variants).size).toBe(variants.length);
    for (const v of variants) expect(withinOneEdit(v, 'chuyen'), v).toBe(true);
  });

  it('has every kind of edit: replaced, removed, added and swapped letters, digits too', () => {
    const variants = new Set(oneEditVariants('doj'));
    for (const w of ['doi', 'xoj', 'do', 'oj', 'dooj', 'doja', 'odj', 'djo', 'do1']) expect(variants.has(w), w).toBe(true);
    expect(variants.has('dxi')).toBe(false);
    expect(new Set(oneEditVariants('2025')).has('2026')).toBe(true);
  });

  it('keeps a letter outside the folded alphabet that the word itself has', () => {
    expect(oneEditVariants('αβγ')).toContain('αγγ');
  });
});
