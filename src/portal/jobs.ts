/** Portal jobs: every minute, publish the scheduled articles that have come due. */
import type { AppContext } from '../platform/context';
import { publishScheduledArticles } from './publish-scheduled-articles';

export const PUBLISH_SCHEDULED_JOB = 'portal.publish-scheduled';

export async function registerPortalJobs(ctx: AppContext) {
  await ctx.jobs.work(PUBLISH_SCHEDULED_JOB, async () => {
    const n = await publishScheduledArticles(ctx.db);
    if (n) ctx.log.info({ published: n }, 'scheduled articles published');
  });
  await ctx.jobs.schedule(PUBLISH_SCHEDULED_JOB, '* * * * *');
}
