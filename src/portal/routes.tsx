/**
 * The public portal: news (all, by category, one article with preview for its editors),
 * document library, static pages, component portals per ministry/province, the one search (page
 * and API), feeds, sitemap, robots.txt and responsive cover images. Anonymous pages are cached
 * (ETag + Cache-Control, see public-cache.ts); the API lists page with limit/cursor.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { encodeCursor, tryDecodeCursor, invalidCursor, CURSOR_MAX_LENGTH } from '../org/cursor';
import { limitParam } from '../org/routes';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { attachmentHeader, pathForHash } from '../platform/files/store';
import { t } from '../platform/i18n';
import { sendPage } from '../platform/http/render';
import type { TypedApp } from '../platform/http/types';
import { COVER_FORMATS, COVER_WIDTHS, type CoverFormat, type CoverWidth, coverVariant } from './cover-image';
import { atomFeed, robotsTxt, rssFeed, sitemap } from './feeds';
import { renderMarkdown } from './markdown';
import { canWriteIn } from './policies';
import { type HeadInfo, installPublicCacheHook, notModified, withHead } from './public-cache';
import {
  countDocuments,
  countPublicArticles,
  documentFacets,
  findArticleBySlug,
  findCategory,
  findDocument,
  findPage,
  findUnit,
  listCategories,
  listDocuments,
  listMenuItems,
  listPages,
  listPublicArticles,
  relatedArticles,
  sectionsWithContent,
} from './queries';
import { DOCUMENT_TYPES, type DocumentType } from './schema';
import { SEARCH_TYPES, type SearchType } from './search';
import { cachedSearch } from './search-cache';
import { taskStatusCountsUnder } from './home-page-view';
import { ComponentPortalPage, DocumentView, DocumentsPage, NewsListPage, SearchPage, StaticPageView, ArticleView } from './views/public-pages';

export const NEWS_PAGE_SIZE = 10;
export const DOCS_PAGE_SIZE = 20;
export const SEARCH_PAGE_SIZE = 10;
const FEED_SIZE = 30;

const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);
const slugParam = z.object({ slug: z.string().min(1).max(200) });
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!isoDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function asList(v: unknown): string[] {
  return (Array.isArray(v) ? v : v == null || v === '' ? [] : [v]).map(String);
}

/** Parses the search form or API query; field errors in Vietnamese. */
export function parseSearchQuery(raw: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  const q = typeof raw.q === 'string' ? raw.q.normalize('NFC').trim() : '';
  if (q.length > 200) errors.q = t('portal.search.qTooLong');
  const types = [...new Set(asList(raw.type ?? raw.types).flatMap((s) => s.split(',')))].filter((s): s is SearchType =>
    (SEARCH_TYPES as readonly string[]).includes(s),
  );
  const from = typeof raw.from === 'string' ? raw.from : '';
  const to = typeof raw.to === 'string' ? raw.to : '';
  if (from && !validDate(from)) errors.from = t('portal.search.dateInvalid');
  if (to && !validDate(to)) errors.to = t('portal.search.dateInvalid');
  return { form: { q, types, from, to }, errors };
}

export async function registerPortalRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  await app.register(async (scopedRaw) => {
    installPublicCacheHook(scopedRaw);
    const scoped = scopedRaw as unknown as TypedApp;

    const page = (req: FastifyRequest, reply: FastifyReply, title: string, head: HeadInfo | null, body: preact.ComponentChildren, status = 200) => {
      if (head) withHead(reply, head);
      return sendPage(req, reply, { title, status }, body);
    };

    // --- news --------------------------------------------------------------------------------
    scoped.get('/news', { schema: { hide: true, querystring: z.object({ page: pageParam }) } }, async (req, reply) => {
      if (await notModified(db, req, reply)) return reply;
      const pg = req.query.page;
      const [categories, items, total, menu] = await Promise.all([
        listCategories(db),
        listPublicArticles(db, { limit: NEWS_PAGE_SIZE, offset: (pg - 1) * NEWS_PAGE_SIZE }),
        countPublicArticles(db, {}),
        listMenuItems(db),
      ]);
      const feeds: HeadInfo['feeds'] = [
        { href: '/feeds/all.atom', title: t('portal.feed.title'), type: 'atom' },
        { href: '/feeds/all.rss', title: t('portal.feed.title'), type: 'rss' },
      ];
      return page(
        req,
        reply,
        t('portal.news.title'),
        { canonical: `${base}/news${pg > 1 ? `?page=${pg}` : ''}`, title: t('portal.news.title'), description: t('portal.news.lead'), feeds },
        <NewsListPage
          heading={t('portal.news.title')}
          lead={t('portal.news.lead')}
          categories={categories}
          items={items}
          page={pg}
          pages={Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE))}
          basePath="/news"
          feedHref="/feeds/all.rss"
          menu={menu}
        />,
      );
    });

    scoped.get(
      '/news/category/:slug',
      { schema: { hide: true, params: slugParam, querystring: z.object({ page: pageParam }) } },
      async (req, reply) => {
        const category = await findCategory(db, req.params.slug);
        if (!category) throw AppError.of('NOT_FOUND', 'error.notFound');
        if (await notModified(db, req, reply)) return reply;
        const pg = req.query.page;
        const [categories, items, total] = await Promise.all([
          listCategories(db),
          listPublicArticles(db, { categoryId: category.id, limit: NEWS_PAGE_SIZE, offset: (pg - 1) * NEWS_PAGE_SIZE }),
          countPublicArticles(db, { categoryId: category.id }),
        ]);
        const feedTitle = t('portal.feed.categoryTitle', { name: category.name });
        return page(
          req,
          reply,
          category.name,
          {
            canonical: `${base}/news/category/${category.slug}${pg > 1 ? `?page=${pg}` : ''}`,
            title: category.name,
            description: category.description ?? undefined,
            feeds: [
              { href: `/feeds/${category.slug}.atom`, title: feedTitle, type: 'atom' },
              { href: `/feeds/${category.slug}.rss`, title: feedTitle, type: 'rss' },
            ],
          },
          <NewsListPage
            heading={category.name}
            lead={category.description ?? undefined}
            categories={categories}
            currentCategory={category.slug}
            items={items}
            page={pg}
            pages={Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE))}
            basePath={`/news/category/${category.slug}`}
            feedHref={`/feeds/${category.slug}.rss`}
          />,
        );
      },
    );

    scoped.get('/news/:slug', { schema: { hide: true, params: slugParam } }, async (req, reply) => {
      // A returning visitor is answered from the content version alone, before the article is
      // read: everything that changes a public article bumps the version, and an ETag for this
      // URL was only ever handed out with the page itself.
      const anonymous = !req.principal;
      if (anonymous && (await notModified(db, req, reply))) return reply;
      let found = await findArticleBySlug(db, req.params.slug);
      let preview = false;
      if (!found && req.principal) {
        // editors of the section preview drafts, articles in review and scheduled ones
        const any = await findArticleBySlug(db, req.params.slug, { anyStatus: true });
        if (any && canWriteIn(req.principal, any.sectionPath)) {
          found = any;
          preview = true;
        }
      }
      if (!found) throw AppError.of('NOT_FOUND', 'portal.article.notFound');
      if (!anonymous && !preview && (await notModified(db, req, reply))) return reply;
      const a = found.article;
      const canonical = `${base}/news/${a.slug}`;
      const related = await relatedArticles(db, { id: a.id, tags: a.tags, categoryId: a.categoryId });
      return page(
        req,
        reply,
        a.title,
        {
          canonical,
          title: a.title,
          description: a.summary || undefined,
          ogType: 'article',
          image: found.coverHash ? `${base}/media/${found.coverHash}/1440.jpg` : null,
        },
        <ArticleView a={found} bodyHtml={renderMarkdown(a.body)} related={related} canonical={canonical} preview={preview} />,
      );
    });

    // --- documents ---------------------------------------------------------------------------
    const docsQuery = z.object({
      type: z.enum(DOCUMENT_TYPES).optional().catch(undefined),
      issuer: z.string().max(300).optional(),
      year: z.coerce.number().int().min(1945).max(2100).optional().catch(undefined),
      page: pageParam,
    });
    scoped.get('/documents', { schema: { hide: true, querystring: docsQuery } }, async (req, reply) => {
      if (await notModified(db, req, reply)) return reply;
      const { type, issuer, year, page: pg } = req.query;
      const filter = { type: type as DocumentType | undefined, issuer: issuer || undefined, year };
      const [docs, total, facets] = await Promise.all([
        listDocuments(db, { ...filter, limit: DOCS_PAGE_SIZE, offset: (pg - 1) * DOCS_PAGE_SIZE }),
        countDocuments(db, filter),
        documentFacets(db),
      ]);
      return page(
        req,
        reply,
        t('portal.docs.title'),
        { canonical: `${base}/documents`, title: t('portal.docs.title'), description: t('portal.docs.lead') },
        <DocumentsPage
          docs={docs}
          total={total}
          filters={{ type, issuer, year: year ? String(year) : undefined }}
          issuers={facets.issuers}
          years={facets.years}
          page={pg}
          pages={Math.max(1, Math.ceil(total / DOCS_PAGE_SIZE))}
        />,
      );
    });

    scoped.get('/documents/:slug', { schema: { hide: true, params: slugParam } }, async (req, reply) => {
      // answered from the content version before the document is read, as articles are
      if (await notModified(db, req, reply)) return reply;
      const found = await findDocument(db, req.params.slug);
      if (!found) throw AppError.of('NOT_FOUND', 'portal.doc.notFound');
      const d = found.doc;
      return page(
        req,
        reply,
        `${d.number} — ${d.title}`,
        { canonical: `${base}/documents/${d.slug}`, title: `${d.number} — ${d.title}`, description: d.summary || undefined },
        <DocumentView doc={d} fileHash={found.fileHash} sectionName={found.sectionName} />,
      );
    });

    scoped.get('/documents/:slug/file', { schema: { hide: true, params: slugParam } }, async (req, reply) => {
      const found = await findDocument(db, req.params.slug);
      if (!found?.fileHash) throw AppError.of('NOT_FOUND', 'files.notFound');
      const file = pathForHash(ctx.config.dataDir, found.fileHash);
      if (!fs.existsSync(file)) throw AppError.of('NOT_FOUND', 'files.notFound');
      return reply
        .header('content-type', found.fileMime ?? 'application/octet-stream')
        .header('content-disposition', attachmentHeader(found.doc.fileName ?? `${found.doc.slug}.pdf`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=3600')
        .send(fs.createReadStream(file));
    });

    // --- static pages and component portals --------------------------------------------------
    scoped.get('/pages/:slug', { schema: { hide: true, params: slugParam } }, async (req, reply) => {
      if (await notModified(db, req, reply)) return reply;
      const p = await findPage(db, req.params.slug);
      if (!p) throw AppError.of('NOT_FOUND', 'portal.page.notFound');
      return page(req, reply, p.title, { canonical: `${base}/pages/${p.slug}`, title: p.title }, <StaticPageView page={p} bodyHtml={renderMarkdown(p.body)} />);
    });

    scoped.get('/portal/:code', { schema: { hide: true, params: z.object({ code: z.string().min(1).max(100) }) } }, async (req, reply) => {
      const unit = await findUnit(db, req.params.code);
      if (!unit) throw AppError.of('NOT_FOUND', 'portal.component.notFound');
      if (await notModified(db, req, reply)) return reply;
      const [news, docs, progress] = await Promise.all([
        listPublicArticles(db, { sectionPath: unit.path, limit: 10 }),
        listDocuments(db, { sectionPath: unit.path, limit: 10 }),
        taskStatusCountsUnder(db, unit.path),
      ]);
      const title = t('portal.component.title', { name: unit.name });
      return page(
        req,
        reply,
        title,
        { canonical: `${base}/portal/${encodeURIComponent(unit.code)}`, title },
        <ComponentPortalPage unit={unit} news={news} docs={docs} progress={progress} />,
      );
    });

    // --- search ------------------------------------------------------------------------------
    scoped.get('/search', { schema: { hide: true } }, async (req, reply) => {
      const raw = req.query as Record<string, unknown>;
      const { form, errors } = parseSearchQuery(raw);
      const pg = pageParam.parse(raw.page);
      withHead(reply, { canonical: `${base}/search`, title: t('portal.search.title'), scripts: ['/assets/portal-search.js'] });
      if (Object.keys(errors).length) {
        return sendPage(req, reply, { title: t('portal.search.title'), status: 400 }, <SearchPage form={form} hits={[]} total={0} page={1} pages={1} errors={errors} />);
      }
      if (await notModified(db, req, reply)) return reply;
      const result = form.q
        ? await cachedSearch(db, { q: form.q, types: form.types, from: form.from || undefined, to: form.to || undefined, limit: SEARCH_PAGE_SIZE, offset: (pg - 1) * SEARCH_PAGE_SIZE })
        : { total: 0, totalCapped: false, hits: [] };
      return sendPage(
        req,
        reply,
        { title: form.q ? `${t('portal.search.title')}: ${form.q}` : t('portal.search.title') },
        <SearchPage form={form} hits={result.hits} total={result.total} totalCapped={result.totalCapped} page={pg} pages={Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE))} />,
      );
    });

    // --- feeds, sitemap, robots --------------------------------------------------------------
    scoped.get('/feeds/:name', { schema: { hide: true, params: z.object({ name: z.string().max(200) }) } }, async (req, reply) => {
      const m = /^([a-z0-9-]+)\.(rss|atom)$/.exec(req.params.name);
      if (!m) throw AppError.of('NOT_FOUND', 'error.notFound');
      const [, slug, kind] = m;
      const category = slug === 'all' ? null : await findCategory(db, slug);
      if (slug !== 'all' && !category) throw AppError.of('NOT_FOUND', 'error.notFound');
      if (await notModified(db, req, reply)) return reply;
      const items = await listPublicArticles(db, { categoryId: category?.id, limit: FEED_SIZE });
      const info = {
        title: category ? t('portal.feed.categoryTitle', { name: category.name }) : t('portal.feed.title'),
        link: category ? `${base}/news/category/${category.slug}` : `${base}/news`,
        self: `${base}/feeds/${req.params.name}`,
        description: category?.description ?? t('portal.news.lead'),
        updated: items[0] ? new Date(items[0].publishedAt) : new Date(0),
      };
      return reply
        .header('content-type', kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
        .send(kind === 'rss' ? rssFeed(base, info, items) : atomFeed(base, info, items));
    });

    scoped.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
      if (await notModified(db, req, reply)) return reply;
      const [articles, docs, categories, pages, sections] = await Promise.all([
        listPublicArticles(db, { limit: 5000 }),
        listDocuments(db, { limit: 5000 }),
        listCategories(db),
        listPages(db, { publishedOnly: true }),
        sectionsWithContent(db),
      ]);
      const urls = [
        { loc: `${base}/` },
        { loc: `${base}/news` },
        { loc: `${base}/documents` },
        ...categories.map((c) => ({ loc: `${base}/news/category/${c.slug}` })),
        ...articles.map((a) => ({ loc: `${base}/news/${a.slug}`, lastmod: a.updatedAt })),
        ...docs.map((d) => ({ loc: `${base}/documents/${d.doc.slug}`, lastmod: d.doc.updatedAt })),
        ...pages.map((p) => ({ loc: `${base}/pages/${p.page.slug}`, lastmod: p.page.updatedAt })),
        ...sections.map((code) => ({ loc: `${base}/portal/${encodeURIComponent(code)}` })),
      ];
      return reply.header('content-type', 'application/xml; charset=utf-8').send(sitemap(urls));
    });

    scoped.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
      reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(base)),
    );

    // --- cover images ------------------------------------------------------------------------
    scoped.get(
      '/media/:hash/:file',
      { schema: { hide: true, params: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), file: z.string().max(20) }) } },
      async (req, reply) => {
        const m = /^(\d+)\.(webp|jpg)$/.exec(req.params.file);
        const width = m ? (Number(m[1]) as CoverWidth) : null;
        const format = m ? (m[2] as CoverFormat) : null;
        if (!width || !format || !COVER_WIDTHS.includes(width) || !COVER_FORMATS.includes(format)) throw AppError.of('NOT_FOUND', 'files.notFound');
        const file = await coverVariant(ctx.config.dataDir, req.params.hash, width, format);
        if (!file) throw AppError.of('NOT_FOUND', 'files.notFound');
        return reply
          .header('content-type', format === 'webp' ? 'image/webp' : 'image/jpeg')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(fs.createReadStream(file));
      },
    );
  });

  // --- API -----------------------------------------------------------------------------------
  const cursorParam = z.string().max(CURSOR_MAX_LENGTH).optional().describe('`nextCursor` of the previous page');
  const tag = (prefix: string, ...parts: unknown[]) => `${prefix}.${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12)}`;
  const offsetFrom = (cursor: string | undefined, kind: string) => {
    if (!cursor) return 0;
    const v = tryDecodeCursor(cursor, kind, ['int']);
    if (!v) throw invalidCursor();
    return Number(v[0]);
  };

  app.get(
    '/api/v1/articles',
    {
      schema: {
        tags: ['portal'],
        summary: 'Published articles, newest first',
        querystring: z.object({
          category: z.string().max(100).optional().describe('category slug'),
          portal: z.string().max(100).optional().describe('unit code of a component portal'),
          limit: limitParam(100, 20),
          cursor: cursorParam,
        }),
      },
    },
    async (req) => {
      const kind = tag('articles', req.query.category, req.query.portal);
      const offset = offsetFrom(req.query.cursor, kind);
      const category = req.query.category ? await findCategory(db, req.query.category) : null;
      if (req.query.category && !category) return { items: [], nextCursor: null };
      const unit = req.query.portal ? await findUnit(db, req.query.portal) : null;
      if (req.query.portal && !unit) return { items: [], nextCursor: null };
      const rows = await listPublicArticles(db, { categoryId: category?.id, sectionPath: unit?.path, limit: req.query.limit + 1, offset });
      const items = rows.slice(0, req.query.limit).map((a) => ({
        id: a.id,
        slug: a.slug,
        url: `${base}/news/${a.slug}`,
        title: a.title,
        summary: a.summary,
        tags: a.tags,
        category: a.categorySlug,
        portal: a.sectionCode,
        featured: a.featured,
        isDemo: a.isDemo,
        publishedAt: new Date(a.publishedAt).toISOString(),
        cover: a.coverHash ? `${base}/media/${a.coverHash}/960.jpg` : null,
      }));
      return { items, nextCursor: rows.length > req.query.limit ? encodeCursor(kind, [offset + req.query.limit]) : null };
    },
  );

  app.get(
    '/api/v1/documents',
    {
      schema: {
        tags: ['portal'],
        summary: 'Legal-document library',
        querystring: z.object({
          type: z.enum(DOCUMENT_TYPES).optional(),
          issuer: z.string().max(300).optional(),
          year: z.coerce.number().int().min(1945).max(2100).optional(),
          limit: limitParam(100, 20),
          cursor: cursorParam,
        }),
      },
    },
    async (req) => {
      const { type, issuer, year, limit } = req.query;
      const kind = tag('documents', type, issuer, year);
      const offset = offsetFrom(req.query.cursor, kind);
      const rows = await listDocuments(db, { type, issuer, year, limit: limit + 1, offset });
      const items = rows.slice(0, limit).map(({ doc }) => ({
        id: doc.id,
        slug: doc.slug,
        url: `${base}/documents/${doc.slug}`,
        number: doc.number,
        type: doc.docType,
        title: doc.title,
        issuer: doc.issuer,
        issuedOn: doc.issuedOn,
        effectiveOn: doc.effectiveOn,
        status: doc.status,
        summary: doc.summary,
      }));
      return { items, nextCursor: rows.length > limit ? encodeCursor(kind, [offset + limit]) : null };
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['portal'],
        summary: 'Search articles, documents and published PAKN answers (diacritic-insensitive, typo-tolerant)',
        querystring: z.object({
          q: z.string().min(1, t('field.required')).max(200, t('portal.search.qTooLong')),
          types: z.string().max(100).optional().describe('comma-separated: article,document,answer'),
          from: z.string().max(10).optional().describe('yyyy-mm-dd'),
          to: z.string().max(10).optional().describe('yyyy-mm-dd'),
          limit: limitParam(50, 10),
          cursor: cursorParam,
        }),
      },
    },
    async (req) => {
      const { form, errors } = parseSearchQuery(req.query);
      if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', t('error.validation'), errors);
      const kind = tag('search', form);
      const offset = offsetFrom(req.query.cursor, kind);
      const limit = req.query.limit;
      const r = await cachedSearch(db, { q: form.q, types: form.types, from: form.from || undefined, to: form.to || undefined, limit, offset });
      return {
        total: r.total,
        totalCapped: r.totalCapped,
        items: r.hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, titleHtml: h.titleHtml, snippetHtml: h.snippetHtml, date: h.date?.toISOString() ?? null, score: h.score })),
        nextCursor: offset + limit < r.total ? encodeCursor(kind, [offset + limit]) : null,
      };
    },
  );
}
