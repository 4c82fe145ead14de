/**
 * Sign-in, sign-out, second factor, password reset and account pages, and `GET /api/v1/me`.
 * Routes stay thin: they read the form, call a use-case, set the cookie and render or redirect.
 * Every form is a plain POST with the CSRF field, so all of it works without JavaScript.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { canAnywhere } from '../../org/policies';
import { findUnitById, findUserById } from '../../org/queries';
import { ROLES } from '../../org/schema';
import type { Actor } from '../audit/record-audit';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthenticated } from '../errors';
import { sendPage, setFlash } from '../http/render';
import { actorOf, requirePrincipal, wantsHtml } from '../http/request-context';
import type { TypedApp } from '../http/types';
import { t } from '../i18n';
import { createOwnApiToken } from './create-own-api-token';
import { enrolTotp } from './enrol-totp';
import { type ThrottledEndpoint, accountKeyOf, consumeLoginThrottle } from './login-throttle';
import { DEFAULT_NEXT, safeNextPath } from './next-path';
import { findUsableResetToken, listApiTokens } from './queries';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';
import { revokeOwnApiToken } from './revoke-own-api-token';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { signIn } from './sign-in';
import { signOut } from './sign-out';
import { startTotpEnrolment } from './start-totp-enrolment';
import { verifySecondFactor } from './verify-second-factor';
import { AccountPage } from './views/account-page';
import { ForgotPasswordPage, InvalidResetLinkPage, ResetPasswordPage } from './views/password-pages';
import { LoginPage, SecondFactorPage, TotpSetupPage } from './views/sign-in-pages';

/** One value of a form (or JSON) body field: the first string given, else undefined. */
function field(source: unknown, name: string): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  const v = (source as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** `path`, carrying `next` along when it is not the default landing page. */
function withNext(path: string, next: string): string {
  return next === DEFAULT_NEXT ? path : `${path}?next=${encodeURIComponent(next)}`;
}

function requestMeta(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua : undefined, requestId: String(req.id) };
}

const meResponse = z.object({
  id: z.string().uuid(),
  email: z.string(),
  fullName: z.string(),
  homeUnitId: z.string().uuid(),
  roles: z.array(z.object({ role: z.enum(ROLES), unitCode: z.string(), unitName: z.string() })),
});

const tokenParams = z.object({ id: z.string().max(100) });

export async function registerAuthRoutes(app: TypedApp, ctx: AppContext) {
  // Counted in the shared database table so the limits hold across every serve process.
  const throttle = (endpoint: ThrottledEndpoint) => async (req: FastifyRequest) =>
    consumeLoginThrottle(ctx.db, ctx.config.loginRateLimitPerMinute, { endpoint, ip: req.ip, account: accountKeyOf(req, endpoint) });
  const hidden = { hide: true };

  // ── Sign-in ────────────────────────────────────────────────────────────────────────────
  app.get('/login', { schema: hidden }, async (req, reply) => {
    const next = safeNextPath(field(req.query, 'next'));
    if (req.principal) return reply.redirect(next, 303);
    return sendPage(req, reply, { title: t('auth.login.title') }, <LoginPage csrfToken={req.csrfToken} next={next} />);
  });

  app.post('/login', { schema: hidden, preHandler: throttle('login') }, async (req, reply) => {
    const body = req.body;
    const next = safeNextPath(field(body, 'next') ?? field(req.query, 'next'));
    try {
      const r = await signIn(
        ctx,
        { email: field(body, 'email'), password: field(body, 'password') },
        { ...requestMeta(req), previousSessionHash: req.sessionTokenHash },
      );
      setSessionCookie(reply, ctx.config, r.token, r.ttlHours);
      const to =
        r.outcome === 'signed_in' ? next : r.outcome === 'second_factor' ? withNext('/login/2fa', next) : withNext('/account/2fa/setup', next);
      if (!wantsHtml(req)) return reply.send({ outcome: r.outcome, next: to });
      return reply.redirect(to, 303);
    } catch (err) {
      if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
      return sendPage(
        req,
        reply,
        { title: t('auth.login.title'), status: err.status },
        <LoginPage
          csrfToken={req.csrfToken}
          next={next}
          email={field(body, 'email')}
          message={err.fields ? null : err.message}
          errors={err.fields}
        />,
      );
    }
  });

  // ── Second factor ──────────────────────────────────────────────────────────────────────
  app.get('/login/2fa', { schema: hidden }, async (req, reply) => {
    const next = safeNextPath(field(req.query, 'next'));
    if (req.principal) return reply.redirect(next, 303);
    if (!req.pendingUserId) return reply.redirect(withNext('/login', next), 303);
    const user = await findUserById(ctx.db, req.pendingUserId);
    if (!user?.totpEnabledAt) return reply.redirect(withNext('/account/2fa/setup', next), 303);
    return sendPage(req, reply, { title: t('auth.totp.title') }, <SecondFactorPage csrfToken={req.csrfToken} next={next} />);
  });

  app.post('/login/2fa', { schema: hidden, preHandler: throttle('2fa') }, async (req, reply) => {
    const next = safeNextPath(field(req.body, 'next') ?? field(req.query, 'next'));
    if (req.principal) return reply.redirect(next, 303);
    if (!req.pendingUserId || !req.sessionTokenHash) return reply.redirect(withNext('/login', next), 303);
    try {
      const r = await verifySecondFactor(
        ctx,
        { userId: req.pendingUserId, pendingSessionHash: req.sessionTokenHash, code: field(req.body, 'code') },
        requestMeta(req),
      );
      setSessionCookie(reply, ctx.config, r.token, r.ttlHours);
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'SECOND_FACTOR_REQUIRED') return reply.redirect(withNext('/account/2fa/setup', next), 303);
      if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
      return sendPage(
        req,
        reply,
        { title: t('auth.totp.title'), status: err.status },
        <SecondFactorPage csrfToken={req.csrfToken} next={next} message={err.fields ? null : err.message} errors={err.fields} />,
      );
    }
  });

  /** The user setting up TOTP: a full session, or a pending one (an admin who must enrol). */
  async function enrollingUser(req: FastifyRequest) {
    if (req.principal?.via === 'token') throw forbidden();
    const userId = req.principal?.userId ?? req.pendingUserId;
    if (!userId) throw unauthenticated();
    const user = await findUserById(ctx.db, userId);
    if (user?.status !== 'active') throw unauthenticated();
    const actor: Actor = { userId: user.id, label: user.email, requestId: String(req.id) };
    return { user, actor, duringSignIn: !req.principal };
  }

  async function renderSetup(
    req: FastifyRequest,
    reply: FastifyReply,
    who: Awaited<ReturnType<typeof enrollingUser>>,
    next: string,
    error?: AppError,
  ) {
    const { secret, uri } = await startTotpEnrolment(ctx.db, who.user.id, who.actor);
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const qrDataUri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return sendPage(
      req,
      reply,
      { title: t('auth.totp.setupTitle'), status: error?.status },
      <TotpSetupPage
        csrfToken={req.csrfToken}
        next={next}
        qrDataUri={qrDataUri}
        secret={secret}
        duringSignIn={who.duringSignIn}
        message={error && !error.fields ? error.message : null}
        errors={error?.fields}
      />,
    );
  }

  function afterAlreadyEnabled(req: FastifyRequest, reply: FastifyReply, next: string) {
    if (req.principal) {
      setFlash(reply, 'auth.totp.alreadyEnabled');
      return reply.redirect('/account', 303);
    }
    return reply.redirect(withNext('/login/2fa', next), 303);
  }

  app.get('/account/2fa/setup', { schema: hidden }, async (req, reply) => {
    const next = safeNextPath(field(req.query, 'next'));
    const who = await enrollingUser(req);
    if (who.user.totpEnabledAt) return afterAlreadyEnabled(req, reply, next);
    return renderSetup(req, reply, who, next);
  });

  app.post('/account/2fa/setup', { schema: hidden, preHandler: throttle('totp-setup') }, async (req, reply) => {
    const next = safeNextPath(field(req.body, 'next') ?? field(req.query, 'next'));
    const who = await enrollingUser(req);
    if (who.user.totpEnabledAt) return afterAlreadyEnabled(req, reply, next);
    try {
      const r = await enrolTotp(
        ctx,
        { userId: who.user.id, code: field(req.body, 'code'), pendingSessionHash: who.duringSignIn ? req.sessionTokenHash : null },
        requestMeta(req),
      );
      if (r.token) {
        setSessionCookie(reply, ctx.config, r.token, r.ttlHours);
        return reply.redirect(next, 303);
      }
      setFlash(reply, 'auth.totp.enabled');
      return reply.redirect('/account', 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return afterAlreadyEnabled(req, reply, next);
      if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
      return renderSetup(req, reply, who, next, err);
    }
  });

  // ── Sign-out ───────────────────────────────────────────────────────────────────────────
  app.post('/logout', { schema: hidden }, async (req, reply) => {
    if (req.sessionTokenHash) {
      const userId = req.principal?.userId ?? req.pendingUserId;
      const label = req.principal?.email ?? (userId ? ((await findUserById(ctx.db, userId))?.email ?? 'anonymous') : 'anonymous');
      await signOut(ctx.db, { tokenHash: req.sessionTokenHash, userId }, { userId, label, requestId: String(req.id) });
    }
    clearSessionCookie(reply, ctx.config);
    setFlash(reply, 'auth.logout.done');
    return reply.redirect('/', 303);
  });

  // ── Password reset ─────────────────────────────────────────────────────────────────────
  app.get('/password/forgot', { schema: hidden }, async (req, reply) =>
    sendPage(req, reply, { title: t('auth.reset.requestTitle') }, <ForgotPasswordPage csrfToken={req.csrfToken} />),
  );

  app.post('/password/forgot', { schema: hidden, preHandler: throttle('forgot') }, async (req, reply) => {
    const email = field(req.body, 'email');
    try {
      await requestPasswordReset(ctx, { email }, actorOf(req));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED' || !wantsHtml(req)) throw err;
      return sendPage(
        req,
        reply,
        { title: t('auth.reset.requestTitle'), status: err.status },
        <ForgotPasswordPage csrfToken={req.csrfToken} email={email} errors={err.fields} />,
      );
    }
    if (!wantsHtml(req)) return reply.send({ message: t('auth.reset.requested') });
    return sendPage(req, reply, { title: t('auth.reset.requestedTitle') }, <ForgotPasswordPage csrfToken={req.csrfToken} requested />);
  });

  app.get('/password/reset', { schema: hidden }, async (req, reply) => {
    const token = field(req.query, 'token') ?? '';
    const found = await findUsableResetToken(ctx.db, token);
    if (!found) return sendPage(req, reply, { title: t('auth.reset.title'), status: 400 }, <InvalidResetLinkPage />);
    return sendPage(req, reply, { title: t('auth.reset.title') }, <ResetPasswordPage csrfToken={req.csrfToken} token={token} />);
  });

  app.post('/password/reset', { schema: hidden, preHandler: throttle('reset') }, async (req, reply) => {
    const token = field(req.body, 'token') ?? '';
    try {
      const { userId } = await resetPassword(
        ctx.db,
        { token, password: field(req.body, 'password'), confirmPassword: field(req.body, 'confirmPassword') },
        { requestId: String(req.id) },
      );
      // Every session of that user has ended: drop this browser's cookie too if it was one of them.
      if (req.sessionTokenHash && (req.principal?.userId ?? req.pendingUserId) === userId) clearSessionCookie(reply, ctx.config);
      setFlash(reply, 'auth.reset.done');
      return reply.redirect('/login', 303);
    } catch (err) {
      if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
      if (err.code === 'VALIDATION_FAILED') {
        return sendPage(
          req,
          reply,
          { title: t('auth.reset.title'), status: err.status },
          <ResetPasswordPage csrfToken={req.csrfToken} token={token} errors={err.fields} />,
        );
      }
      return sendPage(req, reply, { title: t('auth.reset.title'), status: err.status }, <InvalidResetLinkPage />);
    }
  });

  // ── Account ────────────────────────────────────────────────────────────────────────────
  async function renderAccount(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { status?: number; newToken?: { name: string; token: string }; tokenName?: string; errors?: Record<string, string> } = {},
  ) {
    const p = requirePrincipal(req);
    const user = await findUserById(ctx.db, p.userId);
    if (!user) throw unauthenticated();
    const [unit, tokens] = await Promise.all([findUnitById(ctx.db, user.homeUnitId), listApiTokens(ctx.db, p.userId)]);
    return sendPage(
      req,
      reply,
      { title: t('auth.account.title'), status: extra.status },
      <AccountPage
        csrfToken={req.csrfToken}
        principal={p}
        jobTitle={user.jobTitle}
        homeUnitName={unit?.name ?? null}
        lastLoginAt={user.lastLoginAt}
        totpEnabledAt={user.totpEnabledAt}
        tokens={tokens}
        canCreateToken={p.via === 'session' && canAnywhere(p, 'token.createOwn')}
        newToken={extra.newToken}
        tokenName={extra.tokenName}
        errors={extra.errors}
      />,
    );
  }

  app.get('/account', { schema: hidden }, async (req, reply) => renderAccount(req, reply));

  app.post('/account/tokens', { schema: hidden }, async (req, reply) => {
    const p = requirePrincipal(req);
    const name = field(req.body, 'name');
    try {
      const created = await createOwnApiToken(ctx.db, p, { name }, actorOf(req));
      if (!wantsHtml(req)) return reply.status(201).send({ id: created.id, name: created.name, token: created.token });
      return renderAccount(req, reply, { newToken: { name: created.name, token: created.token } });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED' || !wantsHtml(req)) throw err;
      return renderAccount(req, reply, { status: err.status, tokenName: name, errors: err.fields });
    }
  });

  app.post('/account/tokens/:id/revoke', { schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const p = requirePrincipal(req);
    await revokeOwnApiToken(ctx.db, p, req.params.id, actorOf(req));
    setFlash(reply, 'auth.tokens.revokedFlash');
    return reply.redirect('/account', 303);
  });

  // ── API ────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: t('auth.me.summary'),
        description: t('auth.me.description'),
        response: { 200: meResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return {
        id: p.userId,
        email: p.email,
        fullName: p.fullName,
        homeUnitId: p.homeUnitId,
        roles: p.grants.map((g) => ({ role: g.role, unitCode: g.unitCode, unitName: g.unitName })),
      };
    },
  );
}
