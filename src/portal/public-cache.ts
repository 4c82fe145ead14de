/**
 * Caching and head metadata for anonymous public pages. Before rendering, `notModified` builds a
 * weak ETag from the public content version and the URL, answers 304 when the browser already has
 * it, and marks the response so the scope's onSend hook sets the ETag and `Cache-Control: public,
 * max-age=60` for anonymous visitors (`private, max-age=60` when the response sets a cookie, e.g.
 * a first visit's CSRF token, which no shared cache may keep) and `private, no-store` for
 * signed-in users (their pages carry their name and editorial links). `withHead` adds canonical,
 * OpenGraph and feed tags to the layout's <head> without touching the shared layout; NewsArticle
 * structured data is microdata in the page body (no inline script under the strict CSP).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../platform/db/client';
import { publicContentVersion } from './content-version';
import { escapeHtml } from './highlight';

interface ReplyMeta {
  etag?: string;
  cacheable?: boolean;
  head?: string;
}
const meta = new WeakMap<FastifyReply, ReplyMeta>();
const metaOf = (reply: FastifyReply) => {
  const found = meta.get(reply);
  if (found) return found;
  const m: ReplyMeta = {};
  meta.set(reply, m);
  return m;
};

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';
export const PRIVATE_CACHE_CONTROL = 'private, max-age=60';

/** True (and the 304 already sent) when the anonymous visitor's copy is current. */
export async function notModified(db: Executor, req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const m = metaOf(reply);
  m.cacheable = true;
  if (req.principal) return false;
  // a one-time flash message makes the page personal: leave sendPage's no-store in place
  if (req.cookies?.nq57_flash) {
    m.cacheable = false;
    return false;
  }
  const version = await publicContentVersion(db);
  const etag = `W/"${createHash('sha256').update(`${version}|${req.url}`).digest('base64url').slice(0, 27)}"`;
  m.etag = etag;
  const sent = req.headers['if-none-match'];
  if (sent?.split(',').some((s) => s.trim() === etag)) {
    reply.code(304).header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL).send();
    return true;
  }
  return false;
}

export interface HeadInfo {
  canonical: string;
  description?: string;
  ogType?: 'website' | 'article';
  title: string;
  image?: string | null;
  feeds?: { href: string; title: string; type: 'rss' | 'atom' }[];
  /** same-origin script files (progressive enhancement only) */
  scripts?: string[];
}

/** Adds head tags to the page about to be sent. */
export function withHead(reply: FastifyReply, h: HeadInfo) {
  const tags = [
    `<link rel="canonical" href="${escapeHtml(h.canonical)}">`,
    h.description ? `<meta name="description" content="${escapeHtml(h.description)}">` : '',
    `<meta property="og:type" content="${h.ogType ?? 'website'}">`,
    `<meta property="og:title" content="${escapeHtml(h.title)}">`,
    `<meta property="og:url" content="${escapeHtml(h.canonical)}">`,
    `<meta property="og:locale" content="vi_VN">`,
    h.description ? `<meta property="og:description" content="${escapeHtml(h.description)}">` : '',
    h.image ? `<meta property="og:image" content="${escapeHtml(h.image)}">` : '',
    `<meta name="twitter:card" content="${h.image ? 'summary_large_image' : 'summary'}">`,
    ...(h.feeds ?? []).map(
      (f) => `<link rel="alternate" type="application/${f.type}+xml" title="${escapeHtml(f.title)}" href="${escapeHtml(f.href)}">`,
    ),
    ...(h.scripts ?? []).map((src) => `<script src="${escapeHtml(src)}" defer></script>`),
  ];
  metaOf(reply).head = tags.filter(Boolean).join('');
}

/** The onSend hook of the portal's public scope. */
export function installPublicCacheHook(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const m = meta.get(reply);
    if (!m) return payload;
    let out = payload;
    if (m.head && typeof payload === 'string') out = payload.replace('</head>', `${m.head}</head>`);
    if (m.cacheable && reply.statusCode === 200) {
      if (req.principal) reply.header('cache-control', 'private, no-store');
      else {
        // a first visit also sets the visitor's own cookies (CSRF token): no shared cache may keep that
        reply.header('cache-control', reply.getHeader('set-cookie') ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
        if (m.etag) reply.header('etag', m.etag);
      }
    }
    return out;
  });
}
