/** Public task pages and their JSON: anonymous, read-only, cached briefly by browsers and proxies. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AppContext } from '../../platform/context';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import type { TypedApp } from '../../platform/http/types';
import { GROUP_NUMBERS, TASK_STATUSES } from '../schema';
import { PUBLIC_PAGE_SIZE, findPublicTask, listPublicTasks } from './queries';
import { PublicTaskListPage, PublicTaskPage } from './views/public-tasks';

const listQuery = z.object({
  q: z.string().max(200).optional().default(''),
  group: z.enum(['', ...GROUP_NUMBERS]).optional().default(''),
  status: z.enum(['', ...TASK_STATUSES]).optional().default(''),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
const idParams = z.object({ id: z.uuid() });

const publicTaskOut = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  groupNumber: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  percentDone: z.number().int(),
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  leadName: z.string().nullable(),
  planCode: z.string(),
  planTitle: z.string(),
});

/** Task status changes hourly at most: a minute in a shared cache is harmless. */
function publicCache(reply: FastifyReply, anonymous: boolean) {
  reply.header('cache-control', anonymous ? 'public, max-age=60' : 'private, no-store');
}

export async function registerPublicTaskRoutes(app: TypedApp, ctx: AppContext) {
  app.get('/progress/tasks', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    const { q, group, status, page } = req.query;
    const result = await listPublicTasks(ctx.database.readDb, { q, group: group || undefined, status: status || undefined, page });
    return sendPage(req, reply, { title: t('publicTask.list.title'), wide: true, publicMaxAge: 60 }, <PublicTaskListPage result={result} q={q} group={group} status={status} page={page} />);
  });

  app.get('/progress/tasks/:id', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const found = await findPublicTask(ctx.database.readDb, req.params.id);
    if (!found) throw AppError.of('NOT_FOUND', 'publicTask.notFound');
    return sendPage(req, reply, { title: `${found.code} — ${found.title}`, publicMaxAge: 60 }, <PublicTaskPage task={found} />);
  });

  app.get(
    '/api/v1/public/tasks',
    {
      schema: {
        tags: ['public'],
        summary: 'Tasks of the public plans, with status and percent done (open data)',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(publicTaskOut), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const { q, group, status, page } = req.query;
      const { rows, total } = await listPublicTasks(ctx.database.readDb, { q, group: group || undefined, status: status || undefined, page });
      publicCache(reply, !req.principal);
      return { items: rows.map(({ total: _t, ...r }) => r), total, page, pageSize: PUBLIC_PAGE_SIZE };
    },
  );
}
