import { describe, expect, it } from 'vitest';
import { canonicalFilterQuery } from './query-string';

describe('canonical filter query', () => {
  it('keeps known keys in a fixed order and drops the cursor, unknown keys, empty values and the default sort', () => {
    expect(canonicalFilterQuery('?sort=code&cursor=x&status=overdue&evil=1&q=&plan=NQ03')).toBe('plan=NQ03&status=overdue&sort=code');
    expect(canonicalFilterQuery({ q: ' dữ liệu ', sort: 'deadline', overdue: 'true' })).toBe('q=d%E1%BB%AF+li%E1%BB%87u&overdue=true');
    expect(canonicalFilterQuery('')).toBe('');
  });
});
