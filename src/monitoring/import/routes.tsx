/**
 * Task import (XLSX/CSV, template downloads, dry run, per-row report) and the XLSX export of the
 * filtered task list. The upload form posts multipart/form-data in its own encapsulated scope
 * (see platform/files/multipart.ts: the CSRF field comes first and is checked before the file).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { taskListPageQuery } from '../task-list-query';
import { findUnitByCode } from '../../org/queries';
import { prepareSearch } from '../../org/search';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { enableMultipart } from '../../platform/files/multipart';
import { attachmentHeader } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, requirePermission } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { hcmDate, isIsoDate } from '../dates';
import { TASK_SORTS, type TaskListFilter, type TaskSort, listPlans } from '../queries';
import { TASK_STATUSES, type TaskStatus } from '../schema';
import { buildTasksXlsx } from './export-tasks';
import { type ImportResult, importTasks } from './import-tasks';
import { buildTemplateCsv, buildTemplateXlsx } from './template';
import { ImportPage } from './views/import-page';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const needsTaskManage = async (req: FastifyRequest) => {
  requirePermission(req, 'task.manage');
};
const needsTaskRead = async (req: FastifyRequest) => {
  requirePermission(req, 'task.read');
};

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

/** The same query string as /tasks. */
const exportQuery = taskListPageQuery;

const importApiQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const importResultOut = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  rows: z.array(z.object({ row: z.number().int(), planCode: z.string(), code: z.string(), title: z.string(), leadUnitCode: z.string(), deadline: z.string().nullable() })),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});

export async function registerTaskImportRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  async function renderImport(
    req: FastifyRequest,
    reply: FastifyReply,
    values: { planCode: string; dryRun: boolean },
    opts: { status?: number; result?: ImportResult | null; message?: string | null } = {},
  ) {
    const plans = await listPlans(db);
    return sendPage(
      req,
      reply,
      { title: t('taskImport.title'), status: opts.status ?? 200, wide: true },
      <ImportPage csrfToken={req.csrfToken} plans={plans} values={values} result={opts.result} message={opts.message} />,
    );
  }

  app.get('/tasks/import', { schema: { hide: true }, preValidation: needsTaskManage }, async (req, reply) =>
    renderImport(req, reply, { planCode: '', dryRun: true }),
  );

  app.get('/tasks/import/template.xlsx', { schema: { hide: true }, preValidation: needsTaskManage }, async (_req, reply) =>
    reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachmentHeader('mau-nhap-nhiem-vu.xlsx'))
      .send(await buildTemplateXlsx()),
  );

  app.get('/tasks/import/template.csv', { schema: { hide: true }, preValidation: needsTaskManage }, async (_req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader('mau-nhap-nhiem-vu.csv')).send(buildTemplateCsv()),
  );

  app.get('/tasks/export.xlsx', { schema: { hide: true, querystring: exportQuery }, preValidation: needsTaskRead }, async (req, reply) => {
    const p = req.principal!;
    const qs = req.query;
    const fields: Record<string, string> = {};
    const filter: TaskListFilter = {};
    const status = (qs.status ?? '').trim();
    if (status) {
      if ((TASK_STATUSES as readonly string[]).includes(status)) filter.status = status as TaskStatus;
      else fields.status = t('error.validation');
    }
    if (qs.group?.trim()) filter.groupNumber = qs.group.trim();
    for (const k of ['deadlineFrom', 'deadlineTo'] as const) {
      const v = (qs[k] ?? '').trim();
      if (!v) continue;
      if (isIsoDate(v)) filter[k] = v;
      else fields[k] = t('task.date');
    }
    if (qs.overdue === 'true') filter.overdue = true;
    if (qs.plan?.trim()) {
      const found = (await listPlans(db)).find((x) => x.code === qs.plan!.trim());
      if (found) filter.planId = found.id;
      else fields.plan = t('task.unknownPlan', { code: qs.plan.trim() });
    }
    if (qs.leadUnit?.trim()) {
      const unit = await findUnitByCode(db, qs.leadUnit);
      if (unit) filter.leadUnitPath = unit.path;
      else fields.leadUnit = t('task.unknownUnit', { code: qs.leadUnit.trim() });
    }
    if (Object.keys(fields).length) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, fields);
    filter.q = prepareSearch(qs.q);
    const sort = ((TASK_SORTS as readonly string[]).includes(qs.sort ?? '') ? qs.sort : 'deadline') as TaskSort;
    const { buffer } = await buildTasksXlsx(db, p, filter, sort);
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', attachmentHeader(`nhiem-vu-${hcmDate(new Date())}.xlsx`))
      .header('cache-control', 'private, no-store')
      .send(buffer);
  });

  // The upload is multipart/form-data; its parser lives only in this scope.
  await app.register(async (scoped) => {
    // managers only, before a single byte of the upload is read
    scoped.addHook('onRequest', needsTaskManage);
    await enableMultipart(scoped);
    (scoped as unknown as TypedApp).post('/tasks/import', { schema: { hide: true }, preValidation: needsTaskManage }, async (req, reply) => {
      const values = { planCode: formString(req.body, 'planCode').trim(), dryRun: formString(req.body, 'dryRun') === 'on' };
      const file = (req.uploads ?? []).find((u) => u.fieldName === 'file');
      if (!file || file.buffer.length === 0) return renderImport(req, reply, values, { status: 400, message: t('taskImport.noFile') });
      let result: ImportResult;
      try {
        result = await importTasks(db, file, { principal: req.principal!, actor: actorOf(req), planCode: values.planCode, dryRun: values.dryRun });
      } catch (err) {
        if (!(err instanceof AppError) || !['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED'].includes(err.code)) throw err;
        return renderImport(req, reply, values, { status: err.status, message: err.message });
      }
      if (result.errors.length) return renderImport(req, reply, values, { status: 400, result });
      if (result.dryRun) return renderImport(req, reply, values, { result });
      setFlash(reply, 'taskImport.done');
      const plans = [...new Set(result.rows.map((r) => r.planCode))];
      return reply.redirect(plans.length === 1 ? `/tasks?plan=${encodeURIComponent(plans[0])}&sort=updated` : '/tasks?sort=updated', 303);
    });

    (scoped as unknown as TypedApp).post(
      '/api/v1/tasks/import',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Import tasks from an XLSX or CSV file (multipart field `file`, optional `planCode`)',
          description: 'All or nothing: with any row error nothing is written (400 with the per-row report); `dryRun=true` only checks.',
          querystring: importApiQuery,
          response: { 200: importResultOut, 201: importResultOut, 400: importResultOut },
        },
        preValidation: needsTaskManage,
      },
      async (req, reply) => {
        const file = (req.uploads ?? []).find((u) => u.fieldName === 'file');
        if (!file || file.buffer.length === 0) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { file: t('taskImport.noFile') });
        const dryRun = req.query.dryRun === 'true';
        const result = await importTasks(db, file, { principal: req.principal!, actor: actorOf(req), planCode: formString(req.body, 'planCode'), dryRun });
        return reply.status(result.errors.length ? 400 : dryRun ? 200 : 201).send(result);
      },
    );
  });

}
