/** Pieces shared by the portal's public pages: article cards, responsive cover, pagination, chips. */
import { formatDate, t } from '../../platform/i18n';
import { coverSrcset } from '../cover-image';
import type { ArticleCard } from '../queries';

export const COVER_SIZES = '(min-width: 60rem) 46rem, 100vw';

export function Cover(props: { hash: string; alt: string; width: number; height: number; sizes?: string; eager?: boolean; itemProp?: boolean }) {
  const { hash, width, height } = props;
  return (
    <picture>
      <source type="image/webp" srcSet={coverSrcset(hash, width, 'webp')} sizes={props.sizes ?? COVER_SIZES} />
      <img
        class="portal-cover"
        src={`/media/${hash}/960.jpg`}
        srcSet={coverSrcset(hash, width, 'jpg')}
        sizes={props.sizes ?? COVER_SIZES}
        width={width}
        height={height}
        alt={props.alt}
        loading={props.eager ? undefined : 'lazy'}
        decoding="async"
        itemprop={props.itemProp ? 'image' : undefined}
      />
    </picture>
  );
}

export function ArticleCardView(props: { a: ArticleCard; headingLevel?: 2 | 3; withCover?: boolean }) {
  const { a } = props;
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="portal-card">
      {props.withCover && a.coverHash && a.coverWidth && a.coverHeight ? (
        <Cover hash={a.coverHash} alt={a.coverAlt ?? ''} width={a.coverWidth} height={a.coverHeight} sizes="(min-width: 40rem) 22rem, 100vw" />
      ) : null}
      <H class="portal-card-title">
        <a href={`/news/${a.slug}`}>{a.title}</a>
      </H>
      <p class="portal-meta">
        <time dateTime={new Date(a.publishedAt).toISOString()}>{formatDate(a.publishedAt)}</time>
        {a.categoryName ? ` · ${a.categoryName}` : ''}
        {` · ${a.sectionName}`}
        {a.isDemo ? (
          <>
            {' '}
            <span class="chip chip-neutral">DEMO</span>
          </>
        ) : null}
      </p>
      {a.summary ? <p>{a.summary}</p> : null}
    </article>
  );
}

/** ?page=N links; `base` already holds the other query parameters. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t('portal.pagination.label')}>
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          {t('portal.pagination.prev')}
        </a>
      ) : null}
      <span>{t('portal.pagination.page', { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          {t('portal.pagination.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** A query string from the given non-empty parameters. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
