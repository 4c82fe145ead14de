/** The portal's public pages: news list and article, document library and document, search, static pages, component portals. */
import { formatDate, formatDateTime, formatNumber, t } from '../../platform/i18n';
import type { ArticleCard, FullArticle } from '../queries';
import type { legalDocument, portalCategory, portalPage } from '../schema';
import { DOCUMENT_TYPES, type DocumentType } from '../schema';
import type { SearchHit, SearchType } from '../search';
import { SEARCH_TYPES } from '../search';
import { ArticleCardView, Cover, Pager, qs } from './common';

type Category = typeof portalCategory.$inferSelect;
type Doc = typeof legalDocument.$inferSelect;

export function CategoryNav(props: { categories: Category[]; current?: string }) {
  return (
    <nav class="portal-categories" aria-label={t('portal.news.categories')}>
      <ul>
        <li>
          <a href="/news" aria-current={!props.current ? 'page' : undefined}>
            {t('portal.news.allCategories')}
          </a>
        </li>
        {props.categories.map((c) => (
          <li key={c.id}>
            <a href={`/news/category/${c.slug}`} aria-current={props.current === c.slug ? 'page' : undefined}>
              {c.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function NewsListPage(props: {
  heading: string;
  lead?: string;
  categories: Category[];
  currentCategory?: string;
  items: ArticleCard[];
  page: number;
  pages: number;
  basePath: string;
  feedHref: string;
  menu?: { id: string; label: string; href: string }[];
}) {
  return (
    <div>
      <div class="prose">
        <h1>{props.heading}</h1>
        {props.lead ? <p class="lead">{props.lead}</p> : null}
      </div>
      {props.menu ? <PortalMenu items={props.menu} /> : null}
      <CategoryNav categories={props.categories} current={props.currentCategory} />
      {props.items.length === 0 ? <p>{t('portal.news.empty')}</p> : null}
      <div class="portal-list">
        {props.items.map((a) => (
          <ArticleCardView key={a.id} a={a} headingLevel={2} withCover />
        ))}
      </div>
      <Pager page={props.page} pages={props.pages} href={(p) => `${props.basePath}${qs({ page: p > 1 ? p : undefined })}`} />
      <p>
        <a href={props.feedHref}>{t('portal.news.feed')}</a>
      </p>
    </div>
  );
}

export function ArticleView(props: { a: FullArticle; bodyHtml: string; related: ArticleCard[]; canonical: string; preview?: boolean }) {
  const { a } = props;
  const art = a.article;
  const when = a.publicAt ? new Date(a.publicAt) : null;
  return (
    <article class="portal-article" itemscope itemtype="https://schema.org/NewsArticle">
      <nav class="breadcrumbs" aria-label={t('nav.label')}>
        <ol>
          <li>
            <a href="/news">{t('portal.news.title')}</a>
          </li>
          {a.categorySlug ? (
            <li>
              <a href={`/news/category/${a.categorySlug}`}>{a.categoryName}</a>
            </li>
          ) : null}
        </ol>
      </nav>
      {props.preview ? (
        <div class="notice notice-warning" role="note">
          {t('portal.news.preview', { status: t(`portal.status.${art.status}`) })}
        </div>
      ) : null}
      <h1 itemprop="headline">{art.title}</h1>
      <p class="portal-meta">
        {when ? (
          <time itemprop="datePublished" dateTime={when.toISOString()}>
            {t('portal.news.publishedOn', { date: formatDate(when) })}
          </time>
        ) : null}
        {' · '}
        <span itemprop="author" itemscope itemtype="https://schema.org/Organization">
          <a href={`/portal/${encodeURIComponent(a.sectionCode)}`} itemprop="url">
            <span itemprop="name">{a.sectionName}</span>
          </a>
        </span>
        {art.isDemo ? (
          <>
            {' '}
            <span class="chip chip-neutral">{t('portal.news.demo')}</span>
          </>
        ) : null}
      </p>
      <meta itemprop="dateModified" content={new Date(art.updatedAt).toISOString()} />
      <link itemprop="mainEntityOfPage" href={props.canonical} />
      {a.coverHash && art.coverWidth && art.coverHeight ? (
        <Cover hash={a.coverHash} alt={art.coverAlt ?? ''} width={art.coverWidth} height={art.coverHeight} eager itemProp />
      ) : null}
      {art.summary ? (
        <p class="lead" itemprop="description">
          {art.summary}
        </p>
      ) : null}
      {/* rendered by markdown-it with raw HTML escaped and links checked (markdown.ts) */}
      <div class="prose portal-body" itemprop="articleBody" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      {art.tags.length ? (
        <p class="portal-tags">
          <span>{t('portal.news.tags')}: </span>
          {art.tags.map((tag, i) => (
            <span key={tag}>
              {i > 0 ? ', ' : ''}
              <span itemprop="keywords">{tag}</span>
            </span>
          ))}
        </p>
      ) : null}
      <span itemprop="publisher" itemscope itemtype="https://schema.org/GovernmentOrganization">
        <meta itemprop="name" content={t('app.name')} />
      </span>
      {props.related.length ? (
        <section class="portal-related" aria-labelledby="related-heading">
          <h2 id="related-heading">{t('portal.news.related')}</h2>
          <div class="portal-list">
            {props.related.map((r) => (
              <ArticleCardView key={r.id} a={r} headingLevel={3} />
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}

export interface DocumentFilters {
  type?: string;
  issuer?: string;
  year?: string;
}

export function DocumentsTable(props: { docs: { doc: Doc }[]; headingLevel?: 2 | 3 }) {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('portal.docs.number')}</th>
            <th scope="col">{t('portal.docs.summary')}</th>
            <th scope="col">{t('portal.docs.issuer')}</th>
            <th scope="col">{t('portal.docs.issuedOn')}</th>
            <th scope="col">{t('portal.docs.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.docs.map(({ doc }) => (
            <tr key={doc.id}>
              <td class="mono">
                <a href={`/documents/${doc.slug}`}>{doc.number}</a>
              </td>
              <td>
                {t(`portal.docType.${doc.docType}`)} — {doc.title}
              </td>
              <td>{doc.issuer}</td>
              <td>{doc.issuedOn ? formatDate(doc.issuedOn) : t('portal.docs.unknownDate')}</td>
              <td>
                <span class={doc.status === 'in_force' ? 'chip chip-success' : 'chip chip-neutral'}>{t(`portal.docStatus.${doc.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DocumentsPage(props: {
  docs: { doc: Doc }[];
  total: number;
  filters: DocumentFilters;
  issuers: string[];
  years: number[];
  page: number;
  pages: number;
}) {
  const f = props.filters;
  return (
    <div>
      <div class="prose">
        <h1>{t('portal.docs.title')}</h1>
        <p class="lead">{t('portal.docs.lead')}</p>
      </div>
      <form method="get" action="/documents" class="portal-filters" aria-label={t('portal.docs.filter')}>
        <div class="field">
          <label for="f-type">{t('portal.docs.type')}</label>
          <select id="f-type" name="type">
            <option value="">{t('portal.docs.any')}</option>
            {DOCUMENT_TYPES.map((d) => (
              <option key={d} value={d} selected={f.type === d}>
                {t(`portal.docType.${d as DocumentType}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-issuer">{t('portal.docs.issuer')}</label>
          <select id="f-issuer" name="issuer">
            <option value="">{t('portal.docs.any')}</option>
            {props.issuers.map((i) => (
              <option key={i} value={i} selected={f.issuer === i}>
                {i}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-year">{t('portal.docs.year')}</label>
          <select id="f-year" name="year">
            <option value="">{t('portal.docs.any')}</option>
            {props.years.map((y) => (
              <option key={y} value={String(y)} selected={f.year === String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            {t('portal.docs.apply')}
          </button>
        </div>
      </form>
      <p role="status">{t('portal.docs.count', { count: formatNumber(props.total) })}</p>
      {props.docs.length ? <DocumentsTable docs={props.docs} /> : <p>{t('portal.docs.empty')}</p>}
      <Pager page={props.page} pages={props.pages} href={(p) => `/documents${qs({ ...f, page: p > 1 ? p : undefined })}`} />
    </div>
  );
}

export function DocumentView(props: { doc: Doc; fileHash: string | null; sectionName: string }) {
  const d = props.doc;
  return (
    <div class="prose">
      <nav class="breadcrumbs" aria-label={t('nav.label')}>
        <ol>
          <li>
            <a href="/documents">{t('portal.docs.title')}</a>
          </li>
        </ol>
      </nav>
      <h1>
        {t(`portal.docType.${d.docType}`)} {d.number}
      </h1>
      <p class="lead">{d.title}</p>
      <dl class="summary-list">
        <div>
          <dt>{t('portal.docs.number')}</dt>
          <dd class="mono">{d.number}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.type')}</dt>
          <dd>{t(`portal.docType.${d.docType}`)}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.issuer')}</dt>
          <dd>{d.issuer}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.issuedOn')}</dt>
          <dd>{d.issuedOn ? formatDate(d.issuedOn) : t('portal.docs.unknownDate')}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.effectiveOn')}</dt>
          <dd>{d.effectiveOn ? formatDate(d.effectiveOn) : t('portal.docs.unknownDate')}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.status')}</dt>
          <dd>{t(`portal.docStatus.${d.status}`)}</dd>
        </div>
        <div>
          <dt>{t('portal.docs.file')}</dt>
          <dd>
            {props.fileHash ? (
              <a href={`/documents/${d.slug}/file`} download>
                {t('portal.docs.download')}
                {d.fileName ? ` (${d.fileName})` : ''}
              </a>
            ) : (
              t('portal.docs.noFile')
            )}
          </dd>
        </div>
      </dl>
      {d.summary ? (
        <>
          <h2>{t('portal.docs.summary')}</h2>
          <p>{d.summary}</p>
        </>
      ) : null}
      {d.note ? (
        <>
          <h2>{t('portal.docs.note')}</h2>
          <p>{d.note}</p>
        </>
      ) : null}
    </div>
  );
}

export interface SearchForm {
  q: string;
  types: SearchType[];
  from: string;
  to: string;
}

export function SearchPage(props: {
  form: SearchForm;
  hits: SearchHit[];
  total: number;
  /** more matches than counted: "more than {total}" */
  totalCapped?: boolean;
  page: number;
  pages: number;
  errors?: Record<string, string> | null;
}) {
  const f = props.form;
  return (
    <div>
      <div class="prose">
        <h1>{t('portal.search.title')}</h1>
        <p class="lead">{t('portal.search.lead')}</p>
      </div>
      <search>
        <form method="get" action="/search" class="portal-search" data-portal-search="">
          <div class={props.errors?.q ? 'field field-error' : 'field'}>
            <label for="f-q">{t('portal.search.q')}</label>
            {props.errors?.q ? (
              <p class="error-message" id="f-q-error">
                {props.errors.q}
              </p>
            ) : null}
            <div class="portal-search-row">
              <input
                id="f-q"
                name="q"
                type="search"
                value={f.q}
                maxLength={200}
                autoComplete="off"
                aria-describedby={props.errors?.q ? 'f-q-error' : undefined}
                aria-controls="portal-suggest"
              />
              <button type="submit" class="button">
                {t('portal.search.submit')}
              </button>
            </div>
            <ul id="portal-suggest" class="portal-suggest" aria-label={t('portal.search.suggestions')} hidden />
          </div>
          <fieldset class="portal-search-types">
            <legend>{t('portal.search.types')}</legend>
            {SEARCH_TYPES.map((type) => (
              <label key={type} class="portal-check">
                <input type="checkbox" name="type" value={type} checked={f.types.includes(type)} /> {t(`portal.search.type.${type}`)}
              </label>
            ))}
          </fieldset>
          <div class="portal-filters">
            <div class={props.errors?.from ? 'field field-error' : 'field'}>
              <label for="f-from">{t('portal.search.from')}</label>
              {props.errors?.from ? <p class="error-message">{props.errors.from}</p> : null}
              <input id="f-from" name="from" type="date" value={f.from} />
            </div>
            <div class={props.errors?.to ? 'field field-error' : 'field'}>
              <label for="f-to">{t('portal.search.to')}</label>
              {props.errors?.to ? <p class="error-message">{props.errors.to}</p> : null}
              <input id="f-to" name="to" type="date" value={f.to} />
            </div>
          </div>
        </form>
      </search>
      <div aria-live="polite">
        {f.q ? (
          <p>
            {props.total
              ? t(props.totalCapped ? 'portal.search.resultsMore' : 'portal.search.results', { count: formatNumber(props.total), q: f.q })
              : t('portal.search.none', { q: f.q })}
          </p>
        ) : null}
      </div>
      <ol class="portal-results plain-list">
        {props.hits.map((h) => (
          <li key={`${h.type}-${h.id}`} class="portal-result">
            <p class="portal-meta">
              <span class="chip chip-neutral">{t(`portal.search.type.${h.type}`)}</span>
              {h.date ? ` ${formatDate(h.date)}` : ''}
            </p>
            <h2 class="portal-card-title">
              {/* titleHtml / snippetHtml are escaped text with <mark> added (highlight.ts) */}
              <a href={h.url} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
            </h2>
            {h.snippetHtml ? <p dangerouslySetInnerHTML={{ __html: h.snippetHtml }} /> : null}
          </li>
        ))}
      </ol>
      <Pager
        page={props.page}
        pages={props.pages}
        href={(p) => {
          const u = new URLSearchParams();
          u.set('q', f.q);
          for (const ty of f.types) u.append('type', ty);
          if (f.from) u.set('from', f.from);
          if (f.to) u.set('to', f.to);
          if (p > 1) u.set('page', String(p));
          return `/search?${u.toString()}`;
        }}
      />
    </div>
  );
}

export function StaticPageView(props: { page: typeof portalPage.$inferSelect; bodyHtml: string }) {
  return (
    <article class="prose">
      <h1>{props.page.title}</h1>
      <div dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      <p class="muted">{formatDateTime(props.page.updatedAt)}</p>
    </article>
  );
}

export function ComponentPortalPage(props: {
  unit: { code: string; name: string };
  news: ArticleCard[];
  docs: { doc: Doc }[];
  progress: Record<string, number>;
}) {
  const total = Object.values(props.progress).reduce((a, b) => a + b, 0);
  return (
    <div>
      <div class="prose">
        <h1>{t('portal.component.title', { name: props.unit.name })}</h1>
        <p class="lead">{t('portal.component.lead', { name: props.unit.name })}</p>
      </div>
      <section aria-labelledby="cp-news">
        <h2 id="cp-news">{t('portal.news.latest')}</h2>
        {props.news.length ? (
          <div class="portal-list">
            {props.news.map((a) => (
              <ArticleCardView key={a.id} a={a} headingLevel={3} />
            ))}
          </div>
        ) : (
          <p>{t('portal.news.empty')}</p>
        )}
      </section>
      <section aria-labelledby="cp-docs">
        <h2 id="cp-docs">{t('portal.docs.latest')}</h2>
        {props.docs.length ? <DocumentsTable docs={props.docs} /> : <p>{t('portal.docs.empty')}</p>}
      </section>
      <section aria-labelledby="cp-progress">
        <h2 id="cp-progress">{t('portal.component.progress')}</h2>
        <ProgressFigures counts={props.progress} total={total} />
      </section>
    </div>
  );
}

const TASK_STATUS_ORDER = ['not_started', 'in_progress', 'overdue', 'done_on_time', 'done_late', 'paused', 'cancelled'] as const;

export function ProgressFigures(props: { counts: Record<string, number>; total: number }) {
  return (
    <dl class="portal-figures">
      <div>
        <dt>{t('portal.home.tasksTotal')}</dt>
        <dd>{formatNumber(props.total)}</dd>
      </div>
      {TASK_STATUS_ORDER.filter((s) => props.counts[s]).map((s) => (
        <div key={s}>
          <dt>{t(`portal.taskStatus.${s}`)}</dt>
          <dd>{formatNumber(props.counts[s] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The editor-managed menu of the portal (links to pages and other sites). */
export function PortalMenu(props: { items: { id: string; label: string; href: string }[] }) {
  if (!props.items.length) return null;
  return (
    <nav class="portal-menu" aria-label={t('portal.menu.label')}>
      <ul>
        {props.items.map((i) => (
          <li key={i.id}>
            <a href={i.href} rel={/^https?:/i.test(i.href) ? 'noopener' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
