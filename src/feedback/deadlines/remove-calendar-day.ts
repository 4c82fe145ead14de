/** Takes back a recorded calendar decision (feedback.configure), audited; the date follows the rules again. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput } from '../../platform/validation';
import { canConfigureDeadlines } from './policies';
import { calendarDay } from './schema';
import { calendarDate } from './set-calendar-day';

export async function removeCalendarDay(db: Database, rawDate: string, opts: { principal: Principal; actor: Actor }) {
  if (!canConfigureDeadlines(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const date = parseInput(z.object({ date: calendarDate() }), { date: rawDate }).date;
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(calendarDay).where(eq(calendarDay.date, date)).returning();
    if (!removed) throw AppError.of('NOT_FOUND', 'deadlines.calendar.notFound');
    await recordAudit(tx, opts.actor, { action: 'feedback.calendar.remove', entityType: 'calendar_day', entityId: null, before: removed });
    return { date };
  });
}
