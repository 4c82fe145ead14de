/**
 * The Fastify application: security headers, cookies, forms, Zod validation with Vietnamese
 * messages, OpenAPI, identity and CSRF hooks, health and metrics, the shared error shape, and the
 * routes of every module. Routes stay thin: they parse, ask a policy, call a use-case, render.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { registerAuthRoutes } from '../auth/routes';
import { registerOrgRoutes } from '../../org/routes';
import { registerAdminRoutes } from '../../org/admin-routes';
import { registerHomeRoutes } from '../../web/home-routes';
import { registerPortalRoutes } from '../../portal/routes';
import { registerEditorRoutes } from '../../portal/editor-routes';
import { registerEditorContentRoutes } from '../../portal/editor-content-routes';
import { registerMonitoringRoutes } from '../../monitoring/routes';
import { registerDashboardRoutes } from '../../dashboards/routes';
import { registerPublicTaskRoutes } from '../../monitoring/public/routes';
import { registerReportRoutes } from '../../monitoring/reports/routes';
import { registerBriefingRoutes } from '../../monitoring/briefing/routes';
import { registerTaskImportRoutes } from '../../monitoring/import/routes';
import { registerTaskCalendarRoutes } from '../../monitoring/calendar/routes';
import { registerSavedTaskFilterRoutes } from '../../monitoring/saved-filters/routes';
import { registerFeedbackIntakeRoutes } from '../../feedback/intake/routes';
import { registerPrivacyRoutes } from '../../feedback/privacy/routes';
import { registerDeadlineRoutes } from '../../feedback/deadlines/routes';
import { registerPublicFeedbackRoutes } from '../../feedback/public/routes';
import { registerOpen311Routes } from '../../feedback/open311/routes';
import { registerInitiativeRoutes } from '../../feedback/initiatives/routes';
import { registerTriageRoutes } from '../../feedback/triage/routes';
import { registerCaseRoutes } from '../../feedback/cases/routes';
import { registerIndicatorRoutes } from '../../indicators/routes';
import { registerChecklistRoutes } from '../../indicators/checklist/routes';
import { registerIndicatorExchangeRoutes } from '../../indicators/exchange/routes';
import { registerScoringRoutes } from '../../indicators/scoring/routes';
import { registerPublicProgressRoutes } from '../../dashboards/public/routes';
import type { AppContext } from '../context';
import type { TypedApp } from './types';
import { isDatabaseUnavailable } from '../db/client';
import { migrationsApplied } from '../db/migrate';
import { AppError, type ErrorCode, ERROR_STATUS } from '../errors';
import { t } from '../i18n';
import { issuesToFields } from '../validation';
import { checkCsrf, ensureCsrfCookie } from './csrf';
import { rejectNul } from './reject-nul';
import { createMetrics, mayScrapeMetrics } from './metrics';
import { sendPage } from './render';
import { identify, wantsHtml } from './request-context';



const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

function errorBody(code: ErrorCode | string, message: string, fields?: Record<string, string>, requestId?: string) {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...(requestId ? { requestId } : {}) } };
}

function ErrorPage(props: { message: string; fields?: Record<string, string> }) {
  return (
    <div class="prose">
      <h1>{t('error.pageTitle')}</h1>
      <p class="lead">{props.message}</p>
      {props.fields ? (
        <ul>
          {Object.entries(props.fields).map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </div>
  );
}

export function sendError(req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, fields?: Record<string, string>) {
  if (wantsHtml(req)) {
    if (status === 401 && req.method === 'GET') return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (code === 'SECOND_FACTOR_REQUIRED' && req.method === 'GET') return reply.redirect('/login/2fa', 303);
    if (!req.csrfToken) req.csrfToken = '';
    if (req.principal === undefined) req.principal = null;
    return sendPage(req, reply, { title: t('error.pageTitle'), status }, <ErrorPage message={message} fields={fields} />);
  }
  return reply.status(status).send(errorBody(code, message, fields, status >= 500 ? String(req.id) : undefined));
}

export async function buildServer(ctx: AppContext): Promise<FastifyInstance> {
  const secureCookies = ctx.config.trustProxy || ctx.config.publicUrl.startsWith('https://');
  const app = Fastify({
    loggerInstance: ctx.log.child({ component: 'http' }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  const metrics = createMetrics();

  app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
    const r = (schema as unknown as z.ZodType).safeParse(data);
    if (r.success) return { value: r.data };
    return { error: Object.assign(new Error('validation'), { nq57Fields: issuesToFields(r.error), httpPart }) };
  });
  app.setSerializerCompiler(serializerCompiler);

  // Security headers from helmet's middleware, built once: the Fastify plugin builds it again for
  // every request, parsing the content security policy each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: false,
    hsts: secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, () => done()));
  // Pages, JSON and assets travel gzipped (a phone on a slow network waits for bytes, not for our CPU);
  // small answers and event streams go as they are, so a live dashboard is never held in a buffer.
  await app.register(compress, { global: true, encodings: ['gzip'], threshold: 1024, customTypes: /^text\/(?!event-stream)|\+json|\/json|javascript|\/xml|\+xml|image\/svg/ });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'nq57 API', version: '1', description: 'API của nền tảng Nghị quyết 57-NQ/TW' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'nq57_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    transformSpecificationClone: true,
  });
  // Swagger UI is the one page that needs inline styles; everything else keeps the strict policy.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/docs') && !req.url.startsWith('/api/docs/json')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      );
    }
    return payload;
  });

  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'src/web/assets'),
    prefix: '/assets/',
    maxAge: ctx.config.env === 'production' ? '1d' : 0,
  });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/@fontsource/be-vietnam-pro/files'),
    prefix: '/assets/fonts/',
    decorateReply: false,
    maxAge: '30d',
    immutable: true,
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('pendingUserId', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/assets/') || req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics') return;
    ensureCsrfCookie(req, reply, secureCookies);
    await identify(ctx, req);
  });
  app.addHook('preHandler', async (req) => {
    checkCsrf(req, ctx.config.publicUrl);
    rejectNul(req);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.requests
      .labels(req.method, req.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  app.setErrorHandler((err: FastifyError & { nq57Fields?: Record<string, string>; httpPart?: string }, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.status, err.code, err.message, err.fields);
    if (err.nq57Fields) return sendError(req, reply, 400, 'VALIDATION_FAILED', t('error.validation'), err.nq57Fields);
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(req, reply, 413, 'PAYLOAD_TOO_LARGE', t('error.payloadTooLarge'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(req, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', t('error.unsupportedMediaType'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(req, reply, 400, 'BAD_REQUEST', t('error.invalidJson'));
    }
    if (err.statusCode === 429) return sendError(req, reply, 429, 'RATE_LIMITED', t('error.rateLimited'));
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(req, reply, 503, 'DATABASE_UNAVAILABLE', t('error.databaseUnavailable'));
    }
    if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      return sendError(req, reply, err.statusCode ?? 400, 'BAD_REQUEST', t('error.badRequest'));
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 500, 'INTERNAL', t('error.internal', { requestId: String(req.id) }));
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404, 'NOT_FOUND', t('error.notFound')));

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = ctx.ready && (await migrationsApplied(ctx.database));
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'starting' });
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayScrapeMetrics(req.raw, ctx.config.metricsToken)) return sendError(req, reply, 403, 'FORBIDDEN', t('error.metricsForbidden'));
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const typed = app.withTypeProvider<ZodTypeProvider>() as unknown as TypedApp;
  await registerHomeRoutes(typed, ctx);
  await registerPortalRoutes(typed, ctx);
  await registerEditorRoutes(typed, ctx);
  await registerEditorContentRoutes(typed, ctx);
  await registerAuthRoutes(typed, ctx);
  await registerOrgRoutes(typed, ctx);
  await registerAdminRoutes(typed, ctx);
  await registerMonitoringRoutes(typed, ctx);
  await registerDashboardRoutes(typed, ctx);
  await registerPublicTaskRoutes(typed, ctx);
  await registerReportRoutes(typed, ctx);
  await registerBriefingRoutes(typed, ctx);
  await registerTaskImportRoutes(typed, ctx);
  await registerTaskCalendarRoutes(typed, ctx);
  await registerSavedTaskFilterRoutes(typed, ctx);
  await registerFeedbackIntakeRoutes(typed, ctx);
  await registerDeadlineRoutes(typed, ctx);
  await registerPublicFeedbackRoutes(typed, ctx);
  await registerOpen311Routes(typed, ctx);
  await registerInitiativeRoutes(typed, ctx);
  await registerTriageRoutes(typed, ctx);
  await registerCaseRoutes(typed, ctx);
  await registerIndicatorRoutes(typed, ctx);
  await registerChecklistRoutes(typed, ctx);
  await registerIndicatorExchangeRoutes(typed, ctx);
  await registerScoringRoutes(typed, ctx);
  await registerPublicProgressRoutes(typed, ctx);
  await registerPrivacyRoutes(typed, ctx);
  return app as unknown as FastifyInstance;
}

export { ERROR_STATUS };
