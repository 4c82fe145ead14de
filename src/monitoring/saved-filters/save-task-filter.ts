/** Saves the current task-list filter under a name for the signed-in user (audited). */
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput, text } from '../../platform/validation';
import { FILTER_QUERY_MAX, canonicalFilterQuery } from './query-string';
import { savedTaskFilter } from './schema';

export const MAX_SAVED_FILTERS = 50;

export const saveTaskFilterInput = z.object({
  name: text(100),
  query: z.string().max(FILTER_QUERY_MAX).default(''),
});

export async function saveTaskFilter(db: Database, raw: z.input<typeof saveTaskFilterInput>, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(saveTaskFilterInput, raw);
  const query = canonicalFilterQuery(input.query);
  return db.transaction(async (tx) => {
    const userId = opts.principal.userId;
    const [same] = await tx
      .select({ id: savedTaskFilter.id })
      .from(savedTaskFilter)
      .where(and(eq(savedTaskFilter.userId, userId), eq(savedTaskFilter.name, input.name)));
    if (same) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { name: t('savedFilter.duplicate') });
    const [{ n }] = await tx.select({ n: count() }).from(savedTaskFilter).where(eq(savedTaskFilter.userId, userId));
    if (Number(n) >= MAX_SAVED_FILTERS) throw AppError.of('CONFLICT', 'savedFilter.tooMany', { max: MAX_SAVED_FILTERS });
    const [row] = await tx.insert(savedTaskFilter).values({ userId, name: input.name, query }).returning();
    await recordAudit(tx, opts.actor, { action: 'task_filter.save', entityType: 'saved_task_filter', entityId: row.id, after: { name: row.name, query: row.query } });
    return row;
  });
}
