/**
 * Edits an article and records a new revision when its text changed. Editors edit drafts and
 * articles in review; an approver may also correct a scheduled or published article (the change
 * is public at once, so the content version is bumped). Archived articles are read-only. A stale
 * form (someone saved in between) is refused with 409 instead of silently overwriting.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import type { Upload } from '../platform/files/store';
import { t } from '../platform/i18n';
import { parseInput } from '../platform/validation';
import { type ArticleInput, articleInput } from './article-input';
import { bumpContentVersion } from './content-version';
import { canPublishIn, canWriteIn } from './policies';
import { loadArticleWithSection } from './queries';
import { article, articleRevision, portalCategory } from './schema';
import { articleSearchColumns } from './search-text';
import { storeCover } from './store-cover';

const versionField = z.object({ expectedVersion: z.coerce.number().int().positive().optional() });

export async function updateArticle(
  db: Database,
  dataDir: string,
  articleId: string,
  raw: ArticleInput & { expectedVersion?: string | number },
  opts: { principal: Principal; actor: Actor; cover?: Upload | null },
) {
  const input = parseInput(articleInput, raw);
  const { expectedVersion } = parseInput(versionField, { expectedVersion: raw.expectedVersion === '' ? undefined : raw.expectedVersion });
  const loaded = await loadArticleWithSection(db, articleId);
  if (!loaded) throw AppError.of('NOT_FOUND', 'portal.article.notFound');
  const { article: before, sectionPath } = loaded;
  if (!canWriteIn(opts.principal, sectionPath)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
  if (before.status === 'archived') throw AppError.of('CONFLICT', 'portal.article.archivedReadOnly');
  if ((before.status === 'published' || before.status === 'scheduled') && !canPublishIn(opts.principal, sectionPath)) {
    throw AppError.of('CONFLICT', 'portal.article.liveNeedsApprover');
  }
  if (expectedVersion !== undefined && expectedVersion !== before.version) throw AppError.of('CONFLICT', 'portal.article.stale');
  if (input.categoryId) {
    const [cat] = await db.select().from(portalCategory).where(eq(portalCategory.id, input.categoryId));
    if (!cat) throw validationFailed({ categoryId: t('field.choose') });
  }
  const keepsCover = !!before.coverFileId && !input.removeCover;
  if ((opts.cover || keepsCover) && !input.coverAlt) throw validationFailed({ coverAlt: t('portal.cover.altRequired') });
  const cover = opts.cover ? await storeCover(db, dataDir, opts.cover, opts.principal.userId) : null;

  return db.transaction(async (tx) => {
    const summary = input.summary ?? '';
    const textChanged =
      before.title !== input.title || before.summary !== summary || before.body !== input.body || before.tags.join('\u0001') !== input.tags.join('\u0001');
    const version = textChanged ? before.version + 1 : before.version;
    const coverFields = cover
      ? { coverFileId: cover.fileId, coverWidth: cover.width, coverHeight: cover.height, coverAlt: input.coverAlt ?? null }
      : input.removeCover
        ? { coverFileId: null, coverWidth: null, coverHeight: null, coverAlt: null }
        : { coverAlt: before.coverFileId ? (input.coverAlt ?? null) : null };
    const [after] = await tx
      .update(article)
      .set({
        categoryId: input.categoryId ?? null,
        title: input.title,
        summary,
        body: input.body,
        tags: input.tags,
        ...coverFields,
        version,
        updatedAt: new Date(),
        ...articleSearchColumns({ title: input.title, summary, body: input.body, tags: input.tags }),
      })
      .where(eq(article.id, before.id))
      .returning();
    if (textChanged) {
      await tx.insert(articleRevision).values({
        articleId: after.id,
        version,
        title: after.title,
        summary: after.summary,
        body: after.body,
        tags: after.tags,
        authorId: opts.principal.userId,
      });
    }
    if (after.status === 'published' || after.status === 'scheduled') await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: 'article.update', entityType: 'article', entityId: after.id, before, after });
    return after;
  });
}
