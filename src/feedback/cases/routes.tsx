/**
 * Staff side of PAKN-GPSK: the case lists and the case page, one no-JS POST route per action
 * (each calling its use-case), attachment downloads, and the staff API (`GET /api/v1/feedback`,
 * `GET /api/v1/feedback/{code}`). Visibility and contact data follow `../policies.ts`.
 */
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from '../../org/cursor';
import { type Permission, type Principal, canAnywhere, scopeRoots } from '../../org/policies';
import { isUuid } from '../../org/queries';
import { limitParam, listingTag } from '../../org/routes';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { attachmentHeader, pathForHash } from '../../platform/files/store';
import { type MessageKey, t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, needs, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { foldText } from '../../platform/text/fold';
import { canApproveAnswer, canProcessAssignment, canSeeCase, canSeeContact, canSeeNote, canTriage, canUseCases, caseListRoots, noteUnitFor } from '../policies';
import { SUBMISSION_KINDS, SUBMISSION_STATUSES, type SubmissionKind, type SubmissionStatus } from '../schema';
import { acceptAssignment } from './accept-assignment';
import { acceptSubmission, acceptSubmissionInput } from './accept-submission';
import { addNote, addNoteInput } from './add-note';
import { approveAnswer } from './approve-answer';
import { assignOfficer, assignOfficerInput } from './assign-officer';
import { type CaseActionOptions, assignmentsOf, standingOfficeUnitId } from './case-access';
import { draftAnswer, draftAnswerInput } from './draft-answer';
import { forwardSubmission, forwardSubmissionInput } from './forward-submission';
import { mergeSubmission, mergeSubmissionInput } from './merge-submission';
import { postStatusUpdate, postStatusUpdateInput } from './post-status-update';
import { CASE_TABS, type CaseRow, type CaseTab, findCaseByCode, forwardTargets, listCases, listTopics, loadCaseDetail, unitOfficers } from './queries';
import { rejectSubmission, rejectSubmissionInput } from './reject-submission';
import { requestInformation, requestInformationInput } from './request-information';
import { returnAnswer, returnAnswerInput } from './return-answer';
import { returnAssignment, returnAssignmentInput } from './return-assignment';
import { submitAnswer } from './submit-answer';
import { CasePage } from './views/case-page';
import { type CaseListFilters, CasesListPage, casesHref } from './views/cases-list-page';
import { eventLabel } from './views/common';
import { triageNames } from '../triage/queries';
import { suggestTriage } from '../triage/suggest-triage';
import { TriagePanel } from '../triage/views/triage-panel';

export const CASES_PAGE_SIZE = 50;
const CASES_MAX_LIMIT = 200;

const codeParams = z.object({ code: z.string().max(40) });
const assignmentParams = z.object({ code: z.string().max(40), assignmentId: z.string().max(100) });

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

function formList(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return (Array.isArray(v) ? v : v == null ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

const needsCases = async (req: FastifyRequest) => {
  const p = requirePrincipal(req);
  if (!canUseCases(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};
const needsTriage = needs('feedback.triage');

/** What an assignment action needs somewhere: the leader's approval steps, or processing. */
function assignmentPermission(suffix: string): Permission {
  return suffix === 'answer/approve' || suffix === 'answer/return' ? 'feedback.approve' : 'feedback.process';
}

/** The tabs a viewer has, in order. */
export function tabsFor(p: Principal): CaseTab[] {
  const tabs: CaseTab[] = [];
  if (canTriage(p)) tabs.push('triage');
  if (scopeRoots(p, 'feedback.read').length && !canTriage(p)) tabs.push('unit');
  if (canAnywhere(p, 'feedback.process')) tabs.push('mine');
  if (canAnywhere(p, 'feedback.approve')) tabs.push('approval');
  if (canTriage(p)) tabs.push('all');
  return tabs;
}

const listQuery = z.object({
  tab: z.enum(CASE_TABS).optional().describe('triage (standing office), unit, mine, approval, all (standing office)'),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  topic: z.string().max(60).optional().describe('topic code'),
  status: z.enum(SUBMISSION_STATUSES).optional(),
  overdue: z.enum(['1', 'true', 'false', '0']).optional(),
  q: z.string().max(200).optional().describe('search in title and content, with or without diacritics, or a tracking code'),
  limit: limitParam(CASES_MAX_LIMIT, CASES_PAGE_SIZE),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
});
type ListQuery = z.infer<typeof listQuery>;

const caseListItem = z.object({
  code: z.string(),
  title: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  topicCode: z.string().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  receivedAt: z.string(),
  forwardDueOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  overdue: z.boolean(),
  units: z.array(z.object({ code: z.string(), name: z.string(), status: z.string() })),
});

const caseDetailOut = z.object({
  code: z.string(),
  kind: z.enum(SUBMISSION_KINDS),
  topicCode: z.string().nullable(),
  title: z.string(),
  content: z.string(),
  proposal: z
    .object({ problem: z.string().nullable(), proposal: z.string().nullable(), expectedImpact: z.string().nullable(), estimatedCost: z.string().nullable(), feasibility: z.string().nullable() })
    .nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  channel: z.string(),
  receivedAt: z.string(),
  forwardDueOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  nextUpdateDueOn: z.string().nullable(),
  publishConsent: z.string(),
  publicAnswer: z.string().nullable(),
  publishedAt: z.string().nullable(),
  mergedInto: z.string().nullable(),
  submitter: z.object({
    type: z.string(),
    name: z.string(),
    organisation: z.string().nullable(),
    /** contact data only for the standing office and agencies with an active assignment */
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
    idNumber: z.string().nullable().optional(),
  }),
  assignments: z.array(
    z.object({
      id: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      status: z.string(),
      answerDueOn: z.string().nullable(),
      answerStatus: z.string().nullable(),
    }),
  ),
  notes: z.array(z.object({ unitCode: z.string().optional(), unitName: z.string(), author: z.string(), body: z.string(), createdAt: z.string() })),
  events: z.array(z.object({ type: z.string(), public: z.boolean(), at: z.string(), label: z.string() })),
  attachments: z.array(z.object({ fileId: z.string(), fileName: z.string(), size: z.number() })),
});

export async function registerCaseRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  const actionOptions = (req: FastifyRequest): CaseActionOptions => ({
    principal: req.principal!,
    actor: actorOf(req),
    mailer: ctx.mailer,
    publicUrl: ctx.config.publicUrl,
  });

  /** The case if the principal may see it: 404 unknown, 403 outside their scope. */
  async function visibleCase(p: Principal, code: string) {
    const submission = await findCaseByCode(db, code);
    if (!submission) throw AppError.of('NOT_FOUND', 'cases.error.notFound');
    const assignments = await assignmentsOf(db, submission.id);
    if (!canSeeCase(p, assignments)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    return { submission, assignments };
  }

  /** The classifier's suggestion for the standing office; nothing when it cannot suggest yet. */
  async function triageHelp(submission: CaseRow) {
    try {
      const suggestion = await suggestTriage(db, { title: submission.title, content: submission.content }, { excludeSubmissionId: submission.id });
      const names = await triageNames(db, { topicCodes: [suggestion.topic.code], agencyCodes: [suggestion.agency.code] });
      return { triagePanel: <TriagePanel suggestion={suggestion} names={names} />, suggestedAgencyCode: suggestion.agency.code };
    } catch (err) {
      if (err instanceof AppError) return {};
      throw err;
    }
  }

  /** What the case page (or, without `page`, the API) shows this viewer. */
  async function caseView(p: Principal, submission: CaseRow, page = true) {
    const detail = await loadCaseDetail(db, submission);
    const triage = canTriage(p);
    const soUnit = await standingOfficeUnitId(db);
    const assignments = await Promise.all(
      detail.assignments.map(async (a) => {
        const canProcess = canProcessAssignment(p, a);
        return {
          ...a,
          canProcess,
          canApprove: canApproveAnswer(p, a),
          officers: page && canProcess && a.status === 'accepted' ? await unitOfficers(db, a.unitPath) : [],
        };
      }),
    );
    return {
      detail,
      assignments,
      notes: detail.notes.filter((n) => canSeeNote(p, n.unitPath)),
      showContact: canSeeContact(p, detail.assignments),
      canTriage: triage,
      canWriteNote: !!noteUnitFor(p, detail.assignments, soUnit),
      topics: page && triage ? await listTopics(db) : [],
      forwardTargets: page && triage ? await forwardTargets(db) : [],
      ...(page && triage && submission.status === 'received' ? await triageHelp(submission) : {}),
    };
  }

  async function renderCase(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null; values?: Record<string, string> } = {},
  ) {
    const p = req.principal!;
    const { submission } = await visibleCase(p, code);
    const view = await caseView(p, submission);
    return sendPage(
      req,
      reply,
      { title: t('cases.page.title', { code: submission.code }), status: opts.status, wide: true },
      <CasePage csrfToken={req.csrfToken} view={view} errors={opts.errors} message={opts.message} values={opts.values} />,
    );
  }

  /**
   * Runs one action from a form: on success a flash and a redirect to the case; on bad input or a
   * wrong state the case page again with the message (400/409) and the typed values.
   */
  async function formAction(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    run: () => Promise<unknown>,
    flash: MessageKey,
    values: Record<string, string>,
    redirectCode?: string,
  ) {
    await visibleCase(req.principal!, code);
    try {
      await run();
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderCase(req, reply, code, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message, values });
    }
    setFlash(reply, flash);
    return reply.redirect(`/cases/${encodeURIComponent(redirectCode ?? code.trim().toUpperCase())}`, 303);
  }

  /** The scoped, filtered, keyset-paged listing shared by the page and the API. */
  async function caseListing(p: Principal, query: ListQuery, limit: number) {
    const tabs = tabsFor(p);
    const tab = query.tab ?? tabs[0];
    if (!tab || !tabs.includes(tab)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const q = (query.q ?? '').trim();
    const overdue = query.overdue === '1' || query.overdue === 'true';
    const tag = listingTag('cases', { tab, kind: query.kind ?? null, topic: query.topic ?? null, status: query.status ?? null, overdue, q: foldText(q), who: p.userId });
    const after = query.cursor ? (decodeCursor(query.cursor, tag, ['string', 'string'], (v) => isUuid(String(v[1]))) as [string, string]) : null;
    const rows = await listCases(db, {
      tab,
      readRoots: caseListRoots(p),
      approveRoots: scopeRoots(p, 'feedback.approve'),
      userId: p.userId,
      kind: query.kind as SubmissionKind | undefined,
      topic: query.topic || undefined,
      status: query.status as SubmissionStatus | undefined,
      overdue,
      q,
      limit: limit + 1,
      after,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { tab, tabs, rows: page, nextCursor: rows.length > limit && last ? encodeCursor(tag, [last.sortKey, last.id]) : null };
  }

  // --- pages ------------------------------------------------------------------------------------

  app.get(
    '/cases',
    {
      schema: {
        hide: true,
        querystring: z.object({
          tab: z.string().max(20).optional(),
          kind: z.string().max(20).optional(),
          topic: z.string().max(60).optional(),
          status: z.string().max(20).optional(),
          overdue: z.string().max(5).optional(),
          q: z.string().max(200).optional(),
          cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
        }),
      },
      preValidation: needsCases,
    },
    async (req, reply) => {
      const p = req.principal!;
      const qs = req.query;
      const pick = <T extends string>(list: readonly T[], v: string | undefined) => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
      const tabs = tabsFor(p);
      const query: ListQuery = {
        tab: pick(tabs, qs.tab) ?? tabs[0],
        kind: pick(SUBMISSION_KINDS, qs.kind),
        topic: (qs.topic ?? '').trim() || undefined,
        status: pick(SUBMISSION_STATUSES, qs.status),
        overdue: qs.overdue === '1' ? '1' : undefined,
        q: (qs.q ?? '').trim() || undefined,
        limit: CASES_PAGE_SIZE,
        cursor: qs.cursor,
      };
      const listing = await caseListing(p, query, CASES_PAGE_SIZE);
      const filters: CaseListFilters = {
        tab: listing.tab,
        kind: query.kind ?? '',
        topic: query.topic ?? '',
        status: query.status ?? '',
        overdue: !!query.overdue,
        q: query.q ?? '',
      };
      return sendPage(
        req,
        reply,
        { title: t('cases.title'), wide: true },
        <CasesListPage
          tabs={listing.tabs}
          filters={filters}
          topics={await listTopics(db)}
          rows={listing.rows}
          nextHref={listing.nextCursor ? casesHref(filters, { cursor: listing.nextCursor }) : null}
          firstHref={qs.cursor ? casesHref(filters) : null}
        />,
      );
    },
  );

  app.get('/cases/:code', { schema: { hide: true, params: codeParams }, preValidation: needsCases }, async (req, reply) => {
    return renderCase(req, reply, req.params.code);
  });

  app.get(
    '/cases/:code/files/:fileId',
    { schema: { hide: true, params: z.object({ code: z.string().max(40), fileId: z.string().max(100) }) }, preValidation: needsCases },
    async (req, reply) => {
      const { submission } = await visibleCase(req.principal!, req.params.code);
      const detail = await loadCaseDetail(db, submission);
      const file = detail.attachments.find((f) => f.fileId === req.params.fileId);
      if (!file) throw AppError.of('NOT_FOUND', 'files.notFound');
      const filePath = pathForHash(ctx.config.dataDir, file.hash);
      if (!fs.existsSync(filePath)) throw AppError.of('NOT_FOUND', 'files.notFound');
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', String(file.size))
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(filePath));
    },
  );

  // --- actions: standing office -------------------------------------------------------------

  app.post('/cases/:code/accept', { schema: { hide: true, params: codeParams }, preValidation: needsTriage }, async (req, reply) => {
    const values = { kind: formString(req.body, 'kind'), topicCode: formString(req.body, 'topicCode'), agencyCode: formString(req.body, 'agencyCode') };
    return formAction(req, reply, req.params.code, () => acceptSubmission(db, req.params.code, values as never, actionOptions(req)), 'cases.flash.accepted', values);
  });

  app.post('/cases/:code/reject', { schema: { hide: true, params: codeParams }, preValidation: needsTriage }, async (req, reply) => {
    const values = { reason: formString(req.body, 'reason'), note: formString(req.body, 'note') };
    return formAction(req, reply, req.params.code, () => rejectSubmission(db, req.params.code, values as never, actionOptions(req)), 'cases.flash.rejected', values);
  });

  app.post('/cases/:code/merge', { schema: { hide: true, params: codeParams }, preValidation: needsTriage }, async (req, reply) => {
    const values = { targetCode: formString(req.body, 'targetCode') };
    return formAction(req, reply, req.params.code, () => mergeSubmission(db, req.params.code, values, actionOptions(req)), 'cases.flash.merged', values);
  });

  app.post('/cases/:code/forward', { schema: { hide: true, params: codeParams }, preValidation: needsTriage }, async (req, reply) => {
    const other = formString(req.body, 'otherUnitCodes');
    const unitCodes = [...formList(req.body, 'unitCodes'), ...other.split(/[,;\s]+/)].map((c) => c.trim()).filter(Boolean);
    const values = { unitCodes: formList(req.body, 'unitCodes').join(','), otherUnitCodes: other, instruction: formString(req.body, 'instruction') };
    return formAction(
      req,
      reply,
      req.params.code,
      () => forwardSubmission(db, req.params.code, { unitCodes, instruction: values.instruction }, actionOptions(req)),
      'cases.flash.forwarded',
      values,
    );
  });

  app.post('/cases/:code/notes', { schema: { hide: true, params: codeParams }, preValidation: needsCases }, async (req, reply) => {
    const body = formString(req.body, 'body');
    return formAction(req, reply, req.params.code, () => addNote(db, req.params.code, { body }, actionOptions(req)), 'cases.flash.noteAdded', { noteBody: body });
  });

  // --- actions: agencies and leaders ----------------------------------------------------------

  type AssignmentAction = (req: FastifyRequest & { params: { code: string; assignmentId: string } }) => {
    run: () => Promise<unknown>;
    flash: MessageKey;
    values: Record<string, string>;
  };
  const assignmentActions: Record<string, AssignmentAction> = {
    accept: (req) => ({ run: () => acceptAssignment(db, req.params.code, req.params.assignmentId, actionOptions(req)), flash: 'cases.flash.assignmentAccepted', values: {} }),
    return: (req) => {
      const values = { reason: formString(req.body, 'reason') };
      return { run: () => returnAssignment(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.assignmentReturned', values };
    },
    officer: (req) => {
      const values = { userId: formString(req.body, 'userId') };
      return { run: () => assignOfficer(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.officerAssigned', values };
    },
    'info-request': (req) => {
      const values = { question: formString(req.body, 'question') };
      return { run: () => requestInformation(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.infoRequested', values };
    },
    'status-update': (req) => {
      const values = { message: formString(req.body, 'message') };
      return { run: () => postStatusUpdate(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.statusPosted', values };
    },
    answer: (req) => {
      const values = { body: formString(req.body, 'body') };
      return { run: () => draftAnswer(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.draftSaved', values };
    },
    'answer/submit': (req) => ({ run: () => submitAnswer(db, req.params.code, req.params.assignmentId, actionOptions(req)), flash: 'cases.flash.answerSubmitted', values: {} }),
    'answer/approve': (req) => ({ run: () => approveAnswer(db, req.params.code, req.params.assignmentId, actionOptions(req)), flash: 'cases.flash.answerApproved', values: {} }),
    'answer/return': (req) => {
      const values = { comment: formString(req.body, 'comment') };
      return { run: () => returnAnswer(db, req.params.code, req.params.assignmentId, values, actionOptions(req)), flash: 'cases.flash.answerReturned', values };
    },
  };
  for (const [suffix, build] of Object.entries(assignmentActions)) {
    const preValidation = needs(assignmentPermission(suffix));
    app.post(`/cases/:code/assignments/:assignmentId/${suffix}`, { schema: { hide: true, params: assignmentParams }, preValidation }, async (req, reply) => {
      if (!isUuid(req.params.assignmentId)) throw AppError.of('NOT_FOUND', 'cases.error.assignmentNotFound');
      const { run, flash, values } = build(req as FastifyRequest & { params: { code: string; assignmentId: string } });
      return formAction(req, reply, req.params.code, run, flash, { ...values, assignmentId: req.params.assignmentId });
    });
  }

  /** The staff API's view of one case: contact data and notes only as the policies allow. */
  async function presentCase(p: Principal, submission: CaseRow): Promise<z.infer<typeof caseDetailOut>> {
    const view = await caseView(p, submission, false);
    const s = submission;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const contact = view.showContact
      ? { email: s.submitterEmail, phone: s.submitterPhone, address: s.submitterAddress, idNumber: s.submitterIdNumber }
      : {};
    return {
      code: s.code,
      kind: s.kind,
      topicCode: s.topicCode,
      title: s.title,
      content: s.content,
      proposal:
        s.kind === 'initiative' || s.kind === 'solution'
          ? { problem: s.problem, proposal: s.proposal, expectedImpact: s.expectedImpact, estimatedCost: s.estimatedCost, feasibility: s.feasibility }
          : null,
      status: s.status,
      channel: s.channel,
      receivedAt: s.createdAt.toISOString(),
      forwardDueOn: s.forwardDueOn,
      answerDueOn: s.answerDueOn,
      nextUpdateDueOn: s.nextUpdateDueOn,
      publishConsent: s.publishConsent,
      publicAnswer: s.publicAnswer,
      publishedAt: iso(s.publishedAt),
      mergedInto: view.detail.mergedIntoCode,
      submitter: { type: s.submitterType, name: s.submitterName, organisation: s.organisationName, ...contact },
      assignments: view.assignments.map((a) => ({
        id: a.id,
        unitCode: a.unitCode,
        unitName: a.unitName,
        status: a.status,
        answerDueOn: a.answerDueOn,
        answerStatus: a.answers[a.answers.length - 1]?.status ?? null,
      })),
      notes: view.notes.map((n) => ({ unitName: n.unitName, author: n.authorName, body: n.body, createdAt: n.createdAt.toISOString() })),
      events: view.detail.events.map((ev) => ({
        type: ev.type,
        public: ev.isPublic,
        at: ev.createdAt.toISOString(),
        label: eventLabel(ev.type, (ev.data ?? {}) as Record<string, unknown>),
      })),
      attachments: view.detail.attachments.map((f) => ({ fileId: f.fileId, fileName: f.fileName, size: Number(f.size) })),
    };
  }

  // --- API ------------------------------------------------------------------------------------

  app.get(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Cases the caller handles (staff): triage queue, unit cases, assigned to me, awaiting my approval, all',
        description: 'Newest first (the triage queue oldest first). Page with `limit` and `cursor` (`nextCursor` of the previous page).',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(caseListItem), nextCursor: z.string().nullable() }) },
      },
      preValidation: needsCases,
    },
    async (req) => {
      const listing = await caseListing(req.principal!, req.query, req.query.limit);
      return {
        items: listing.rows.map((r) => ({
          code: r.code,
          title: r.title,
          kind: r.kind,
          topicCode: r.topicCode,
          status: r.status,
          receivedAt: r.createdAt.toISOString(),
          forwardDueOn: r.forwardDueOn,
          answerDueOn: r.answerDueOn,
          overdue: r.overdue,
          units: r.units,
        })),
        nextCursor: listing.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/feedback/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One case for staff; the submitter’s contact data only for the standing office and agencies handling it',
        params: codeParams,
        response: { 200: caseDetailOut },
      },
      preValidation: needsCases,
    },
    async (req) => {
      const p = req.principal!;
      const { submission } = await visibleCase(p, req.params.code);
      return presentCase(p, submission);
    },
  );

  // --- API: actions (the same use-cases as the forms) -------------------------------------------

  const caseActions: { path: string; summary: string; need?: Permission; body?: z.ZodType; run: (req: FastifyRequest, code: string, assignmentId: string, body: never) => Promise<unknown> }[] = [
    { path: 'accept', summary: 'Standing office: accept a received case, confirming or correcting kind and topic', need: 'feedback.triage', body: acceptSubmissionInput, run: (req, code, _a, b) => acceptSubmission(db, code, b, actionOptions(req)) },
    { path: 'reject', summary: 'Standing office: decline a received case with a reason (the submitter is e-mailed)', need: 'feedback.triage', body: rejectSubmissionInput, run: (req, code, _a, b) => rejectSubmission(db, code, b, actionOptions(req)) },
    { path: 'merge', summary: 'Standing office: merge a received case into another (its submitter follows that case)', need: 'feedback.triage', body: mergeSubmissionInput, run: (req, code, _a, b) => mergeSubmission(db, code, b, actionOptions(req)) },
    { path: 'forward', summary: 'Standing office: forward to one or more agencies by unit code', need: 'feedback.triage', body: forwardSubmissionInput, run: (req, code, _a, b) => forwardSubmission(db, code, b, actionOptions(req)) },
    { path: 'notes', summary: 'Write an internal note (visible to the writer’s unit and the standing office)', body: addNoteInput, run: (req, code, _a, b) => addNote(db, code, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/accept', summary: 'Agency: accept the case forwarded to it', run: (req, code, a) => acceptAssignment(db, code, a, actionOptions(req)) },
    { path: 'assignments/:assignmentId/return', summary: 'Agency: return the case as not within its competence', body: returnAssignmentInput, run: (req, code, a, b) => returnAssignment(db, code, a, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/officer', summary: 'Agency: assign the handling officer', body: assignOfficerInput, run: (req, code, a, b) => assignOfficer(db, code, a, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/info-request', summary: 'Agency: ask the submitter for more information (pauses the clock)', body: requestInformationInput, run: (req, code, a, b) => requestInformation(db, code, a, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/status-update', summary: 'Agency: post a public progress message', body: postStatusUpdateInput, run: (req, code, a, b) => postStatusUpdate(db, code, a, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/answer', summary: 'Agency: write or rewrite the draft answer', body: draftAnswerInput, run: (req, code, a, b) => draftAnswer(db, code, a, b, actionOptions(req)) },
    { path: 'assignments/:assignmentId/answer/submit', summary: 'Agency: send the draft to the leader for approval', run: (req, code, a) => submitAnswer(db, code, a, actionOptions(req)) },
    { path: 'assignments/:assignmentId/answer/approve', summary: 'Leader: approve the answer (the case is answered when every agency has answered)', run: (req, code, a) => approveAnswer(db, code, a, actionOptions(req)) },
    { path: 'assignments/:assignmentId/answer/return', summary: 'Leader: send the draft back with a comment', body: returnAnswerInput, run: (req, code, a, b) => returnAnswer(db, code, a, b, actionOptions(req)) },
  ];
  for (const action of caseActions) {
    const withAssignment = action.path.startsWith('assignments/');
    const coarse = withAssignment ? needs(assignmentPermission(action.path.slice('assignments/:assignmentId/'.length))) : action.need ? needs(action.need) : needsCases;
    app.post(
      `/api/v1/feedback/:code/${action.path}`,
      {
        schema: {
          tags: ['feedback'],
          summary: action.summary,
          description: 'Answers with the case as `GET /api/v1/feedback/{code}` shows it. 409 when the case is not in a state that allows the action.',
          params: withAssignment ? assignmentParams : codeParams,
          ...(action.body ? { body: action.body } : {}),
          response: { 200: caseDetailOut },
        },
        // the permission, then the case's visibility, before the body is validated: an outsider
        // gets 403/404 whatever they send; the use-case still makes the precise check
        preValidation: async (req) => {
          await coarse(req);
          await visibleCase(req.principal!, (req.params as { code: string }).code);
        },
      },
      async (req) => {
        const p = req.principal!;
        const params = req.params as { code: string; assignmentId?: string };
        if (withAssignment && !isUuid(params.assignmentId ?? '')) throw AppError.of('NOT_FOUND', 'cases.error.assignmentNotFound');
        await action.run(req, params.code, params.assignmentId ?? '', (req.body ?? {}) as never);
        const submission = await findCaseByCode(db, params.code);
        return presentCase(p, submission!);
      },
    );
  }
}
