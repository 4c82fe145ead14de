/** The weekly briefing pack (giao ban): the page and its PDF and XLSX downloads. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { findUnitByCode } from '../../org/queries';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import { requirePermission } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { taskScopeRoots } from '../policies';
import { type Briefing, type BriefingScope, buildBriefing } from './build-briefing';
import { renderBriefingPdf } from './render-briefing-pdf';
import { renderBriefingXlsx } from './render-briefing-xlsx';
import { BriefingPage } from './views/briefing-page';

const briefingQuery = z.object({ unit: z.string().max(40).optional() });

/** The caller's scope, narrowed to `unitCode` when given (403 when it lies outside). */
export async function resolveBriefingScope(ctx: Pick<AppContext, 'db'>, p: Principal, unitCode: string): Promise<BriefingScope> {
  const roots = taskScopeRoots(p);
  if (!unitCode) return { roots, unit: null };
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw AppError.of('NOT_FOUND', 'briefing.unit.unknown', { code: unitCode });
  if (roots !== null && !roots.some((r) => unit.path.startsWith(r))) throw AppError.of('FORBIDDEN', 'briefing.unit.outside');
  return { roots: [unit.path], unit: { code: unit.code, name: unit.name } };
}

function fileName(b: Briefing, ext: string) {
  const unit = b.scope.unit ? `-${b.scope.unit.code.replace(/[^A-Za-z0-9.]/g, '')}` : '';
  return `giao-ban-tuan-${b.week.number}-${b.week.year}${unit}.${ext}`;
}

function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export async function registerBriefingRoutes(app: TypedApp, ctx: AppContext) {
  async function load(req: FastifyRequest, unit: string | undefined) {
    const p = requirePermission(req, 'task.read');
    const unitCode = (unit ?? '').trim().toUpperCase();
    const scope = await resolveBriefingScope(ctx, p, unitCode);
    return { briefing: await buildBriefing(ctx.db, new Date(), scope), unitCode };
  }

  app.get('/briefing', { schema: { hide: true, querystring: briefingQuery } }, async (req, reply) => {
    const { briefing, unitCode } = await load(req, req.query.unit);
    return sendPage(req, reply, { title: `${t('briefing.title')} — ${briefing.weekLabel}`, wide: true }, <BriefingPage briefing={briefing} unitCode={unitCode} />);
  });

  app.get('/briefing.pdf', { schema: { hide: true, querystring: briefingQuery } }, async (req, reply) => {
    const { briefing } = await load(req, req.query.unit);
    return sendFile(reply, await renderBriefingPdf(briefing), 'application/pdf', fileName(briefing, 'pdf'));
  });

  app.get('/briefing.xlsx', { schema: { hide: true, querystring: briefingQuery } }, async (req, reply) => {
    const { briefing } = await load(req, req.query.unit);
    return sendFile(reply, await renderBriefingXlsx(briefing), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(briefing, 'xlsx'));
  });
}
