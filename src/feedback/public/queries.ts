/**
 * Reads for the public side of PAKN-GPSK. A case is public only when its answer was approved and
 * published (`published_at`) and the submitter consented (`publish_consent` anonymous or named).
 * Nothing here ever selects the submitter's e-mail, phone, address, identity number or the
 * internal notes; the name is returned only with 'named' consent.
 */
import { type SQL, and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { progressReport } from '../../monitoring/reports/schema';
import { plan, task } from '../../monitoring/schema';
import { hcmDate } from '../../monitoring/dates';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { escapeLike, foldText } from '../../platform/text/fold';
import { feedbackAnswer, feedbackAssignment, feedbackEvent, feedbackSubmission as s, feedbackTopic, type SubmissionKind, type SubmissionStatus } from '../schema';

/** The one rule for "the public may see this case". */
export const isPublished: SQL = sql`(${s.publishedAt} IS NOT NULL AND ${s.publishConsent} <> 'none')`;

/** Answered on or before the answer deadline (a case without a deadline counts as on time). */
export const answeredOnTime: SQL = sql`(${s.answeredAt} IS NOT NULL AND (${s.answerDueOn} IS NULL OR (${s.answeredAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= ${s.answerDueOn}))`;

/** Statuses of a case still being handled. */
export const OPEN_STATUSES: readonly SubmissionStatus[] = ['received', 'forwarded', 'in_progress', 'awaiting_info'];

export interface AnswerFilters {
  q?: string;
  kind?: SubmissionKind;
  topic?: string;
  agency?: string;
  year?: number;
}

/** WHERE conditions for the filters; the search is diacritic-insensitive (every word must occur). */
function filterConditions(f: AnswerFilters): SQL[] {
  const conds: SQL[] = [isPublished];
  const words = foldText(f.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 10);
  for (const w of words) conds.push(sql`${s.searchText} ILIKE ${`%${escapeLike(w)}%`}`);
  if (f.kind) conds.push(eq(s.kind, f.kind));
  if (f.topic) conds.push(eq(s.topicCode, f.topic));
  if (f.agency) {
    conds.push(
      sql`EXISTS (SELECT 1 FROM ${feedbackAssignment} fa JOIN ${orgUnit} u ON u.id = fa.unit_id WHERE fa.submission_id = ${s.id} AND fa.status <> 'returned' AND u.code = ${f.agency})`,
    );
  }
  if (f.year) conds.push(sql`EXTRACT(YEAR FROM (${s.createdAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')) = ${f.year}`);
  return conds;
}

/** The agencies (units) that handle each case, in forwarding order; returned assignments left out. */
export async function agenciesOf(db: Executor, submissionIds: string[]) {
  const map = new Map<string, { code: string; name: string }[]>();
  if (submissionIds.length === 0) return map;
  const rows = await db
    .select({ submissionId: feedbackAssignment.submissionId, code: orgUnit.code, name: orgUnit.name })
    .from(feedbackAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
    .where(and(inArray(feedbackAssignment.submissionId, submissionIds), ne(feedbackAssignment.status, 'returned')))
    .orderBy(asc(feedbackAssignment.forwardedAt));
  for (const r of rows) {
    const list = map.get(r.submissionId) ?? [];
    list.push({ code: r.code, name: r.name });
    map.set(r.submissionId, list);
  }
  return map;
}

/** What a line of the published-answers list shows (page and API alike). */
const publishedCaseColumns = {
  id: s.id,
  code: s.code,
  kind: s.kind,
  topicCode: s.topicCode,
  topicName: feedbackTopic.name,
  title: s.title,
  status: s.status,
  createdAt: s.createdAt,
  answeredAt: s.answeredAt,
  publishedAt: s.publishedAt,
};

/** One page of published cases, newest published first. */
export async function listPublishedCases(db: Executor, f: AnswerFilters, page: number, pageSize: number) {
  const where = and(...filterConditions(f));
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(s).where(where);
  const rows = await db
    .select(publishedCaseColumns)
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(where)
    .orderBy(desc(s.publishedAt), desc(s.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const agencies = await agenciesOf(
    db,
    rows.map((r) => r.id),
  );
  return { total, rows: rows.map((r) => ({ ...r, agencies: agencies.get(r.id) ?? [] })) };
}

/** Keyset pages for the API: newest published first, the cursor names the last row seen. */
export async function listPublishedCasesAfter(db: Executor, f: AnswerFilters, limit: number, after: { publishedAt: Date; id: string } | null) {
  const conds = filterConditions(f);
  if (after) conds.push(sql`(date_trunc('milliseconds', ${s.publishedAt}), ${s.id}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
  const rows = await db
    .select(publishedCaseColumns)
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(and(...conds))
    .orderBy(desc(s.publishedAt), desc(s.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const agencies = await agenciesOf(
    db,
    page.map((r) => r.id),
  );
  const last = rows.length > limit ? page.at(-1) : undefined;
  return { rows: page.map((r) => ({ ...r, agencies: agencies.get(r.id) ?? [] })), next: last ? { publishedAt: last.publishedAt!, id: last.id } : null };
}

/** Topics, and the agencies that answered some published case, for the filter lists. */
export async function answerFilterOptions(db: Executor) {
  const topics = await db.select({ code: feedbackTopic.code, name: feedbackTopic.name }).from(feedbackTopic).orderBy(asc(feedbackTopic.sortOrder));
  const agencies = await db
    .selectDistinct({ code: orgUnit.code, name: orgUnit.name })
    .from(feedbackAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
    .innerJoin(s, eq(s.id, feedbackAssignment.submissionId))
    .where(and(isPublished, ne(feedbackAssignment.status, 'returned')));
  return { topics, agencies };
}

/** The public view of one case, or null when it is unknown or not published (the same answer for both). */
export async function findPublishedCase(db: Executor, code: string) {
  const [row] = await db
    .select({
      id: s.id,
      code: s.code,
      kind: s.kind,
      topicCode: s.topicCode,
      topicName: feedbackTopic.name,
      title: s.title,
      content: s.content,
      problem: s.problem,
      proposal: s.proposal,
      expectedImpact: s.expectedImpact,
      estimatedCost: s.estimatedCost,
      feasibility: s.feasibility,
      publishConsent: s.publishConsent,
      submitterName: s.submitterName,
      organisationName: s.organisationName,
      status: s.status,
      createdAt: s.createdAt,
      answeredAt: s.answeredAt,
      answerDueOn: s.answerDueOn,
      publicAnswer: s.publicAnswer,
      publishedAt: s.publishedAt,
      decision: s.decision,
      decisionNote: s.decisionNote,
      decidedAt: s.decidedAt,
      linkedTaskId: s.linkedTaskId,
      onTime: sql<boolean>`${answeredOnTime}`,
    })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(and(eq(s.code, code), isPublished));
  if (!row) return null;
  const { submitterName, organisationName, ...rest } = row;
  const named = row.publishConsent === 'named';
  const answers = await db
    .select({ body: feedbackAnswer.body, approvedAt: feedbackAnswer.approvedAt, unitCode: orgUnit.code, unitName: orgUnit.name })
    .from(feedbackAnswer)
    .innerJoin(feedbackAssignment, eq(feedbackAssignment.id, feedbackAnswer.assignmentId))
    .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
    .where(and(eq(feedbackAssignment.submissionId, row.id), eq(feedbackAnswer.status, 'approved')))
    .orderBy(asc(feedbackAnswer.approvedAt));
  const events = await db
    .select({ type: feedbackEvent.type, data: feedbackEvent.data, createdAt: feedbackEvent.createdAt, unitName: orgUnit.name })
    .from(feedbackEvent)
    .leftJoin(orgUnit, eq(orgUnit.id, feedbackEvent.unitId))
    .where(and(eq(feedbackEvent.submissionId, row.id), eq(feedbackEvent.isPublic, true)))
    .orderBy(asc(feedbackEvent.createdAt), asc(feedbackEvent.id));
  const agencies = (await agenciesOf(db, [row.id])).get(row.id) ?? [];
  const linkedTask = row.linkedTaskId ? await publicTaskProgress(db, row.linkedTaskId) : null;
  return {
    ...rest,
    submitterName: named ? submitterName : null,
    organisationName: named ? organisationName : null,
    answers,
    events: events.map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })),
    agencies,
    linkedTask,
  };
}
export type PublishedCase = NonNullable<Awaited<ReturnType<typeof findPublishedCase>>>;

/** Status, percent done and the latest accepted progress report of a task an initiative became. */
export async function publicTaskProgress(db: Executor, taskId: string) {
  const [row] = await db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      percentDone: task.percentDone,
      deadline: task.deadline,
      planCode: plan.code,
      leadName: orgUnit.name,
    })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
    .where(eq(task.id, taskId));
  if (!row) return null;
  const [latest] = await db
    .select({
      periodLabel: progressReport.periodLabel,
      percentDone: progressReport.percentDone,
      doneText: progressReport.doneText,
      reviewedAt: progressReport.reviewedAt,
      submittedAt: progressReport.submittedAt,
    })
    .from(progressReport)
    .where(and(eq(progressReport.taskId, taskId), eq(progressReport.status, 'accepted')))
    .orderBy(desc(progressReport.reviewedAt), desc(progressReport.createdAt))
    .limit(1);
  return { ...row, latest: latest ?? null };
}

export interface CountRow {
  key: string;
  label: string | null;
  received: number;
  answered: number;
  onTime: number;
}

const counts = {
  received: sql<number>`count(*)::int`,
  answered: sql<number>`count(${s.answeredAt})::int`,
  onTime: sql<number>`(count(*) FILTER (WHERE ${answeredOnTime}))::int`,
};

/** 'YYYY-MM' of the 12 months ending with the month of `today` ('YYYY-MM-DD'), oldest first. */
export function lastTwelveMonths(today: string): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/**
 * Aggregate statistics over every received case (published or not: counts carry no personal data).
 * Merged duplicates are left out so one matter counts once.
 */
export async function feedbackStatistics(db: Executor, now = new Date()) {
  const today = hcmDate(now);
  const counted = ne(s.status, 'merged');
  const openList = sql.join(
    OPEN_STATUSES.map((x) => sql`${x}`),
    sql`, `,
  );
  const [totals] = await db
    .select({
      ...counts,
      open: sql<number>`(count(*) FILTER (WHERE ${s.status} IN (${openList})))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${s.status} IN (${openList}) AND ${s.answerDueOn} < ${today}::date))::int`,
    })
    .from(s)
    .where(counted);
  const byKindRows = await db
    .select({ key: s.kind, ...counts })
    .from(s)
    .where(counted)
    .groupBy(s.kind);
  const byTopicRows = await db
    .select({ key: sql<string>`coalesce(${s.topicCode}, '')`, label: feedbackTopic.name, ...counts })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(counted)
    .groupBy(s.topicCode, feedbackTopic.name);
  const a = feedbackAssignment;
  const byAgencyRows = await db
    .select({
      key: orgUnit.code,
      label: orgUnit.name,
      received: sql<number>`count(*)::int`,
      answered: sql<number>`count(${a.answeredAt})::int`,
      onTime: sql<number>`(count(*) FILTER (WHERE ${a.answeredAt} IS NOT NULL AND (coalesce(${a.answerDueOn}, ${s.answerDueOn}) IS NULL OR (${a.answeredAt} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= coalesce(${a.answerDueOn}, ${s.answerDueOn}))))::int`,
    })
    .from(a)
    .innerJoin(s, eq(s.id, a.submissionId))
    .innerJoin(orgUnit, eq(orgUnit.id, a.unitId))
    .where(and(counted, ne(a.status, 'returned')))
    .groupBy(orgUnit.code, orgUnit.name);

  const months = lastTwelveMonths(today);
  const from = new Date(`${months[0]}-01T00:00:00+07:00`);
  const monthOf = (col: typeof s.createdAt | typeof s.answeredAt) => sql<string>`to_char(${col} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const receivedByMonth = await db
    .select({ month: monthOf(s.createdAt), n: sql<number>`count(*)::int` })
    .from(s)
    .where(and(counted, sql`${s.createdAt} >= ${from.toISOString()}::timestamptz`))
    .groupBy(monthOf(s.createdAt));
  const answeredByMonth = await db
    .select({ month: monthOf(s.answeredAt), n: sql<number>`count(*)::int`, onTime: sql<number>`(count(*) FILTER (WHERE ${answeredOnTime}))::int` })
    .from(s)
    .where(and(counted, isNotNull(s.answeredAt), sql`${s.answeredAt} >= ${from.toISOString()}::timestamptz`))
    .groupBy(monthOf(s.answeredAt));
  const trend = months.map((month) => ({
    month,
    received: receivedByMonth.find((r) => r.month === month)?.n ?? 0,
    answered: answeredByMonth.find((r) => r.month === month)?.n ?? 0,
    onTime: answeredByMonth.find((r) => r.month === month)?.onTime ?? 0,
  }));
  const byCount = (x: CountRow, y: CountRow) => y.received - x.received || x.key.localeCompare(y.key);
  const t = totals ?? { received: 0, answered: 0, onTime: 0, open: 0, overdue: 0 };
  return {
    asOf: today,
    totals: { ...t, onTimeShare: t.answered ? Math.round((t.onTime / t.answered) * 1000) / 10 : null },
    byKind: byKindRows.map((r) => ({ ...r, key: r.key as string, label: null })).sort(byCount),
    byTopic: byTopicRows.map((r) => ({ ...r, label: r.label ?? null })).sort(byCount),
    byAgency: byAgencyRows.sort(byCount),
    trend,
  };
}
export type FeedbackStatistics = Awaited<ReturnType<typeof feedbackStatistics>>;

/** Every published case as open data: no personal data, no free text. */
export async function openDataRows(db: Executor) {
  const rows = await db
    .select({
      code: s.code,
      kind: s.kind,
      topic: s.topicCode,
      topicName: feedbackTopic.name,
      createdAt: s.createdAt,
      answeredAt: s.answeredAt,
      answerDueOn: s.answerDueOn,
      onTime: sql<boolean>`${answeredOnTime}`,
      status: s.status,
      // one query for any number of rows (no id list that could outgrow the parameter limit)
      agencyCodes: sql<string | null>`(SELECT string_agg(u.code, ';' ORDER BY fa.forwarded_at, u.code) FROM ${feedbackAssignment} fa JOIN ${orgUnit} u ON u.id = fa.unit_id WHERE fa.submission_id = ${s.id} AND fa.status <> 'returned')`,
    })
    .from(s)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, s.topicCode))
    .where(isPublished)
    .orderBy(asc(s.createdAt), asc(s.code));
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    topic: r.topic,
    topic_name: r.topicName,
    agency_codes: r.agencyCodes ? r.agencyCodes.split(';') : [],
    received_date: hcmDate(r.createdAt),
    answered_date: r.answeredAt ? hcmDate(r.answeredAt) : null,
    answer_due_date: r.answerDueOn,
    on_time: r.answeredAt ? r.onTime : null,
    status: r.status,
  }));
}
export type OpenDataRow = Awaited<ReturnType<typeof openDataRows>>[number];
