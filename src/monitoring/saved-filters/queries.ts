/** Reads of saved task-list filters. */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { savedTaskFilter } from './schema';

export async function savedFiltersOf(db: Executor, userId: string) {
  return db
    .select({ id: savedTaskFilter.id, name: savedTaskFilter.name, query: savedTaskFilter.query })
    .from(savedTaskFilter)
    .where(eq(savedTaskFilter.userId, userId))
    .orderBy(asc(savedTaskFilter.name));
}
export type SavedFilterRow = Awaited<ReturnType<typeof savedFiltersOf>>[number];
