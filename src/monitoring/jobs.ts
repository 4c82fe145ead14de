/** Monitoring jobs: the hourly overdue control (marks overdue tasks, sends reminders and escalations). */
import type { AppContext } from '../platform/context';
import { detectOverdueTasks } from './detect-overdue-tasks';

export const OVERDUE_JOB = 'monitoring.overdue';

export async function registerMonitoringJobs(ctx: AppContext) {
  await ctx.jobs.work(OVERDUE_JOB, async () => {
    const r = await detectOverdueTasks(ctx.db, ctx.mailer, new Date(), { publicUrl: ctx.config.publicUrl });
    if (r.markedOverdue || r.notices) ctx.log.info(r, 'overdue control');
  });
  await ctx.jobs.schedule(OVERDUE_JOB, '5 * * * *');
}
