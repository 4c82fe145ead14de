/** Scoring jobs: the monthly frozen snapshot of the month that has just ended. */
import { SYSTEM_ACTOR } from '../../platform/audit/record-audit';
import type { AppContext } from '../../platform/context';
import { previousMonth, takeScoreSnapshot } from './take-score-snapshot';

export const SNAPSHOT_JOB = 'scoring.snapshot';

/** Freezes the previous month unless it is frozen already; publishes 'scores.snapshot' after commit. */
export async function runSnapshotJob(ctx: AppContext, now = new Date()) {
  const period = previousMonth(now);
  const r = await takeScoreSnapshot(ctx.db, { period, actor: { ...SYSTEM_ACTOR, label: 'job:scoring.snapshot' }, ifAbsent: true, now });
  if (r.created) {
    ctx.log.info({ period, rows: r.rows }, 'score snapshot frozen');
    await ctx.events.publish({ type: 'scores.snapshot', data: { period } });
  }
  return r;
}

export async function registerScoringJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.work(SNAPSHOT_JOB, async () => {
    await runSnapshotJob(ctx);
  });
  // 00:30 on the first day of every month, Vietnam time (the queue schedules in Asia/Ho_Chi_Minh)
  await ctx.jobs.schedule(SNAPSHOT_JOB, '30 0 1 * *');
}
