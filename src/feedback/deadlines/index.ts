/**
 * PAKN-GPSK deadlines on the Vietnamese working-day calendar — the public face of this module:
 * the calendar (weekends, statutory holidays with lunar Tết, the Government's overrides), the
 * deadlines a case gets from its kind's SLA (forward, answer, status update), and the pause/resume
 * of the clock while the submitter is asked for more information.
 * Dates are 'YYYY-MM-DD' in Asia/Ho_Chi_Minh.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { addDays, hcmDate } from '../../monitoring/dates';
import type { Executor } from '../../platform/db/client';
import { executeRows } from '../../platform/db/execute-rows';
import { type StatementPart, selectParts } from '../../platform/db/one-statement';
import { feedbackAssignment, feedbackSla, feedbackSubmission, type SubmissionKind } from '../schema';
import { calendarDay } from './schema';
import { buildWorkingCalendar, type WorkingCalendar } from './working-days';

export type { WorkingCalendar } from './working-days';
export { buildWorkingCalendar } from './working-days';

export interface SlaSettings {
  forwardWorkingDays: number;
  answerDays: number;
  answerInWorkingDays: boolean;
  updateEveryDays: number;
}

/** What a kind gets when no row is stored (also what reference seeding writes). */
export const DEFAULT_SLA: SlaSettings = { forwardWorkingDays: 5, answerDays: 20, answerInWorkingDays: true, updateEveryDays: 7 };

/** Calendars already built, by a digest of the rows they were built from (a handful at most). */
const calendars = new Map<string, WorkingCalendar>();
const MAX_CALENDARS = 8;

/** md5 over the override rows: one small answer instead of the whole table. */
const calendarDigest = sql`(SELECT md5(coalesce(string_agg(date::text || is_working_day::text || name, '|' ORDER BY date), '')) FROM ${calendarDay})`;

/** The calendar built from the rows whose digest is `digest`, read and built only the first time. */
async function calendarFor(db: Executor, digest: string): Promise<WorkingCalendar> {
  const cached = calendars.get(digest);
  if (cached) return cached;
  const rows = await db.select({ date: calendarDay.date, isWorkingDay: calendarDay.isWorkingDay, name: calendarDay.name }).from(calendarDay);
  const built = buildWorkingCalendar(rows);
  if (calendars.size >= MAX_CALENDARS) calendars.clear();
  calendars.set(digest, built);
  return built;
}

/**
 * The calendar with the overrides stored in `calendar_day`. Every submission needs it, so the
 * built calendar is kept by a digest the database computes over the rows, and a change made
 * through any server process is seen by the next call.
 */
export async function loadWorkingCalendar(db: Executor): Promise<WorkingCalendar> {
  const [row] = await executeRows<{ d: string }>(db, sql`SELECT ${calendarDigest} AS d`);
  return calendarFor(db, row!.d);
}

function slaOf(row: SlaSettings | undefined | null): SlaSettings {
  if (!row) return { ...DEFAULT_SLA };
  return {
    forwardWorkingDays: row.forwardWorkingDays,
    answerDays: row.answerDays,
    answerInWorkingDays: row.answerInWorkingDays,
    updateEveryDays: row.updateEveryDays,
  };
}

/** The SLA of one kind (defaults when not configured). */
export async function slaFor(db: Executor, kind: SubmissionKind): Promise<SlaSettings> {
  const [row] = await db.select().from(feedbackSla).where(eq(feedbackSla.kind, kind));
  return slaOf(row);
}

/**
 * A kind's SLA and the calendar's digest as a part of a statement (see one-statement.ts): every
 * deadline needs both, and a submission reads them in the statement that also takes its code.
 */
export function slaAndCalendarPart(kind: SubmissionKind): StatementPart {
  return {
    column: sql`json_build_object('d', ${calendarDigest},
      'sla', (SELECT json_build_object('forwardWorkingDays', s.forward_working_days, 'answerDays', s.answer_days,
                                       'answerInWorkingDays', s.answer_in_working_days, 'updateEveryDays', s.update_every_days)
              FROM ${feedbackSla} s WHERE s.kind = ${kind}))`,
  };
}

/** The SLA and the calendar from the part's column (the calendar is read only when its rows changed). */
async function slaAndCalendarOf(db: Executor, column: unknown): Promise<{ sla: SlaSettings; cal: WorkingCalendar }> {
  const v = column as { d: string; sla: SlaSettings | null };
  // no row for the kind: the defaults apply
  return { sla: slaOf(v.sla), cal: await calendarFor(db, v.d) };
}

async function slaAndCalendar(db: Executor, kind: SubmissionKind): Promise<{ sla: SlaSettings; cal: WorkingCalendar }> {
  const row = await selectParts(db, { s: slaAndCalendarPart(kind) });
  return slaAndCalendarOf(db, row.s);
}

/** The deadline to forward a case received at `receivedAt`, from the column of `slaAndCalendarPart`. */
export async function forwardDueFrom(db: Executor, column: unknown, receivedAt: Date): Promise<string> {
  const { sla, cal } = await slaAndCalendarOf(db, column);
  return cal.addWorkingDays(hcmDate(receivedAt), sla.forwardWorkingDays);
}

/** The deadline to forward (or close at triage) a case received at `receivedAt`. */
export async function deadlinesOnReceipt(db: Executor, kind: SubmissionKind, receivedAt: Date): Promise<{ forwardDueOn: string }> {
  const row = await selectParts(db, { s: slaAndCalendarPart(kind) });
  return { forwardDueOn: await forwardDueFrom(db, row.s, receivedAt) };
}

/** The date an agency must answer by when the case is forwarded at `forwardedAt`. */
export async function answerDueOn(db: Executor, kind: SubmissionKind, forwardedAt: Date): Promise<string> {
  const { sla, cal } = await slaAndCalendar(db, kind);
  const from = hcmDate(forwardedAt);
  if (sla.answerInWorkingDays) return cal.addWorkingDays(from, sla.answerDays);
  // calendar days; a period ending on a day off ends on the next working day
  return cal.nextWorkingDayOnOrAfter(addDays(from, sla.answerDays));
}

/** The date the next status update is due when the last one (or the forward) was at `from`. */
export async function nextUpdateDueOn(db: Executor, kind: SubmissionKind, from: Date): Promise<string> {
  const { sla, cal } = await slaAndCalendar(db, kind);
  return cal.nextWorkingDayOnOrAfter(addDays(hcmDate(from), sla.updateEveryDays));
}

/** Stops the case's clock (the submitter was asked for more information); nothing if already stopped. */
export async function pauseClock(tx: Executor, submissionId: string, now: Date): Promise<void> {
  await tx
    .update(feedbackSubmission)
    .set({ pausedAt: now, updatedAt: now })
    .where(and(eq(feedbackSubmission.id, submissionId), isNull(feedbackSubmission.pausedAt)));
}

/**
 * Restarts the clock: every deadline still running (the submission's forward, answer and update
 * deadlines, and the answer deadline of its open assignments) moves later by the working days that
 * passed while paused. Nothing if the clock was not stopped.
 */
export async function resumeClock(tx: Executor, submissionId: string, now: Date): Promise<void> {
  const [sub] = await tx
    .select({
      pausedAt: feedbackSubmission.pausedAt,
      forwardedAt: feedbackSubmission.forwardedAt,
      forwardDueOn: feedbackSubmission.forwardDueOn,
      answerDueOn: feedbackSubmission.answerDueOn,
      nextUpdateDueOn: feedbackSubmission.nextUpdateDueOn,
    })
    .from(feedbackSubmission)
    .where(eq(feedbackSubmission.id, submissionId))
    .for('update');
  if (!sub?.pausedAt) return;
  const cal = await loadWorkingCalendar(tx);
  const paused = Math.max(0, cal.workingDaysBetween(hcmDate(sub.pausedAt), hcmDate(now)));
  const shift = (d: string | null) => (d && paused > 0 ? cal.addWorkingDays(d, paused) : d);
  await tx
    .update(feedbackSubmission)
    .set({
      pausedAt: null,
      forwardDueOn: sub.forwardedAt ? sub.forwardDueOn : shift(sub.forwardDueOn),
      answerDueOn: shift(sub.answerDueOn),
      nextUpdateDueOn: shift(sub.nextUpdateDueOn),
      updatedAt: now,
    })
    .where(eq(feedbackSubmission.id, submissionId));
  if (paused === 0) return;
  const open = await tx
    .select({ id: feedbackAssignment.id, answerDueOn: feedbackAssignment.answerDueOn })
    .from(feedbackAssignment)
    .where(and(eq(feedbackAssignment.submissionId, submissionId), inArray(feedbackAssignment.status, ['forwarded', 'accepted'])));
  for (const a of open) {
    if (!a.answerDueOn) continue;
    await tx.update(feedbackAssignment).set({ answerDueOn: shift(a.answerDueOn), updatedAt: now }).where(eq(feedbackAssignment.id, a.id));
  }
}
