/**
 * Portal reads: public listings (only published articles, and scheduled ones whose time has come),
 * single items, related articles, the document library with its filters, the editorial lists,
 * revisions, and what the home page borrows from PAKN-GPSK (published answers) and monitoring
 * (tasks by status).
 */
import { executeRows } from '../platform/db/execute-rows';
import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { feedbackSubmission } from '../feedback/schema';
import { task } from '../monitoring/schema';
import { underAnyPath } from '../org/queries';
import { appUser, orgUnit } from '../org/schema';
import type { Executor } from '../platform/db/client';
import { storedFile } from '../platform/files/schema';
import { type ArticleStatus, type DocumentType, article, articleRevision, legalDocument, portalCategory, portalMenuItem, portalPage } from './schema';

/** Published, or scheduled and due: what anonymous visitors see. */
export const isPublic: SQL = sql`(${article.status} = 'published' OR (${article.status} = 'scheduled' AND ${article.publishAt} <= now()))`;
/** The date an article went (or goes) public. */
export const publicDate: SQL<Date> = sql<Date>`coalesce(${article.publishedAt}, ${article.publishAt})`;

export async function loadArticleWithSection(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ article, sectionPath: orgUnit.path, sectionCode: orgUnit.code, sectionName: orgUnit.name })
    .from(article)
    .innerJoin(orgUnit, eq(orgUnit.id, article.sectionUnitId))
    .where(eq(article.id, id));
  return row ?? null;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

const cardColumns = {
  id: article.id,
  slug: article.slug,
  title: article.title,
  summary: article.summary,
  tags: article.tags,
  featured: article.featured,
  isDemo: article.isDemo,
  publishedAt: publicDate,
  updatedAt: article.updatedAt,
  categorySlug: portalCategory.slug,
  categoryName: portalCategory.name,
  sectionCode: orgUnit.code,
  sectionName: orgUnit.name,
  coverHash: storedFile.hash,
  coverAlt: article.coverAlt,
  coverWidth: article.coverWidth,
  coverHeight: article.coverHeight,
};
export type ArticleCard = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  featured: boolean;
  isDemo: boolean;
  publishedAt: Date;
  updatedAt: Date;
  categorySlug: string | null;
  categoryName: string | null;
  sectionCode: string;
  sectionName: string;
  coverHash: string | null;
  coverAlt: string | null;
  coverWidth: number | null;
  coverHeight: number | null;
};

function cardQuery(db: Executor) {
  return db
    .select(cardColumns)
    .from(article)
    .innerJoin(orgUnit, eq(orgUnit.id, article.sectionUnitId))
    .leftJoin(portalCategory, eq(portalCategory.id, article.categoryId))
    .leftJoin(storedFile, eq(storedFile.id, article.coverFileId));
}

export interface PublicArticleFilter {
  categoryId?: string;
  /** subtree of a component portal */
  sectionPath?: string;
  featured?: boolean;
  excludeIds?: string[];
  limit: number;
  offset?: number;
}

export async function listPublicArticles(db: Executor, f: PublicArticleFilter): Promise<ArticleCard[]> {
  const where: SQL[] = [isPublic];
  if (f.categoryId) where.push(eq(article.categoryId, f.categoryId));
  if (f.sectionPath) where.push(underAnyPath(orgUnit.path, [f.sectionPath]));
  if (f.featured) where.push(eq(article.featured, true));
  if (f.excludeIds?.length) where.push(sql`${article.id} NOT IN (${sql.join(f.excludeIds.map((i) => sql`${i}::uuid`), sql`, `)})`);
  const rows = await cardQuery(db)
    .where(and(...where))
    .orderBy(desc(publicDate), desc(article.id))
    .limit(f.limit)
    .offset(f.offset ?? 0);
  return rows as ArticleCard[];
}

export async function countPublicArticles(db: Executor, f: Omit<PublicArticleFilter, 'limit'>): Promise<number> {
  const where: SQL[] = [isPublic];
  if (f.categoryId) where.push(eq(article.categoryId, f.categoryId));
  if (f.sectionPath) where.push(underAnyPath(orgUnit.path, [f.sectionPath]));
  const [r] = await db
    .select({ n: count() })
    .from(article)
    .innerJoin(orgUnit, eq(orgUnit.id, article.sectionUnitId))
    .where(and(...where));
  return Number(r.n);
}

/** The full article by slug; `anyStatus` for previews by staff. */
export async function findArticleBySlug(db: Executor, slug: string, opts: { anyStatus?: boolean } = {}) {
  const [row] = await db
    .select({
      article,
      sectionCode: orgUnit.code,
      sectionName: orgUnit.name,
      sectionPath: orgUnit.path,
      categorySlug: portalCategory.slug,
      categoryName: portalCategory.name,
      coverHash: storedFile.hash,
      authorName: appUser.fullName,
      publicAt: publicDate,
    })
    .from(article)
    .innerJoin(orgUnit, eq(orgUnit.id, article.sectionUnitId))
    .leftJoin(portalCategory, eq(portalCategory.id, article.categoryId))
    .leftJoin(storedFile, eq(storedFile.id, article.coverFileId))
    .leftJoin(appUser, eq(appUser.id, article.authorId))
    .where(opts.anyStatus ? eq(article.slug, slug) : and(eq(article.slug, slug), isPublic));
  return row ?? null;
}
export type FullArticle = NonNullable<Awaited<ReturnType<typeof findArticleBySlug>>>;

/**
 * Up to `limit` published articles sharing a tag, then the same category, newest first. Two
 * newest-first queries that stop at their limit, so a tag shared by thousands costs no sort.
 */
export async function relatedArticles(db: Executor, a: { id: string; tags: string[]; categoryId: string | null }, limit = 3) {
  const others = and(isPublic, sql`${article.id} <> ${a.id}::uuid`);
  const byTag = a.tags.length
    ? ((await cardQuery(db)
        .where(and(others, sql`${article.tags} && ${sql`ARRAY[${sql.join(a.tags.map((x) => sql`${x}`), sql`, `)}]::text[]`}`))
        .orderBy(desc(publicDate))
        .limit(limit)) as ArticleCard[])
    : [];
  if (byTag.length >= limit || !a.categoryId) return byTag;
  const seen = byTag.map((x) => sql`${x.id}::uuid`);
  const byCategory = (await cardQuery(db)
    .where(and(others, sql`${article.categoryId} = ${a.categoryId}::uuid`, seen.length ? sql`${article.id} NOT IN (${sql.join(seen, sql`, `)})` : sql`true`))
    .orderBy(desc(publicDate))
    .limit(limit - byTag.length)) as ArticleCard[];
  return [...byTag, ...byCategory];
}

export async function listCategories(db: Executor) {
  return db.select().from(portalCategory).orderBy(asc(portalCategory.sortOrder), asc(portalCategory.name));
}

export async function findCategory(db: Executor, slug: string) {
  const [c] = await db.select().from(portalCategory).where(eq(portalCategory.slug, slug));
  return c ?? null;
}

// --- documents --------------------------------------------------------------------------------

export interface DocumentFilter {
  type?: DocumentType;
  issuer?: string;
  year?: number;
  sectionPath?: string;
  /** featured documents first (the home page) */
  featuredFirst?: boolean;
  limit: number;
  offset?: number;
}

function documentWhere(f: Omit<DocumentFilter, 'limit' | 'offset'>): SQL | undefined {
  const where: SQL[] = [];
  if (f.type) where.push(eq(legalDocument.docType, f.type));
  if (f.issuer) where.push(eq(legalDocument.issuer, f.issuer));
  if (f.year) where.push(sql`extract(year from ${legalDocument.issuedOn}) = ${f.year}`);
  if (f.sectionPath) where.push(underAnyPath(orgUnit.path, [f.sectionPath]));
  return where.length ? and(...where) : undefined;
}

export async function listDocuments(db: Executor, f: DocumentFilter) {
  return db
    .select({ doc: legalDocument, fileHash: storedFile.hash, sectionCode: orgUnit.code })
    .from(legalDocument)
    .innerJoin(orgUnit, eq(orgUnit.id, legalDocument.sectionUnitId))
    .leftJoin(storedFile, eq(storedFile.id, legalDocument.fileId))
    .where(documentWhere(f))
    .orderBy(...(f.featuredFirst ? [desc(legalDocument.featured)] : []), sql`${legalDocument.issuedOn} DESC NULLS LAST`, asc(legalDocument.number))
    .limit(f.limit)
    .offset(f.offset ?? 0);
}

export async function countDocuments(db: Executor, f: Omit<DocumentFilter, 'limit' | 'offset'>) {
  const [r] = await db
    .select({ n: count() })
    .from(legalDocument)
    .innerJoin(orgUnit, eq(orgUnit.id, legalDocument.sectionUnitId))
    .where(documentWhere(f));
  return Number(r.n);
}

export async function documentFacets(db: Executor) {
  const issuers = await db.selectDistinct({ issuer: legalDocument.issuer }).from(legalDocument).orderBy(asc(legalDocument.issuer));
  const years = await db.execute(sql`SELECT DISTINCT extract(year from issued_on)::int AS y FROM legal_document WHERE issued_on IS NOT NULL ORDER BY y DESC`);
  return {
    issuers: issuers.map((r) => r.issuer),
    years: (years as unknown as { rows: { y: number }[] }).rows.map((r) => Number(r.y)),
  };
}

export async function findDocument(db: Executor, slugOrId: string) {
  const [row] = await db
    .select({ doc: legalDocument, fileHash: storedFile.hash, fileMime: storedFile.mimeType, sectionCode: orgUnit.code, sectionName: orgUnit.name, sectionPath: orgUnit.path })
    .from(legalDocument)
    .innerJoin(orgUnit, eq(orgUnit.id, legalDocument.sectionUnitId))
    .leftJoin(storedFile, eq(storedFile.id, legalDocument.fileId))
    .where(isUuid(slugOrId) ? eq(legalDocument.id, slugOrId) : eq(legalDocument.slug, slugOrId));
  return row ?? null;
}

// --- pages and menus --------------------------------------------------------------------------

export async function findPage(db: Executor, slug: string, opts: { anyStatus?: boolean } = {}) {
  const [p] = await db
    .select()
    .from(portalPage)
    .where(opts.anyStatus ? eq(portalPage.slug, slug) : and(eq(portalPage.slug, slug), eq(portalPage.published, true)));
  return p ?? null;
}

export async function listPages(db: Executor, opts: { publishedOnly?: boolean; scope?: readonly string[] } = {}) {
  const where: SQL[] = [];
  if (opts.publishedOnly) where.push(eq(portalPage.published, true));
  if (opts.scope) where.push(underAnyPath(orgUnit.path, opts.scope));
  return db
    .select({ page: portalPage, sectionCode: orgUnit.code, sectionName: orgUnit.name })
    .from(portalPage)
    .innerJoin(orgUnit, eq(orgUnit.id, portalPage.sectionUnitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(portalPage.title));
}

export async function listMenuItems(db: Executor) {
  return db.select().from(portalMenuItem).orderBy(asc(portalMenuItem.sortOrder), asc(portalMenuItem.label));
}

// --- editorial --------------------------------------------------------------------------------

export async function listEditorArticles(db: Executor, opts: { scope: readonly string[]; status?: ArticleStatus; limit: number }) {
  const where: SQL[] = [underAnyPath(orgUnit.path, opts.scope)];
  if (opts.status) where.push(eq(article.status, opts.status));
  return db
    .select({
      id: article.id,
      slug: article.slug,
      title: article.title,
      status: article.status,
      publishAt: article.publishAt,
      publishedAt: article.publishedAt,
      updatedAt: article.updatedAt,
      featured: article.featured,
      version: article.version,
      sectionCode: orgUnit.code,
      sectionName: orgUnit.name,
      authorName: appUser.fullName,
    })
    .from(article)
    .innerJoin(orgUnit, eq(orgUnit.id, article.sectionUnitId))
    .leftJoin(appUser, eq(appUser.id, article.authorId))
    .where(and(...where))
    .orderBy(desc(article.updatedAt))
    .limit(opts.limit);
}

export async function articleRevisions(db: Executor, articleId: string) {
  return db
    .select({ rev: articleRevision, authorName: appUser.fullName })
    .from(articleRevision)
    .leftJoin(appUser, eq(appUser.id, articleRevision.authorId))
    .where(eq(articleRevision.articleId, articleId))
    .orderBy(desc(articleRevision.version));
}

export async function articleCover(db: Executor, fileId: string | null) {
  if (!fileId) return null;
  const [f] = await db.select({ hash: storedFile.hash }).from(storedFile).where(eq(storedFile.id, fileId));
  return f?.hash ?? null;
}

export async function sectionsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path }).from(orgUnit).where(inArray(orgUnit.id, ids));
}

export async function findUnit(db: Executor, code: string) {
  const [u] = await db.select().from(orgUnit).where(eq(orgUnit.code, code));
  return u ?? null;
}

// --- borrowed from PAKN-GPSK and monitoring ---------------------------------------------------

export async function latestPublishedAnswers(db: Executor, limit = 5) {
  return db
    .select({ code: feedbackSubmission.code, title: feedbackSubmission.title, publishedAt: feedbackSubmission.publishedAt })
    .from(feedbackSubmission)
    .where(sql`${feedbackSubmission.publishedAt} IS NOT NULL`)
    .orderBy(desc(feedbackSubmission.publishedAt))
    .limit(limit);
}

/** Tasks by status, nationally (the home page's progress figures). */
export async function taskStatusCounts(db: Executor) {
  const rows = await db.select({ status: task.status, n: count() }).from(task).groupBy(task.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

/** Tasks led by units of the subtree at `path`, by status (a component portal's progress). */
export async function countTaskStatusesUnder(db: Executor, path: string) {
  const rows = await db
    .select({ status: task.status, n: count() })
    .from(task)
    .innerJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
    .where(underAnyPath(orgUnit.path, [path]))
    .groupBy(task.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

/** Codes of the sections that have public articles or documents (component portals worth listing). */
export async function sectionsWithContent(db: Executor): Promise<string[]> {
  const rows = await executeRows<{ code: string }>(db, sql`
    SELECT DISTINCT u.code FROM org_unit u
    WHERE EXISTS (SELECT 1 FROM article a WHERE a.section_unit_id = u.id
                    AND (a.status = 'published' OR (a.status = 'scheduled' AND a.publish_at <= now())))
       OR EXISTS (SELECT 1 FROM legal_document d WHERE d.section_unit_id = u.id)
    ORDER BY u.code`);
  return rows.map((x) => x.code);
}
