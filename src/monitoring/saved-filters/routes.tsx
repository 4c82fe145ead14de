/** Saved task-list filters: POST /tasks/filters (save the current filter), POST /tasks/filters/:id/delete. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, requirePermission } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { deleteTaskFilter } from './delete-task-filter';
import { canonicalFilterQuery } from './query-string';
import { saveTaskFilter } from './save-task-filter';
import { SaveFilterPage } from './views/saved-filters';

const needsTaskRead = async (req: FastifyRequest) => {
  requirePermission(req, 'task.read');
};

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

export async function registerSavedTaskFilterRoutes(app: TypedApp, ctx: AppContext) {
  const { db } = ctx;

  app.post('/tasks/filters', { schema: { hide: true }, preValidation: needsTaskRead }, async (req, reply) => {
    const name = formString(req.body, 'filterName');
    const query = canonicalFilterQuery(formString(req.body, 'query').slice(0, 2000));
    try {
      const row = await saveTaskFilter(db, { name, query }, { principal: req.principal!, actor: actorOf(req) });
      setFlash(reply, 'savedFilter.saved');
      return reply.redirect(row.query ? `/tasks?${row.query}` : '/tasks', 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      const errors = { filterName: err.fields?.name ?? err.fields?.query ?? t('field.invalid') };
      return sendPage(req, reply, { title: t('savedFilter.saveTitle'), status: 400 }, <SaveFilterPage csrfToken={req.csrfToken} query={query} name={name} errors={errors} />);
    }
  });

  app.post(
    '/tasks/filters/:id/delete',
    { schema: { hide: true, params: z.object({ id: z.string().max(64) }) }, preValidation: needsTaskRead },
    async (req, reply) => {
      await deleteTaskFilter(db, req.params.id, { principal: req.principal!, actor: actorOf(req) });
      setFlash(reply, 'savedFilter.deleted');
      return reply.redirect('/tasks', 303);
    },
  );
}
