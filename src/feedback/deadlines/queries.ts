/**
 * Reads of the deadline control: overdue cases per agency (the page, the API and a compact count
 * for dashboards), the SLA settings and the calendar overrides of a year.
 * "Overdue" means: an open assignment (forwarded or accepted) of a case whose clock runs (not
 * paused, not closed) with its answer deadline before today; or, for the standing office, a case
 * received and not forwarded by its forward deadline.
 */
import { type SQL, and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { escapeLike } from '../../platform/text/fold';
import { SUBMISSION_KINDS, type SubmissionKind, feedbackAssignment, feedbackSla, feedbackSubmission } from '../schema';
import { DEFAULT_SLA, type SlaSettings } from './index';
import { calendarDay, feedbackNotice } from './schema';

const s = feedbackSubmission;
const a = feedbackAssignment;
const u = orgUnit;

/** Subtree filter on the assignment's unit: null roots = everything (the standing office). */
function scopeWhere(roots: readonly string[] | null, unitPath?: string): SQL | undefined {
  const parts: SQL[] = [];
  if (roots) parts.push(roots.length ? or(...roots.map((r) => sql`${u.path} LIKE ${`${escapeLike(r)}%`}`))! : sql`false`);
  if (unitPath) parts.push(sql`${u.path} LIKE ${`${escapeLike(unitPath)}%`}`);
  return parts.length ? and(...parts) : undefined;
}

function overdueWhere(today: string, roots: readonly string[] | null, unitPath?: string) {
  return and(
    inArray(a.status, ['forwarded', 'accepted']),
    inArray(s.status, ['forwarded', 'in_progress']),
    isNull(s.pausedAt),
    lt(a.answerDueOn, today),
    scopeWhere(roots, unitPath),
  );
}

export interface OverdueRow {
  assignmentId: string;
  submissionId: string;
  code: string;
  title: string;
  kind: SubmissionKind;
  status: string;
  answerDueOn: string;
  unitId: string;
  unitCode: string;
  unitName: string;
}

/** Overdue assignments in scope, oldest deadline first, keyset-paged on (deadline, assignment id). */
export async function listOverdueAssignments(
  db: Executor,
  opts: { today: string; roots: readonly string[] | null; unitPath?: string; limit: number; after?: { dueOn: string; id: string } | null },
): Promise<OverdueRow[]> {
  const after = opts.after ? or(gt(a.answerDueOn, opts.after.dueOn), and(eq(a.answerDueOn, opts.after.dueOn), gt(a.id, opts.after.id))) : undefined;
  const rows = await db
    .select({
      assignmentId: a.id,
      submissionId: s.id,
      code: s.code,
      title: s.title,
      kind: s.kind,
      status: a.status,
      answerDueOn: a.answerDueOn,
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
    })
    .from(a)
    .innerJoin(s, eq(s.id, a.submissionId))
    .innerJoin(u, eq(u.id, a.unitId))
    .where(and(overdueWhere(opts.today, opts.roots, opts.unitPath), after))
    .orderBy(asc(a.answerDueOn), asc(a.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, answerDueOn: r.answerDueOn! }));
}

export interface AgencyOverdueCount {
  unitId: string;
  unitCode: string;
  unitName: string;
  count: number;
}

/** Per agency: how many of its assignments are overdue today (for dashboards), most first. */
export async function overdueCountsByAgency(db: Executor, opts: { today: string; roots?: readonly string[] | null }): Promise<AgencyOverdueCount[]> {
  const count = sql<number>`count(*)::int`;
  return db
    .select({ unitId: u.id, unitCode: u.code, unitName: u.name, count })
    .from(a)
    .innerJoin(s, eq(s.id, a.submissionId))
    .innerJoin(u, eq(u.id, a.unitId))
    .where(overdueWhere(opts.today, opts.roots ?? null))
    .groupBy(u.id, u.code, u.name)
    .orderBy(desc(count), asc(u.code));
}

export interface UnforwardedRow {
  submissionId: string;
  code: string;
  title: string;
  kind: SubmissionKind;
  forwardDueOn: string;
}

/** Cases received but not forwarded by their forward deadline (the standing office's own backlog). */
export async function listOverdueUnforwarded(db: Executor, opts: { today: string; limit: number }): Promise<UnforwardedRow[]> {
  const rows = await db
    .select({ submissionId: s.id, code: s.code, title: s.title, kind: s.kind, forwardDueOn: s.forwardDueOn })
    .from(s)
    .where(and(eq(s.status, 'received'), isNull(s.pausedAt), lt(s.forwardDueOn, opts.today)))
    .orderBy(asc(s.forwardDueOn), asc(s.code))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, forwardDueOn: r.forwardDueOn! }));
}

/** The SLA of every kind, with the defaults for kinds without a stored row. */
export async function listSla(db: Executor): Promise<(SlaSettings & { kind: SubmissionKind })[]> {
  const rows = await db.select().from(feedbackSla);
  return SUBMISSION_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return r
      ? { kind, forwardWorkingDays: r.forwardWorkingDays, answerDays: r.answerDays, answerInWorkingDays: r.answerInWorkingDays, updateEveryDays: r.updateEveryDays }
      : { kind, ...DEFAULT_SLA };
  });
}

/** Calendar overrides within one solar year, by date. */
export async function calendarOverrides(db: Executor, year: number) {
  return db
    .select()
    .from(calendarDay)
    .where(and(sql`${calendarDay.date} >= ${`${year}-01-01`}::date`, sql`${calendarDay.date} <= ${`${year}-12-31`}::date`))
    .orderBy(asc(calendarDay.date));
}

/** The latest deadline notices addressed to a user (their in-app inbox), with the case and agency. */
export async function feedbackNoticesFor(db: Executor, userId: string, limit = 50) {
  return db
    .select({
      id: feedbackNotice.id,
      kind: feedbackNotice.kind,
      dueOn: feedbackNotice.dueOn,
      createdAt: feedbackNotice.createdAt,
      readAt: feedbackNotice.readAt,
      code: s.code,
      title: s.title,
      unitName: u.name,
    })
    .from(feedbackNotice)
    .innerJoin(s, eq(s.id, feedbackNotice.submissionId))
    .leftJoin(a, eq(a.id, feedbackNotice.assignmentId))
    .leftJoin(u, eq(u.id, a.unitId))
    .where(eq(feedbackNotice.recipientUserId, userId))
    .orderBy(desc(feedbackNotice.createdAt), asc(feedbackNotice.id))
    .limit(limit);
}

/** How many of a user's deadline notices are unread. */
export async function unreadFeedbackNotices(db: Executor, userId: string): Promise<number> {
  return db.$count(feedbackNotice, and(eq(feedbackNotice.recipientUserId, userId), isNull(feedbackNotice.readAt)));
}
