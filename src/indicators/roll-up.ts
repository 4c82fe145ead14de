/**
 * Aggregation of an indicator up the organisation tree. A unit that reported its own value keeps
 * it (the figure it answers for); a unit without one takes the aggregate of its children's values:
 *
 * - sum: the total of the children that have a value;
 * - mean: their plain average;
 * - weighted_mean: their average weighted by each child's value of the weight indicator
 *   (a child without a weight counts 1, so a missing population never drops a commune);
 * - latest: no roll-up at all — the figure is measured only where it is reported (a national
 *   statistic), so a unit without its own value has none.
 *
 * Units whose subtree reported nothing have no value (not zero): "no data" is not "zero".
 */
import type { Aggregation } from './schema';

export interface TreeUnit {
  id: string;
  parentId: string | null;
}

/**
 * The value of every unit in `units` that has one. `units` is a subtree (its root's parent is
 * outside it or null); `own` holds reported values, `weights` the weight indicator's values.
 */
export function rollUp(
  units: readonly TreeUnit[],
  own: ReadonlyMap<string, number>,
  aggregation: Aggregation,
  weights: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const result = new Map<string, number>(own);
  if (aggregation === 'latest') return result;
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u.id);
    else children.set(u.parentId, [u.id]);
  }
  const ids = new Set(units.map((u) => u.id));
  // Post-order without recursion (the tree is 4 levels here, but imports may nest deeper).
  const order: string[] = [];
  const roots = units.filter((u) => u.parentId === null || !ids.has(u.parentId)).map((u) => u.id);
  const stack = roots.map((id) => ({ id, expanded: false }));
  while (stack.length) {
    const top = stack.pop()!;
    if (top.expanded) {
      order.push(top.id);
      continue;
    }
    stack.push({ id: top.id, expanded: true });
    for (const c of children.get(top.id) ?? []) stack.push({ id: c, expanded: false });
  }
  for (const id of order) {
    if (own.has(id)) continue;
    const kids = (children.get(id) ?? []).filter((c) => result.has(c));
    if (kids.length === 0) continue;
    const values = kids.map((c) => result.get(c)!);
    if (aggregation === 'sum') result.set(id, values.reduce((a, b) => a + b, 0));
    else if (aggregation === 'mean') result.set(id, values.reduce((a, b) => a + b, 0) / values.length);
    else {
      let num = 0;
      let den = 0;
      kids.forEach((c, i) => {
        const w = weights.get(c) ?? 1;
        num += values[i] * w;
        den += w;
      });
      if (den !== 0) result.set(id, num / den);
    }
  }
  return result;
}
