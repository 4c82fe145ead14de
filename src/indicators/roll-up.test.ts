/** Roll-up of values up a small hand-drawn tree; every expectation is worked out by hand. */
import { describe, expect, it } from 'vitest';
import { type TreeUnit, rollUp } from './roll-up';

// R ─┬─ A ─┬─ a1
//    │     ├─ a2
//    │     └─ a3
//    └─ B ─┬─ b1
//          └─ b2
const tree: TreeUnit[] = [
  { id: 'R', parentId: null },
  { id: 'A', parentId: 'R' },
  { id: 'B', parentId: 'R' },
  { id: 'a1', parentId: 'A' },
  { id: 'a2', parentId: 'A' },
  { id: 'a3', parentId: 'A' },
  { id: 'b1', parentId: 'B' },
  { id: 'b2', parentId: 'B' },
];
const own = new Map([
  ['a1', 10],
  ['a2', 20],
  ['b1', 6],
  ['b2', 9],
]);

describe('rollUp', () => {
  it('sums only the children that reported', () => {
    const r = rollUp(tree, own, 'sum');
    expect(r.get('A')).toBe(30); // 10 + 20 (a3 reported nothing: not zero)
    expect(r.get('B')).toBe(15); // 6 + 9
    expect(r.get('R')).toBe(45);
    expect(r.has('a3')).toBe(false);
  });

  it('averages children, then averages the averages', () => {
    const r = rollUp(tree, own, 'mean');
    expect(r.get('A')).toBe(15); // (10 + 20) / 2
    expect(r.get('B')).toBe(7.5); // (6 + 9) / 2
    expect(r.get('R')).toBe(11.25); // (15 + 7.5) / 2
  });

  it('weights children by the weight indicator, a missing weight counting 1', () => {
    const weights = new Map([
      ['a1', 3],
      ['a2', 1],
      ['b1', 2],
      // b2 has no weight → 1
      ['A', 4],
      ['B', 3],
    ]);
    const r = rollUp(tree, own, 'weighted_mean', weights);
    expect(r.get('A')).toBe(12.5); // (10×3 + 20×1) / 4
    expect(r.get('B')).toBe(7); // (6×2 + 9×1) / 3
    expect(r.get('R')).toBe(10.142857142857142); // (12.5×4 + 7×3) / 7 = 71 / 7
  });

  it('keeps a unit’s own figure over its children’s', () => {
    const r = rollUp(tree, new Map([...own, ['A', 100]]), 'sum');
    expect(r.get('A')).toBe(100);
    expect(r.get('R')).toBe(115); // 100 + 15
  });

  it('does not roll up a national statistic (latest)', () => {
    const r = rollUp(tree, own, 'latest');
    expect(r.has('A')).toBe(false);
    expect(r.has('R')).toBe(false);
    expect(r.get('a1')).toBe(10);
  });

  it('treats a subtree whose root’s parent is outside it as rooted there, and gives no value to empty subtrees', () => {
    const sub = tree.filter((u) => u.id === 'B' || u.id.startsWith('b'));
    const r = rollUp(sub, new Map([['b1', 4]]), 'mean');
    expect(r.get('B')).toBe(4);
    expect(rollUp(tree, new Map(), 'sum').size).toBe(0);
  });
});
