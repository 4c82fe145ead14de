/** Plans and tasks: the task list and task pages, "My work" data, and the plans/tasks API. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { taskListPageQuery } from './task-list-query';
import { CURSOR_MAX_LENGTH, decodeCursor, encodeCursor } from '../org/cursor';
import { type Permission, type Principal, canAnywhere } from '../org/policies';
import { findUnitByCode } from '../org/queries';
import { limitParam, listingTag } from '../org/routes';
import { prepareSearch } from '../org/search';
import { hrefWith } from '../org/views/common';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { type MessageKey, t } from '../platform/i18n';
import { sendPage, setFlash } from '../platform/http/render';
import { actorOf, needs, requirePermission } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { cascadeTask, cascadeTaskInput } from './cascade-task';
import { TASK_ACTIONS, type TaskStatusAction, changeTaskStatus, changeTaskStatusInput, nextStatus } from './change-task-status';
import { createTask, createTaskInput } from './create-task';
import { hcmDate, isIsoDate } from './dates';
import { decideExtension, decideExtensionInput } from './decide-extension';
import { type TaskAction, canDecideExtension, canEditTask } from './policies';
import { extensionOut, planListOut, presentPlan, presentTask, presentTaskRow, taskDetailOut, taskPageOut } from './presenters';
import {
  TASK_SORTS,
  type TaskListFilter,
  type TaskListKey,
  type TaskSort,
  isUuid,
  listGroups,
  listPlans,
  isValidTaskSortKey,
  listTasks,
  taskChildren,
  taskExtensions,
  taskRollup,
  taskTimeline,
} from './queries';
import { requestExtension, requestExtensionInput } from './request-extension';
import { TASK_STATUSES, type TaskStatus } from './schema';
import { taskFor } from './task-access';
import { updateTask, updateTaskInput } from './update-task';
import { TaskListPage, type TaskFilters } from './views/task-list-page';
import { type NewTaskValues, NewTaskPage } from './views/task-new-page';
import { TaskPage } from './views/task-page';
import { loadReportTask, taskReports } from './reports/queries';
import { reportableUnits } from './reports/policies';
import { savedFiltersOf } from './saved-filters/queries';
import { canonicalFilterQuery } from './saved-filters/query-string';
import { SavedFilters } from './saved-filters/views/saved-filters';

export const TASKS_PAGE_SIZE = 50;
export const TASKS_MAX_LIMIT = 200;

const needsTaskRead = async (req: FastifyRequest) => {
  requirePermission(req, 'task.read');
};

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

const dateMessage = t('task.date');
const dateParam = z.string().max(20).refine(isIsoDate, { message: dateMessage });

export interface TaskQuery {
  q?: string;
  plan?: string;
  group?: string;
  status?: TaskStatus;
  leadUnit?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  overdue?: boolean;
  sort: TaskSort;
  cursor?: string;
}

const tasksApiQuery = z.object({
  plan: z.string().max(60).optional().describe('plan code'),
  group: z.string().max(10).optional().describe('task group I–VII'),
  status: z.enum(TASK_STATUSES).optional(),
  leadUnit: z.string().max(40).optional().describe('code of a unit: tasks led inside its subtree'),
  deadlineFrom: dateParam.optional(),
  deadlineTo: dateParam.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional().describe('search in code, title and output, with or without diacritics'),
  sort: z.enum(TASK_SORTS).default('deadline'),
  limit: limitParam(TASKS_MAX_LIMIT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
});

const idParams = z.object({ id: z.string().max(100) });

/** Who may change tasks and decide extensions somewhere (the standing office everywhere). */
const TASK_EDITORS: Permission[] = ['task.manage', 'oversight.national'];
const EXTENSION_DECIDERS: Permission[] = ['task.decideExtension', 'oversight.national'];
const needsTaskEditor = needs(TASK_EDITORS);
const needsExtensionDecider = needs(EXTENSION_DECIDERS);

export async function registerMonitoringRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  /** The scoped, filtered, keyset-paged task listing shared by the page and the API. */
  async function taskListing(p: Principal, query: TaskQuery, limit: number) {
    const filter: TaskListFilter = { status: query.status, groupNumber: query.group, deadlineFrom: query.deadlineFrom, deadlineTo: query.deadlineTo, overdue: query.overdue };
    if (query.plan) {
      const plans = await listPlans(db);
      const found = plans.find((x) => x.code === query.plan);
      if (!found) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { plan: t('task.unknownPlan', { code: query.plan }) });
      filter.planId = found.id;
    }
    if (query.leadUnit) {
      const unit = await findUnitByCode(db, query.leadUnit);
      if (!unit) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { leadUnit: t('task.unknownUnit', { code: query.leadUnit }) });
      filter.leadUnitPath = unit.path;
    }
    filter.q = prepareSearch(query.q);
    const tag = listingTag('tsk', { ...query, cursor: null, q: filter.q?.folded ?? null, who: p.userId });
    const after = query.cursor ? (decodeCursor(query.cursor, tag, ['string', 'string'], (v) => isUuid(String(v[1])) && isValidTaskSortKey(query.sort, String(v[0]))) as TaskListKey) : null;
    const rows = await listTasks(db, p, { ...filter, sort: query.sort, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    return { rows: page, nextCursor: rows.length > limit ? encodeCursor(tag, page[page.length - 1].key) : null };
  }

  /**
   * preValidation of a write on the task in the path: the permission somewhere, then the task
   * itself (404 unknown, 403 out of reach), before the body is validated, so an outsider's
   * invalid body tells them nothing. The use-case checks again inside its transaction.
   */
  const onTask = (action: TaskAction) => async (req: FastifyRequest) => {
    await needsTaskEditor(req);
    await taskFor(db, req.principal!, (req.params as { id: string }).id, action);
  };

  /** The extension request `id`, or 404. */
  async function findExtension(id: string) {
    const ext = isUuid(id) ? await db.query.taskExtensionRequest.findFirst({ where: (e, { eq }) => eq(e.id, id) }) : undefined;
    if (!ext) throw AppError.of('NOT_FOUND', 'task.ext.notFound');
    return ext;
  }

  /** The same for a decision on the extension request in the path: its task decides. */
  const onExtension = async (req: FastifyRequest) => {
    await needsExtensionDecider(req);
    const ext = await findExtension((req.params as { id: string }).id);
    await taskFor(db, req.principal!, ext.taskId, 'decideExtension');
  };

  // --- pages ----------------------------------------------------------------------------------

  const tasksPageQuery = taskListPageQuery;

  app.get('/tasks', { schema: { hide: true, querystring: tasksPageQuery }, preValidation: needsTaskRead }, async (req, reply) => {
    const p = req.principal!;
    const qs = req.query;
    const filters: TaskFilters = {
      q: (qs.q ?? '').trim(),
      plan: (qs.plan ?? '').trim(),
      group: (qs.group ?? '').trim(),
      status: (TASK_STATUSES as readonly string[]).includes(qs.status ?? '') ? qs.status! : '',
      leadUnit: (qs.leadUnit ?? '').trim(),
      deadlineFrom: (qs.deadlineFrom ?? '').trim(),
      deadlineTo: (qs.deadlineTo ?? '').trim(),
      overdue: qs.overdue === 'true',
      sort: (TASK_SORTS as readonly string[]).includes(qs.sort ?? '') ? qs.sort! : 'deadline',
    };
    const [plans, groups] = await Promise.all([listPlans(db), listGroups(db)]);
    const errors: Record<string, string> = {};
    if (filters.deadlineFrom && !isIsoDate(filters.deadlineFrom)) errors.deadlineFrom = dateMessage;
    if (filters.deadlineTo && !isIsoDate(filters.deadlineTo)) errors.deadlineTo = dateMessage;
    const query: TaskQuery = {
      q: filters.q || undefined,
      plan: filters.plan || undefined,
      group: filters.group || undefined,
      status: (filters.status || undefined) as TaskStatus | undefined,
      leadUnit: filters.leadUnit || undefined,
      deadlineFrom: errors.deadlineFrom ? undefined : filters.deadlineFrom || undefined,
      deadlineTo: errors.deadlineTo ? undefined : filters.deadlineTo || undefined,
      overdue: filters.overdue || undefined,
      sort: filters.sort as TaskSort,
      cursor: qs.cursor || undefined,
    };
    const saved = await savedFiltersOf(db, p.userId);
    const render = (status: number, listing: { rows: any[]; nextCursor: string | null }, errs: Record<string, string> | null) => {
      const params = { ...filters, overdue: filters.overdue ? 'true' : '', sort: filters.sort === 'deadline' ? '' : filters.sort };
      return sendPage(
        req,
        reply,
        { title: t('task.list.title'), status, wide: true },
        <TaskListPage
          filters={filters}
          errors={errs}
          plans={plans}
          groups={groups}
          rows={listing.rows}
          firstHref={query.cursor ? hrefWith('/tasks', params) : null}
          nextHref={listing.nextCursor ? hrefWith('/tasks', { ...params, cursor: listing.nextCursor }) : null}
          canCreate={canAnywhere(p, 'task.manage')}
          savedFilters={<SavedFilters csrfToken={req.csrfToken} filters={saved} currentQuery={canonicalFilterQuery(params)} />}
        />,
      );
    };
    if (Object.keys(errors).length) return render(400, { rows: [], nextCursor: null }, errors);
    try {
      return render(200, await taskListing(p, query, TASKS_PAGE_SIZE), null);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return render(400, { rows: [], nextCursor: null }, err.fields ?? null);
    }
  });

  const needsTaskManage = async (req: FastifyRequest) => {
    requirePermission(req, 'task.manage');
  };

  async function renderNewTask(req: FastifyRequest, reply: FastifyReply, values: NewTaskValues, status = 200, errors: Record<string, string> | null = null, message: string | null = null) {
    const [plans, groups] = await Promise.all([listPlans(db), listGroups(db)]);
    return sendPage(
      req,
      reply,
      { title: t('task.new.title'), status },
      <NewTaskPage csrfToken={req.csrfToken} values={values} plans={plans} groups={groups} errors={errors} message={message} />,
    );
  }

  app.get('/tasks/new', { schema: { hide: true }, preValidation: needsTaskManage }, async (req, reply) => {
    const p = req.principal!;
    const home = p.grants.find((g) => g.role === 'leader' || g.role === 'officer' || g.role === 'standing_office');
    return renderNewTask(req, reply, {
      planCode: '',
      code: '',
      groupNumber: '',
      title: '',
      description: '',
      leadUnitCode: home && home.role !== 'standing_office' ? home.unitCode : '',
      coordinatingUnitCodes: '',
      output: '',
      deadline: '',
      priority: 'normal',
    });
  });

  app.post('/tasks/new', { schema: { hide: true }, preValidation: needsTaskManage }, async (req, reply) => {
    const values: NewTaskValues = {
      planCode: formString(req.body, 'planCode'),
      code: formString(req.body, 'code'),
      groupNumber: formString(req.body, 'groupNumber'),
      title: formString(req.body, 'title'),
      description: formString(req.body, 'description'),
      leadUnitCode: formString(req.body, 'leadUnitCode'),
      coordinatingUnitCodes: formString(req.body, 'coordinatingUnitCodes'),
      output: formString(req.body, 'output'),
      deadline: formString(req.body, 'deadline'),
      priority: formString(req.body, 'priority'),
    };
    try {
      const row = await createTask(
        db,
        {
          ...values,
          coordinatingUnitCodes: values.coordinatingUnitCodes
            .split(/[,;\s]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          deadline: values.deadline || undefined,
          priority: values.priority as 'normal',
        },
        { principal: req.principal!, actor: actorOf(req) },
      );
      setFlash(reply, 'task.new.created');
      return reply.redirect(`/tasks/${row.id}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT', 'FORBIDDEN'].includes(err.code)) throw err;
      return renderNewTask(req, reply, values, err.status, err.fields ?? null, err.fields ? null : err.message);
    }
  });

  async function renderTaskPage(req: FastifyRequest, reply: FastifyReply, id: string, opts: { status?: number; errors?: Record<string, string> | null; message?: string | null } = {}) {
    const p = req.principal!;
    const loaded = await taskFor(db, p, id);
    const [rollup, children, extensions, timeline, reports, reportTask] = await Promise.all([
      taskRollup(db, loaded.task.id),
      taskChildren(db, loaded.task.id),
      taskExtensions(db, loaded.task.id),
      taskTimeline(db, loaded.task.id),
      taskReports(db, loaded.task.id, 50),
      loadReportTask(db, loaded.task.id),
    ]);
    const today = hcmDate(new Date());
    const pastDeadline = !!loaded.task.deadline && loaded.task.deadline < today;
    const actions = TASK_ACTIONS.filter((a) => nextStatus(loaded.task.status, a, pastDeadline)) as TaskStatusAction[];
    return sendPage(
      req,
      reply,
      { title: `${loaded.task.code} — ${t('task.list.title')}`, status: opts.status },
      <TaskPage
        csrfToken={req.csrfToken}
        loaded={loaded}
        canEdit={canEditTask(p, loaded.placement)}
        canDecide={canDecideExtension(p, loaded.placement)}
        actions={actions}
        rollup={rollup}
        children={children}
        extensions={extensions}
        timeline={timeline}
        reports={reports}
        canReport={!!reportTask && reportableUnits(p, reportTask.placement).length > 0}
        errors={opts.errors}
        message={opts.message}
      />,
    );
  }

  app.get('/tasks/:id', { schema: { hide: true, params: idParams }, preValidation: needsTaskRead }, async (req, reply) => renderTaskPage(req, reply, req.params.id));

  /** A write from the task page: flash + redirect on success, the page again with errors otherwise. */
  async function taskAction(req: FastifyRequest, reply: FastifyReply, taskId: string, action: () => Promise<unknown>, flash: MessageKey, fieldMap: Record<string, string> = {}) {
    try {
      await action();
    } catch (err) {
      if (err instanceof AppError && (err.code === 'VALIDATION_FAILED' || err.code === 'CONFLICT')) {
        const errors = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [fieldMap[k] ?? k, v])) : null;
        return renderTaskPage(req, reply, taskId, { status: err.status, errors, message: errors ? null : err.message });
      }
      throw err;
    }
    setFlash(reply, flash);
    return reply.redirect(`/tasks/${taskId}`, 303);
  }

  app.post('/tasks/:id/status', { schema: { hide: true, params: idParams }, preValidation: onTask('changeStatus') }, async (req, reply) =>
    taskAction(
      req,
      reply,
      req.params.id,
      () =>
        changeTaskStatus(
          db,
          req.params.id,
          { action: formString(req.body, 'action') as TaskStatusAction, reason: formString(req.body, 'reason') },
          { principal: req.principal!, actor: actorOf(req) },
        ),
      'task.statusChanged',
      { action: 'reason' },
    ),
  );

  app.post('/tasks/:id/edit', { schema: { hide: true, params: idParams }, preValidation: onTask('edit') }, async (req, reply) => {
    const fields = ['percentDone', 'output', 'responsibleName', 'responsibleEmail', 'accountableName', 'accountableEmail'] as const;
    const input: Record<string, string> = {};
    for (const f of fields) {
      const v = formString(req.body, f);
      if (v.trim() !== '') input[f] = v;
    }
    return taskAction(
      req,
      reply,
      req.params.id,
      () => updateTask(db, req.params.id, input, { principal: req.principal!, actor: actorOf(req) }),
      'task.edit.done',
    );
  });

  app.post('/tasks/:id/extensions', { schema: { hide: true, params: idParams }, preValidation: onTask('requestExtension') }, async (req, reply) =>
    taskAction(
      req,
      reply,
      req.params.id,
      () =>
        requestExtension(
          db,
          req.params.id,
          { requestedDeadline: formString(req.body, 'requestedDeadline'), reason: formString(req.body, 'extensionReason') },
          { principal: req.principal!, actor: actorOf(req) },
        ),
      'task.ext.requested',
      { reason: 'extensionReason' },
    ),
  );

  app.post('/tasks/:id/cascade', { schema: { hide: true, params: idParams }, preValidation: onTask('cascade') }, async (req, reply) => {
    const target = formString(req.body, 'target');
    const unitCodes = formString(req.body, 'unitCodes')
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return taskAction(
      req,
      reply,
      req.params.id,
      () =>
        cascadeTask(db, req.params.id, { target, unitCodes, provinceCode: formString(req.body, 'provinceCode') } as any, {
          principal: req.principal!,
          actor: actorOf(req),
        }),
      'task.cascade.done',
    );
  });

  app.post('/extensions/:id/decision', { schema: { hide: true, params: idParams }, preValidation: onExtension }, async (req, reply) => {
    const p = req.principal!;
    const ext = await findExtension(req.params.id);
    return taskAction(
      req,
      reply,
      ext.taskId,
      () =>
        decideExtension(
          db,
          req.params.id,
          { decision: formString(req.body, 'decision') as 'approved', note: formString(req.body, 'note') },
          { principal: p, actor: actorOf(req) },
        ),
      'task.ext.decided',
      { decision: 'note' },
    );
  });

  // --- API ------------------------------------------------------------------------------------

  app.get(
    '/api/v1/plans',
    { schema: { tags: ['plans'], summary: 'Plans (programme documents) that hold tasks', response: { 200: planListOut } }, preValidation: needsTaskRead },
    async () => ({ items: (await listPlans(db)).map(presentPlan) }),
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'List the tasks the caller may see',
        description: 'Filtered by plan, group, status, lead unit (subtree), deadline window, overdue and text; sorted by deadline, code or last update; keyset-paged with `cursor`.',
        querystring: tasksApiQuery,
        response: { 200: taskPageOut },
      },
      preValidation: needsTaskRead,
    },
    async (req) => {
      const { limit, overdue, ...rest } = req.query;
      const listing = await taskListing(req.principal!, { ...rest, overdue: overdue === 'true' || undefined }, limit);
      return { items: listing.rows.map(presentTaskRow), nextCursor: listing.nextCursor };
    },
  );

  async function taskDetail(p: Principal, id: string) {
    const loaded = await taskFor(db, p, id);
    const [rollup, extensions] = await Promise.all([taskRollup(db, loaded.task.id), taskExtensions(db, loaded.task.id)]);
    return presentTask(loaded, rollup, extensions);
  }

  app.get(
    '/api/v1/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'One task, with co-ordinating units, roll-up of cascaded children and extension requests', params: idParams, response: { 200: taskDetailOut } }, preValidation: needsTaskRead },
    async (req) => taskDetail(req.principal!, req.params.id),
  );

  app.post(
    '/api/v1/tasks',
    { schema: { tags: ['tasks'], summary: 'Create a task led by a unit the caller manages', body: createTaskInput, response: { 201: taskDetailOut } }, preValidation: needsTaskEditor },
    async (req, reply) => {
      const row = await createTask(db, req.body, { principal: req.principal!, actor: actorOf(req) });
      return reply.status(201).send(await taskDetail(req.principal!, row.id));
    },
  );

  app.patch(
    '/api/v1/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'Edit a task (the deadline moves only through extensions)', params: idParams, body: updateTaskInput, response: { 200: taskDetailOut } }, preValidation: onTask('edit') },
    async (req) => {
      await updateTask(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) });
      return taskDetail(req.principal!, req.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/:id/status',
    { schema: { tags: ['tasks'], summary: 'Start, pause, cancel (with a reason) or resume a task', params: idParams, body: changeTaskStatusInput, response: { 200: taskDetailOut } }, preValidation: onTask('changeStatus') },
    async (req) => {
      await changeTaskStatus(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) });
      return taskDetail(req.principal!, req.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/:id/cascade',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Cascade a task to subordinate units (idempotent per unit)',
        params: idParams,
        body: cascadeTaskInput,
        response: { 200: z.object({ created: z.number().int(), skipped: z.number().int() }) },
      },
      preValidation: onTask('cascade'),
    },
    async (req) => cascadeTask(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) }),
  );

  app.post(
    '/api/v1/tasks/:id/extensions',
    { schema: { tags: ['tasks'], summary: 'Request a deadline extension', params: idParams, body: requestExtensionInput, response: { 201: extensionOut } }, preValidation: onTask('requestExtension') },
    async (req, reply) => {
      const row = await requestExtension(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) });
      return reply.status(201).send({
        id: row.id,
        previousDeadline: row.previousDeadline,
        requestedDeadline: row.requestedDeadline,
        reason: row.reason,
        status: row.status,
        decisionNote: row.decisionNote,
        decidedAt: null,
        createdAt: row.createdAt.toISOString(),
      });
    },
  );

  app.post(
    '/api/v1/extensions/:id/decision',
    { schema: { tags: ['tasks'], summary: 'Approve or reject an extension request (assigning unit or standing office)', params: idParams, body: decideExtensionInput, response: { 200: taskDetailOut } }, preValidation: onExtension },
    async (req) => {
      const r = await decideExtension(db, req.params.id, req.body, { principal: req.principal!, actor: actorOf(req) });
      return taskDetail(req.principal!, r.task.id);
    },
  );

}
