/**
 * Feeds and crawler files: RSS 2.0 and Atom 1.0 for all news or one category, sitemap.xml
 * listing every public page, and robots.txt. All text is XML-escaped; dates are RFC 822 (RSS)
 * or RFC 3339 (Atom).
 */
import type { ArticleCard } from './queries';

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export interface FeedInfo {
  title: string;
  /** the page the feed is about */
  link: string;
  /** the feed's own address */
  self: string;
  description: string;
  updated: Date;
}

export function rssFeed(base: string, info: FeedInfo, items: ArticleCard[]): string {
  const entries = items
    .map(
      (a) => `<item><title>${xmlEscape(a.title)}</title><link>${xmlEscape(`${base}/news/${a.slug}`)}</link><guid isPermaLink="true">${xmlEscape(
        `${base}/news/${a.slug}`,
      )}</guid><pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>${a.categoryName ? `<category>${xmlEscape(a.categoryName)}</category>` : ''}<description>${xmlEscape(
        a.summary,
      )}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${xmlEscape(info.title)}</title><link>${xmlEscape(
    info.link,
  )}</link><atom:link href="${xmlEscape(info.self)}" rel="self" type="application/rss+xml"/><description>${xmlEscape(info.description)}</description><language>vi</language><lastBuildDate>${info.updated.toUTCString()}</lastBuildDate>${entries}</channel></rss>\n`;
}

export function atomFeed(base: string, info: FeedInfo, items: ArticleCard[]): string {
  const entries = items
    .map((a) => {
      const url = `${base}/news/${a.slug}`;
      return `<entry><title>${xmlEscape(a.title)}</title><link href="${xmlEscape(url)}"/><id>${xmlEscape(url)}</id><published>${new Date(
        a.publishedAt,
      ).toISOString()}</published><updated>${new Date(a.updatedAt > a.publishedAt ? a.updatedAt : a.publishedAt).toISOString()}</updated>${
        a.categoryName ? `<category term="${xmlEscape(a.categorySlug ?? '')}" label="${xmlEscape(a.categoryName)}"/>` : ''
      }<author><name>${xmlEscape(a.sectionName)}</name></author><summary>${xmlEscape(a.summary)}</summary></entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><title>${xmlEscape(info.title)}</title><subtitle>${xmlEscape(
    info.description,
  )}</subtitle><link href="${xmlEscape(info.link)}"/><link rel="self" href="${xmlEscape(info.self)}"/><id>${xmlEscape(info.self)}</id><updated>${info.updated.toISOString()}</updated>${entries}</feed>\n`;
}

export function sitemap(urls: { loc: string; lastmod?: Date | string | null }[]): string {
  const body = urls
    .map((u) => {
      const lastmod = u.lastmod ? new Date(u.lastmod).toISOString().slice(0, 10) : null;
      return `<url><loc>${xmlEscape(u.loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>\n`;
}

export function robotsTxt(base: string): string {
  return [
    'User-agent: *',
    'Disallow: /app',
    'Disallow: /editor',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /login',
    'Disallow: /account',
    'Allow: /',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}
