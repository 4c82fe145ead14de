/** Scores and rankings: league tables, snapshots, drill-down, weights. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, requirePermission, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { currentWeights } from './compute-scores';
import { createScoreConfig } from './create-score-config';
import { loadLeagueTable } from './load-league-table';
import { canManageScoring, canViewRankings } from './policies';
import { presentRankings, rankingsCsv, rankingsOut } from './presenters';
import { findScoreConfig, findScoredUnit, listScoreConfigs } from './queries';
import { parseStoredWeights } from './score-math';
import { findSnapshot, listSnapshots, snapshotScores } from './snapshot-queries';
import { previousMonth, takeScoreSnapshot } from './take-score-snapshot';
import { ALL_DIMENSIONS, SCORE_COMPONENTS, type ScoreDimension, type ScoredUnitClass, isScoreDimension } from './types';
import { LeaguePage } from './views/league-page';
import { UnitScorePage } from './views/unit-page';
import { WeightsPage } from './views/weights-page';

const rankingQuery = z.object({
  class: z.enum(['ministry', 'province']).optional().describe('ministry (default) or province'),
  dimension: z
    .string()
    .max(40)
    .optional()
    .describe(`one of ${ALL_DIMENSIONS.join(', ')}; total by default`),
  snapshot: z
    .string()
    .max(7)
    .optional()
    .describe("a frozen month 'YYYY-MM'; computed live when omitted"),
});
type RankingQuery = z.infer<typeof rankingQuery>;

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

function parseRankingQuery(q: RankingQuery): { unitClass: ScoredUnitClass; dimension: ScoreDimension; snapshot: string | null } {
  const dimension = q.dimension || 'total';
  if (!isScoreDimension(dimension)) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { dimension: t('scoring.badQuery') });
  const snapshot = q.snapshot || null;
  if (snapshot && !/^\d{4}-(0[1-9]|1[0-2])$/.test(snapshot)) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { snapshot: t('scoring.snapshot.badPeriod') });
  return { unitClass: q.class ?? 'ministry', dimension, snapshot };
}

const needsViewer = async (req: FastifyRequest) => {
  const p = requirePermission(req, 'task.read');
  if (!canViewRankings(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};
const needsManager = async (req: FastifyRequest) => {
  const p = requirePrincipal(req);
  if (!canManageScoring(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};

export async function registerScoringRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  async function renderLeague(
    req: FastifyRequest,
    reply: FastifyReply,
    q: ReturnType<typeof parseRankingQuery>,
    extra: { status?: number; errors?: Record<string, string> | null; message?: string | null; period?: string } = {},
  ) {
    const table = await loadLeagueTable(db, q);
    const snapshots = await listSnapshots(db);
    return sendPage(
      req,
      reply,
      { title: t('scoring.title'), wide: true, status: extra.status },
      <LeaguePage
        table={table}
        snapshots={snapshots}
        canManage={canManageScoring(req.principal)}
        csrfToken={req.csrfToken}
        defaultPeriod={extra.period ?? previousMonth()}
        errors={extra.errors}
        message={extra.message}
      />,
    );
  }

  app.get('/rankings', { schema: { hide: true, querystring: rankingQuery }, preValidation: needsViewer }, async (req, reply) =>
    renderLeague(req, reply, parseRankingQuery(req.query)),
  );

  app.get('/rankings/export.csv', { schema: { hide: true, querystring: rankingQuery }, preValidation: needsViewer }, async (req, reply) => {
    const q = parseRankingQuery(req.query);
    const table = await loadLeagueTable(db, q);
    const name = `xep-hang-${q.unitClass}-${q.dimension.replace(':', '-')}-${q.snapshot ?? table.asOf}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(rankingsCsv(table));
  });

  app.get(
    '/api/v1/rankings',
    {
      schema: {
        tags: ['rankings'],
        summary: 'League table of ministries or provinces',
        description:
          'Rank, weighted score and the five component scores (with the counts behind them) of every ministry-class unit or province, in one dimension, computed now or read from a frozen month; movement is measured against the snapshot before it. Staff with task.read.',
        querystring: rankingQuery,
        response: { 200: rankingsOut },
      },
      preValidation: needsViewer,
    },
    async (req, reply) => {
      const table = await loadLeagueTable(db, parseRankingQuery(req.query));
      reply.header('cache-control', 'no-store');
      return presentRankings(table);
    },
  );

  app.get(
    '/rankings/units/:code',
    { schema: { hide: true, params: z.object({ code: z.string().max(40) }), querystring: rankingQuery }, preValidation: needsViewer },
    async (req, reply) => {
      const unit = await findScoredUnit(db, req.params.code.trim());
      if (!unit) throw AppError.of('NOT_FOUND', 'scoring.unit.unknown', { code: req.params.code.trim() });
      const q = parseRankingQuery({ ...req.query, class: unit.unitClass });
      let score = null;
      let asOf: string;
      let weights = await currentWeights(db);
      if (q.snapshot) {
        const snap = await findSnapshot(db, q.snapshot);
        if (!snap) throw AppError.of('NOT_FOUND', 'scoring.snapshot.unknown', { period: q.snapshot });
        score = (await snapshotScores(db, snap.id, q.dimension, unit.unitClass)).find((s) => s.unitId === unit.id) ?? null;
        asOf = snap.asOf;
        const cfg = await findScoreConfig(db, snap.configId);
        if (cfg) weights = parseStoredWeights(cfg.weights);
      } else {
        const table = await loadLeagueTable(db, q);
        asOf = table.asOf;
        score = table.rows.find((s) => s.unitId === unit.id) ?? null;
      }
      if (!score) throw AppError.of('NOT_FOUND', 'scoring.unit.unknown', { code: unit.code });
      return sendPage(req, reply, { title: t('scoring.unit.title', { name: score.unitName }) }, <UnitScorePage score={score} weights={weights} asOf={asOf} snapshot={q.snapshot} />);
    },
  );

  app.post('/rankings/snapshots', { schema: { hide: true }, preValidation: needsManager }, async (req, reply) => {
    const period = formString(req.body, 'period').trim();
    try {
      await takeScoreSnapshot(ctx.db, { period, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderLeague(req, reply, { unitClass: 'ministry', dimension: 'total', snapshot: null }, {
        status: err.status,
        errors: err.fields ?? null,
        message: err.fields ? null : err.message,
        period,
      });
    }
    await ctx.events.publish({ type: 'scores.snapshot', data: { period } });
    setFlash(reply, 'scoring.snapshot.taken');
    return reply.redirect(`/rankings?snapshot=${encodeURIComponent(period)}`, 303);
  });

  async function renderWeights(req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: Record<string, string> | null = null) {
    const configs = await listScoreConfigs(db);
    return sendPage(
      req,
      reply,
      { title: t('scoring.weights.title'), status: errors ? 400 : 200 },
      <WeightsPage configs={configs} csrfToken={req.csrfToken} values={values} errors={errors} />,
    );
  }

  app.get('/rankings/weights', { schema: { hide: true }, preValidation: needsManager }, async (req, reply) => {
    const w = await currentWeights(db);
    const values: Record<string, string> = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, String(w.components[c])]));
    return renderWeights(req, reply, { ...values, name: '', notes: '' });
  });

  app.post('/rankings/weights', { schema: { hide: true }, preValidation: needsManager }, async (req, reply) => {
    const values: Record<string, string> = Object.fromEntries(['name', 'notes', ...SCORE_COMPONENTS].map((k) => [k, formString(req.body, k)]));
    try {
      await createScoreConfig(db, { name: values.name, notes: values.notes, weights: Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, values[c]])) }, actorOf(req));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return renderWeights(req, reply, values, err.fields ?? {});
    }
    setFlash(reply, 'scoring.weights.saved');
    return reply.redirect('/rankings/weights', 303);
  });

}
