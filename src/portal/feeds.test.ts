/** Feeds and sitemap: XML escaping (including control characters) and the right items. */
import { describe, expect, it } from 'vitest';
import { atomFeed, robotsTxt, rssFeed, sitemap, xmlEscape } from './feeds';
import type { ArticleCard } from './queries';

const card = (over: Partial<ArticleCard>): ArticleCard => ({
  id: '1',
  slug: 'chuyen-doi-so',
  title: 'Chuyển đổi số & <dữ liệu>',
  summary: 'Tóm tắt "có" ngoặc',
  tags: [],
  featured: false,
  isDemo: false,
  publishedAt: new Date('2026-01-02T03:04:05Z'),
  updatedAt: new Date('2026-01-02T03:04:05Z'),
  categorySlug: 'chuyen-doi-so',
  categoryName: 'Chuyển đổi số',
  sectionCode: 'VPTW',
  sectionName: 'Văn phòng',
  coverHash: null,
  coverAlt: null,
  coverWidth: null,
  coverHeight: null,
  ...over,
});
const info = { title: 'Cổng', link: 'https://x.vn/news', self: 'https://x.vn/feeds/all.atom', description: 'Mô tả', updated: new Date('2026-01-02T03:04:05Z') };

describe('feeds', () => {
  it('escapes markup and drops control characters', () => {
    expect(xmlEscape('a & b <c> "d" \'e\'\u0001')).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });
  it('builds Atom and RSS with one entry per article', () => {
    const atom = atomFeed('https://x.vn', info, [card({}), card({ id: '2', slug: 'b', title: 'Bài hai' })]);
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    expect(atom).toContain('<title>Chuyển đổi số &amp; &lt;dữ liệu&gt;</title>');
    expect(atom).toContain('<link href="https://x.vn/news/chuyen-doi-so"/>');
    expect(atom).toContain('<published>2026-01-02T03:04:05.000Z</published>');
    const rss = rssFeed('https://x.vn', info, [card({})]);
    expect(rss).toContain('<pubDate>Fri, 02 Jan 2026 03:04:05 GMT</pubDate>');
    expect(rss).toContain('<description>Tóm tắt &quot;có&quot; ngoặc</description>');
    expect(rss).not.toContain('<dữ liệu>');
  });
  it('lists sitemap URLs and points robots at it', () => {
    const xml = sitemap([{ loc: 'https://x.vn/news?a=1&b=2', lastmod: new Date('2026-03-04T00:00:00Z') }]);
    expect(xml).toContain('<url><loc>https://x.vn/news?a=1&amp;b=2</loc><lastmod>2026-03-04</lastmod></url>');
    expect(robotsTxt('https://x.vn')).toContain('Sitemap: https://x.vn/sitemap.xml');
  });
});
