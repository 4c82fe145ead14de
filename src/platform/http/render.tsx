/** Server-side rendering of Preact pages, with escaping by default, and the flash message cookie. */
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
  return reply
    .status(opts.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}
