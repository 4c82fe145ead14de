/**
 * Indicator catalogue, targets, values, approval and confidence: pages and API. Routes stay thin:
 * parse, ask a policy, call a use-case, render. The one-indicator entry form takes an evidence file
 * as multipart/form-data in its own encapsulated scope (see platform/files/multipart.ts). After a
 * period is submitted, approved or returned, an event goes out for the live dashboards.
 */
import { liveCacheFor } from '../platform/cache/live-cache';
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from '../org/cursor';
import { type Principal, ROLE_PERMISSIONS } from '../org/policies';
import { findUnitByCode, findUnitById, rootUnit, unitsByIds } from '../org/queries';
import { limitParam, listingTag } from '../org/routes';
import { hcmDate } from '../monitoring/dates';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { findStoredFile } from '../platform/files/queries';
import { enableMultipart } from '../platform/files/multipart';
import { attachmentHeader, pathForHash } from '../platform/files/store';
import { formatDateTime, t } from '../platform/i18n';
import { sendPage, setFlash } from '../platform/http/render';
import { actorOf, needs, requirePrincipal } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { aggregateIndicator } from './aggregate-indicator';
import { approveIndicatorPeriod } from './approve-indicator-period';
import { indicatorStatus, nationalValue, statusOf } from './indicator-status';
import { isPeriodLocked } from './period-lock';
import { parsePeriod, periodKeyOf } from './periods';
import {
  approvalRoots,
  canApproveIndicatorPeriod,
  canManageIndicators,
  canReportIndicators,
  canSeeUnitValues,
  canViewIndicators,
  indicatorViewRoots,
} from './policies';
import {
  indicatorDetailOut,
  indicatorSummaryOut,
  num,
  presentStatus,
  presentSubmission,
  presentSummary,
  submissionOut,
  unitValueOut,
} from './presenters';
import {
  type IndicatorRow,
  approvalQueue,
  childIndicators,
  confidenceHistory,
  allIndicators,
  findIndicatorByCode,
  findIndicatorById,
  findSubmission,
  listIndicators,
  periodValues,
  periodsWithValues,
  reportSheet,
  targetsForPeriod,
  targetsOf,
  unitValues,
} from './queries';
import { rateIndicatorConfidence, rateIndicatorConfidenceInput } from './rate-indicator-confidence';
import { recordIndicatorValues } from './record-indicator-values';
import { returnIndicatorPeriod } from './return-indicator-period';
import { FREQUENCIES, INDICATOR_KINDS } from './schema';
import { setIndicatorTargets, setIndicatorTargetsInput } from './set-indicator-targets';
import { submitIndicatorPeriod } from './submit-indicator-period';
import { checkPeriod } from './unit-period';
import { updateIndicator } from './update-indicator';
import { type CatalogueRow, CataloguePage } from './views/catalogue-page';
import { EditIndicatorPage, type EditValues, TargetsPage } from './views/edit-pages';
import { IndicatorPage, type IndicatorPageView } from './views/indicator-page';
import { ApprovalsPage, PeriodDetailPage, ReportEntryPage, ReportSheetPage, type ReportSheetView, type SheetRow } from './views/report-pages';

const API_MAX_LIMIT = 200;
const codeParams = z.object({ code: z.string().min(1).max(60) });
const periodParams = z.object({ unitCode: z.string().min(1).max(40), period: z.string().min(1).max(20) });
const NATIONAL_PERIODS = 12;
/** periods offered in the period picker */
const PERIOD_OPTIONS = 24;

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

const needsViewer = async (req: FastifyRequest) => {
  const p = requirePrincipal(req);
  if (!canViewIndicators(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};
// writes ask for their own permission before the body is read; the unit is checked in the use-case
const needsReporter = needs('indicator.report');
const needsApprover = needs('indicator.approve');
const needsRater = needs('indicator.rate');

/** Units where the principal holds indicator.report (the roles' own units). */
function reportingUnitIds(p: Principal): string[] {
  return [...new Set(p.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('indicator.report')).map((g) => g.unitId))];
}

type PeriodEvent = 'indicator.period.submitted' | 'indicator.period.approved' | 'indicator.period.returned';

export async function registerIndicatorRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const dataDir = ctx.config.dataDir;

  /** After commit: tell live views; a lost event must never fail the request that caused it. */
  async function publish(type: PeriodEvent, unit: { id: string; code: string; path: string }, period: string) {
    try {
      await ctx.events.publish({ type, unitPath: unit.path, data: { unitId: unit.id, unitCode: unit.code, period } });
    } catch (err) {
      ctx.log.warn({ err, type }, 'indicator event not published');
    }
  }

  async function loadIndicator(code: string): Promise<IndicatorRow> {
    const ind = await findIndicatorByCode(db, code);
    if (!ind) throw AppError.of('NOT_FOUND', 'indicator.error.notFound', { code: code.slice(0, 60) });
    return ind;
  }

  // --- catalogue ----------------------------------------------------------------------------------

  const catalogueQuery = z.object({
    q: z.string().max(200).optional(),
    kind: z.string().max(20).optional(),
    source: z.string().max(10).optional(),
    group: z.string().max(10).optional(),
    frequency: z.string().max(10).optional(),
  });

  function cleanFilters(q: z.infer<typeof catalogueQuery>) {
    return {
      q: (q.q ?? '').trim(),
      kind: (INDICATOR_KINDS as readonly string[]).includes(q.kind ?? '') ? (q.kind as (typeof INDICATOR_KINDS)[number]) : undefined,
      source: q.source === 'NQ57' || q.source === 'NQ03' || q.source === 'LOCAL' ? (q.source as 'NQ57' | 'NQ03' | 'LOCAL') : undefined,
      group: /^\d{4}$/.test(q.group ?? '') ? q.group : undefined,
      frequency: (FREQUENCIES as readonly string[]).includes(q.frequency ?? '') ? (q.frequency as (typeof FREQUENCIES)[number]) : undefined,
    };
  }

  /**
   * National status of every indicator, for the catalogue: one walk per indicator over its newest
   * periods, so it goes through the live cache rather than running on every page load.
   */
  async function catalogueStatuses() {
    const cached = await liveCacheFor(db).get(db, 'indicator-catalogue-statuses', async () => {
      const out = new Map<string, { status: CatalogueRow['status']; period: string }>();
      for (const ind of await allIndicators(db)) {
        const s = await indicatorStatus(db, ind);
        if (s) out.set(ind.id, { status: s.status, period: s.period });
      }
      return out;
    });
    return cached.value;
  }

  app.get('/indicators', { schema: { hide: true, querystring: catalogueQuery }, preValidation: needsViewer }, async (req, reply) => {
    const p = req.principal!;
    const f = cleanFilters(req.query);
    const rows = await listIndicators(db, { ...f, limit: 1000 });
    const statuses = rows.length ? await catalogueStatuses() : new Map<string, { status: CatalogueRow['status']; period: string }>();
    // hierarchy: children right after their parent when both are listed
    const listed = new Set(rows.map((r) => r.code));
    const kids = new Map<string, typeof rows>();
    for (const r of rows) if (r.parentCode && listed.has(r.parentCode)) kids.set(r.parentCode, [...(kids.get(r.parentCode) ?? []), r]);
    const ordered: CatalogueRow[] = [];
    const visit = (r: (typeof rows)[number], depth: number) => {
      if (ordered.length > 2000) return;
      const s = statuses.get(r.id);
      ordered.push({ ...r, depth, status: s?.status ?? null, statusPeriod: s ? s.period : null });
      for (const c of kids.get(r.code) ?? []) visit(c, Math.min(depth + 1, 4));
    };
    for (const r of rows) if (!r.parentCode || !listed.has(r.parentCode)) visit(r, 0);
    return sendPage(
      req,
      reply,
      { title: t('indicator.catalogue.title'), wide: true },
      <CataloguePage
        filters={{ q: f.q, kind: f.kind ?? '', source: f.source ?? '', group: f.group ?? '', frequency: f.frequency ?? '' }}
        rows={ordered}
        nextHref={null}
        canReport={reportingUnitIds(p).length > 0}
        canApprove={approvalRoots(p) === null || approvalRoots(p)!.length > 0}
      />,
    );
  });

  // --- one indicator --------------------------------------------------------------------------------

  async function detailView(p: Principal, ind: IndicatorRow, wanted?: string): Promise<IndicatorPageView> {
    const root = await rootUnit(db);
    const parent = ind.parentId ? await findIndicatorById(db, ind.parentId) : null;
    const responsible = ind.responsibleUnitId ? await findUnitById(db, ind.responsibleUnitId) : null;
    const approvedPeriods = root ? await periodsWithValues(db, ind.id, { approvedUnder: root.path, limit: NATIONAL_PERIODS }) : [];
    const anyPeriods = await periodsWithValues(db, ind.id, { limit: PERIOD_OPTIONS });
    const national: IndicatorPageView['national'] = [];
    for (const period of approvedPeriods) {
      const value = await nationalValue(db, ind, period, true);
      const target = root ? ((await targetsForPeriod(db, ind.id, period)).get(root.id) ?? null) : null;
      national.push({ period, value, target, ...(value == null ? { achievement: null, status: null } : statusOf(ind, value, target)) });
    }
    const period = wanted && parsePeriod(wanted) ? wanted : (anyPeriods[0] ?? periodKeyOf(ind.frequency, hcmDate(new Date())));
    const roots = indicatorViewRoots(p);
    const reported = await unitValues(db, ind.id, period, roots);
    const aggregated = reported.length ? await aggregateIndicator(db, { indicatorId: ind.id, period, approvedOnly: false }) : new Map<string, number>();
    const targets = await targetsForPeriod(db, ind.id, period);
    const targetOf = (unitId: string) => targets.get(unitId) ?? (ind.aggregation !== 'sum' && root ? (targets.get(root.id) ?? null) : null);
    // ancestors of reporting units that hold a rolled-up value, inside the viewer's scope
    const reportedIds = new Set(reported.map((r) => r.unitId));
    const ancestorIds = [...new Set(reported.flatMap((r) => r.unitPath.split('/').filter(Boolean)))].filter((id) => !reportedIds.has(id) && aggregated.has(id));
    const ancestors = (await unitsByIds(db, ancestorIds)).filter((u) => canSeeUnitValues(p, u.path));
    const units: IndicatorPageView['units'] = [
      ...ancestors
        .sort((a, b) => a.level - b.level || a.sortOrder - b.sortOrder)
        .map((u) => {
          const value = aggregated.get(u.id)!;
          const target = targetOf(u.id);
          return { unitCode: u.code, unitName: u.name, value, reported: false, approval: null, comment: null, evidenceText: null, target, status: statusOf(ind, value, target).status };
        }),
      ...reported.map((r) => {
        const value = Number(r.value);
        const target = targetOf(r.unitId);
        return {
          unitCode: r.unitCode,
          unitName: r.unitName,
          value,
          reported: true,
          approval: r.status ?? null,
          comment: r.comment,
          evidenceText: r.evidenceText,
          target,
          status: statusOf(ind, value, target).status,
        };
      }),
    ];
    return {
      ind,
      parent: parent ? { code: parent.code, name: parent.name } : null,
      children: await childIndicators(db, ind.id),
      responsibleUnit: responsible?.name ?? null,
      status: await indicatorStatus(db, ind),
      targets: root ? await targetsOf(db, ind.id, root.id) : [],
      national,
      period,
      periodOptions: anyPeriods,
      units,
      confidence: await confidenceHistory(db, ind.id, null, 20),
      canManage: canManageIndicators(p),
      canRate: p.grants.some((g) => ROLE_PERMISSIONS[g.role].includes('indicator.rate')),
    };
  }

  app.get(
    '/indicators/:code',
    { schema: { hide: true, params: codeParams, querystring: z.object({ period: z.string().max(20).optional() }) }, preValidation: needsViewer },
    async (req, reply) => {
      const ind = await loadIndicator(req.params.code);
      const view = await detailView(req.principal!, ind, req.query.period);
      return sendPage(req, reply, { title: `${ind.code} — ${ind.name}`.slice(0, 200), wide: true }, <IndicatorPage view={view} csrfToken={req.csrfToken} />);
    },
  );

  app.post('/indicators/:code/confidence', { schema: { hide: true, params: codeParams }, preValidation: needsRater }, async (req, reply) => {
    const p = req.principal!;
    const ind = await loadIndicator(req.params.code);
    const rate = { unitCode: formString(req.body, 'unitCode').trim(), level: formString(req.body, 'level'), reason: formString(req.body, 'reason') };
    try {
      await rateIndicatorConfidence(db, ind.code, { unitCode: rate.unitCode || undefined, level: rate.level, reason: rate.reason }, { principal: p, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'].includes(err.code)) throw err;
      const view = await detailView(p, ind);
      const errors = err.fields ?? (err.code === 'NOT_FOUND' ? { unitCode: err.message } : null);
      return sendPage(
        req,
        reply,
        { title: `${ind.code} — ${ind.name}`.slice(0, 200), wide: true, status: err.status },
        <IndicatorPage view={view} csrfToken={req.csrfToken} errors={errors} message={errors ? null : err.message} rate={rate} />,
      );
    }
    setFlash(reply, 'indicator.confidence.saved');
    return reply.redirect(`/indicators/${encodeURIComponent(ind.code)}`, 303);
  });

  // --- catalogue keeping (indicator.manage) ----------------------------------------------------------

  const needsManager = async (req: FastifyRequest) => {
    const p = requirePrincipal(req);
    if (!canManageIndicators(p)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotManage');
  };

  async function editValuesOf(ind: IndicatorRow): Promise<EditValues> {
    const responsible = ind.responsibleUnitId ? await findUnitById(db, ind.responsibleUnitId) : null;
    const parent = ind.parentId ? await findIndicatorById(db, ind.parentId) : null;
    const s = (v: string | number | null | undefined) => (v == null ? '' : String(v));
    return {
      name: ind.name,
      unit: s(ind.unit),
      direction: ind.direction ?? 'higher',
      aggregation: ind.aggregation,
      frequency: ind.frequency,
      baselineValue: s(ind.baselineValue),
      baselinePeriod: s(ind.baselinePeriod),
      responsibleUnitCode: responsible?.code ?? '',
      dataSource: s(ind.dataSource),
      definition: s(ind.definition),
      onTrackRatio: s(ind.onTrackRatio),
      atRiskRatio: s(ind.atRiskRatio),
      weight: s(ind.weight),
      parentCode: parent?.code ?? '',
      isActive: ind.isActive,
    };
  }

  app.get('/indicators/:code/edit', { schema: { hide: true, params: codeParams }, preValidation: needsManager }, async (req, reply) => {
    const ind = await loadIndicator(req.params.code);
    return sendPage(req, reply, { title: t('indicator.edit.title', { code: ind.code }) }, <EditIndicatorPage code={ind.code} values={await editValuesOf(ind)} csrfToken={req.csrfToken} />);
  });

  app.post('/indicators/:code/edit', { schema: { hide: true, params: codeParams }, preValidation: needsManager }, async (req, reply) => {
    const ind = await loadIndicator(req.params.code);
    const keys = ['name', 'unit', 'direction', 'aggregation', 'frequency', 'baselineValue', 'baselinePeriod', 'responsibleUnitCode', 'dataSource', 'definition', 'onTrackRatio', 'atRiskRatio', 'weight', 'parentCode'] as const;
    const values = { ...Object.fromEntries(keys.map((k) => [k, formString(req.body, k)])), isActive: formString(req.body, 'isActive') === 'on' } as EditValues;
    try {
      await updateIndicator(db, ind.code, values as never, { principal: req.principal!, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return sendPage(
        req,
        reply,
        { title: t('indicator.edit.title', { code: ind.code }), status: err.status },
        <EditIndicatorPage code={ind.code} values={values} csrfToken={req.csrfToken} errors={err.fields} />,
      );
    }
    setFlash(reply, 'indicator.edit.saved');
    return reply.redirect(`/indicators/${encodeURIComponent(ind.code)}`, 303);
  });

  app.get('/indicators/:code/targets', { schema: { hide: true, params: codeParams }, preValidation: needsManager }, async (req, reply) => {
    const ind = await loadIndicator(req.params.code);
    const root = await rootUnit(db);
    const rows = (root ? await targetsOf(db, ind.id, root.id) : []).map((x) => ({ period: x.period, value: String(x.value) }));
    for (let i = 0; i < 4; i++) rows.push({ period: '', value: '' });
    return sendPage(req, reply, { title: t('indicator.targets.title', { code: ind.code }) }, <TargetsPage code={ind.code} rows={rows} csrfToken={req.csrfToken} />);
  });

  app.post('/indicators/:code/targets', { schema: { hide: true, params: codeParams }, preValidation: needsManager }, async (req, reply) => {
    const ind = await loadIndicator(req.params.code);
    const rows: { period: string; value: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const period = formString(req.body, `targets.${i}.period`).trim();
      const value = formString(req.body, `targets.${i}.value`).trim();
      rows.push({ period, value });
    }
    while (rows.length && !rows[rows.length - 1].period && !rows[rows.length - 1].value) rows.pop();
    // form row numbers stay in field errors: the use-case numbers only the filled rows
    const filled = rows.map((r, i) => ({ ...r, i })).filter((r) => r.period || r.value);
    try {
      if (filled.length === 0) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { 'targets.0.period': t('field.required') });
      try {
        await setIndicatorTargets(db, ind.code, { targets: filled.map((r) => ({ period: r.period, value: r.value })) }, { principal: req.principal!, actor: actorOf(req) });
      } catch (err) {
        if (err instanceof AppError && err.fields) {
          const remapped: Record<string, string> = {};
          for (const [k, msg] of Object.entries(err.fields)) {
            const m = /^targets\.(\d+)\.(\w+)$/.exec(k);
            remapped[m ? `targets.${filled[Number(m[1])]?.i ?? 0}.${m[2]}` : k] = msg;
          }
          throw new AppError(err.code, err.message, remapped);
        }
        throw err;
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      for (let i = 0; i < 2; i++) rows.push({ period: '', value: '' });
      return sendPage(
        req,
        reply,
        { title: t('indicator.targets.title', { code: ind.code }), status: err.status },
        <TargetsPage code={ind.code} rows={rows} csrfToken={req.csrfToken} errors={err.fields} />,
      );
    }
    setFlash(reply, 'indicator.targets.saved');
    return reply.redirect(`/indicators/${encodeURIComponent(ind.code)}`, 303);
  });

  // --- entering values -------------------------------------------------------------------------------

  const reportQuery = z.object({ unit: z.string().max(40).optional(), period: z.string().max(20).optional(), code: z.string().max(60).optional() });

  async function sheetView(p: Principal, unitCode: string | undefined, periodKey: string | undefined) {
    const own = await unitsByIds(db, reportingUnitIds(p));
    const units = own.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code)).map((u) => ({ code: u.code, name: u.name }));
    const period = periodKey?.trim() || periodKeyOf('quarter', hcmDate(new Date()));
    const code = unitCode?.trim() || units[0]?.code || '';
    const view: ReportSheetView = { units, unitCode: code, unitName: null, period, status: null, decisionMessage: null, locked: false, rows: [] };
    if (!code) return { view, unit: null };
    const parsed = checkPeriod(period);
    const unit = await findUnitByCode(db, code);
    if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code: code.slice(0, 40) });
    if (!canReportIndicators(p, unit.path)) throw AppError.of('FORBIDDEN', 'indicator.error.cannotReport', { unit: unit.name });
    if (!units.some((u) => u.code === unit.code)) view.units = [...units, { code: unit.code, name: unit.name }];
    const sub = await findSubmission(db, unit.id, parsed.key);
    const root = await rootUnit(db);
    const rows = await reportSheet(db, unit.id, parsed.key, parsed.frequency);
    const sheetRows: SheetRow[] = [];
    for (const r of rows) {
      const targets = await targetsForPeriod(db, r.id, parsed.key);
      // a count is never measured against the national total (indicator-status.ts)
      const fallback = root && r.aggregation !== 'sum' ? (targets.get(root.id) ?? null) : null;
      sheetRows.push({
        code: r.code,
        name: r.name,
        unit: r.unit,
        value: r.value == null ? '' : String(r.value).replace('.', ','),
        comment: r.comment ?? '',
        evidenceText: r.evidenceText ?? '',
        evidenceFileName: r.evidenceFileName,
        target: targets.get(unit.id) ?? fallback,
      });
    }
    Object.assign(view, {
      unitCode: unit.code,
      unitName: unit.name,
      period: parsed.key,
      status: sub?.status ?? null,
      decisionMessage: sub?.decisionMessage ?? null,
      locked: isPeriodLocked(sub?.status),
      rows: sheetRows,
    });
    return { view, unit };
  }

  app.get('/indicators/report', { schema: { hide: true, querystring: reportQuery }, preValidation: needsViewer }, async (req, reply) => {
    const p = req.principal!;
    try {
      const { view } = await sheetView(p, req.query.unit, req.query.period);
      return sendPage(req, reply, { title: t('indicator.report.title'), wide: true }, <ReportSheetPage view={view} csrfToken={req.csrfToken} />);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      const { view } = await sheetView(p, req.query.unit, undefined);
      view.period = (req.query.period ?? '').slice(0, 20);
      return sendPage(req, reply, { title: t('indicator.report.title'), wide: true, status: 400 }, <ReportSheetPage view={{ ...view, unitName: null, rows: [] }} csrfToken={req.csrfToken} errors={err.fields} />);
    }
  });

  /** Entries from the sheet form: value_<code>, comment_<code>, evidence_<code>. */
  function entriesFrom(body: unknown) {
    const codes = Object.keys((body as Record<string, unknown>) ?? {})
      .filter((k) => k.startsWith('value_'))
      .map((k) => k.slice(6))
      .slice(0, 300);
    return codes.map((code) => ({
      code,
      value: formString(body, `value_${code}`),
      comment: formString(body, `comment_${code}`),
      evidenceText: formString(body, `evidence_${code}`),
    }));
  }

  async function renderSheetAfterError(req: FastifyRequest, reply: FastifyReply, unitCode: string, period: string, err: AppError, posted: ReturnType<typeof entriesFrom>) {
    const { view } = await sheetView(req.principal!, unitCode, period);
    const byCode = new Map(posted.map((e) => [e.code, e]));
    view.rows = view.rows.map((r) => {
      const e = byCode.get(r.code);
      return e ? { ...r, value: e.value, comment: e.comment, evidenceText: e.evidenceText } : r;
    });
    return sendPage(
      req,
      reply,
      { title: t('indicator.report.title'), wide: true, status: err.status },
      <ReportSheetPage view={view} csrfToken={req.csrfToken} errors={err.fields ?? null} message={err.fields ? null : err.message} />,
    );
  }

  app.post('/indicators/report', { schema: { hide: true, querystring: reportQuery }, preValidation: needsViewer }, async (req, reply) => {
    const p = req.principal!;
    const unitCode = (req.query.unit ?? '').trim();
    const period = (req.query.period ?? '').trim();
    const entries = entriesFrom(req.body);
    const action = formString(req.body, 'action');
    let submitted: Awaited<ReturnType<typeof submitIndicatorPeriod>> | null = null;
    try {
      if (entries.length) await recordIndicatorValues(db, { unitCode, period, entries }, { principal: p, actor: actorOf(req) });
      if (action === 'submit') submitted = await submitIndicatorPeriod(db, unitCode, period, { principal: p, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderSheetAfterError(req, reply, unitCode, period, err, entries);
    }
    if (submitted) await publish('indicator.period.submitted', submitted.unit, submitted.submission.period);
    setFlash(reply, submitted ? 'indicator.report.submitted' : 'indicator.report.saved');
    return reply.redirect(`/indicators/report?unit=${encodeURIComponent(unitCode)}&period=${encodeURIComponent(period)}`, 303);
  });

  async function entryRow(p: Principal, unitCode: string, period: string, code: string) {
    const { view, unit } = await sheetView(p, unitCode, period);
    const row = view.rows.find((r) => r.code === code);
    if (!unit || !row) throw AppError.of('NOT_FOUND', 'indicator.error.notFound', { code: code.slice(0, 60) });
    return { view, unit, row };
  }

  app.get('/indicators/report/entry', { schema: { hide: true, querystring: reportQuery }, preValidation: needsViewer }, async (req, reply) => {
    const { view, unit, row } = await entryRow(req.principal!, req.query.unit ?? '', req.query.period ?? '', req.query.code ?? '');
    if (view.locked) throw AppError.of('CONFLICT', 'indicator.error.periodLocked', { period: view.period, unit: unit.name });
    return sendPage(
      req,
      reply,
      { title: t('indicator.report.entryTitle', { code: row.code }) },
      <ReportEntryPage unitCode={unit.code} unitName={unit.name} period={view.period} row={row} csrfToken={req.csrfToken} />,
    );
  });

  await app.register(async (scoped) => {
    scoped.addHook('onRequest', needsReporter);
    await enableMultipart(scoped);
    (scoped as unknown as TypedApp).post('/indicators/report/entry', { schema: { hide: true, querystring: reportQuery } }, async (req, reply) => {
      const p = req.principal!;
      const code = req.query.code ?? '';
      const { view, unit, row } = await entryRow(p, req.query.unit ?? '', req.query.period ?? '', code);
      const entry = { code, value: formString(req.body, `value_${code}`), comment: formString(req.body, `comment_${code}`), evidenceText: formString(req.body, `evidence_${code}`) };
      const files = (req.uploads ?? []).filter((u) => u.fieldName === `file_${code}`).slice(0, 1).map((upload) => ({ code, upload }));
      try {
        await recordIndicatorValues(db, { unitCode: unit.code, period: view.period, entries: [entry] }, { principal: p, actor: actorOf(req), dataDir, files });
      } catch (err) {
        if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
        return sendPage(
          req,
          reply,
          { title: t('indicator.report.entryTitle', { code }), status: err.status },
          <ReportEntryPage
            unitCode={unit.code}
            unitName={unit.name}
            period={view.period}
            row={{ ...row, value: entry.value, comment: entry.comment, evidenceText: entry.evidenceText }}
            csrfToken={req.csrfToken}
            errors={err.fields ?? null}
            message={err.fields ? null : err.message}
          />,
        );
      }
      setFlash(reply, 'indicator.report.saved');
      return reply.redirect(`/indicators/report?unit=${encodeURIComponent(unit.code)}&period=${encodeURIComponent(view.period)}`, 303);
    });
  });

  app.get(
    '/indicators/evidence/:unitCode/:period/:code',
    { schema: { hide: true, params: periodParams.extend({ code: z.string().min(1).max(60) }) }, preValidation: needsViewer },
    async (req, reply) => {
      const unit = await findUnitByCode(db, req.params.unitCode);
      if (!unit) throw AppError.of('NOT_FOUND', 'files.notFound');
      if (!canSeeUnitValues(req.principal!, unit.path)) throw AppError.of('FORBIDDEN', 'error.forbidden');
      const row = (await periodValues(db, unit.id, req.params.period)).find((r) => r.code === req.params.code);
      if (!row?.evidenceFileId) throw AppError.of('NOT_FOUND', 'files.notFound');
      const file = await findStoredFile(db, row.evidenceFileId);
      const filePath = file ? pathForHash(dataDir, file.hash) : '';
      if (!file || !fs.existsSync(filePath)) throw AppError.of('NOT_FOUND', 'files.notFound');
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', String(file.size))
        .header('content-disposition', attachmentHeader(row.evidenceFileName ?? 'minh-chung'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(filePath));
    },
  );

  // --- approval ---------------------------------------------------------------------------------------

  async function renderApprovals(req: FastifyRequest, reply: FastifyReply, opts: { status?: number; message?: string | null; errors?: Record<string, string> | null } = {}) {
    const p = req.principal!;
    const rows = (await approvalQueue(db, approvalRoots(p)))
      .filter((r) => canApproveIndicatorPeriod(p, r.unitPath))
      .map((r) => ({ ...r, valueCount: Number(r.valueCount), canDecide: true }));
    return sendPage(
      req,
      reply,
      { title: t('indicator.approvals.title'), wide: true, status: opts.status },
      <ApprovalsPage rows={rows} csrfToken={req.csrfToken} errors={opts.errors} message={opts.message} formatDate={(d) => (d ? formatDateTime(d) : '')} />,
    );
  }

  app.get('/indicators/approvals', { schema: { hide: true }, preValidation: needsViewer }, async (req, reply) => renderApprovals(req, reply));

  app.get('/indicators/approvals/:unitCode/:period', { schema: { hide: true, params: periodParams }, preValidation: needsViewer }, async (req, reply) => {
    const p = req.principal!;
    const parsed = checkPeriod(req.params.period);
    const unit = await findUnitByCode(db, req.params.unitCode);
    if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code: req.params.unitCode });
    if (!canSeeUnitValues(p, unit.path) && !canApproveIndicatorPeriod(p, unit.path)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const sub = await findSubmission(db, unit.id, parsed.key);
    const rows = (await periodValues(db, unit.id, parsed.key)).map((r) => ({ ...r, value: String(r.value) }));
    return sendPage(
      req,
      reply,
      { title: t('indicator.approvals.title'), wide: true },
      <PeriodDetailPage unitName={unit.name} unitCode={unit.code} period={parsed.key} status={sub?.status ?? null} rows={rows} />,
    );
  });

  app.post('/indicators/approvals/:unitCode/:period/approve', { schema: { hide: true, params: periodParams }, preValidation: needsApprover }, async (req, reply) => {
    try {
      const { unit, submission } = await approveIndicatorPeriod(db, req.params.unitCode, req.params.period, { principal: req.principal!, actor: actorOf(req) });
      await publish('indicator.period.approved', unit, submission.period);
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND'].includes(err.code)) throw err;
      return renderApprovals(req, reply, { status: err.status, message: err.message });
    }
    setFlash(reply, 'indicator.approvals.approved');
    return reply.redirect('/indicators/approvals', 303);
  });

  app.post('/indicators/approvals/:unitCode/:period/return', { schema: { hide: true, params: periodParams }, preValidation: needsApprover }, async (req, reply) => {
    try {
      const { unit, submission } = await returnIndicatorPeriod(
        db,
        req.params.unitCode,
        req.params.period,
        { message: formString(req.body, 'message') },
        { principal: req.principal!, actor: actorOf(req) },
      );
      await publish('indicator.period.returned', unit, submission.period);
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND'].includes(err.code)) throw err;
      return renderApprovals(req, reply, { status: err.status, message: err.fields ? Object.values(err.fields).join(' ') : err.message });
    }
    setFlash(reply, 'indicator.approvals.returned');
    return reply.redirect('/indicators/approvals', 303);
  });

  // --- API ---------------------------------------------------------------------------------------------

  const apiListQuery = z.object({
    q: z.string().max(200).optional().describe('search text, with or without diacritics'),
    kind: z.enum(INDICATOR_KINDS).optional(),
    source: z.enum(['NQ57', 'NQ03', 'LOCAL']).optional(),
    group: z.string().regex(/^\d{4}$/).optional().describe('horizon year, e.g. 2030'),
    frequency: z.enum(FREQUENCIES).optional(),
    limit: limitParam(API_MAX_LIMIT),
    cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('`nextCursor` of the previous page'),
  });

  app.get(
    '/api/v1/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'The indicator catalogue, filtered and keyset-paged',
        querystring: apiListQuery,
        response: { 200: z.object({ items: z.array(indicatorSummaryOut), nextCursor: z.string().nullable() }) },
      },
      preValidation: needsViewer,
    },
    async (req) => {
      const { limit, cursor, ...filters } = req.query;
      const tag = listingTag('ind', filters);
      const after = cursor ? Number(decodeCursor(cursor, tag, ['int'])[0]) : undefined;
      const rows = await listIndicators(db, { ...filters, limit, after });
      const page = rows.slice(0, limit);
      return { items: page.map(presentSummary), nextCursor: rows.length > limit ? encodeCursor(tag, [page[page.length - 1].sortKey]) : null };
    },
  );

  app.get(
    '/api/v1/indicators/:code',
    {
      schema: { tags: ['indicators'], summary: 'One indicator: definition, national targets, status, latest confidence', params: codeParams, response: { 200: indicatorDetailOut } },
      preValidation: needsViewer,
    },
    async (req) => {
      const ind = await loadIndicator(req.params.code);
      const root = await rootUnit(db);
      const parent = ind.parentId ? await findIndicatorById(db, ind.parentId) : null;
      const responsible = ind.responsibleUnitId ? await findUnitById(db, ind.responsibleUnitId) : null;
      const [latest] = await confidenceHistory(db, ind.id, null, 1);
      return {
        ...presentSummary({ ...ind, parentCode: parent?.code ?? null }),
        nameEn: ind.nameEn,
        definition: ind.definition,
        dataSource: ind.dataSource,
        targetText: ind.targetText,
        baselineValue: num(ind.baselineValue),
        baselinePeriod: ind.baselinePeriod,
        responsibleUnitCode: responsible?.code ?? null,
        weight: Number(ind.weight),
        onTrackRatio: Number(ind.onTrackRatio),
        atRiskRatio: Number(ind.atRiskRatio),
        targets: (root ? await targetsOf(db, ind.id, root.id) : []).map((x) => ({ period: x.period, value: Number(x.value), note: x.note })),
        status: presentStatus(await indicatorStatus(db, ind)),
        confidence: latest ? { level: latest.level, reason: latest.reason, unitCode: latest.unitCode, createdAt: latest.createdAt.toISOString() } : null,
      };
    },
  );

  app.get(
    '/api/v1/indicators/:code/values',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Values of one period: reported by units and rolled up the tree, with status',
        description: 'Only units inside the caller’s scope. `unit` limits the answer to that unit’s subtree. `approvedOnly=true` counts only approved periods.',
        params: codeParams,
        querystring: z.object({
          period: z.string().max(20),
          unit: z.string().max(40).optional(),
          approvedOnly: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ code: z.string(), period: z.string(), items: z.array(unitValueOut) }) },
      },
      preValidation: needsViewer,
    },
    async (req) => {
      const p = req.principal!;
      const ind = await loadIndicator(req.params.code);
      const period = checkPeriod(req.query.period).key;
      let rootPath: string | undefined;
      if (req.query.unit) {
        const unit = await findUnitByCode(db, req.query.unit);
        if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code: req.query.unit });
        if (!canSeeUnitValues(p, unit.path)) throw AppError.of('FORBIDDEN', 'error.forbidden');
        rootPath = unit.path;
      }
      const approvedOnly = req.query.approvedOnly === 'true';
      const values = await aggregateIndicator(db, { indicatorId: ind.id, period, rootPath, approvedOnly });
      const reported = new Map((await unitValues(db, ind.id, period, indicatorViewRoots(p))).map((r) => [r.unitId, r]));
      const units = (await unitsByIds(db, [...values.keys()])).filter((u) => canSeeUnitValues(p, u.path)).sort((a, b) => a.level - b.level || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
      const root = await rootUnit(db);
      const targets = await targetsForPeriod(db, ind.id, period);
      return {
        code: ind.code,
        period,
        items: units.slice(0, 5000).map((u) => {
          const value = values.get(u.id)!;
          const own = reported.get(u.id);
          const isOwn = !!own && (!approvedOnly || own.status === 'approved');
          const target = targets.get(u.id) ?? (ind.aggregation !== 'sum' && root ? (targets.get(root.id) ?? null) : null);
          return {
            unitCode: u.code,
            unitName: u.name,
            value,
            source: isOwn ? ('reported' as const) : ('aggregated' as const),
            approval: isOwn ? (own.status ?? null) : null,
            comment: isOwn ? own.comment : null,
            evidenceText: isOwn ? own.evidenceText : null,
            target,
            ...statusOf(ind, value, target),
          };
        }),
      };
    },
  );

  app.put(
    '/api/v1/indicators/:code/values',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Enter (or clear, with value null) a unit’s value for a period, as a draft',
        description: 'Needs indicator.report over the unit; refused (409) while the unit’s period is submitted or approved.',
        params: codeParams,
        body: z.object({
          unitCode: z.string().max(40),
          period: z.string().max(20),
          value: z.union([z.number(), z.string().max(40), z.null()]),
          comment: z.string().max(2000).optional(),
          evidenceText: z.string().max(1000).optional(),
        }),
        response: { 200: z.object({ code: z.string(), unitCode: z.string(), period: z.string(), value: z.number().nullable(), submission: submissionOut }) },
      },
      preValidation: needsReporter,
    },
    async (req) => {
      const ind = await loadIndicator(req.params.code);
      const b = req.body;
      const { unit, period, submission } = await recordIndicatorValues(
        db,
        { unitCode: b.unitCode, period: b.period, entries: [{ code: ind.code, value: b.value, comment: b.comment, evidenceText: b.evidenceText }] },
        { principal: req.principal!, actor: actorOf(req) },
      );
      const [row] = (await periodValues(db, unit.id, period)).filter((r) => r.code === ind.code);
      const sub = (await findSubmission(db, unit.id, period)) ?? submission;
      return { code: ind.code, unitCode: unit.code, period, value: row ? Number(row.value) : null, submission: presentSubmission(unit.code, sub) };
    },
  );

  const decisionSchema = (summary: string, preValidation: (req: FastifyRequest) => Promise<void>, body?: z.ZodType) => ({
    schema: {
      tags: ['indicators'],
      summary,
      params: periodParams,
      ...(body ? { body } : {}),
      response: { 200: submissionOut },
    },
    preValidation,
  });

  app.post('/api/v1/indicator-periods/:unitCode/:period/submit', decisionSchema('Send a unit’s period of values up for approval (locks them)', needsReporter), async (req) => {
    const { unit, submission } = await submitIndicatorPeriod(db, req.params.unitCode, req.params.period, { principal: req.principal!, actor: actorOf(req) });
    await publish('indicator.period.submitted', unit, submission.period);
    return presentSubmission(unit.code, submission);
  });

  app.post(
    '/api/v1/indicator-periods/:unitCode/:period/approve',
    decisionSchema('Approve a submitted period (the approver sits strictly above the unit; every participating unit below must be approved first)', needsApprover),
    async (req) => {
      const { unit, submission } = await approveIndicatorPeriod(db, req.params.unitCode, req.params.period, { principal: req.principal!, actor: actorOf(req) });
      await publish('indicator.period.approved', unit, submission.period);
      return presentSubmission(unit.code, submission);
    },
  );

  app.post(
    '/api/v1/indicator-periods/:unitCode/:period/return',
    decisionSchema('Return a submitted period with a message saying what to correct (unlocks it)', needsApprover, z.object({ message: z.string().max(5000).optional() })),
    async (req) => {
      const body = (req.body ?? {}) as { message?: string };
      const { unit, submission } = await returnIndicatorPeriod(db, req.params.unitCode, req.params.period, { message: body.message ?? '' }, { principal: req.principal!, actor: actorOf(req) });
      await publish('indicator.period.returned', unit, submission.period);
      return presentSubmission(unit.code, submission);
    },
  );

  app.put(
    '/api/v1/indicators/:code/targets',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Set targets per period (national unless unitCode is given); value null removes one',
        params: codeParams,
        body: setIndicatorTargetsInput,
        response: { 200: z.object({ code: z.string(), unitCode: z.string(), targets: z.array(z.object({ period: z.string(), value: z.number(), note: z.string().nullable() })) }) },
      },
      preValidation: needsManager,
    },
    async (req) => {
      const { indicator: ind, unit } = await setIndicatorTargets(db, req.params.code, req.body as never, { principal: req.principal!, actor: actorOf(req) });
      const targets = await targetsOf(db, ind.id, unit.id);
      return { code: ind.code, unitCode: unit.code, targets: targets.map((x) => ({ period: x.period, value: Number(x.value), note: x.note })) };
    },
  );

  app.post(
    '/api/v1/indicators/:code/confidence',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Rate delivery confidence (1 very low … 5 very high) with a reason, at a unit (national by default)',
        params: codeParams,
        body: rateIndicatorConfidenceInput,
        response: { 201: z.object({ code: z.string(), unitCode: z.string(), level: z.number(), reason: z.string(), createdAt: z.string() }) },
      },
      preValidation: needsRater,
    },
    async (req, reply) => {
      const { indicator: ind, unit, rating } = await rateIndicatorConfidence(db, req.params.code, req.body as never, { principal: req.principal!, actor: actorOf(req) });
      return reply.status(201).send({ code: ind.code, unitCode: unit.code, level: rating.level, reason: rating.reason, createdAt: rating.createdAt.toISOString() });
    },
  );
}
