/**
 * Public PAKN-GPSK pages and downloads: the searchable list of published answers and their pages,
 * statistics (page and JSON), and open data as CSV and JSON. No sign-in; nothing personal.
 */
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import type { TypedApp } from '../../platform/http/types';
import { SUBMISSION_KINDS } from '../schema';
import { type AnswerFilters, answerFilterOptions, feedbackStatistics, findPublishedCase, listPublishedCases, listPublishedCasesAfter, openDataRows } from './queries';
import { hcmDate } from '../../monitoring/dates';
import { AnswerPage } from './views/answer-page';
import { AnswersPage } from './views/answers-page';
import { OPEN_DATA_FIELDS, StatisticsPage } from './views/statistics-page';

export const ANSWERS_PAGE_SIZE = 20;
const PUBLIC_CACHE = 'public, max-age=60';

const answersQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  topic: z.string().max(60).optional(),
  agency: z.string().max(40).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

function rawQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['q', 'kind', 'topic', 'agency', 'year']) {
    const v = (query as Record<string, unknown> | undefined)?.[k];
    const one = Array.isArray(v) ? v[0] : v;
    if (typeof one === 'string' && one.trim() !== '') out[k] = one.normalize('NFC').trim().slice(0, 200);
  }
  return out;
}

/** One CSV field: quoted when it holds a separator, quote or line break. */
function csvField(v: unknown): string {
  const s = v == null ? '' : Array.isArray(v) ? v.join(';') : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const statsOut = z.object({
  asOf: z.string(),
  totals: z.object({ received: z.number(), answered: z.number(), onTime: z.number(), onTimeShare: z.number().nullable(), open: z.number(), overdue: z.number() }),
  byKind: z.array(z.object({ key: z.string(), label: z.string().nullable(), received: z.number(), answered: z.number(), onTime: z.number() })),
  byTopic: z.array(z.object({ key: z.string(), label: z.string().nullable(), received: z.number(), answered: z.number(), onTime: z.number() })),
  byAgency: z.array(z.object({ key: z.string(), label: z.string().nullable(), received: z.number(), answered: z.number(), onTime: z.number() })),
  trend: z.array(z.object({ month: z.string(), received: z.number(), answered: z.number(), onTime: z.number() })),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursor ↔ (published_at, id) of the last row of the previous page. */
export function encodeCursor(k: { publishedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([k.publishedAt.toISOString(), k.id])).toString('base64url');
}
function decodeCursor(cursor: string | undefined): { publishedAt: Date; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const publishedAt = new Date(at);
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(publishedAt.getTime())) return { publishedAt, id };
  } catch {}
  throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { cursor: t('pub.api.cursor') });
}

const answersApiQuery = z.object({
  q: z.string().max(200).optional().describe('search words; diacritics optional ("dich vu cong")'),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  topic: z.string().max(60).optional(),
  agency: z.string().max(40).optional().describe('unit code of an answering agency'),
  year: z.coerce.number({ message: t('pub.answers.yearInvalid') }).int({ message: t('pub.answers.yearInvalid') }).min(2000, { message: t('pub.answers.yearInvalid') }).max(2100, { message: t('pub.answers.yearInvalid') }).optional(),
  limit: z.coerce.number({ message: t('pub.api.limit') }).int({ message: t('pub.api.limit') }).min(1, { message: t('pub.api.limit') }).max(100, { message: t('pub.api.limit') }).default(20),
  cursor: z.string().max(300).optional().describe('`nextCursor` of the previous page'),
});

const answerItemOut = z.object({
  code: z.string(),
  kind: z.string(),
  topicCode: z.string().nullable(),
  topicName: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
  receivedOn: z.string(),
  answeredOn: z.string().nullable(),
  publishedAt: z.string(),
  url: z.string(),
});

export async function registerPublicFeedbackRoutes(app: TypedApp, ctx: AppContext) {
  // public, read-only and cacheable: served from the replica when there is one
  const db = ctx.database.readDb;
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  app.get('/feedback/answers', { schema: { hide: true } }, async (req, reply) => {
    const raw = rawQuery(req.query);
    const parsed = answersQuery.safeParse({ ...raw, page: (req.query as Record<string, unknown>)?.page });
    const options = await answerFilterOptions(db);
    const filters: AnswerFilters = parsed.success ? parsed.data : {};
    const page = parsed.success ? parsed.data.page : 1;
    const result = await listPublishedCases(db, filters, page, ANSWERS_PAGE_SIZE);
    return sendPage(
      req,
      reply,
      { title: t('pub.answers.title'), status: parsed.success ? 200 : 400 },
      <AnswersPage filters={filters} raw={raw} options={options} result={result} page={page} pageSize={ANSWERS_PAGE_SIZE} error={parsed.success ? null : t('error.validation')} />,
    );
  });

  app.get('/feedback/answers/:code', { schema: { hide: true, params: z.object({ code: z.string().max(40) }) } }, async (req, reply) => {
    const c = await findPublishedCase(db, req.params.code.trim().toUpperCase());
    if (!c) throw AppError.of('NOT_FOUND', 'pub.case.notFound');
    return sendPage(req, reply, { title: c.title }, <AnswerPage c={c} />);
  });

  app.get('/feedback/statistics', { schema: { hide: true } }, async (req, reply) => {
    const stats = await feedbackStatistics(db);
    return sendPage(req, reply, { title: t('pub.stats.title'), wide: true }, <StatisticsPage stats={stats} />);
  });

  app.get(
    '/api/v1/public/feedback-answers',
    {
      schema: {
        tags: ['public feedback'],
        summary: 'Published answers (no personal data), newest first; filters q, kind, topic, agency, year; pages with limit/cursor',
        querystring: answersApiQuery,
        response: { 200: z.object({ items: z.array(answerItemOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const { limit, cursor, ...filters } = req.query;
      const page = await listPublishedCasesAfter(db, filters, limit, decodeCursor(cursor));
      reply.header('cache-control', PUBLIC_CACHE);
      return {
        items: page.rows.map((r) => ({
          code: r.code,
          kind: r.kind,
          topicCode: r.topicCode,
          topicName: r.topicName,
          title: r.title,
          status: r.status,
          agencies: r.agencies,
          receivedOn: hcmDate(r.createdAt),
          answeredOn: r.answeredAt ? hcmDate(r.answeredAt) : null,
          publishedAt: r.publishedAt!.toISOString(),
          url: `${base}/feedback/answers/${r.code}`,
        })),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/api/v1/public/feedback-stats',
    {
      schema: {
        tags: ['public feedback'],
        summary: 'PAKN-GPSK statistics: totals, by kind, topic and agency, 12-month trend (no personal data)',
        response: { 200: statsOut },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return feedbackStatistics(db);
    },
  );

  app.get('/open-data/feedback.json', { schema: { hide: true } }, async (_req, reply) => {
    const rows = await openDataRows(db);
    return reply
      .header('cache-control', PUBLIC_CACHE)
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'inline; filename="feedback.json"')
      .send(JSON.stringify({ fields: OPEN_DATA_FIELDS, items: rows.map((r) => ({ ...r, url: `${base}/feedback/answers/${r.code}` })) }));
  });

  app.get('/open-data/feedback.csv', { schema: { hide: true } }, async (_req, reply) => {
    const rows = await openDataRows(db);
    const lines = [OPEN_DATA_FIELDS.join(',')];
    for (const r of rows) {
      const full: Record<string, unknown> = { ...r, url: `${base}/feedback/answers/${r.code}` };
      lines.push(OPEN_DATA_FIELDS.map((f) => csvField(full[f])).join(','));
    }
    return reply
      .header('cache-control', PUBLIC_CACHE)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="feedback.csv"')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });
}
