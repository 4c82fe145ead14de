/**
 * Checklist indicators: the national and provincial roll-up pages (with CSV), the self-assessment
 * and confirmation forms, the configuration page, and the JSON API. Routes parse, ask policies.ts,
 * call a use-case or a query, and render.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findUnitByCode, findUnitById } from '../../org/queries';
import type { Principal } from '../../org/policies';
import { hcmDate } from '../../monitoring/dates';
import type { AppContext } from '../../platform/context';
import { AppError, type FieldErrors, forbidden, validationFailed } from '../../platform/errors';
import { attachmentHeader } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, needs, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { csvDocument } from '../exchange/csv-format';
import { lockedUnits } from '../period-lock';
import { isPeriodKey, periodKeyOf, periodLabel, shiftPeriod } from '../periods';
import { CHECKLIST_COLOURS, percent, unitChecklistState } from './colour';
import { confirmChecklist, confirmationInput } from './confirm-checklist';
import { loadChecklistTarget } from './load-target';
import { canAssess, canConfirm, canManageChecklists, canReadChecklists, canReadUnit, checklistReadRoots } from './policies';
import { type ChecklistDef, findChecklist, latestAnsweredPeriod, listChecklists, provinceSummaries, unitAnswers, unitStatuses } from './queries';
import { saveSelfAssessment, selfAnswerInput } from './save-self-assessment';
import { updateChecklist } from './update-checklist';
import { AssessPage, type AssessValue, answersToValues } from './views/assess-page';
import { colourLabel } from './views/common';
import { ConfirmPage, type ConfirmValue, confirmationsToValues } from './views/confirm-page';
import { ChecklistIndexPage } from './views/index-page';
import { ManagePage, type ManageValues, checklistToManageValues } from './views/manage-page';
import { NationalPage } from './views/national-page';
import { UnitsPage } from './views/units-page';

const codeParams = z.object({ code: z.string().min(1).max(60) });
const periodQuery = z.object({ period: z.string().max(20).optional() });
const unitsQuery = z.object({ parent: z.string().max(60).optional(), period: z.string().max(20).optional() });
const targetQuery = z.object({ unit: z.string().max(60).default(''), period: z.string().max(20).default('') });

const colourOut = z.enum(CHECKLIST_COLOURS).nullable();
const checklistOut = z.object({
  code: z.string(),
  name: z.string(),
  frequency: z.string(),
  greenRatio: z.number(),
  yellowRatio: z.number(),
  criteria: z.array(z.object({ code: z.string(), name: z.string(), description: z.string().nullable() })),
});
const unitOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  colour: colourOut,
  met: z.number().int(),
  answered: z.number().int(),
  total: z.number().int(),
  confirmed: z.boolean(),
  lastAssessedAt: z.string().nullable(),
});
const provinceOut = z.object({
  code: z.string(),
  name: z.string(),
  units: z.number().int(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  notAssessed: z.number().int(),
  confirmed: z.number().int(),
  greenShare: z.number(),
  yellowShare: z.number(),
  redShare: z.number(),
  notAssessedShare: z.number(),
});
const answerOut = z.object({
  criterion: z.string(),
  selfMet: z.boolean(),
  comment: z.string().nullable(),
  evidence: z.string().nullable(),
  confirmedMet: z.boolean().nullable(),
  confirmComment: z.string().nullable(),
});
const unitAnswersOut = z.object({
  checklist: z.string(),
  unit: z.string(),
  period: z.string(),
  colour: colourOut,
  met: z.number().int(),
  total: z.number().int(),
  confirmed: z.boolean(),
  answers: z.array(answerOut),
});
const putAnswersBody = z.object({ unit: z.string().min(1).max(60), period: z.string().min(1).max(20), answers: z.array(selfAnswerInput).max(200) });
const confirmBody = z.object({ unit: z.string().min(1).max(60), period: z.string().min(1).max(20), confirmations: z.array(confirmationInput).max(200) });

function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

/** The quarter of today and the seven before it, newest first. */
function recentPeriods(frequency: ChecklistDef['frequency']): string[] {
  const now = periodKeyOf(frequency, hcmDate(new Date()));
  return Array.from({ length: 8 }, (_, i) => shiftPeriod(now, -i));
}

async function chosenPeriod(ctx: AppContext, checklist: ChecklistDef, raw: string | undefined): Promise<string> {
  const p = (raw ?? '').trim();
  if (p) {
    if (!isPeriodKey(p, checklist.frequency)) throw validationFailed({ period: t('checklist.badPeriod', { period: p }) });
    return p;
  }
  return (await latestAnsweredPeriod(ctx.db, checklist)) ?? periodKeyOf(checklist.frequency, hcmDate(new Date()));
}

async function requireChecklist(ctx: AppContext, code: string): Promise<ChecklistDef> {
  const c = await findChecklist(ctx.db, code);
  if (!c) throw AppError.of('NOT_FOUND', 'checklist.notFound', { code });
  return c;
}

function requireReader(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!canReadChecklists(p)) throw forbidden();
  return p;
}

async function loadParent(ctx: AppContext, p: Principal, code: string | undefined) {
  const parentCode = (code ?? '').trim();
  const parent = parentCode ? await findUnitByCode(ctx.db, parentCode) : null;
  if (!parent) throw validationFailed({ parent: t('checklist.badParent', { code: parentCode || '—' }) });
  if (!canReadUnit(p, parent.path)) throw forbidden();
  return parent;
}

function csvReply(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', attachmentHeader(name))
    .header('cache-control', 'private, no-store')
    .send(body);
}

function apiChecklist(c: ChecklistDef) {
  return {
    code: c.code,
    name: c.name,
    frequency: c.frequency,
    greenRatio: c.greenRatio,
    yellowRatio: c.yellowRatio,
    criteria: c.criteria.map((x) => ({ code: x.code, name: x.name, description: x.description })),
  };
}

// writes ask for their permission before the body or the query is validated; the unit is checked below
const needsReporter = needs('indicator.report');
const needsApprover = needs('indicator.approve');
const needsManager = needs('indicator.manage');

export async function registerChecklistRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  // ---------- pages ----------
  app.get('/checklists', { schema: { hide: true } }, async (req, reply) => {
    const p = requireReader(req);
    const checklists = await listChecklists(db);
    return sendPage(req, reply, { title: t('checklist.title') }, <ChecklistIndexPage checklists={checklists} canManage={canManageChecklists(p)} />);
  });

  app.get('/checklists/:code', { schema: { hide: true, params: codeParams, querystring: periodQuery } }, async (req, reply) => {
    const p = requireReader(req);
    const checklist = await requireChecklist(ctx, req.params.code);
    const period = await chosenPeriod(ctx, checklist, req.query.period);
    const rows = await provinceSummaries(db, checklist, period, checklistReadRoots(p));
    return sendPage(
      req,
      reply,
      { title: t('checklist.national.title', { name: checklist.name }), wide: true },
      <NationalPage checklist={checklist} period={period} periods={recentPeriods(checklist.frequency)} rows={rows} canManage={canManageChecklists(p)} />,
    );
  });

  app.get('/checklists/:code/provinces.csv', { schema: { hide: true, params: codeParams, querystring: periodQuery } }, async (req, reply) => {
    const p = requireReader(req);
    const checklist = await requireChecklist(ctx, req.params.code);
    const period = await chosenPeriod(ctx, checklist, req.query.period);
    const rows = await provinceSummaries(db, checklist, period, checklistReadRoots(p));
    const body = csvDocument(
      ['ma_tinh', 'ten_tinh', 'ky', 'so_xa', 'xanh', 'vang', 'do', 'chua_danh_gia', 'da_xac_nhan', 'ty_le_xanh_pct', 'ty_le_vang_pct', 'ty_le_do_pct', 'ty_le_chua_danh_gia_pct'],
      rows.map((r) => [r.code, r.name, period, r.units, r.green, r.yellow, r.red, r.notAssessed, r.confirmed, percent(r.green, r.units), percent(r.yellow, r.units), percent(r.red, r.units), percent(r.notAssessed, r.units)]),
    );
    return csvReply(reply, `${checklist.code}-tinh-${period}.csv`, body);
  });

  async function unitRows(p: Principal, checklist: ChecklistDef, parentId: string, period: string) {
    const rows = await unitStatuses(db, checklist, parentId, period);
    return rows.map((r) => ({ ...r, canAssess: canAssess(p, r.path), canConfirm: canConfirm(p, r.path) }));
  }

  app.get('/checklists/:code/units', { schema: { hide: true, params: codeParams, querystring: unitsQuery } }, async (req, reply) => {
    const p = requireReader(req);
    const checklist = await requireChecklist(ctx, req.params.code);
    const parent = await loadParent(ctx, p, req.query.parent);
    const period = await chosenPeriod(ctx, checklist, req.query.period);
    const rows = await unitRows(p, checklist, parent.id, period);
    return sendPage(
      req,
      reply,
      { title: t('checklist.units.title', { name: checklist.name, parent: parent.name }), wide: true },
      <UnitsPage checklist={checklist} parent={parent} period={period} periods={recentPeriods(checklist.frequency)} rows={rows} showNationalLink={true} />,
    );
  });

  app.get('/checklists/:code/units.csv', { schema: { hide: true, params: codeParams, querystring: unitsQuery } }, async (req, reply) => {
    const p = requireReader(req);
    const checklist = await requireChecklist(ctx, req.params.code);
    const parent = await loadParent(ctx, p, req.query.parent);
    const period = await chosenPeriod(ctx, checklist, req.query.period);
    const rows = await unitStatuses(db, checklist, parent.id, period);
    const body = csvDocument(
      ['ma_don_vi', 'ten_don_vi', 'ky', 'mau', 'so_dieu_kien_dat', 'tong_so_dieu_kien', 'xac_nhan'],
      rows.map((r) => [
        r.code,
        r.name,
        period,
        colourLabel(r.colour),
        r.answered ? r.met : null,
        r.total,
        r.answered ? (r.confirmed ? t('checklist.state.confirmed') : t('checklist.state.unconfirmed')) : null,
      ]),
    );
    return csvReply(reply, `${checklist.code}-${parent.code}-${period}.csv`, body);
  });

  // ---------- self-assessment ----------
  async function renderAssess(
    req: FastifyRequest,
    reply: FastifyReply,
    target: Awaited<ReturnType<typeof loadChecklistTarget>>,
    opts: { values?: Record<string, AssessValue>; errors?: FieldErrors | null; message?: string | null; status?: number } = {},
  ) {
    const { checklist, unit, period } = target;
    const answers = await unitAnswers(db, checklist, unit.id, period);
    const locked = (await lockedUnits(db, [unit.id], period)).size > 0;
    const state = unitChecklistState([...answers.values()], checklist.criteria.length, checklist.greenRatio, checklist.yellowRatio);
    return sendPage(
      req,
      reply,
      { title: t('checklist.assess.title', { unit: unit.name, period: periodLabel(period) }), status: opts.status },
      <AssessPage
        checklist={checklist}
        unit={unit}
        period={period}
        values={opts.values ?? answersToValues(checklist, answers)}
        answers={answers}
        state={state}
        locked={locked}
        errors={opts.errors}
        message={opts.message}
        csrfToken={req.csrfToken}
      />,
    );
  }

  app.get('/checklists/:code/assess', { schema: { hide: true, params: codeParams, querystring: targetQuery }, preValidation: needsReporter }, async (req, reply) => {
    const p = req.principal!;
    const target = await loadChecklistTarget(db, req.params.code, req.query.unit, req.query.period);
    if (!canAssess(p, target.unit.path)) throw forbidden();
    return renderAssess(req, reply, target);
  });

  app.post('/checklists/:code/assess', { schema: { hide: true, params: codeParams, querystring: targetQuery }, preValidation: needsReporter }, async (req, reply) => {
    const p = req.principal!;
    const target = await loadChecklistTarget(db, req.params.code, req.query.unit, req.query.period);
    if (!canAssess(p, target.unit.path)) throw forbidden();
    const values: Record<string, AssessValue> = {};
    const answers = [];
    for (const c of target.checklist.criteria) {
      const met = formValue(req.body, `met-${c.code}`);
      const v: AssessValue = { met: met === 'yes' || met === 'no' ? met : '', comment: formValue(req.body, `comment-${c.code}`), evidence: formValue(req.body, `evidence-${c.code}`) };
      values[c.code] = v;
      if (v.met) answers.push({ criterion: c.code, met: v.met === 'yes', comment: v.comment, evidence: v.evidence });
    }
    try {
      await saveSelfAssessment(db, { code: target.checklist.code, unitCode: target.unit.code, period: target.period, answers }, { principal: p, actor: actorOf(req) });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) {
        return renderAssess(req, reply, target, { values, errors: err.fields ?? null, message: err.code === 'CONFLICT' ? err.message : null, status: err.status });
      }
      throw err;
    }
    setFlash(reply, 'checklist.assess.saved');
    return reply.redirect(`/checklists/${encodeURIComponent(target.checklist.code)}/assess?unit=${encodeURIComponent(target.unit.code)}&period=${encodeURIComponent(target.period)}`, 303);
  });

  // ---------- confirmation ----------
  async function renderConfirm(
    req: FastifyRequest,
    reply: FastifyReply,
    target: Awaited<ReturnType<typeof loadChecklistTarget>>,
    opts: { values?: Record<string, ConfirmValue>; errors?: FieldErrors | null; message?: string | null; status?: number } = {},
  ) {
    const { checklist, unit, period } = target;
    const answers = await unitAnswers(db, checklist, unit.id, period);
    const state = unitChecklistState([...answers.values()], checklist.criteria.length, checklist.greenRatio, checklist.yellowRatio);
    return sendPage(
      req,
      reply,
      { title: t('checklist.confirm.title', { unit: unit.name, period: periodLabel(period) }), status: opts.status },
      <ConfirmPage
        checklist={checklist}
        unit={unit}
        period={period}
        answers={answers}
        values={opts.values ?? confirmationsToValues(checklist, answers)}
        state={state}
        errors={opts.errors}
        message={opts.message}
        csrfToken={req.csrfToken}
      />,
    );
  }

  app.get('/checklists/:code/confirm', { schema: { hide: true, params: codeParams, querystring: targetQuery }, preValidation: needsApprover }, async (req, reply) => {
    const p = req.principal!;
    const target = await loadChecklistTarget(db, req.params.code, req.query.unit, req.query.period);
    if (!canConfirm(p, target.unit.path)) throw forbidden();
    return renderConfirm(req, reply, target);
  });

  app.post('/checklists/:code/confirm', { schema: { hide: true, params: codeParams, querystring: targetQuery }, preValidation: needsApprover }, async (req, reply) => {
    const p = req.principal!;
    const target = await loadChecklistTarget(db, req.params.code, req.query.unit, req.query.period);
    if (!canConfirm(p, target.unit.path)) throw forbidden();
    const answers = await unitAnswers(db, target.checklist, target.unit.id, target.period);
    const values: Record<string, ConfirmValue> = {};
    const confirmations = [];
    for (const c of target.checklist.criteria) {
      if (!answers.has(c.id)) continue;
      const met = formValue(req.body, `met-${c.code}`);
      const v: ConfirmValue = { met: met === 'yes' || met === 'no' ? met : '', comment: formValue(req.body, `comment-${c.code}`) };
      values[c.code] = v;
      if (v.met) confirmations.push({ criterion: c.code, met: v.met === 'yes', comment: v.comment });
    }
    try {
      await confirmChecklist(db, { code: target.checklist.code, unitCode: target.unit.code, period: target.period, confirmations }, { principal: p, actor: actorOf(req) });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) {
        return renderConfirm(req, reply, target, { values, errors: err.fields ?? null, message: err.code === 'CONFLICT' ? err.message : null, status: err.status });
      }
      throw err;
    }
    setFlash(reply, 'checklist.confirm.saved');
    const parentCode = target.unit.parentId ? await findUnitById(db, target.unit.parentId) : null;
    return reply.redirect(
      parentCode
        ? `/checklists/${encodeURIComponent(target.checklist.code)}/units?parent=${encodeURIComponent(parentCode.code)}&period=${encodeURIComponent(target.period)}`
        : `/checklists/${encodeURIComponent(target.checklist.code)}`,
      303,
    );
  });

  // ---------- configuration ----------
  app.get('/checklists/:code/manage', { schema: { hide: true, params: codeParams } }, async (req, reply) => {
    const p = requirePrincipal(req);
    if (!canManageChecklists(p)) throw forbidden();
    const checklist = await requireChecklist(ctx, req.params.code);
    return sendPage(req, reply, { title: t('checklist.manage.title', { name: checklist.name }) }, <ManagePage checklist={checklist} values={checklistToManageValues(checklist)} csrfToken={req.csrfToken} />);
  });

  app.post('/checklists/:code/manage', { schema: { hide: true, params: codeParams }, preValidation: needsManager }, async (req, reply) => {
    const p = req.principal!;
    const checklist = await requireChecklist(ctx, req.params.code);
    const values: ManageValues = {
      greenRatio: formValue(req.body, 'greenRatio'),
      yellowRatio: formValue(req.body, 'yellowRatio'),
      criteria: Object.fromEntries(checklist.criteria.map((c) => [c.code, { name: formValue(req.body, `c-${c.code}`), description: formValue(req.body, `d-${c.code}`) }])),
      newName: formValue(req.body, 'newName'),
      newDescription: formValue(req.body, 'newDescription'),
    };
    try {
      await updateChecklist(
        db,
        checklist.code,
        {
          greenRatio: values.greenRatio,
          yellowRatio: values.yellowRatio,
          criteria: Object.entries(values.criteria).map(([code, v]) => ({ code, name: v.name, description: v.description })),
          newCriterion: values.newName.trim() ? { name: values.newName, description: values.newDescription } : null,
        },
        { principal: p, actor: actorOf(req) },
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
        return sendPage(req, reply, { title: t('checklist.manage.title', { name: checklist.name }), status: 400 }, <ManagePage checklist={checklist} values={values} errors={err.fields} csrfToken={req.csrfToken} />);
      }
      throw err;
    }
    setFlash(reply, 'checklist.manage.saved');
    return reply.redirect(`/checklists/${encodeURIComponent(checklist.code)}/manage`, 303);
  });

  // ---------- API ----------
  app.get(
    '/api/v1/checklists',
    { schema: { tags: ['indicators'], summary: 'Checklist indicators with their criteria and thresholds', response: { 200: z.object({ items: z.array(checklistOut) }) } } },
    async (req) => {
      requireReader(req);
      return { items: (await listChecklists(db)).map(apiChecklist) };
    },
  );

  app.get(
    '/api/v1/checklists/:code/units',
    {
      schema: {
        tags: ['indicators'],
        summary: 'The communes under a unit with their checklist colour for a period',
        description: 'Colour from confirmed answers where confirmed, self-assessed otherwise (`confirmed` false). `period` defaults to the latest assessed one.',
        params: codeParams,
        querystring: unitsQuery,
        response: { 200: z.object({ checklist: z.string(), parent: z.string(), period: z.string(), units: z.number().int(), green: z.number().int(), greenShare: z.number(), items: z.array(unitOut) }) },
      },
    },
    async (req) => {
      const p = requireReader(req);
      const checklist = await requireChecklist(ctx, req.params.code);
      const parent = await loadParent(ctx, p, req.query.parent);
      const period = await chosenPeriod(ctx, checklist, req.query.period);
      const rows = await unitStatuses(db, checklist, parent.id, period);
      const green = rows.filter((r) => r.colour === 'green').length;
      return {
        checklist: checklist.code,
        parent: parent.code,
        period,
        units: rows.length,
        green,
        greenShare: percent(green, rows.length),
        items: rows.map(({ unitId: _u, path: _p, ...r }) => r),
      };
    },
  );

  app.get(
    '/api/v1/checklists/:code/provinces',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Provinces with the share of their communes green, yellow, red and not assessed',
        params: codeParams,
        querystring: periodQuery,
        response: { 200: z.object({ checklist: z.string(), period: z.string(), items: z.array(provinceOut) }) },
      },
    },
    async (req) => {
      const p = requireReader(req);
      const checklist = await requireChecklist(ctx, req.params.code);
      const period = await chosenPeriod(ctx, checklist, req.query.period);
      const rows = await provinceSummaries(db, checklist, period, checklistReadRoots(p));
      return {
        checklist: checklist.code,
        period,
        items: rows.map(({ unitId: _u, ...r }) => ({
          ...r,
          greenShare: percent(r.green, r.units),
          yellowShare: percent(r.yellow, r.units),
          redShare: percent(r.red, r.units),
          notAssessedShare: percent(r.notAssessed, r.units),
        })),
      };
    },
  );

  async function answersPayload(target: Awaited<ReturnType<typeof loadChecklistTarget>>) {
    const { checklist, unit, period } = target;
    const answers = await unitAnswers(db, checklist, unit.id, period);
    const state = unitChecklistState([...answers.values()], checklist.criteria.length, checklist.greenRatio, checklist.yellowRatio);
    return {
      checklist: checklist.code,
      unit: unit.code,
      period,
      colour: state.colour,
      met: state.met,
      total: state.total,
      confirmed: state.confirmed,
      answers: checklist.criteria
        .filter((c) => answers.has(c.id))
        .map((c) => {
          const a = answers.get(c.id)!;
          return { criterion: c.code, selfMet: a.selfMet, comment: a.selfComment, evidence: a.evidenceText, confirmedMet: a.confirmedMet, confirmComment: a.confirmComment };
        }),
    };
  }

  app.get(
    '/api/v1/checklists/:code/answers',
    { schema: { tags: ['indicators'], summary: "One unit's answers for a period", params: codeParams, querystring: targetQuery, response: { 200: unitAnswersOut } } },
    async (req) => {
      const p = requireReader(req);
      const target = await loadChecklistTarget(db, req.params.code, req.query.unit, req.query.period);
      if (!canReadUnit(p, target.unit.path)) throw forbidden();
      return answersPayload(target);
    },
  );

  app.put(
    '/api/v1/checklists/:code/answers',
    {
      schema: {
        tags: ['indicators'],
        summary: "A commune's self-assessment for a period (every criterion, yes/no)",
        description: 'Refused (409) when the unit has submitted or had approved that period. A changed answer clears its confirmation.',
        params: codeParams,
        body: putAnswersBody,
        response: { 200: unitAnswersOut },
      },
      preValidation: needsReporter,
    },
    async (req) => {
      const p = req.principal!;
      const r = await saveSelfAssessment(db, { code: req.params.code, unitCode: req.body.unit, period: req.body.period, answers: req.body.answers }, { principal: p, actor: actorOf(req) });
      return answersPayload({ checklist: r.checklist, unit: r.unit, period: r.period });
    },
  );

  app.post(
    '/api/v1/checklists/:code/confirm',
    {
      schema: {
        tags: ['indicators'],
        summary: "The level above confirms a commune's answers (met / not met for each answered criterion)",
        description: 'Only with indicator.approve strictly above the unit.',
        params: codeParams,
        body: confirmBody,
        response: { 200: unitAnswersOut },
      },
      preValidation: needsApprover,
    },
    async (req) => {
      const p = req.principal!;
      const r = await confirmChecklist(db, { code: req.params.code, unitCode: req.body.unit, period: req.body.period, confirmations: req.body.confirmations }, { principal: p, actor: actorOf(req) });
      return answersPayload({ checklist: r.checklist, unit: r.unit, period: r.period });
    },
  );
}
