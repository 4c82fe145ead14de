/**
 * Progress reports, review and the bottleneck register: pages and API. The report form takes
 * files as multipart/form-data in its own encapsulated scope (see platform/files/multipart.ts).
 */
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Principal, canAnywhere } from '../../org/policies';
import { findUnitByCode } from '../../org/queries';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { enableMultipart } from '../../platform/files/multipart';
import { attachmentHeader, pathForHash } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, needs, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { limitParam } from '../../org/routes';
import {
  bottleneckViewRoots,
  canReviewReports,
  canSeeTaskReports,
  canUpdateBottleneck,
  canUseReports,
  reportableUnits,
  isStandingOffice,
  reviewRoots,
} from './policies';
import { bottleneckOut, presentBottleneck, presentReport, reportOut } from './presenters';
import {
  type ReportTask,
  findReport,
  findTaskByCode,
  isUuid,
  listBottlenecks,
  loadReportTask,
  reportEvidenceFiles,
  reportHistory,
  reviewQueue,
  taskReportRows,
  taskReports,
  unitNames,
  userName,
} from './queries';
import { raiseBottleneck, raiseBottleneckInput } from './raise-bottleneck';
import { resolveBottleneck, resolveBottleneckInput } from './resolve-bottleneck';
import { reviewReport } from './review-report';
import { publishReportReviewed } from '../../dashboards/live/publish-report-reviewed';
import { BOTTLENECK_STATUSES, type BottleneckStatus } from './schema';
import { submitReport, submitReportInput } from './submit-report';
import { type BottleneckFilters, BottlenecksPage, type NewBottleneckValues } from './views/bottlenecks-page';
import { ReportFormPage, type ReportFormValues } from './views/report-form-page';
import { ReportPage } from './views/report-page';
import { ReviewsPage } from './views/reviews-page';

const idParams = z.object({ id: z.string().max(100) });
const BOTTLENECKS_PAGE_SIZE = 200;

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

const needsStaff = async (req: FastifyRequest) => {
  const p = requirePrincipal(req);
  if (!canUseReports(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
};

export async function registerReportRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const dataDir = ctx.config.dataDir;

  /** A task whose reports the principal may see: 404 unknown, 403 outside their scope. */
  async function visibleTask(p: Principal, id: string): Promise<ReportTask> {
    const loaded = await loadReportTask(db, id);
    if (!loaded) throw AppError.of('NOT_FOUND', 'report.taskNotFound');
    if (!canSeeTaskReports(p, loaded.placement)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    return loaded;
  }

  async function visibleReport(p: Principal, id: string) {
    const report = await findReport(db, id);
    if (!report) throw AppError.of('NOT_FOUND', 'report.notFound');
    const loaded = await loadReportTask(db, report.taskId);
    if (!loaded) throw AppError.of('NOT_FOUND', 'report.notFound');
    if (!canSeeTaskReports(p, loaded.placement)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    return { report, task: loaded };
  }

  /**
   * Checked before the body is read (an outsider learns nothing from an invalid one): the caller
   * may report on the task in the path. submitReport checks again for the unit the report is for.
   */
  const needsReportSubmit = needs('report.submit');
  const mayReportOn = async (req: FastifyRequest) => {
    await needsReportSubmit(req);
    const p = req.principal!;
    const loaded = await visibleTask(p, (req.params as { id: string }).id);
    if (reportableUnits(p, loaded.placement).length === 0) throw AppError.of('FORBIDDEN', 'report.cannotSubmit');
  };

  /** The same for a review: the caller reviews the reports of the report's task. */
  const needsReview = needs(['report.review', 'oversight.national']);
  const mayReview = async (req: FastifyRequest) => {
    await needsReview(req);
    const p = req.principal!;
    const { task: loaded } = await visibleReport(p, (req.params as { id: string }).id);
    if (!canReviewReports(p, loaded.placement)) throw AppError.of('FORBIDDEN', 'report.cannotReview');
  };

  async function unitOptions(p: Principal, loaded: ReportTask) {
    const units = reportableUnits(p, loaded.placement);
    const names = await unitNames(
      db,
      units.map((u) => u.id),
    );
    return units.map((u) => ({ id: u.id, label: names.get(u.id)?.name ?? u.id }));
  }

  function emptyValues(): ReportFormValues {
    return {
      unitId: '',
      kind: 'periodic',
      periodDate: '',
      percentDone: '',
      doneText: '',
      obstaclesText: '',
      raiseBottleneck: false,
      proposalsText: '',
      isFinal: false,
      documentNumber: '',
      documentDate: '',
      link: '',
      supersedesId: '',
    };
  }

  function valuesFrom(body: unknown): ReportFormValues {
    const s = (k: string) => formString(body, k);
    return {
      unitId: s('unitId'),
      kind: s('kind') || 'periodic',
      periodDate: s('periodDate'),
      percentDone: s('percentDone'),
      doneText: s('doneText'),
      obstaclesText: s('obstaclesText'),
      raiseBottleneck: s('raiseBottleneck') === 'on',
      proposalsText: s('proposalsText'),
      isFinal: s('isFinal') === 'on',
      documentNumber: s('documentNumber'),
      documentDate: s('documentDate'),
      link: s('link'),
      supersedesId: s('supersedesId'),
    };
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    loaded: ReportTask,
    values: ReportFormValues,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null } = {},
  ) {
    const p = req.principal!;
    const previous = values.supersedesId ? await findReport(db, values.supersedesId) : null;
    return sendPage(
      req,
      reply,
      { title: t('report.new.title'), status: opts.status },
      <ReportFormPage
        csrfToken={req.csrfToken}
        task={{ id: loaded.id, code: loaded.code, title: loaded.title, cadence: loaded.cadence }}
        units={await unitOptions(p, loaded)}
        values={values}
        fixingVersion={previous?.version ?? null}
        previous={await taskReports(db, loaded.id, 50)}
        errors={opts.errors}
        message={opts.message}
      />,
    );
  }

  // --- pages: reports ---------------------------------------------------------------------------

  app.get(
    '/tasks/:id/reports/new',
    { schema: { hide: true, params: idParams, querystring: z.object({ supersedes: z.string().max(100).optional() }) }, preValidation: needsStaff },
    async (req, reply) => {
      const p = req.principal!;
      const loaded = await visibleTask(p, req.params.id);
      if (reportableUnits(p, loaded.placement).length === 0) throw AppError.of('FORBIDDEN', 'report.cannotSubmit');
      const values = emptyValues();
      const supersedes = req.query.supersedes;
      if (supersedes && isUuid(supersedes)) {
        const prev = await findReport(db, supersedes);
        if (prev && prev.taskId === loaded.id && prev.status === 'returned') {
          Object.assign(values, {
            supersedesId: prev.id,
            unitId: prev.reportingUnitId,
            kind: prev.kind,
            percentDone: String(prev.percentDone),
            doneText: prev.doneText,
            obstaclesText: prev.obstaclesText ?? '',
            proposalsText: prev.proposalsText ?? '',
            isFinal: prev.isFinal,
            documentNumber: prev.documentNumber ?? '',
            documentDate: prev.documentDate ?? '',
            link: prev.link ?? '',
          });
        }
      }
      return renderForm(req, reply, loaded, values);
    },
  );

  // The form posts multipart/form-data (files); its parser lives only in this scope.
  await app.register(async (scoped) => {
    // staff who may report on this task only, before a single byte of an upload is read
    scoped.addHook('onRequest', mayReportOn);
    await enableMultipart(scoped);
    (scoped as unknown as TypedApp).post(
      '/tasks/:id/reports',
      { schema: { hide: true, params: idParams } },
      async (req, reply) => {
        const p = req.principal!;
        const loaded = await visibleTask(p, req.params.id);
        const values = valuesFrom(req.body);
        const uploads = (req.uploads ?? []).filter((u) => u.fieldName === 'files');
        try {
          const { report } = await submitReport(
            db,
            dataDir,
            loaded.id,
            { ...values, kind: values.kind as 'periodic' },
            { principal: p, actor: actorOf(req), uploads },
          );
          setFlash(reply, 'report.submitted');
          return reply.redirect(`/reports/${report.id}`, 303);
        } catch (err) {
          if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
          return renderForm(req, reply, loaded, values, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message });
        }
      },
    );
  });

  async function renderReport(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null; comment?: string } = {},
  ) {
    const p = req.principal!;
    const { report, task: loaded } = await visibleReport(p, id);
    const [evidence, history, names, authorName, reviewerName] = await Promise.all([
      reportEvidenceFiles(db, [report.id]),
      reportHistory(db, report),
      unitNames(db, [report.reportingUnitId]),
      userName(db, report.authorId),
      userName(db, report.reviewedBy),
    ]);
    const superseded = history.some((h) => h.supersedesId === report.id);
    const canFix = report.status === 'returned' && !superseded && reportableUnits(p, loaded.placement).some((u) => u.id === report.reportingUnitId);
    return sendPage(
      req,
      reply,
      { title: t('report.page.title'), status: opts.status, wide: true },
      <ReportPage
        csrfToken={req.csrfToken}
        view={{
          report,
          task: { id: loaded.id, code: loaded.code, title: loaded.title },
          unitName: names.get(report.reportingUnitId)?.name ?? '',
          authorName: authorName ?? '',
          reviewerName,
          evidence,
          history,
          canReview: canReviewReports(p, loaded.placement) && report.authorId !== p.userId,
          canFix,
        }}
        errors={opts.errors}
        message={opts.message}
        comment={opts.comment}
      />,
    );
  }

  app.get('/reports/:id', { schema: { hide: true, params: idParams }, preValidation: needsStaff }, async (req, reply) => {
    return renderReport(req, reply, req.params.id);
  });

  app.post('/reports/:id/review', { schema: { hide: true, params: idParams }, preValidation: needsReview }, async (req, reply) => {
    const p = req.principal!;
    await visibleReport(p, req.params.id);
    const decision = formString(req.body, 'decision');
    const comment = formString(req.body, 'comment');
    try {
      const { report } = await reviewReport(db, req.params.id, { decision: decision as 'accept', comment }, { principal: p, actor: actorOf(req) });
      await publishReportReviewed(ctx, report, decision);
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderReport(req, reply, req.params.id, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message, comment });
    }
    setFlash(reply, decision === 'accept' ? 'report.accepted' : 'report.returned');
    return reply.redirect(`/reports/${req.params.id}`, 303);
  });

  app.get(
    '/reports/:id/files/:fileId',
    { schema: { hide: true, params: z.object({ id: z.string().max(100), fileId: z.string().max(100) }) }, preValidation: needsStaff },
    async (req, reply) => {
      const { report } = await visibleReport(req.principal!, req.params.id);
      const file = (await reportEvidenceFiles(db, [report.id])).find((f) => f.fileId === req.params.fileId);
      if (!file) throw AppError.of('NOT_FOUND', 'files.notFound');
      const filePath = pathForHash(dataDir, file.hash);
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

  app.get('/reviews', { schema: { hide: true }, preValidation: needsStaff }, async (req, reply) => {
    const p = req.principal!;
    const rows = await reviewQueue(db, reviewRoots(p));
    return sendPage(req, reply, { title: t('reviews.title'), wide: true }, <ReviewsPage rows={rows} />);
  });

  // --- pages: bottlenecks -----------------------------------------------------------------------

  async function renderBottlenecks(
    req: FastifyRequest,
    reply: FastifyReply,
    filters: BottleneckFilters,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null; values?: NewBottleneckValues } = {},
  ) {
    const p = req.principal!;
    let unitPath: string | undefined;
    let errors = opts.errors ?? null;
    if (filters.unit) {
      const unit = await findUnitByCode(db, filters.unit);
      if (unit) unitPath = unit.path;
      else errors = { ...(errors ?? {}), unit: t('user.unknownUnit', { code: filters.unit }) };
    }
    const status = (BOTTLENECK_STATUSES as readonly string[]).includes(filters.status) ? (filters.status as BottleneckStatus) : undefined;
    const rows = errors?.unit
      ? []
      : await listBottlenecks(db, { roots: bottleneckViewRoots(p), status, unitPath, limit: BOTTLENECKS_PAGE_SIZE });
    // reviewers of the linked task may update it: only its assigning unit matters for that
    const withRights = rows.map((b) => ({
      ...b,
      canUpdate: canUpdateBottleneck(
        p,
        b.ownerUnitPath,
        b.taskId ? { leadUnitId: null, leadUnitPath: null, assigningUnitPath: b.taskAssigningUnitPath, coordinators: [] } : null,
      ),
    }));
    const canRaise = isStandingOffice(p) || canAnywhere(p, 'bottleneck.manage');
    return sendPage(
      req,
      reply,
      { title: t('bottleneck.title'), status: opts.status ?? (errors?.unit ? 400 : undefined), wide: true },
      <BottlenecksPage
        csrfToken={req.csrfToken}
        filters={filters}
        rows={withRights}
        canRaise={canRaise}
        values={opts.values ?? { title: '', description: '', ownerUnitCode: '', taskCode: '' }}
        errors={errors}
        message={opts.message}
      />,
    );
  }

  const bottleneckQuery = z.object({ status: z.string().max(20).optional(), unit: z.string().max(40).optional() });

  app.get('/bottlenecks', { schema: { hide: true, querystring: bottleneckQuery }, preValidation: needsStaff }, async (req, reply) => {
    return renderBottlenecks(req, reply, { status: req.query.status ?? '', unit: (req.query.unit ?? '').trim() });
  });

  app.post('/bottlenecks', { schema: { hide: true }, preValidation: needsStaff }, async (req, reply) => {
    const p = req.principal!;
    const values: NewBottleneckValues = {
      title: formString(req.body, 'title'),
      description: formString(req.body, 'description'),
      ownerUnitCode: formString(req.body, 'ownerUnitCode'),
      taskCode: formString(req.body, 'taskCode').trim(),
    };
    try {
      let taskId: string | undefined;
      if (values.taskCode) {
        taskId = (await findTaskByCode(db, values.taskCode)) ?? undefined;
        if (!taskId) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { taskId: t('bottleneck.unknownTask', { code: values.taskCode }) });
      }
      await raiseBottleneck(
        db,
        { title: values.title, description: values.description, ownerUnitCode: values.ownerUnitCode, taskId, reportId: formString(req.body, 'reportId') },
        { principal: p, actor: actorOf(req) },
      );
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'].includes(err.code)) throw err;
      return renderBottlenecks(req, reply, { status: '', unit: '' }, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message, values });
    }
    setFlash(reply, 'bottleneck.created');
    return reply.redirect('/bottlenecks', 303);
  });

  app.post('/bottlenecks/:id', { schema: { hide: true, params: idParams }, preValidation: needsStaff }, async (req, reply) => {
    try {
      await resolveBottleneck(
        db,
        req.params.id,
        { status: formString(req.body, 'status') as 'resolved', resolution: formString(req.body, 'resolution') },
        { principal: req.principal!, actor: actorOf(req) },
      );
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderBottlenecks(req, reply, { status: '', unit: '' }, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message });
    }
    setFlash(reply, 'bottleneck.updated');
    return reply.redirect('/bottlenecks', 303);
  });

  // --- API ------------------------------------------------------------------------------------------

  app.get(
    '/api/v1/tasks/:id/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Progress reports of a task, newest first (every version)',
        params: idParams,
        response: { 200: z.object({ items: z.array(reportOut) }) },
      },
      preValidation: needsStaff,
    },
    async (req) => {
      const loaded = await visibleTask(req.principal!, req.params.id);
      const rows = await taskReportRows(db, loaded.id);
      const evidence = await reportEvidenceFiles(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentReport(r, evidence.filter((e) => e.reportId === r.id))) };
    },
  );

  app.post(
    '/api/v1/tasks/:id/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Submit a progress report (files only through the web form)',
        description:
          'A leader or officer of the lead unit, or of a co-ordinating unit for its part. `isFinal` claims completion and needs `documentNumber` + `documentDate` or `link`. `supersedesId` fixes a returned report.',
        params: idParams,
        body: submitReportInput,
        response: { 201: reportOut },
      },
      preValidation: mayReportOn,
    },
    async (req, reply) => {
      const { report, files } = await submitReport(db, dataDir, req.params.id, req.body as never, { principal: req.principal!, actor: actorOf(req) });
      return reply.status(201).send(presentReport(report, files.map((f) => ({ fileId: f.fileId, fileName: f.name, size: f.size, mimeType: f.mimeType }))));
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: { tags: ['reports'], summary: 'One progress report with its evidence', params: idParams, response: { 200: reportOut } },
      preValidation: needsStaff,
    },
    async (req) => {
      const { report } = await visibleReport(req.principal!, req.params.id);
      return presentReport(report, await reportEvidenceFiles(db, [report.id]));
    },
  );

  app.post(
    '/api/v1/reports/:id/review',
    {
      schema: {
        tags: ['reports'],
        summary: 'Accept a submitted report, or return it with a comment',
        params: idParams,
        body: z.object({ decision: z.enum(['accept', 'return']), comment: z.string().max(5000).optional() }),
        response: { 200: reportOut },
      },
      preValidation: mayReview,
    },
    async (req) => {
      const { report } = await reviewReport(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) });
      await publishReportReviewed(ctx, report, req.body.decision);
      const evidence = await reportEvidenceFiles(db, [report.id]);
      return presentReport(report, evidence);
    },
  );

  app.get(
    '/api/v1/bottlenecks',
    {
      schema: {
        tags: ['bottlenecks'],
        summary: 'The bottleneck register within the caller’s scope, newest first',
        querystring: z.object({
          status: z.enum(BOTTLENECK_STATUSES).optional(),
          unit: z.string().max(40).optional().describe('unit code: that unit and its subtree'),
          taskId: z.string().max(100).optional(),
          limit: limitParam(BOTTLENECKS_PAGE_SIZE),
        }),
        response: { 200: z.object({ items: z.array(bottleneckOut) }) },
      },
      preValidation: needsStaff,
    },
    async (req) => {
      let unitPath: string | undefined;
      if (req.query.unit) {
        const unit = await findUnitByCode(db, req.query.unit);
        if (!unit) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { unit: t('user.unknownUnit', { code: req.query.unit }) });
        unitPath = unit.path;
      }
      if (req.query.taskId && !isUuid(req.query.taskId)) {
        throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { taskId: t('field.invalid') });
      }
      const rows = await listBottlenecks(db, {
        roots: bottleneckViewRoots(req.principal!),
        status: req.query.status,
        unitPath,
        taskId: req.query.taskId,
        limit: req.query.limit,
      });
      return { items: rows.map(presentBottleneck) };
    },
  );

  app.post(
    '/api/v1/bottlenecks',
    {
      schema: {
        tags: ['bottlenecks'],
        summary: 'Record a bottleneck, on a task (owned by its lead unit by default) or for a unit',
        body: raiseBottleneckInput,
        response: { 201: bottleneckOut },
      },
      preValidation: needsStaff,
    },
    async (req, reply) => {
      const row = await raiseBottleneck(db, req.body as never, { principal: req.principal!, actor: actorOf(req) });
      const [listed] = await listBottlenecks(db, { roots: null, id: row.id, limit: 1 });
      return reply.status(201).send(presentBottleneck(listed));
    },
  );

  app.post(
    '/api/v1/bottlenecks/:id/resolve',
    {
      schema: {
        tags: ['bottlenecks'],
        summary: 'Mark a bottleneck in progress, or resolved with its resolution',
        params: idParams,
        body: resolveBottleneckInput,
        response: { 200: z.object({ id: z.string(), status: z.enum(BOTTLENECK_STATUSES), resolution: z.string().nullable() }) },
      },
      preValidation: needsStaff,
    },
    async (req) => {
      const row = await resolveBottleneck(db, req.params.id, req.body as never, { principal: req.principal!, actor: actorOf(req) });
      return { id: row.id, status: row.status, resolution: row.resolution };
    },
  );
}
