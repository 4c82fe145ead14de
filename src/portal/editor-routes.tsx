/**
 * Editorial pages under /editor: the article list of the editor's scope, the review queue for
 * approvers, the article form (multipart: cover image) with a preview that saves nothing, the
 * workflow buttons, and revisions with a word diff. Pages, menus and documents are in
 * editor-content-routes.tsx. Only staff holding 'portal.write' or 'portal.publish' get in, and they
 * are checked before a byte of an upload is read.
 */
import { diffWords } from 'diff';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { scopeRoots } from '../org/policies';
import { rootUnit } from '../org/queries';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { enableMultipart } from '../platform/files/multipart';
import { t } from '../platform/i18n';
import { sendPage, setFlash } from '../platform/http/render';
import { actorOf, requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { createArticle } from './create-article';
import { renderMarkdown } from './markdown';
import { canFeature, canPublishIn, canUseEditor, canWriteIn, writableRoots } from './policies';
import { articleCover, articleRevisions, isUuid, listCategories, listEditorArticles, loadArticleWithSection } from './queries';
import { ARTICLE_STATUSES, type ArticleStatus, type article } from './schema';
import { type ArticleAction, allowedFrom, transitionArticle } from './transition-article';
import { updateArticle } from './update-article';
import { type ArticleFormProps, type ArticleFormValues, ArticleFormPage, EditorHome, type EditorRow, ReviewQueuePage, RevisionsPage } from './views/editor-pages';

export function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

export const needsEditor = async (req: FastifyRequest) => {
  const p = requirePrincipal(req);
  if (!canUseEditor(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};

const idParams = z.object({ id: z.string().max(100) });

const FLASH: Record<ArticleAction, Parameters<typeof setFlash>[1]> = {
  submit: 'portal.article.submitted',
  publish: 'portal.article.published',
  schedule: 'portal.article.scheduled',
  return: 'portal.article.returned',
  archive: 'portal.article.archived',
  restore: 'portal.article.restored',
  feature: 'portal.article.featured',
  unfeature: 'portal.article.unfeatured',
};

export function editorScope(p: Principal): string[] {
  const roots = [...scopeRoots(p, 'portal.write'), ...scopeRoots(p, 'portal.publish')];
  return [...new Set(roots)].filter((r) => !roots.some((q) => q !== r && r.startsWith(q)));
}

export async function registerEditorRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const dataDir = ctx.config.dataDir;

  function valuesFrom(body: unknown): ArticleFormValues {
    const s = (k: string) => formString(body, k);
    return {
      sectionUnitId: s('sectionUnitId'),
      categoryId: s('categoryId'),
      title: s('title'),
      summary: s('summary'),
      body: s('body'),
      tags: s('tags'),
      coverAlt: s('coverAlt'),
      expectedVersion: s('expectedVersion'),
    };
  }

  async function actionsFor(p: Principal, a: typeof article.$inferSelect, sectionPath: string): Promise<ArticleFormProps['actions']> {
    const out: ArticleFormProps['actions'] = [];
    const publish = canPublishIn(p, sectionPath);
    const root = await rootUnit(db);
    const feature = !!root && canFeature(p, root.path);
    const add = (name: ArticleAction, extra: Partial<ArticleFormProps['actions'][number]> = {}) => {
      if (allowedFrom(name, a.status)) out.push({ name, label: t(`portal.workflow.${name}`), ...extra });
    };
    if (canWriteIn(p, sectionPath)) add('submit');
    if (publish) {
      add('publish');
      add('schedule', { needsTime: true });
      add('return', { needsNote: true, danger: true });
      add('archive', { danger: true });
      add('restore');
    }
    if (feature) add(a.featured ? 'unfeature' : 'feature');
    return out;
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { values: ArticleFormValues; articleId?: string; status?: number; errors?: Record<string, string> | null; message?: string | null; previewHtml?: string | null },
  ) {
    const p = req.principal!;
    const categories = await listCategories(db);
    let existing: ArticleFormProps['existing'];
    let actions: ArticleFormProps['actions'] = [];
    if (opts.articleId) {
      const loaded = await loadArticleWithSection(db, opts.articleId);
      if (!loaded) throw AppError.of('NOT_FOUND', 'portal.article.notFound');
      const a = loaded.article;
      const hash = await articleCover(db, a.coverFileId);
      existing = {
        id: a.id,
        slug: a.slug,
        status: a.status,
        version: a.version,
        featured: a.featured,
        publishAt: a.publishAt,
        reviewNote: a.reviewNote,
        sectionName: loaded.sectionName,
        cover: hash && a.coverWidth && a.coverHeight ? { hash, width: a.coverWidth, height: a.coverHeight, alt: a.coverAlt ?? '' } : null,
      };
      actions = await actionsFor(p, a, loaded.sectionPath);
    }
    return sendPage(
      req,
      reply,
      { title: existing ? t('portal.editor.editTitle') : t('portal.editor.newTitle'), status: opts.status },
      <ArticleFormPage
        csrfToken={req.csrfToken}
        action={existing ? `/editor/articles/${existing.id}` : '/editor/articles'}
        values={opts.values}
        sections={writableRoots(p).map((s) => ({ id: s.unitId, name: s.unitName }))}
        categories={categories.map((c) => ({ id: c.id, name: c.name }))}
        errors={opts.errors}
        message={opts.message}
        existing={existing}
        previewHtml={opts.previewHtml}
        actions={actions}
        canPublish={scopeRoots(p, 'portal.publish').length > 0}
      />,
    );
  }

  async function visibleArticle(p: Principal, id: string) {
    const loaded = isUuid(id) ? await loadArticleWithSection(db, id) : null;
    if (!loaded) throw AppError.of('NOT_FOUND', 'portal.article.notFound');
    if (!canWriteIn(p, loaded.sectionPath)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
    return loaded;
  }

  const toRows = (rows: Awaited<ReturnType<typeof listEditorArticles>>): EditorRow[] => rows;

  app.get(
    '/editor',
    { schema: { hide: true, querystring: z.object({ status: z.enum(ARTICLE_STATUSES).optional().catch(undefined) }) }, preValidation: needsEditor },
    async (req, reply) => {
      const p = req.principal!;
      const rows = await listEditorArticles(db, { scope: editorScope(p), status: req.query.status as ArticleStatus | undefined, limit: 200 });
      const canPublish = scopeRoots(p, 'portal.publish').length > 0;
      return sendPage(req, reply, { title: t('portal.editor.title'), wide: true }, <EditorHome rows={toRows(rows)} status={req.query.status} canPublish={canPublish} />);
    },
  );

  app.get('/editor/review', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => {
    const p = req.principal!;
    const roots = scopeRoots(p, 'portal.publish');
    if (!roots.length) throw AppError.of('FORBIDDEN', 'portal.cannotPublish');
    const rows = await listEditorArticles(db, { scope: roots, status: 'in_review', limit: 200 });
    return sendPage(req, reply, { title: t('portal.editor.reviewQueue'), wide: true }, <ReviewQueuePage rows={toRows(rows)} />);
  });

  app.get('/editor/articles/new', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => {
    const sections = writableRoots(req.principal!);
    return renderForm(req, reply, {
      values: { sectionUnitId: sections[0]?.unitId ?? '', categoryId: '', title: '', summary: '', body: '', tags: '', coverAlt: '', expectedVersion: '' },
    });
  });

  app.get('/editor/articles/:id', { schema: { hide: true, params: idParams }, preValidation: needsEditor }, async (req, reply) => {
    const { article: a } = await visibleArticle(req.principal!, req.params.id);
    return renderForm(req, reply, {
      articleId: a.id,
      values: {
        sectionUnitId: a.sectionUnitId,
        categoryId: a.categoryId ?? '',
        title: a.title,
        summary: a.summary,
        body: a.body,
        tags: a.tags.join(', '),
        coverAlt: a.coverAlt ?? '',
        expectedVersion: String(a.version),
      },
    });
  });

  app.get(
    '/editor/articles/:id/revisions',
    {
      schema: {
        hide: true,
        params: idParams,
        querystring: z.object({ from: z.coerce.number().int().min(1).optional().catch(undefined), to: z.coerce.number().int().min(1).optional().catch(undefined) }),
      },
      preValidation: needsEditor,
    },
    async (req, reply) => {
      const { article: a } = await visibleArticle(req.principal!, req.params.id);
      const revs = await articleRevisions(db, a.id);
      const versions = revs.map((r) => r.rev.version);
      const to = req.query.to && versions.includes(req.query.to) ? req.query.to : versions[0];
      const fromDefault = versions.find((v) => v < to) ?? to;
      const from = req.query.from && versions.includes(req.query.from) ? req.query.from : fromDefault;
      const older = revs.find((r) => r.rev.version === from)!.rev;
      const newer = revs.find((r) => r.rev.version === to)!.rev;
      const diffs = [
        { label: t('portal.form.title'), parts: diffWords(older.title, newer.title) },
        { label: t('portal.form.summary'), parts: diffWords(older.summary, newer.summary) },
        { label: t('portal.form.body'), parts: diffWords(older.body, newer.body) },
        { label: t('portal.form.tags'), parts: diffWords(older.tags.join(', '), newer.tags.join(', ')) },
      ];
      return sendPage(
        req,
        reply,
        { title: t('portal.revisions.title') },
        <RevisionsPage
          article={{ id: a.id, title: a.title }}
          revisions={revs.map((r) => ({ version: r.rev.version, authorName: r.authorName, createdAt: r.rev.createdAt }))}
          from={from}
          to={to}
          diffs={diffs}
        />,
      );
    },
  );

  app.post(
    '/editor/articles/:id/transition',
    { schema: { hide: true, params: idParams }, preValidation: needsEditor },
    async (req, reply) => {
      const p = req.principal!;
      const body = req.body;
      const action = formString(body, 'action') as ArticleAction;
      try {
        await transitionArticle(db, req.params.id, { action, publishAt: formString(body, 'publishAt'), note: formString(body, 'note') }, { principal: p, actor: actorOf(req) });
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
          const { article: a } = await visibleArticle(p, req.params.id);
          return renderForm(req, reply, {
            articleId: a.id,
            status: 400,
            errors: err.fields,
            values: {
              sectionUnitId: a.sectionUnitId,
              categoryId: a.categoryId ?? '',
              title: a.title,
              summary: a.summary,
              body: a.body,
              tags: a.tags.join(', '),
              coverAlt: a.coverAlt ?? '',
              expectedVersion: String(a.version),
            },
          });
        }
        throw err;
      }
      setFlash(reply, FLASH[action] ?? 'portal.article.saved');
      return reply.redirect(`/editor/articles/${req.params.id}`, 303);
    },
  );

  // The article form posts multipart/form-data (cover image); its parser lives only in this scope.
  await app.register(async (scoped) => {
    scoped.addHook('onRequest', needsEditor);
    await enableMultipart(scoped);
    const typed = scoped as unknown as TypedApp;

    typed.post('/editor/articles', { schema: { hide: true } }, async (req, reply) => {
      const p = req.principal!;
      const values = valuesFrom(req.body);
      const cover = req.uploads?.find((u) => u.fieldName === 'cover') ?? null;
      if (formString(req.body, 'intent') === 'preview') return renderForm(req, reply, { values, previewHtml: renderMarkdown(values.body) });
      try {
        const created = await createArticle(db, dataDir, { ...values, removeCover: false }, { principal: p, actor: actorOf(req), cover });
        setFlash(reply, 'portal.article.created');
        return reply.redirect(`/editor/articles/${created.id}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return renderForm(req, reply, { values, status: 400, errors: err.fields });
        throw err;
      }
    });

    typed.post('/editor/articles/:id', { schema: { hide: true, params: idParams } }, async (req, reply) => {
      const p = req.principal!;
      const { article: a } = await visibleArticle(p, req.params.id);
      const values = valuesFrom(req.body);
      const cover = req.uploads?.find((u) => u.fieldName === 'cover') ?? null;
      if (formString(req.body, 'intent') === 'preview') return renderForm(req, reply, { articleId: a.id, values, previewHtml: renderMarkdown(values.body) });
      try {
        await updateArticle(db, dataDir, a.id, { ...values, removeCover: formString(req.body, 'removeCover') }, { principal: p, actor: actorOf(req), cover });
        setFlash(reply, 'portal.article.saved');
        return reply.redirect(`/editor/articles/${a.id}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return renderForm(req, reply, { articleId: a.id, values, status: 400, errors: err.fields });
        if (err instanceof AppError && err.code === 'CONFLICT') return renderForm(req, reply, { articleId: a.id, values, status: 409, message: err.message });
        throw err;
      }
    });
  });
}
