/**
 * Portal tables ("Cổng thông tin"): categories, articles with their revisions and editorial
 * workflow, static pages, menu items, the legal-document library, and one content-version counter
 * that public caches compare against (bumped on every publish, archive or public change).
 *
 * Every piece of content belongs to a section: an organisation unit (the national portal is the
 * tree's root; a ministry or province runs its own component portal). Editors and approvers act
 * inside the subtree where they hold their role.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser, orgUnit } from '../org/schema';
import { createdAt, id, updatedAt } from '../platform/db/columns';
import { storedFile } from '../platform/files/schema';

export const portalCategory = pgTable(
  'portal_category',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('portal_category_slug_uq').on(t.slug)],
);

/** draft → in_review → scheduled | published → archived (and back to draft when returned) */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const article = pgTable(
  'article',
  {
    id: id(),
    /** the section (component portal) the article belongs to */
    sectionUnitId: uuid('section_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    categoryId: uuid('category_id').references(() => portalCategory.id),
    /** made from the Vietnamese title (diacritics folded), unique across the portal */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown; rendered with raw HTML escaped and links checked */
    body: text('body').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    coverFileId: uuid('cover_file_id').references(() => storedFile.id),
    coverAlt: text('cover_alt'),
    coverWidth: integer('cover_width'),
    coverHeight: integer('cover_height'),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    /** when a scheduled article goes public */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** shown in the national portal's featured area */
    featured: boolean('featured').notNull().default(false),
    authorId: uuid('author_id').references(() => appUser.id),
    publishedBy: uuid('published_by').references(() => appUser.id),
    /** note from an approver who returned it to draft */
    reviewNote: text('review_note'),
    /** number of the latest revision */
    version: integer('version').notNull().default(1),
    /** folded title, for ranking title matches first */
    searchTitle: text('search_title').notNull().default(''),
    /** folded title + summary + body + tags */
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('article_slug_uq').on(t.slug),
    index('article_status_published_idx').on(t.status, t.publishedAt),
    // newest-first public lists walk this backwards and stop at their limit
    index('article_public_date_idx').on(sql`coalesce(${t.publishedAt}, ${t.publishAt})`),
    // the few featured articles, without walking every article to find them
    index('article_featured_date_idx').on(sql`coalesce(${t.publishedAt}, ${t.publishAt})`).where(sql`featured`),
    index('article_section_idx').on(t.sectionUnitId, t.status),
    index('article_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('article_search_fts_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

export const articleRevision = pgTable(
  'article_revision',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => article.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull(),
    authorId: uuid('author_id').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('article_revision_version_uq').on(t.articleId, t.version)],
);

export const portalPage = pgTable(
  'portal_page',
  {
    id: id(),
    sectionUnitId: uuid('section_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    published: boolean('published').notNull().default(false),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('portal_page_slug_uq').on(t.slug)],
);

export const portalMenuItem = pgTable('portal_menu_item', {
  id: id(),
  label: text('label').notNull(),
  /** a relative path ("/pages/gioi-thieu") or an http(s) address */
  href: text('href').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

export const DOCUMENT_TYPES = ['nghi_quyet', 'quyet_dinh', 'chi_thi', 'ket_luan', 'ke_hoach', 'luat', 'nghi_dinh', 'thong_tu', 'cong_van', 'khac'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** còn hiệu lực, được sửa đổi, bị thay thế, hết hiệu lực, chưa có hiệu lực */
export const DOCUMENT_STATUSES = ['in_force', 'amended', 'replaced', 'expired', 'not_yet'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const legalDocument = pgTable(
  'legal_document',
  {
    id: id(),
    sectionUnitId: uuid('section_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    slug: text('slug').notNull(),
    /** số, ký hiệu: "57-NQ/TW" */
    number: text('number').notNull(),
    docType: text('doc_type', { enum: DOCUMENT_TYPES }).notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: date('issued_on'),
    effectiveOn: date('effective_on'),
    summary: text('summary').notNull().default(''),
    fileId: uuid('file_id').references(() => storedFile.id),
    fileName: text('file_name'),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('in_force'),
    /** where the facts come from, and what is unverified */
    note: text('note'),
    featured: boolean('featured').notNull().default(false),
    searchTitle: text('search_title').notNull().default(''),
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('legal_document_slug_uq').on(t.slug),
    index('legal_document_issued_idx').on(t.issuedOn),
    index('legal_document_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('legal_document_search_fts_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
  ],
);

/** One row (id = 1): bumped whenever what anonymous visitors see changes. */
export const portalContentVersion = pgTable('portal_content_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every word that a searchable row's `search_text` holds, per kind of row as public search names
 * them (article, document, task, answer: a published PAKN answer), filled by triggers in
 * migration 0007 so that no write path can forget it. It only grows: a word of a row since
 * withdrawn stays. So a word missing here is in no public row of that kind — search then skips
 * the kind, or knows the word for the typo — while a word found here may still match nothing.
 */
export const searchWord = pgTable(
  'search_word',
  {
    word: text('word').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.word, t.kind] })],
);
