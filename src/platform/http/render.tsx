/** Server-side rendering of Preact pages, with escaping by default, and the flash message cookie. */
import { CSRF_COOKIE } from '../auth/sessions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout } from '../../web/layout';
import { type MessageKey, hasMessage, t } from '../i18n';

const FLASH_COOKIE = 'nq57_flash';

export function renderDocument(vnode: VNode): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

/** Remember a message key to show once on the next page. */
export function setFlash(reply: FastifyReply, key: MessageKey) {
  reply.setCookie(FLASH_COOKIE, key, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

function takeFlash(req: FastifyRequest, reply: FastifyReply): string | null {
  const key = req.cookies[FLASH_COOKIE];
  if (!key) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return hasMessage(key) ? t(key) : null;
}

export interface PageOptions {
  title: string;
  status?: number;
  wide?: boolean;
  /** seconds an anonymous copy may be reused by browsers and shared caches (public pages only) */
  publicMaxAge?: number;
}

/**
 * Signed-in pages carry a name and personal links: never stored. An anonymous public page may be
 * shared for a while — unless this response sets the visitor's first CSRF cookie, which no shared
 * cache may hand to someone else.
 */
function cacheControl(req: FastifyRequest, reply: FastifyReply, maxAge: number | undefined): string {
  if (!maxAge || req.principal || reply.statusCode >= 400) return 'no-store';
  const setsCookie = !!reply.getHeader('set-cookie') || !req.cookies?.[CSRF_COOKIE];
  return `${setsCookie ? 'private' : 'public'}, max-age=${maxAge}`;
}

let demoMode = false;
/** Shows the demo banner on every page when demo data is present. */
export function setDemoBanner(on: boolean) {
  demoMode = on;
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, opts: PageOptions, body: ComponentChildren) {
  const chrome = {
    principal: req.principal,
    csrfToken: req.csrfToken,
    path: req.url.split('?')[0],
    flash: takeFlash(req, reply),
    demo: demoMode,
  };
  const html = renderDocument(
    <Layout chrome={chrome} title={opts.title} wide={opts.wide}>
      {body}
    </Layout>,
  );
  reply.status(opts.status ?? 200);
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', cacheControl(req, reply, opts.publicMaxAge)).send(html);
}
