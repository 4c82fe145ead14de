/**
 * Who is asking: resolves the session cookie or Bearer token into a Principal on every request,
 * and offers `requirePrincipal` / `actorOf` to routes, and `needs` as their coarse pre-check.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadPrincipal } from '../../org/queries';
import { type Permission, type Principal, canAnywhere } from '../../org/policies';
import type { Actor } from '../audit/record-audit';
import { resolveApiToken } from '../auth/api-tokens';
import { SESSION_COOKIE, resolveSession } from '../auth/sessions';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthenticated } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** a signed-in user who still owes the second factor (or its enrolment) */
    pendingUserId: string | null;
    sessionTokenHash: string | null;
    csrfToken: string;
  }
}

export async function identify(ctx: AppContext, req: FastifyRequest): Promise<void> {
  req.principal = null;
  req.pendingUserId = null;
  req.sessionTokenHash = null;
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const userId = m ? await resolveApiToken(ctx.db, m[1]) : null;
    if (!userId) throw AppError.of('UNAUTHENTICATED', 'auth.token.invalid');
    req.principal = await loadPrincipal(ctx.db, userId, 'token');
    if (!req.principal) throw AppError.of('UNAUTHENTICATED', 'auth.token.invalid');
    return;
  }
  const session = await resolveSession(ctx.db, req.cookies[SESSION_COOKIE]);
  if (!session) return;
  req.sessionTokenHash = session.tokenHash;
  if (!session.secondFactorDone) {
    req.pendingUserId = session.userId;
    return;
  }
  req.principal = await loadPrincipal(ctx.db, session.userId, 'session');
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (req.principal) return req.principal;
  if (req.pendingUserId) throw AppError.of('SECOND_FACTOR_REQUIRED', 'auth.secondFactorRequired');
  throw unauthenticated();
}

/** The principal, who must hold `permission` (or one of several) somewhere in the tree. */
export function requirePermission(req: FastifyRequest, permissions: Permission | readonly Permission[]): Principal {
  const p = requirePrincipal(req);
  const list: readonly Permission[] = typeof permissions === 'string' ? [permissions] : permissions;
  if (!list.some((x) => canAnywhere(p, x))) throw forbidden();
  return p;
}

/**
 * A preValidation hook: the caller must be signed in and hold one of `permissions` somewhere.
 * Fastify validates the body after preValidation, so an outsider is refused (401/403) before an
 * invalid body could tell them anything about the schema; the scoped check stays in the use-case.
 */
export function needs(permissions: Permission | readonly Permission[]) {
  return async (req: FastifyRequest): Promise<void> => {
    requirePermission(req, permissions);
  };
}

export function actorOf(req: FastifyRequest): Actor {
  const p = req.principal;
  return { userId: p?.userId ?? null, label: p?.email ?? 'anonymous', requestId: String(req.id) };
}

export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url.startsWith('/open311/')) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') || (!accept.includes('application/json') && req.method === 'GET');
}

export function redirectToLogin(req: FastifyRequest, reply: FastifyReply) {
  const next = encodeURIComponent(req.url);
  return reply.redirect(`/login?next=${next}`, 303);
}
