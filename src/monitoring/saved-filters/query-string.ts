/** The canonical query string of a task-list filter: known keys only, in a fixed order, no cursor. */
export const FILTER_KEYS = ['q', 'plan', 'group', 'status', 'leadUnit', 'deadlineFrom', 'deadlineTo', 'overdue', 'sort'] as const;
export const FILTER_QUERY_MAX = 1000;

export function canonicalFilterQuery(input: string | Record<string, unknown>): string {
  const src = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : null;
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const raw = src ? src.get(key) : (input as Record<string, unknown>)[key];
    const value = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
    if (value && !(key === 'sort' && value === 'deadline')) out.set(key, value.slice(0, 200));
  }
  return out.toString();
}
