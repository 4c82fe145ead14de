/**
 * Editorial pages for static pages, the portal menu and the legal-document library (document
 * files are multipart uploads, parsed only in their own scope after the editor check).
 */
import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopeRoots } from '../org/policies';
import { rootUnit } from '../org/queries';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { enableMultipart } from '../platform/files/multipart';
import { t } from '../platform/i18n';
import { sendPage, setFlash } from '../platform/http/render';
import { actorOf } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { deleteMenuItem } from './delete-menu-item';
import { editorScope, formString, needsEditor } from './editor-routes';
import { canFeature, canPublishIn, writableRoots } from './policies';
import { isUuid, listDocuments, listMenuItems, listPages } from './queries';
import { saveDocument } from './save-document';
import { saveMenuItem } from './save-menu-item';
import { savePage } from './save-page';
import { legalDocument, portalPage } from './schema';
import { type DocumentFormValues, DocumentForm, DocumentsAdmin, MenusPage, PageForm, type PageFormValues, PagesList } from './views/editor-content';

const idParams = z.object({ id: z.string().max(100) });

export async function registerEditorContentRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const canPublishSomewhere = (req: FastifyRequest) => scopeRoots(req.principal, 'portal.publish').length > 0;
  const sectionsOf = (req: FastifyRequest) => writableRoots(req.principal).map((s) => ({ id: s.unitId, name: s.unitName }));

  // --- pages -----------------------------------------------------------------------------------
  app.get('/editor/pages', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => {
    const rows = await listPages(db, { scope: editorScope(req.principal!) });
    return sendPage(
      req,
      reply,
      { title: t('portal.editor.pages') },
      <PagesList pages={rows.map((r) => ({ id: r.page.id, slug: r.page.slug, title: r.page.title, published: r.page.published, sectionName: r.sectionName }))} canPublish={canPublishSomewhere(req)} />,
    );
  });

  const pageValues = (body: unknown): PageFormValues => ({
    sectionUnitId: formString(body, 'sectionUnitId'),
    slug: formString(body, 'slug'),
    title: formString(body, 'title'),
    body: formString(body, 'body'),
    published: formString(body, 'published') === 'on',
  });

  function renderPageForm(req: FastifyRequest, reply: FastifyReply, opts: { id?: string; values: PageFormValues; status?: number; errors?: Record<string, string> | null; message?: string | null }) {
    return sendPage(
      req,
      reply,
      { title: opts.id ? t('portal.pageForm.edit') : t('portal.pageForm.new'), status: opts.status },
      <PageForm
        csrfToken={req.csrfToken}
        action={opts.id ? `/editor/pages/${opts.id}` : '/editor/pages'}
        values={opts.values}
        sections={opts.id ? null : sectionsOf(req)}
        errors={opts.errors}
        message={opts.message}
        canPublish={canPublishSomewhere(req)}
      />,
    );
  }

  app.get('/editor/pages/new', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) =>
    renderPageForm(req, reply, { values: { sectionUnitId: sectionsOf(req)[0]?.id ?? '', slug: '', title: '', body: '', published: false } }),
  );

  app.get('/editor/pages/:id', { schema: { hide: true, params: idParams }, preValidation: needsEditor }, async (req, reply) => {
    const [page] = isUuid(req.params.id) ? await db.select().from(portalPage).where(eq(portalPage.id, req.params.id)) : [];
    if (!page) throw AppError.of('NOT_FOUND', 'portal.page.notFound');
    return renderPageForm(req, reply, { id: page.id, values: { sectionUnitId: page.sectionUnitId, slug: page.slug, title: page.title, body: page.body, published: page.published } });
  });

  const postPage = (id: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    const values = pageValues(req.body);
    if (id && !isUuid(id)) throw AppError.of('NOT_FOUND', 'portal.page.notFound');
    try {
      const saved = await savePage(db, id, { ...values, published: values.published ? 'on' : '' }, { principal: req.principal!, actor: actorOf(req) });
      setFlash(reply, 'portal.page.saved');
      return reply.redirect(`/editor/pages/${saved.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return renderPageForm(req, reply, { id: id ?? undefined, values, status: 400, errors: err.fields });
      throw err;
    }
  };
  app.post('/editor/pages', { schema: { hide: true }, preValidation: needsEditor }, postPage(null));
  app.post('/editor/pages/:id', { schema: { hide: true, params: idParams }, preValidation: needsEditor }, (req, reply) => postPage(req.params.id)(req, reply));

  // --- menu ------------------------------------------------------------------------------------
  async function renderMenus(req: FastifyRequest, reply: FastifyReply, opts: { values?: { label: string; href: string; sortOrder: string }; errors?: Record<string, string> | null; status?: number } = {}) {
    const root = await rootUnit(db);
    return sendPage(
      req,
      reply,
      { title: t('portal.editor.menus'), status: opts.status },
      <MenusPage
        csrfToken={req.csrfToken}
        items={await listMenuItems(db)}
        values={opts.values ?? { label: '', href: '', sortOrder: '0' }}
        errors={opts.errors}
        canManage={!!root && canPublishIn(req.principal, root.path)}
      />,
    );
  }
  app.get('/editor/menus', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => renderMenus(req, reply));
  app.post('/editor/menus', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => {
    const values = { label: formString(req.body, 'label'), href: formString(req.body, 'href'), sortOrder: formString(req.body, 'sortOrder') || '0' };
    try {
      await saveMenuItem(db, values, { principal: req.principal!, actor: actorOf(req) });
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return renderMenus(req, reply, { values, errors: err.fields, status: 400 });
      throw err;
    }
    setFlash(reply, 'portal.menu.saved');
    return reply.redirect('/editor/menus', 303);
  });
  app.post('/editor/menus/:id/delete', { schema: { hide: true, params: idParams }, preValidation: needsEditor }, async (req, reply) => {
    await deleteMenuItem(db, req.params.id, { principal: req.principal!, actor: actorOf(req) });
    setFlash(reply, 'portal.menu.deleted');
    return reply.redirect('/editor/menus', 303);
  });

  // --- documents -------------------------------------------------------------------------------
  app.get('/editor/documents', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) => {
    const docs = await listDocuments(db, { limit: 500 });
    return sendPage(req, reply, { title: t('portal.editor.documents') }, <DocumentsAdmin docs={docs} canPublish={canPublishSomewhere(req)} />);
  });

  const docValues = (body: unknown): DocumentFormValues => {
    const s = (k: string) => formString(body, k);
    return {
      sectionUnitId: s('sectionUnitId'),
      number: s('number'),
      docType: s('docType'),
      title: s('title'),
      issuer: s('issuer'),
      issuedOn: s('issuedOn'),
      effectiveOn: s('effectiveOn'),
      summary: s('summary'),
      status: s('status') || 'in_force',
      note: s('note'),
      featured: s('featured') === 'on',
    };
  };
  async function renderDocForm(req: FastifyRequest, reply: FastifyReply, opts: { id?: string; values: DocumentFormValues; status?: number; errors?: Record<string, string> | null }) {
    const root = await rootUnit(db);
    return sendPage(
      req,
      reply,
      { title: opts.id ? t('portal.docForm.edit') : t('portal.docForm.new'), status: opts.status },
      <DocumentForm
        csrfToken={req.csrfToken}
        action={opts.id ? `/editor/documents/${opts.id}` : '/editor/documents'}
        values={opts.values}
        sections={opts.id ? null : sectionsOf(req)}
        errors={opts.errors}
        canPublish={canPublishSomewhere(req)}
        canFeature={!!root && canFeature(req.principal, root.path)}
      />,
    );
  }
  app.get('/editor/documents/new', { schema: { hide: true }, preValidation: needsEditor }, async (req, reply) =>
    renderDocForm(req, reply, {
      values: { sectionUnitId: sectionsOf(req)[0]?.id ?? '', number: '', docType: 'nghi_quyet', title: '', issuer: '', issuedOn: '', effectiveOn: '', summary: '', status: 'in_force', note: '', featured: false },
    }),
  );
  app.get('/editor/documents/:id', { schema: { hide: true, params: idParams }, preValidation: needsEditor }, async (req, reply) => {
    const [d] = isUuid(req.params.id) ? await db.select().from(legalDocument).where(eq(legalDocument.id, req.params.id)) : [];
    if (!d) throw AppError.of('NOT_FOUND', 'portal.doc.notFound');
    return renderDocForm(req, reply, {
      id: d.id,
      values: {
        sectionUnitId: d.sectionUnitId,
        number: d.number,
        docType: d.docType,
        title: d.title,
        issuer: d.issuer,
        issuedOn: d.issuedOn ?? '',
        effectiveOn: d.effectiveOn ?? '',
        summary: d.summary,
        status: d.status,
        note: d.note ?? '',
        featured: d.featured,
      },
    });
  });

  await app.register(async (scoped) => {
    scoped.addHook('onRequest', needsEditor);
    await enableMultipart(scoped);
    const typed = scoped as unknown as TypedApp;
    const postDoc = (id: string | null) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (id && !isUuid(id)) throw AppError.of('NOT_FOUND', 'portal.doc.notFound');
      const values = docValues(req.body);
      const file = req.uploads?.find((u) => u.fieldName === 'file') ?? null;
      try {
        const saved = await saveDocument(db, ctx.config.dataDir, id, { ...values, featured: values.featured ? 'on' : '' } as never, { principal: req.principal!, actor: actorOf(req), file });
        setFlash(reply, 'portal.doc.saved');
        return reply.redirect(`/editor/documents/${saved.id}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return renderDocForm(req, reply, { id: id ?? undefined, values, status: 400, errors: err.fields });
        throw err;
      }
    };
    typed.post('/editor/documents', { schema: { hide: true } }, postDoc(null));
    typed.post('/editor/documents/:id', { schema: { hide: true, params: idParams } }, (req, reply) => postDoc(req.params.id)(req, reply));
  });
}
