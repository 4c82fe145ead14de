/**
 * The editorial workflow of an article, one state machine:
 *   draft → in_review (submit; editor)
 *   in_review → published (publish; approver) | scheduled (schedule, with a future time; approver)
 *   in_review | scheduled → draft (return, with a note; approver)
 *   scheduled → published (publish now; approver)
 *   published | scheduled → archived (archive; approver)
 *   archived → draft (restore; approver)
 *   published ⇄ featured on the national front page (feature / unfeature; approver at the root)
 * Anything else is refused with 409 and changes nothing. Publishing and archiving bump the public
 * content version in the same transaction, so cached public pages change at once.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { rootUnit } from '../org/queries';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput } from '../platform/validation';
import { bumpContentVersion } from './content-version';
import { canFeature, canPublishIn, canWriteIn } from './policies';
import { loadArticleWithSection } from './queries';
import { type ArticleStatus, article } from './schema';

export const ARTICLE_ACTIONS = ['submit', 'publish', 'schedule', 'return', 'archive', 'restore', 'feature', 'unfeature'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

const FROM: Record<ArticleAction, readonly ArticleStatus[]> = {
  submit: ['draft'],
  publish: ['in_review', 'scheduled'],
  schedule: ['in_review'],
  return: ['in_review', 'scheduled'],
  archive: ['published', 'scheduled'],
  restore: ['archived'],
  feature: ['published', 'scheduled'],
  unfeature: ['published', 'scheduled', 'archived'],
};

/** May `action` be taken from `status` at all (whoever asks)? */
export function allowedFrom(action: ArticleAction, status: ArticleStatus): boolean {
  return FROM[action].includes(status);
}

export const transitionInput = z.object({
  action: z.enum(ARTICLE_ACTIONS, { message: t('field.choose') }),
  /** yyyy-mm-ddThh:mm in Asia/Ho_Chi_Minh, or an ISO instant */
  publishAt: optionalText(40),
  note: optionalText(2000),
});
export type TransitionInput = z.input<typeof transitionInput>;

/** "2026-12-01T08:30" (Hà Nội time) or an ISO instant → Date, or null when unreadable. */
export function parsePublishAt(value: string): Date | null {
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  const d = local ? new Date(`${local[1]}-${local[2]}-${local[3]}T${local[4]}:${local[5]}:00+07:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function transitionArticle(
  db: Database,
  articleId: string,
  raw: TransitionInput,
  opts: { principal: Principal; actor: Actor; now?: Date },
) {
  const input = parseInput(transitionInput, raw);
  const now = opts.now ?? new Date();
  const loaded = await loadArticleWithSection(db, articleId);
  if (!loaded) throw AppError.of('NOT_FOUND', 'portal.article.notFound');
  const { article: before, sectionPath } = loaded;

  // who may ask first: an outsider learns nothing about the state
  if (input.action === 'submit') {
    if (!canWriteIn(opts.principal, sectionPath)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
  } else if (input.action === 'feature' || input.action === 'unfeature') {
    const root = await rootUnit(db);
    if (!root || !canFeature(opts.principal, root.path)) throw AppError.of('FORBIDDEN', 'portal.cannotFeature');
  } else if (!canPublishIn(opts.principal, sectionPath)) {
    throw AppError.of('FORBIDDEN', 'portal.cannotPublish');
  }
  if (!allowedFrom(input.action, before.status)) throw AppError.of('CONFLICT', 'portal.article.illegalTransition', { status: t(`portal.status.${before.status}`) });

  let changes: Partial<typeof article.$inferInsert> = {};
  switch (input.action) {
    case 'submit':
      changes = { status: 'in_review', reviewNote: null };
      break;
    case 'publish':
      changes = { status: 'published', publishedAt: now, publishAt: null, publishedBy: opts.principal.userId, reviewNote: null };
      break;
    case 'schedule': {
      const at = input.publishAt ? parsePublishAt(input.publishAt) : null;
      if (!at) throw validationFailed({ publishAt: t('portal.article.publishAtInvalid') });
      if (at.getTime() <= now.getTime()) throw validationFailed({ publishAt: t('portal.article.publishAtPast') });
      changes = { status: 'scheduled', publishAt: at, publishedBy: opts.principal.userId, reviewNote: null };
      break;
    }
    case 'return':
      if (!input.note) throw validationFailed({ note: t('portal.article.noteRequired') });
      changes = { status: 'draft', publishAt: null, reviewNote: input.note };
      break;
    case 'archive':
      changes = { status: 'archived', archivedAt: now, featured: false };
      break;
    case 'restore':
      changes = { status: 'draft', archivedAt: null, publishedAt: null };
      break;
    case 'feature':
      changes = { featured: true };
      break;
    case 'unfeature':
      changes = { featured: false };
      break;
  }

  return db.transaction(async (tx) => {
    // the guard repeats the state in the WHERE: a concurrent transition makes this one a no-op
    const [after] = await tx
      .update(article)
      .set({ ...changes, updatedAt: now })
      .where(and(eq(article.id, before.id), eq(article.status, before.status)))
      .returning();
    if (!after) throw AppError.of('CONFLICT', 'portal.article.stale');
    const visibleChange = before.status === 'published' || before.status === 'scheduled' || after.status === 'published' || after.status === 'scheduled';
    if (visibleChange) await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: `article.${input.action}`, entityType: 'article', entityId: after.id, before, after });
    return after;
  });
}
