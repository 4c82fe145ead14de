/**
 * Open311 GeoReport v2 (JSON only) under /open311/v2, for existing civic-tech clients: topics are
 * services, published cases are service requests, and POST requests.json files a new submission
 * through the same `submitFeedback` as the web form (channel 'api'), rate-limited per IP.
 * Errors take the Open311 form: the status code and `[{ "code": 400, "description": "…" }]`.
 * Unpublished cases are invisible here, except to the POST that created them.
 */
import type { FastifyError, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import type { TypedApp } from '../../platform/http/types';
import { actorOf } from '../../platform/http/request-context';
import { consumeRateLimit } from '../../platform/rate-limit/consume-rate-limit';
import { OPEN_STATUSES } from '../public/queries';
import { submitFeedback } from '../submit-feedback';
import { type ServiceRequestRow, codeForToken, findService, listServiceRequests, listServices } from './queries';

/** Submissions one IP address may file through Open311 per window. */
export const OPEN311_POST_LIMIT = { max: 10, windowSeconds: 3600 };
const MAX_IDS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendOpen311Error(reply: FastifyReply, status: number, description: string) {
  return reply.status(status).header('content-type', 'application/json; charset=utf-8').send([{ code: status, description }]);
}

/** '2026-03-01T10:00:00+07:00': Vietnam time with its offset, as GeoReport v2 asks (ISO 8601). */
export function iso7(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

function presentRequest(r: ServiceRequestRow) {
  return {
    service_request_id: r.code,
    status: OPEN_STATUSES.includes(r.status) ? 'open' : 'closed',
    status_notes: t(`feedback.status.${r.status}`),
    service_name: r.topicName ?? '',
    service_code: r.topicCode ?? '',
    description: r.title,
    agency_responsible: r.agencies.map((a) => a.name).join('; '),
    service_notice: t(`feedback.kind.${r.kind}`),
    requested_datetime: iso7(r.createdAt),
    updated_datetime: iso7(r.updatedAt),
    expected_datetime: r.answerDueOn ? `${r.answerDueOn}T23:59:59+07:00` : null,
  };
}

/** Query and form values: first value of a repeated key, as a string. */
function one(source: unknown, key: string): string | undefined {
  const v = (source as Record<string, unknown> | null | undefined)?.[key];
  const x = Array.isArray(v) ? v[0] : v;
  if (x == null) return undefined;
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return undefined;
}

function parseDate(v: string | undefined): Date | undefined {
  if (v == null || v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim())) throw new Open311Error(400, t('open311.date'));
  const d = new Date(v.trim().length === 10 ? `${v.trim()}T00:00:00+07:00` : v.trim());
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, t('open311.date'));
  return d;
}

/** "file.json" → "file"; any other format is refused. */
function stripJson(file: string): string {
  if (!file.endsWith('.json')) throw new Open311Error(400, t('open311.unsupportedFormat'));
  return file.slice(0, -5);
}

/** The first words of the description, as the submission's title. */
export function titleFrom(description: string): string {
  const words = description.normalize('NFC').replace(/\s+/g, ' ').trim().split(' ');
  let title = '';
  for (const w of words) {
    if ((title ? `${title} ${w}` : w).length > 120) break;
    title = title ? `${title} ${w}` : w;
  }
  if (!title) title = description.slice(0, 120);
  return title.length < description.trim().length ? `${title}…` : title;
}

const FIELD_NAMES: Record<string, string> = {
  topicCode: 'service_code',
  content: 'description',
  title: 'description',
  submitterEmail: 'email',
  submitterPhone: 'phone',
  submitterName: 'first_name',
};

export async function registerOpen311Routes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  await app.register(
    async (scope) => {
      scope.setErrorHandler((err: FastifyError & { nq57Fields?: Record<string, string> }, req, reply) => {
        if (err instanceof Open311Error) return sendOpen311Error(reply, err.status, err.message);
        if (err instanceof AppError) {
          const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `${FIELD_NAMES[k] ?? k}: ${v}`);
          return sendOpen311Error(reply, err.status, fields.length ? `${err.message} ${fields.join('; ')}` : err.message);
        }
        if (err.nq57Fields) return sendOpen311Error(reply, 400, `${t('error.validation')} ${Object.entries(err.nq57Fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendOpen311Error(reply, 413, t('error.payloadTooLarge'));
        if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendOpen311Error(reply, 415, t('error.unsupportedMediaType'));
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendOpen311Error(reply, err.statusCode, t('open311.badRequest'));
        if (err instanceof SyntaxError) return sendOpen311Error(reply, 400, t('open311.badRequest'));
        req.log.error({ err }, 'open311 error');
        return sendOpen311Error(reply, 500, t('error.internal', { requestId: String(req.id) }));
      });
      scope.setNotFoundHandler((_req, reply) => sendOpen311Error(reply, 404, t('open311.notFound')));

      scope.get('/discovery.json', { schema: { tags: ['open311'], summary: 'GeoReport v2 discovery' } }, async () => {
        const changeset = '2026-01-01T00:00:00+07:00';
        return {
          changeset,
          contact: base,
          key_service: `${base}/feedback`,
          endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base}/open311/v2`, changeset, type: 'production', formats: ['application/json'] }],
        };
      });

      scope.get('/services.json', { schema: { tags: ['open311'], summary: 'Services: the PAKN-GPSK topics' } }, async () => {
        const rows = await listServices(db);
        return rows.map((r) => ({
          service_code: r.code,
          service_name: r.name,
          description: r.description ?? '',
          metadata: false,
          type: 'realtime',
          keywords: r.usualUnitCodes.join(', '),
          group: t('open311.serviceGroup'),
        }));
      });

      scope.get(
        '/services/:file',
        { schema: { tags: ['open311'], summary: 'Service definition (no extra attributes)', params: z.object({ file: z.string().max(100) }) } },
        async (req) => {
          const code = stripJson((req.params as { file: string }).file);
          const service = await findService(db, code);
          if (!service) throw new Open311Error(404, t('open311.notFound'));
          return { service_code: service.code, attributes: [] };
        },
      );

      scope.get(
        '/requests.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'Published service requests (cases), newest first',
            description: 'Filters: service_request_id (comma list), service_code, start_date, end_date (ISO 8601), status (open|closed), limit (1–1000, default 50).',
          },
        },
        async (req) => {
          const q = req.query;
          const idsRaw = one(q, 'service_request_id');
          const ids = idsRaw
            ? idsRaw
                .split(',')
                .map((x) => x.trim().toUpperCase())
                .filter(Boolean)
            : undefined;
          if (ids && ids.length > MAX_IDS) throw new Open311Error(400, t('open311.ids'));
          const statusRaw = one(q, 'status');
          if (statusRaw && statusRaw !== 'open' && statusRaw !== 'closed') throw new Open311Error(400, t('open311.status'));
          const limitRaw = one(q, 'limit');
          const limit = limitRaw == null || limitRaw === '' ? 50 : Number(limitRaw);
          if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Open311Error(400, t('open311.limit'));
          const rows = await listServiceRequests(db, {
            ids,
            serviceCode: one(q, 'service_code')?.trim() || undefined,
            start: parseDate(one(q, 'start_date')),
            end: parseDate(one(q, 'end_date')),
            status: statusRaw as 'open' | 'closed' | undefined,
            limit,
          });
          return rows.map(presentRequest);
        },
      );

      scope.get(
        '/requests/:file',
        { schema: { tags: ['open311'], summary: 'One published service request', params: z.object({ file: z.string().max(100) }) } },
        async (req) => {
          const code = stripJson((req.params as { file: string }).file).trim().toUpperCase();
          const rows = await listServiceRequests(db, { ids: [code], limit: 1 });
          if (rows.length === 0) throw new Open311Error(404, t('open311.notFound'));
          return rows.map(presentRequest);
        },
      );

      scope.get(
        '/tokens/:file',
        { schema: { tags: ['open311'], summary: 'The service request id behind a POST token', params: z.object({ file: z.string().max(100) }) } },
        async (req) => {
          const token = stripJson((req.params as { file: string }).file);
          const code = UUID.test(token) ? await codeForToken(db, token) : null;
          if (!code) throw new Open311Error(404, t('open311.notFound'));
          return [{ token, service_request_id: code }];
        },
      );

      scope.post(
        '/requests.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'File a new request (form-encoded or JSON): service_code, description, first_name, last_name, email, phone',
          },
        },
        async (req, reply) => {
          const limit = await consumeRateLimit(db, { key: `open311:ip:${req.ip}`, ...OPEN311_POST_LIMIT });
          if (!limit.allowed) {
            reply.header('retry-after', String(limit.retryAfter));
            throw new Open311Error(429, t('open311.rateLimited', { seconds: limit.retryAfter }));
          }
          const b = req.body;
          const serviceCode = one(b, 'service_code')?.trim();
          if (!serviceCode) throw new Open311Error(400, t('open311.serviceCode'));
          const description = one(b, 'description')?.normalize('NFC').trim() ?? '';
          if (!description) throw new Open311Error(400, t('open311.description'));
          const email = one(b, 'email')?.trim() || undefined;
          const phone = one(b, 'phone')?.trim() || undefined;
          if (!email && !phone) throw new Open311Error(400, t('open311.contact'));
          const name = [one(b, 'first_name'), one(b, 'last_name')]
            .map((x) => x?.trim() ?? '')
            .filter(Boolean)
            .join(' ')
            .slice(0, 200);
          const consent = one(b, 'publish_consent');
          const result = await submitFeedback(
            db,
            {
              kind: 'feedback',
              topicCode: serviceCode,
              title: titleFrom(description.slice(0, 10_000)),
              content: description,
              submitterType: 'individual',
              submitterName: name || t('open311.anonymousName'),
              submitterEmail: email,
              submitterPhone: phone,
              publishConsent: consent === 'anonymous' || consent === 'named' ? consent : 'none',
            },
            { actor: actorOf(req), channel: 'api' },
          );
          return reply.status(201).send([{ token: result.id, service_request_id: result.code, service_notice: t('open311.notice', { code: result.code }) }]);
        },
      );
    },
    { prefix: '/open311/v2' },
  );
}
