/**
 * The constraint a failed statement broke, read from the driver's error wherever the query
 * builder wrapped it. A write that names a reference (a topic code, say) lets the foreign key
 * check it in the same statement instead of a look-up first, and maps the violation to a field error.
 */

/** The constraint's name when `err` is a foreign-key (23503) or unique (23505) violation; else null. */
export function violatedConstraint(err: unknown, kind: 'foreign-key' | 'unique'): string | null {
  const wanted = kind === 'foreign-key' ? '23503' : '23505';
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === wanted) return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return null;
}
