/**
 * Publishes scheduled articles whose time has come: status becomes published, published_at the
 * scheduled time, the public content version is bumped and each change is audited. Readers see a
 * due article even before this runs (queries treat it as public); this makes the state explicit.
 */
import { and, eq, lte } from 'drizzle-orm';
import { SYSTEM_ACTOR, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { bumpContentVersion } from './content-version';
import { article } from './schema';

export async function publishScheduledArticles(db: Database, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(article)
      .where(and(eq(article.status, 'scheduled'), lte(article.publishAt, now)))
      .for('update', { skipLocked: true });
    for (const before of due) {
      const [after] = await tx
        .update(article)
        .set({ status: 'published', publishedAt: before.publishAt ?? now, publishAt: null, updatedAt: now })
        .where(and(eq(article.id, before.id), eq(article.status, 'scheduled')))
        .returning();
      if (after) await recordAudit(tx, { ...SYSTEM_ACTOR, label: 'portal.publish-scheduled' }, { action: 'article.publish', entityType: 'article', entityId: after.id, before, after });
    }
    if (due.length) await bumpContentVersion(tx);
    return due.length;
  });
}
