/**
 * CSRF defence for cookie-authenticated writes: a random token in an HttpOnly, SameSite=Lax
 * cookie that every form repeats in a hidden `_csrf` field (or the API in `X-CSRF-Token`), plus
 * an Origin check. Bearer-token API calls carry no ambient credentials and are exempt.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/sessions';
import { randomToken, safeEqual } from '../auth/tokens';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/**
 * The request's CSRF token, from its cookie or new. An API call without a session gets none: it
 * renders no form and its writes need no token (a script posting cases would only collect cookies).
 */
export function ensureCsrfCookie(req: FastifyRequest, reply: FastifyReply, secure: boolean) {
  let token = req.cookies[CSRF_COOKIE];
  if (!token && isApiPath(req.url) && !req.cookies[SESSION_COOKIE]) {
    req.csrfToken = '';
    return;
  }
  if (!token || token.length < 20 || token.length > 100) {
    token = randomToken(24);
    reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }
  req.csrfToken = token;
}

/** Paths whose writes need no CSRF token because they take no cookie credentials. */
function isExempt(req: FastifyRequest): boolean {
  if (req.headers.authorization) return true;
  return false;
}

export function checkCsrf(req: FastifyRequest, publicUrl: string) {
  if (SAFE_METHODS.has(req.method) || isExempt(req)) return;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    const host = req.headers.host;
    let ok = false;
    try {
      const o = new URL(origin);
      ok = o.host === host || o.origin === new URL(publicUrl).origin;
    } catch {}
    if (!ok) throw AppError.of('CSRF_FAILED', 'error.csrf');
  }
  const isApi = isApiPath(req.url);
  // API writes from a browser session must echo the token; anonymous API writes carry no cookie power.
  if (isApi && !req.cookies[SESSION_COOKIE]) return;
  const cookie = req.cookies[CSRF_COOKIE];
  const body = req.body as Record<string, unknown> | undefined;
  const sent = (req.headers['x-csrf-token'] as string | undefined) ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (!cookie || !sent || !safeEqual(cookie, sent)) throw AppError.of('CSRF_FAILED', 'error.csrf');
}
