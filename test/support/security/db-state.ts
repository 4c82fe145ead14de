/**
 * Row counts of every table, so a test can prove a refused or rejected request changed nothing,
 * whatever table a route might have touched.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/platform/db/client';

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Tables that legitimately move on a refused request: throttling counters and the job queue. */
export const VOLATILE_TABLES = new Set<string>(['rate_limit_bucket']);

export async function tableCounts(db: Database, opts: { ignore?: Iterable<string> } = {}): Promise<Record<string, number>> {
  const ignore = new Set([...VOLATILE_TABLES, ...(opts.ignore ?? [])]);
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  ).map((r) => r.table_name);
  const out: Record<string, number> = {};
  for (const name of tables) {
    if (ignore.has(name)) continue;
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${name.replace(/"/g, '""')}"`)));
    out[name] = Number(row.n);
  }
  return out;
}

/** The tables whose counts differ between two snapshots, with before → after. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}
