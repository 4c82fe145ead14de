/**
 * Tells open dashboards that a progress report was reviewed (its acceptance changes task and
 * report numbers). Called after the review has committed; a lost notification only delays a live
 * refresh, so a failure is logged rather than turned into an error for the reviewer.
 */
import { eq } from 'drizzle-orm';
import { orgUnit } from '../../org/schema';
import type { AppContext } from '../../platform/context';

export async function publishReportReviewed(ctx: AppContext, report: { id: string; reportingUnitId: string }, decision: string): Promise<void> {
  try {
    const [unit] = await ctx.db.select({ path: orgUnit.path, code: orgUnit.code }).from(orgUnit).where(eq(orgUnit.id, report.reportingUnitId));
    await ctx.events.publish({ type: 'report.reviewed', unitPath: unit?.path, data: { reportId: report.id, decision, unitCode: unit?.code } });
  } catch (err) {
    ctx.log.warn({ err, reportId: report.id }, 'report.reviewed event not published');
  }
}
