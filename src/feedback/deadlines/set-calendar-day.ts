/**
 * Records one of the Government's decisions on the working-day calendar (a day off added, a
 * Saturday worked), or replaces the one recorded for that date. Needs feedback.configure, audited.
 * Deadlines already computed keep their dates.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isIsoDate } from '../../monitoring/dates';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput, text } from '../../platform/validation';
import { canConfigureDeadlines } from './policies';
import { calendarDay } from './schema';

/** 'dd/mm/yyyy' or 'yyyy-mm-dd' → 'yyyy-mm-dd' (years 2000–2100). */
export const calendarDate = () =>
  z
    .string({ message: t('deadlines.calendar.badDate') })
    .trim()
    .transform((s) => {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
      return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s;
    })
    .refine((s) => isIsoDate(s) && s >= '2000-01-01' && s <= '2100-12-31', t('deadlines.calendar.badDate'));

export const setCalendarDayInput = z.object({
  date: calendarDate(),
  isWorkingDay: z.enum(['working', 'off'], { message: t('field.choose') }).transform((v) => v === 'working'),
  name: text(200),
  note: optionalText(1000),
});
export type SetCalendarDayInput = z.input<typeof setCalendarDayInput>;

export async function setCalendarDay(db: Database, raw: SetCalendarDayInput, opts: { principal: Principal; actor: Actor }) {
  if (!canConfigureDeadlines(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(setCalendarDayInput, raw);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDay).where(eq(calendarDay.date, input.date));
    const values = { isWorkingDay: input.isWorkingDay, name: input.name, note: input.note ?? null };
    await tx
      .insert(calendarDay)
      .values({ date: input.date, ...values })
      .onConflictDoUpdate({ target: calendarDay.date, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, opts.actor, { action: 'feedback.calendar.set', entityType: 'calendar_day', entityId: null, before: before ?? null, after: input });
    return { date: input.date };
  });
}
