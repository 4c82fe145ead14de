/**
 * Marks the signed-in user's deadline notices as read (all of them, or the listed ones). Only the
 * recipient's own rows are touched; reading a notice changes no case, so nothing is audited.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import type { Database } from '../../platform/db/client';
import { parseInput } from '../../platform/validation';
import { feedbackNotice } from './schema';

export const markNoticesReadInput = z.object({ ids: z.array(z.uuid()).max(200).optional() });

export async function markNoticesRead(db: Database, raw: z.input<typeof markNoticesReadInput>, opts: { principal: Principal; now?: Date }): Promise<number> {
  const { ids } = parseInput(markNoticesReadInput, raw);
  const rows = await db
    .update(feedbackNotice)
    .set({ readAt: opts.now ?? new Date() })
    .where(and(eq(feedbackNotice.recipientUserId, opts.principal.userId), isNull(feedbackNotice.readAt), ids ? inArray(feedbackNotice.id, ids) : undefined))
    .returning({ id: feedbackNotice.id });
  return rows.length;
}
