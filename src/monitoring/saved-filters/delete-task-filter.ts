/** Deletes one of the user's own saved task-list filters (audited). */
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { isUuid } from '../queries';
import { savedTaskFilter } from './schema';

export async function deleteTaskFilter(db: Database, id: string, opts: { principal: Principal; actor: Actor }) {
  if (!isUuid(id)) throw AppError.of('NOT_FOUND', 'savedFilter.notFound');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(savedTaskFilter)
      .where(and(eq(savedTaskFilter.id, id), eq(savedTaskFilter.userId, opts.principal.userId)))
      .returning();
    if (!row) throw AppError.of('NOT_FOUND', 'savedFilter.notFound');
    await recordAudit(tx, opts.actor, { action: 'task_filter.delete', entityType: 'saved_task_filter', entityId: row.id, before: { name: row.name, query: row.query } });
  });
}
