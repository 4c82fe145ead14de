/**
 * The public progress page (3 công khai) and its open-data API: anonymous, read-only, cached
 * briefly by browsers and shared caches like the other public pages. Thin: the numbers come from
 * one shared read model (public-progress.ts), shaped for JSON and CSV by presenters.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SCORE_COMPONENTS } from '../../indicators/scoring/types';
import { TASK_STATUSES } from '../../monitoring/schema';
import type { AppContext } from '../../platform/context';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import type { TypedApp } from '../../platform/http/types';
import { initiativesCsv, progressJson, provincesCsv, targetsCsv } from './presenters';
import { type PublicProgress, loadPublicProgress } from './public-progress';
import { liveCacheFor } from '../../platform/cache/live-cache';
import { PROVINCE_SORTS, ProgressPage } from './views/progress-page';

/** Seconds a browser or shared cache may reuse an anonymous copy (as the public task pages). */
const MAX_AGE = 60;

const pageQuery = z.object({
  sort: z.enum(PROVINCE_SORTS).optional().default('rank'),
  order: z.enum(['asc', 'desc']).optional(),
});

const statusCounts = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>);
const valueStatus = z.enum(['on_track', 'at_risk', 'off_track']);

const progressOut = z.object({
  generatedAt: z.string(),
  licence: z.object({ name: z.string(), url: z.string(), note: z.string() }),
  targets: z.array(
    z.object({
      code: z.string(),
      source: z.string().describe("'NQ57' (Resolution 57), 'NQ03' (Resolution 03/NQ-CP) or another catalogue"),
      kind: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      targetText: z.string().nullable(),
      targetValue: z.number().nullable(),
      horizon: z.number().int().nullable(),
      direction: z.enum(['higher', 'lower']).nullable(),
      frequency: z.enum(['month', 'quarter', 'year']),
      latest: z
        .object({ period: z.string(), value: z.number(), target: z.number().nullable(), achievement: z.number().nullable(), status: valueStatus.nullable() })
        .nullable()
        .describe('the latest national figure from approved values only; null when there is none yet'),
    }),
  ),
  tasks: z.object({
    total: z.number().int(),
    byStatus: statusCounts,
    byGroup: z.array(z.object({ groupNumber: z.string().nullable(), title: z.string().nullable(), total: z.number().int(), byStatus: statusCounts })),
  }),
  scores: z.object({
    snapshot: z.object({ period: z.string(), asOf: z.string(), frozenAt: z.string(), previousPeriod: z.string().nullable() }).nullable().describe('the latest frozen snapshot'),
    provinces: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        rank: z.number().int().nullable(),
        score: z.number().nullable(),
        movement: z.number().int().nullable().describe('places gained since the previous snapshot'),
        components: z.object(Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, z.number().nullable().optional()]))),
      }),
    ),
  }),
  initiatives: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      agency: z.string().nullable(),
      decidedOn: z.string().nullable(),
      task: z.object({ code: z.string(), status: z.enum(TASK_STATUSES), percentDone: z.number().int(), deadline: z.string().nullable(), url: z.string() }),
      answerUrl: z.string().nullable(),
    }),
  ),
  downloads: z.object({ targets: z.string(), provinces: z.string(), initiatives: z.string() }),
});

export async function registerPublicProgressRoutes(app: TypedApp, ctx: AppContext) {
  // replica-friendly and shared by the page, the JSON and the CSV files through the live cache
  const db = ctx.database.readDb;
  const currentModel = async (): Promise<PublicProgress> => (await liveCacheFor(db).get(db, 'public-progress', () => loadPublicProgress(db))).value;
  const base = ctx.config.publicUrl.replace(/\/$/, '');

  /** Open data is the same for everyone: shareable unless the visitor is signed in. */
  const openDataCache = (req: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', req.principal ? 'private, no-store' : `public, max-age=${MAX_AGE}`);

  app.get('/progress', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) => {
    const { sort } = req.query;
    const order = req.query.order ?? (sort === 'score' || sort === 'movement' ? 'desc' : 'asc');
    const model = await currentModel();
    return sendPage(req, reply, { title: t('publicProgress.title'), wide: true, publicMaxAge: MAX_AGE }, <ProgressPage model={model} sort={sort} order={order} />);
  });

  app.get(
    '/api/v1/public/progress',
    {
      schema: {
        tags: ['public'],
        summary: 'Public progress (3 công khai): targets with the latest approved national figures, public task progress, frozen province scores, adopted initiatives (open data, CC BY 4.0)',
        response: { 200: progressOut },
      },
    },
    async (req, reply) => {
      const model = await currentModel();
      openDataCache(req, reply);
      return progressJson(model, base);
    },
  );

  const csv = (name: string, build: (m: PublicProgress) => string, summary: string) =>
    app.get(`/api/v1/public/progress/${name}.csv`, { schema: { tags: ['public'], summary, produces: ['text/csv'] } }, async (req, reply) => {
      const body = build(await currentModel());
      openDataCache(req, reply);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="nq57-${name}.csv"`).send(body);
    });
  csv('targets', targetsCsv, 'Targets and their latest approved national figures (CSV, UTF-8 with BOM)');
  csv('provinces', provincesCsv, 'Province scores and ranks of the latest frozen snapshot (CSV, UTF-8 with BOM)');
  csv('initiatives', (m) => initiativesCsv(m, base), 'Adopted initiatives and the progress of their tasks (CSV, UTF-8 with BOM)');
}
