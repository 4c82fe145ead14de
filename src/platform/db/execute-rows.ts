/** Raw SQL through Drizzle on either driver: node-postgres answers `{ rows }`, PGlite's adapter an array or `{ rows }`. */
import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
