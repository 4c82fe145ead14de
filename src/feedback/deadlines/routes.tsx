/**
 * Deadline control pages and API: the overdue lists per agency (`/cases/overdue`,
 * `GET /api/v1/feedback/overdue`), the SLA settings (`/admin/feedback-sla`) and the working-day
 * calendar (`/admin/calendar`). Thin: parse, ask the policy, call a use-case or a query, render.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hcmDate } from '../../monitoring/dates';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from '../../org/cursor';
import type { Principal } from '../../org/policies';
import { findUnitByCode } from '../../org/queries';
import { limitParam, listingTag } from '../../org/routes';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { SUBMISSION_KINDS, type SubmissionKind } from '../schema';
import { statutoryHolidays } from './holidays';
import { type WorkingCalendar, loadWorkingCalendar } from './index';
import { canConfigureDeadlines, canSeeOverdue, canSeeUnforwarded, overdueRoots } from './policies';
import { markNoticesRead } from './mark-notices-read';
import {
  type OverdueRow,
  calendarOverrides,
  feedbackNoticesFor,
  listOverdueAssignments,
  listOverdueUnforwarded,
  listSla,
  overdueCountsByAgency,
  unreadFeedbackNotices,
} from './queries';
import { removeCalendarDay } from './remove-calendar-day';
import { setCalendarDay } from './set-calendar-day';
import { updateSla } from './update-sla';
import { type CalendarFormValues, CalendarPage } from './views/calendar-page';
import { NoticesPage } from './views/notices-page';
import { type AgencyGroupView, type OverdueCaseView, OverduePage } from './views/overdue-page';
import { type SlaFormValues, SlaPage } from './views/sla-page';

/** Cases shown on the page before asking the user to filter by unit. */
const PAGE_CASES = 500;
const API_MAX_LIMIT = 200;

const needsOverdue = async (req: FastifyRequest) => {
  if (!canSeeOverdue(requirePrincipal(req))) throw AppError.of('FORBIDDEN', 'error.forbidden');
};
const needsConfigure = async (req: FastifyRequest) => {
  if (!canConfigureDeadlines(requirePrincipal(req))) throw AppError.of('FORBIDDEN', 'error.forbidden');
};

const overdueItemOut = z.object({
  code: z.string(),
  title: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  assignmentStatus: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  answerDueOn: z.string().describe('YYYY-MM-DD, Asia/Ho_Chi_Minh'),
  daysLate: z.number().int().describe('working days past the deadline'),
});

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

export async function registerDeadlineRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  /** The unit filter: its path, or a 400 naming the unknown code. */
  async function unitPathOf(code: string | undefined): Promise<string | undefined> {
    if (!code) return undefined;
    const unit = await findUnitByCode(db, code);
    if (!unit) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { unit: t('deadlines.error.unitUnknown', { code }) });
    return unit.path;
  }

  const caseView = (cal: WorkingCalendar, today: string, r: { code: string; title: string; kind: SubmissionKind }, dueOn: string, statusLabel: string): OverdueCaseView => ({
    code: r.code,
    title: r.title,
    kind: r.kind,
    dueOn,
    daysLate: cal.workingDaysBetween(dueOn, today),
    statusLabel,
  });

  // --- overdue lists ----------------------------------------------------------------------------

  app.get(
    '/cases/overdue',
    { schema: { hide: true, querystring: z.object({ unit: z.string().max(40).optional() }) }, preValidation: needsOverdue },
    async (req, reply) => {
      const p = req.principal!;
      const today = hcmDate(new Date());
      const unit = req.query.unit?.trim() ?? '';
      let unitPath: string | undefined;
      try {
        unitPath = await unitPathOf(unit || undefined);
      } catch (err) {
        if (!(err instanceof AppError) || !err.fields) throw err;
        return sendPage(req, reply, { title: t('deadlines.overdue.title'), status: 400, wide: true }, <OverduePage unit={unit} errors={err.fields} groups={[]} unforwarded={null} truncated={false} />);
      }
      const roots = overdueRoots(p);
      const [cal, rows, counts, unforwarded] = await Promise.all([
        loadWorkingCalendar(db),
        listOverdueAssignments(db, { today, roots, unitPath, limit: PAGE_CASES + 1 }),
        overdueCountsByAgency(db, { today, roots }),
        canSeeUnforwarded(p) && !unitPath ? listOverdueUnforwarded(db, { today, limit: PAGE_CASES }) : Promise.resolve(null),
      ]);
      const shown = rows.slice(0, PAGE_CASES);
      const groups = new Map<string, AgencyGroupView>();
      for (const r of shown) {
        let g = groups.get(r.unitId);
        if (!g) {
          const total = counts.find((c) => c.unitId === r.unitId)?.count ?? 0;
          g = { unitCode: r.unitCode, unitName: r.unitName, count: total, cases: [] };
          groups.set(r.unitId, g);
        }
        g.cases.push(caseView(cal, today, r, r.answerDueOn, t(`feedback.assignment.${r.status}` as 'feedback.assignment.forwarded')));
      }
      const ordered = [...groups.values()].sort((a, b) => b.count - a.count || a.unitCode.localeCompare(b.unitCode));
      return sendPage(
        req,
        reply,
        { title: t('deadlines.overdue.title'), wide: true },
        <OverduePage
          unit={unit}
          groups={ordered}
          unforwarded={unforwarded ? unforwarded.map((r) => caseView(cal, today, r, r.forwardDueOn, t('feedback.status.received'))) : null}
          truncated={rows.length > PAGE_CASES}
        />,
      );
    },
  );

  app.get(
    '/api/v1/feedback/overdue',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Overdue PAKN-GPSK assignments within the caller’s scope',
        description:
          'Open assignments (forwarded or accepted) of running cases whose answer deadline has passed, oldest deadline first. The standing office sees every agency; other staff the units of their subtree. `unit` narrows to a unit and its subtree. Keyset-paged with `cursor`.',
        querystring: z.object({
          unit: z.string().max(40).optional().describe('unit code: that unit and its subtree'),
          limit: limitParam(API_MAX_LIMIT),
          cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('`nextCursor` of the previous page'),
        }),
        response: { 200: z.object({ items: z.array(overdueItemOut), nextCursor: z.string().nullable() }) },
      },
      preValidation: needsOverdue,
    },
    async (req) => {
      const p = req.principal!;
      const { unit, limit, cursor } = req.query;
      const unitPath = await unitPathOf(unit);
      const tag = listingTag('fo', { unit: unit ?? null });
      const after = cursor ? decodeCursor(cursor, tag, ['string', 'string'], ([d, id]) => /^\d{4}-\d{2}-\d{2}$/.test(String(d)) && /^[0-9a-f-]{36}$/i.test(String(id))) : null;
      const today = hcmDate(new Date());
      const [cal, rows] = await Promise.all([
        loadWorkingCalendar(db),
        listOverdueAssignments(db, { today, roots: overdueRoots(p), unitPath, limit: limit + 1, after: after ? { dueOn: String(after[0]), id: String(after[1]) } : null }),
      ]);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r: OverdueRow) => ({
          code: r.code,
          title: r.title,
          kind: r.kind,
          assignmentStatus: r.status,
          unit: { code: r.unitCode, name: r.unitName },
          answerDueOn: r.answerDueOn,
          daysLate: cal.workingDaysBetween(r.answerDueOn, today),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor(tag, [last.answerDueOn, last.assignmentId]) : null,
      };
    },
  );

  // --- the user's own deadline notices ------------------------------------------------------------

  app.get('/cases/notices', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const [notices, unread] = await Promise.all([feedbackNoticesFor(db, p.userId), unreadFeedbackNotices(db, p.userId)]);
    return sendPage(req, reply, { title: t('deadlines.notices.title') }, <NoticesPage csrfToken={req.csrfToken} notices={notices} unread={unread} />);
  });

  app.post('/cases/notices/read', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePrincipal(req);
    await markNoticesRead(db, {}, { principal: p });
    setFlash(reply, 'deadlines.notices.marked');
    return reply.redirect('/cases/notices', 303);
  });

  // --- SLA settings -----------------------------------------------------------------------------

  async function renderSla(req: FastifyRequest, reply: FastifyReply, opts: { status?: number; override?: SlaFormValues; errors?: Record<string, string> | null } = {}) {
    const forms: SlaFormValues[] = (await listSla(db)).map((s) =>
      opts.override?.kind === s.kind
        ? opts.override
        : {
            kind: s.kind,
            forwardWorkingDays: String(s.forwardWorkingDays),
            answerDays: String(s.answerDays),
            answerInWorkingDays: s.answerInWorkingDays,
            updateEveryDays: String(s.updateEveryDays),
          },
    );
    return sendPage(
      req,
      reply,
      { title: t('deadlines.sla.title'), status: opts.status },
      <SlaPage csrfToken={req.csrfToken} forms={forms} errorKind={opts.override?.kind ?? null} errors={opts.errors} />,
    );
  }

  app.get('/admin/feedback-sla', { schema: { hide: true }, preValidation: needsConfigure }, async (req, reply) => renderSla(req, reply));

  app.post('/admin/feedback-sla', { schema: { hide: true }, preValidation: needsConfigure }, async (req, reply) => {
    const kind = formString(req.body, 'kind');
    if (!SUBMISSION_KINDS.includes(kind as SubmissionKind)) throw AppError.of('BAD_REQUEST', 'error.validation');
    const f = (name: string) => formString(req.body, `${kind}-${name}`);
    const values: SlaFormValues = {
      kind,
      forwardWorkingDays: f('forwardWorkingDays'),
      answerDays: f('answerDays'),
      answerInWorkingDays: f('answerInWorkingDays') === 'on',
      updateEveryDays: f('updateEveryDays'),
    };
    try {
      await updateSla(db, { ...values, kind: kind as SubmissionKind }, { principal: req.principal as Principal, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return renderSla(req, reply, { status: 400, override: values, errors: err.fields ?? null });
    }
    setFlash(reply, 'deadlines.sla.saved');
    return reply.redirect('/admin/feedback-sla', 303);
  });

  // --- working-day calendar ---------------------------------------------------------------------

  const yearQuery = z.object({ year: z.string().max(10).optional() });

  async function renderCalendar(
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    opts: { status?: number; values?: CalendarFormValues; errors?: Record<string, string> | null; message?: string | null } = {},
  ) {
    const overrides = await calendarOverrides(db, year);
    const overridden = new Set(overrides.map((o) => o.date));
    return sendPage(
      req,
      reply,
      { title: t('deadlines.calendar.title'), status: opts.status, wide: true },
      <CalendarPage
        csrfToken={req.csrfToken}
        year={year}
        holidays={statutoryHolidays(year).map((h) => ({ date: h.date, name: h.name, compensatory: h.kind === 'compensatory', overridden: overridden.has(h.date) }))}
        overrides={overrides.map((o) => ({ date: o.date, isWorkingDay: o.isWorkingDay, name: o.name, note: o.note }))}
        values={opts.values ?? { date: '', isWorkingDay: 'off', name: '', note: '' }}
        errors={opts.errors}
        message={opts.message}
      />,
    );
  }

  app.get('/admin/calendar', { schema: { hide: true, querystring: yearQuery }, preValidation: needsConfigure }, async (req, reply) => {
    const raw = req.query.year?.trim();
    const current = Number(hcmDate(new Date()).slice(0, 4));
    if (!raw) return renderCalendar(req, reply, current);
    const year = Number(raw);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      return renderCalendar(req, reply, current, { status: 400, message: t('deadlines.calendar.badYear') });
    }
    return renderCalendar(req, reply, year);
  });

  app.post('/admin/calendar', { schema: { hide: true }, preValidation: needsConfigure }, async (req, reply) => {
    const values: CalendarFormValues = {
      date: formString(req.body, 'date'),
      isWorkingDay: formString(req.body, 'isWorkingDay'),
      name: formString(req.body, 'name'),
      note: formString(req.body, 'note'),
    };
    const current = Number(hcmDate(new Date()).slice(0, 4));
    let saved: { date: string };
    try {
      saved = await setCalendarDay(db, { ...values, isWorkingDay: values.isWorkingDay as 'off' }, { principal: req.principal as Principal, actor: actorOf(req) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return renderCalendar(req, reply, current, { status: 400, values, errors: err.fields ?? null });
    }
    setFlash(reply, 'deadlines.calendar.saved');
    return reply.redirect(`/admin/calendar?year=${saved.date.slice(0, 4)}`, 303);
  });

  app.post('/admin/calendar/remove', { schema: { hide: true }, preValidation: needsConfigure }, async (req, reply) => {
    const { date } = await removeCalendarDay(db, formString(req.body, 'date'), { principal: req.principal as Principal, actor: actorOf(req) });
    setFlash(reply, 'deadlines.calendar.removed');
    return reply.redirect(`/admin/calendar?year=${date.slice(0, 4)}`, 303);
  });
}
