/**
 * The dashboards: the main page (national for the standing office, the viewer's scope for others),
 * a dashboard per ministry and province, the comparison of chosen units, re-fetchable section
 * fragments, CSV/JSON exports of every chart, the live event stream and the national summary API.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { taskScopeRoots } from '../monitoring/policies';
import { TASK_STATUSES } from '../monitoring/schema';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { sendPage } from '../platform/http/render';
import { requirePermission, requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { COMPARE_MAX, COMPARE_MIN, type ComparedUnit, compareUnits } from './compare-units';
import { type DashboardScope, SECTIONS, type SectionName, loadDashboard, loadSection, mainScope, sectionsOf, unitScope } from './dashboard-view';
import { exportSection, toCsv } from './export-section';
import { streamHubFor } from './live/stream-hub';
import { provinceMapData } from './map/province-shapes';
import { canViewUnitDashboard } from './policies';
import { type DashboardUnit, dashboardUnits, findDashboardUnit } from './queries';
import { ComparePage } from './views/compare-page';
import { DashboardPage } from './views/dashboard-page';
import { sectionHtml } from './views/section-html';

const statusCounts = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>);
const summaryOut = z.object({
  generatedAt: z.string(),
  tasks: z.object({ total: z.number().int(), byStatus: statusCounts }),
  overdue: z.number().int(),
  byGroup: z.array(z.object({ groupNumber: z.string().nullable(), byStatus: statusCounts, total: z.number().int() })),
  reports: z.object({ awaitingReview: z.number().int(), acceptedRecently: z.number().int(), dueReported: z.number().int(), onTime: z.number().int() }),
  openBottlenecks: z.number().int(),
});

const codeParams = z.object({ code: z.string().max(40) });
const unitQuery = z.object({ unit: z.string().max(40).optional() });
const compareQuery = z.object({ units: z.union([z.string().max(400), z.array(z.string().max(40)).max(12)]).optional() });

export async function registerDashboardRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const hub = streamHubFor(ctx.events);
  // project the map once, at start-up, rather than on the first visitor's request
  provinceMapData();
  app.addHook('preClose', async () => hub.closeAll());

  /** A ministry or province the viewer may see, or a 404/403. */
  const visibleUnit = async (req: FastifyRequest, code: string): Promise<DashboardUnit> => {
    const p = requirePrincipal(req);
    const unit = await findDashboardUnit(db, code.trim());
    if (!unit) throw AppError.of('NOT_FOUND', 'dashboard.unit.unknown', { code: code.trim() });
    if (!canViewUnitDashboard(p, unit.path)) throw AppError.of('FORBIDDEN', 'dashboard.unit.forbidden');
    return unit;
  };
  const scopeOf = async (req: FastifyRequest, unitCode: string | undefined): Promise<DashboardScope> => {
    if (unitCode) return unitScope(await visibleUnit(req, unitCode));
    const p = requirePermission(req, 'task.read');
    return mainScope(db, taskScopeRoots(p));
  };

  app.get('/dashboard', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePermission(req, 'task.read');
    const roots = taskScopeRoots(p);
    const now = new Date();
    const sections = await loadDashboard(db, await mainScope(db, roots), now);
    const units = [...new Set(p.grants.map((g) => g.unitName))].join(', ');
    const scopeLabel = roots === null ? t('dashboard.scope.national') : t('dashboard.scope.units', { units });
    return sendPage(req, reply, { title: t('dashboard.title'), wide: true }, <DashboardPage sections={sections} scopeLabel={scopeLabel} now={now} />);
  });

  app.get('/dashboard/units/:code', { schema: { hide: true, params: codeParams } }, async (req, reply) => {
    const unit = await visibleUnit(req, req.params.code);
    const now = new Date();
    const sections = await loadDashboard(db, unitScope(unit), now);
    const title = t('dashboard.unit.title', { name: unit.name });
    return sendPage(req, reply, { title, wide: true }, <DashboardPage sections={sections} scopeLabel={unit.name} now={now} unitCode={unit.code} title={title} back />);
  });

  app.get('/dashboard/compare', { schema: { hide: true, querystring: compareQuery } }, async (req, reply) => {
    const p = requirePermission(req, 'task.read');
    const raw = req.query.units;
    const codes = [...new Set((Array.isArray(raw) ? raw : [raw ?? '']).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))];
    const choices = (await dashboardUnits(db)).filter((u) => canViewUnitDashboard(p, u.path));
    let error: string | null = null;
    let compared: ComparedUnit[] = [];
    if (raw !== undefined && (codes.length < COMPARE_MIN || codes.length > COMPARE_MAX)) error = t('dashboard.compare.count');
    else if (codes.length > 0) {
      const units: DashboardUnit[] = [];
      for (const code of codes) units.push(await visibleUnit(req, code));
      compared = await compareUnits(db, units);
    }
    return sendPage(
      req,
      reply,
      { title: t('dashboard.compare.title'), wide: true, status: error ? 400 : 200 },
      <ComparePage units={choices} selected={codes} error={error} compared={compared} />,
    );
  });

  app.get('/dashboard/fragments/:name', { schema: { hide: true, params: z.object({ name: z.string().max(40) }), querystring: unitQuery } }, async (req, reply) => {
    const scope = await scopeOf(req, req.query.unit);
    const name = req.params.name as SectionName;
    if (!(SECTIONS as readonly string[]).includes(name) || !sectionsOf(scope).includes(name)) throw AppError.of('NOT_FOUND', 'dashboard.fragment.unknown');
    // asked for by the live script after an event: recomputed now, not served from the cache
    const data = await loadSection(db, scope, name, new Date(), {}, { fresh: true });
    const html = sectionHtml(data, scope.unit?.code ?? null);
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.get('/dashboard/export/:file', { schema: { hide: true, params: z.object({ file: z.string().max(60) }), querystring: unitQuery } }, async (req, reply) => {
    const m = /^([a-z]+)\.(csv|json)$/.exec(req.params.file);
    const scope = await scopeOf(req, req.query.unit);
    const name = m?.[1] as SectionName | undefined;
    if (!m || !name || !sectionsOf(scope).includes(name)) throw AppError.of('NOT_FOUND', 'dashboard.export.unknown');
    const now = new Date();
    const table = exportSection(await loadSection(db, scope, name, now));
    const base = `dashboard-${name}${scope.unit ? `-${scope.unit.code}` : ''}`;
    reply.header('cache-control', 'no-store');
    if (m[2] === 'csv') {
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base.replace(/[^\w.-]/g, '_')}.csv"`)
        .send(toCsv(table));
    }
    return reply.header('content-type', 'application/json; charset=utf-8').send({
      chart: name,
      unit: scope.unit?.code ?? null,
      generatedAt: now.toISOString(),
      columns: table.columns,
      rows: table.rows,
    });
  });

  app.get(
    '/api/v1/dashboard/stream',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Live dashboard events (Server-Sent Events)',
        description:
          'text/event-stream of `update` events `{ type, unitCode }` for the changes the caller may see (national viewers: all). Sends `retry:` first and a comment every 25 s. 503 with Retry-After when the server holds too many streams.',
      },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'task.read');
      hub.open(req, reply, p);
      return reply;
    },
  );

  app.get(
    '/api/v1/dashboard/national',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'National monitoring summary (standing office)',
        description: 'Task counts by status and by group, overdue tasks, reports awaiting review and their timeliness, open bottlenecks.',
        response: { 200: summaryOut },
      },
    },
    async (req) => {
      requirePermission(req, 'oversight.national');
      const now = new Date();
      // the national dashboard's own summary section, so both share one cached computation
      const section = await loadSection(ctx.db, await mainScope(ctx.db, null), 'summary', now);
      if (section.name !== 'summary') throw new Error('unexpected section');
      const { roots: _roots, ...summary } = section.summary;
      return { generatedAt: now.toISOString(), ...summary };
    },
  );
}
