/** The hourly `feedback.deadlines` job: reminders, overdue marking and escalation of PAKN-GPSK cases. */
import type { AppContext } from '../../platform/context';
import { sendDeadlineNotices } from './send-deadline-notices';

export const FEEDBACK_DEADLINES_JOB = 'feedback.deadlines';

export async function registerFeedbackDeadlineJobs(ctx: AppContext) {
  await ctx.jobs.work(FEEDBACK_DEADLINES_JOB, async () => {
    const r = await sendDeadlineNotices(ctx.db, ctx.mailer, new Date(), { publicUrl: ctx.config.publicUrl });
    if (r.notices || r.markedOverdue) ctx.log.info(r, 'feedback deadline control');
  });
  await ctx.jobs.schedule(FEEDBACK_DEADLINES_JOB, '10 * * * *');
}
