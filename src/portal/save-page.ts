/**
 * Creates or edits a static page (/pages/<slug>) of a section. Editors write; making a page public
 * (or changing a public one) needs an approver of the section, and bumps the public content version.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput, text } from '../platform/validation';
import { bumpContentVersion } from './content-version';
import { canPublishIn, canWriteIn } from './policies';
import { portalPage } from './schema';
import { slugify } from './slug';

export const savePageInput = z.object({
  sectionUnitId: z.string().uuid(t('field.choose')),
  slug: optionalText(80).refine((s) => s === undefined || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s), t('field.invalid')),
  title: text(300),
  body: z.string().max(100_000, t('field.tooLong', { max: 100_000 })).transform((s) => s.normalize('NFC').replace(/\r\n/g, '\n')),
  published: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});
export type SavePageInput = z.input<typeof savePageInput>;

export async function savePage(db: Database, pageId: string | null, raw: SavePageInput, opts: { principal: Principal; actor: Actor }) {
  const existing = pageId ? (await db.select().from(portalPage).where(eq(portalPage.id, pageId)))[0] : null;
  if (pageId && !existing) throw AppError.of('NOT_FOUND', 'portal.page.notFound');
  const input = parseInput(savePageInput, { ...raw, sectionUnitId: existing?.sectionUnitId ?? raw.sectionUnitId });
  const [section] = await db.select().from(orgUnit).where(eq(orgUnit.id, input.sectionUnitId));
  if (!section) throw validationFailed({ sectionUnitId: t('field.choose') });
  if (!canWriteIn(opts.principal, section.path)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
  const touchesPublic = input.published || !!existing?.published;
  if (touchesPublic && !canPublishIn(opts.principal, section.path)) throw AppError.of('FORBIDDEN', 'portal.cannotPublish');
  const slug = input.slug ?? existing?.slug ?? slugify(input.title);
  const [clash] = await db
    .select({ id: portalPage.id })
    .from(portalPage)
    .where(existing ? and(eq(portalPage.slug, slug), ne(portalPage.id, existing.id)) : eq(portalPage.slug, slug));
  if (clash) throw validationFailed({ slug: t('portal.page.slugTaken') });

  return db.transaction(async (tx) => {
    const values = { slug, title: input.title, body: input.body, published: input.published, updatedBy: opts.principal.userId, updatedAt: new Date() };
    const [after] = existing
      ? await tx.update(portalPage).set(values).where(eq(portalPage.id, existing.id)).returning()
      : await tx.insert(portalPage).values({ ...values, sectionUnitId: section.id }).returning();
    if (touchesPublic) await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: existing ? 'page.update' : 'page.create', entityType: 'portal_page', entityId: after.id, before: existing, after });
    return after;
  });
}
