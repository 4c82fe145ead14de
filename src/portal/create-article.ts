/**
 * Creates a draft article in a section the editor may write in: slug made from the title (unique,
 * -2, -3…), first revision recorded, optional cover image cleaned and stored once.
 */
import { eq, like, or } from 'drizzle-orm';
import type { Principal } from '../org/policies';
import { orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import type { Upload } from '../platform/files/store';
import { t } from '../platform/i18n';
import { parseInput } from '../platform/validation';
import { type ArticleInput, articleInput } from './article-input';
import { storeCover } from './store-cover';
import { canWriteIn } from './policies';
import { article, articleRevision, portalCategory } from './schema';
import { articleSearchColumns } from './search-text';
import { slugify, uniqueSlug } from './slug';

export async function createArticle(
  db: Database,
  dataDir: string,
  raw: ArticleInput,
  opts: { principal: Principal; actor: Actor; cover?: Upload | null; isDemo?: boolean },
) {
  const input = parseInput(articleInput, raw);
  if (!input.sectionUnitId) throw validationFailed({ sectionUnitId: t('field.choose') });
  const [section] = await db.select().from(orgUnit).where(eq(orgUnit.id, input.sectionUnitId));
  if (!section) throw validationFailed({ sectionUnitId: t('field.choose') });
  if (!canWriteIn(opts.principal, section.path)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
  if (input.categoryId) {
    const [cat] = await db.select().from(portalCategory).where(eq(portalCategory.id, input.categoryId));
    if (!cat) throw validationFailed({ categoryId: t('field.choose') });
  }
  if (opts.cover && !input.coverAlt) throw validationFailed({ coverAlt: t('portal.cover.altRequired') });
  const cover = opts.cover ? await storeCover(db, dataDir, opts.cover, opts.principal.userId) : null;

  return db.transaction(async (tx) => {
    const base = slugify(input.title);
    const taken = await tx
      .select({ slug: article.slug })
      .from(article)
      .where(or(eq(article.slug, base), like(article.slug, `${base}-%`)));
    const slug = uniqueSlug(base, new Set(taken.map((r) => r.slug)));
    const [created] = await tx
      .insert(article)
      .values({
        sectionUnitId: section.id,
        categoryId: input.categoryId ?? null,
        slug,
        title: input.title,
        summary: input.summary ?? '',
        body: input.body,
        tags: input.tags,
        coverFileId: cover?.fileId ?? null,
        coverAlt: cover ? (input.coverAlt ?? null) : null,
        coverWidth: cover?.width ?? null,
        coverHeight: cover?.height ?? null,
        authorId: opts.principal.userId,
        isDemo: opts.isDemo ?? false,
        ...articleSearchColumns({ title: input.title, summary: input.summary ?? '', body: input.body, tags: input.tags }),
      })
      .returning();
    await tx.insert(articleRevision).values({
      articleId: created.id,
      version: 1,
      title: created.title,
      summary: created.summary,
      body: created.body,
      tags: created.tags,
      authorId: opts.principal.userId,
    });
    await recordAudit(tx, opts.actor, { action: 'article.create', entityType: 'article', entityId: created.id, after: created });
    return created;
  });
}
