/** The monitoring dashboard: the page for staff (their scope) and the national summary as JSON. */
import { z } from 'zod';
import { taskScopeRoots } from '../monitoring/policies';
import { TASK_STATUSES } from '../monitoring/schema';
import type { AppContext } from '../platform/context';
import { t } from '../platform/i18n';
import { sendPage } from '../platform/http/render';
import { requirePermission } from '../platform/http/request-context';
import type { TypedApp } from '../platform/http/types';
import { monitoringSummary } from './monitoring-summary';
import { DashboardPage } from './views/dashboard-page';

const statusCounts = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>);
const summaryOut = z.object({
  generatedAt: z.string(),
  tasks: z.object({ total: z.number().int(), byStatus: statusCounts }),
  overdue: z.number().int(),
  byGroup: z.array(z.object({ groupNumber: z.string().nullable(), byStatus: statusCounts, total: z.number().int() })),
  reports: z.object({ awaitingReview: z.number().int(), acceptedRecently: z.number().int(), dueReported: z.number().int(), onTime: z.number().int() }),
  openBottlenecks: z.number().int(),
});

export async function registerDashboardRoutes(app: TypedApp, ctx: AppContext) {
  app.get('/dashboard', { schema: { hide: true } }, async (req, reply) => {
    const p = requirePermission(req, 'task.read');
    const roots = taskScopeRoots(p);
    const national = roots === null;
    const now = new Date();
    const summary = await monitoringSummary(ctx.db, roots, now);
    const units = [...new Set(p.grants.map((g) => g.unitName))].join(', ');
    const scopeLabel = national ? t('dashboard.scope.national') : t('dashboard.scope.units', { units });
    return sendPage(req, reply, { title: t('dashboard.title'), wide: true }, <DashboardPage summary={summary} scopeLabel={scopeLabel} now={now} />);
  });

  app.get(
    '/api/v1/dashboard/national',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'National monitoring summary (standing office)',
        description: 'Task counts by status and by group, overdue tasks, reports awaiting review and their timeliness, open bottlenecks.',
        response: { 200: summaryOut },
      },
    },
    async (req) => {
      requirePermission(req, 'oversight.national');
      const now = new Date();
      const { roots: _roots, ...summary } = await monitoringSummary(ctx.db, null, now);
      return { generatedAt: now.toISOString(), ...summary };
    },
  );
}
