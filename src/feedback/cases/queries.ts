/**
 * Reads for the staff side: the case lists (tabs, filters, keyset paging) and everything the case
 * page shows. Visibility is decided by the caller with the policies; list queries take the scope
 * roots the policies computed.
 */
import { type SQL, and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { hcmDate } from '../../monitoring/dates';
import { underAnyPath } from '../../org/queries';
import { appUser, orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { storedFile } from '../../platform/files/schema';
import { escapeLike, foldText } from '../../platform/text/fold';
import {
  type SubmissionKind,
  type SubmissionStatus,
  feedbackAnswer,
  feedbackAssignment,
  feedbackAttachment,
  feedbackEvent,
  feedbackFollower,
  feedbackInfoRequest,
  feedbackNote,
  feedbackSubmission,
  feedbackTopic,
} from '../schema';
import { FEEDBACK_EVENT_TYPES } from '../record-feedback-event';
import { assignmentsOf } from './case-access';

export const CASE_TABS = ['triage', 'unit', 'mine', 'approval', 'all'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export interface CaseListFilter {
  tab: CaseTab;
  /** subtree roots of units whose cases the viewer reads; null = every case */
  readRoots: string[] | null;
  /** subtree roots where the viewer approves answers (the approval tab) */
  approveRoots: string[];
  userId: string;
  kind?: SubmissionKind;
  topic?: string;
  status?: SubmissionStatus;
  overdue?: boolean;
  q?: string;
  limit: number;
  /** [created_at as text, id] of the last row of the previous page */
  after?: [string, string] | null;
  now?: Date;
}

export interface CaseListRow {
  id: string;
  code: string;
  title: string;
  kind: SubmissionKind;
  topicCode: string | null;
  topicName: string | null;
  status: SubmissionStatus;
  createdAt: Date;
  forwardDueOn: string | null;
  answerDueOn: string | null;
  pausedAt: Date | null;
  overdue: boolean;
  sortKey: string;
  units: { code: string; name: string; status: string }[];
}

/** Does an assignment of the case sit in one of the subtrees? */
function assignedUnder(roots: readonly string[], extra?: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM ${feedbackAssignment} fa JOIN ${orgUnit} ou ON ou.id = fa.unit_id
    WHERE fa.submission_id = ${feedbackSubmission.id} AND ${underAnyPath(sql`ou.path`, roots)}${extra ? sql` AND ${extra}` : sql``})`;
}

export function overdueCondition(today: string): SQL {
  return sql`((${feedbackSubmission.status} = 'received' AND ${feedbackSubmission.forwardDueOn} < ${today}::date)
    OR (${feedbackSubmission.status} IN ('forwarded', 'in_progress') AND ${feedbackSubmission.pausedAt} IS NULL AND ${feedbackSubmission.answerDueOn} < ${today}::date))`;
}

export async function listCases(db: Executor, f: CaseListFilter): Promise<CaseListRow[]> {
  const today = hcmDate(f.now ?? new Date());
  const conds: SQL[] = [];
  if (f.readRoots !== null) conds.push(assignedUnder(f.readRoots));
  switch (f.tab) {
    case 'triage':
      conds.push(eq(feedbackSubmission.status, 'received'));
      break;
    case 'mine':
      conds.push(
        sql`EXISTS (SELECT 1 FROM ${feedbackAssignment} fa WHERE fa.submission_id = ${feedbackSubmission.id} AND fa.assigned_officer_id = ${f.userId}::uuid AND fa.status <> 'returned')`,
      );
      break;
    case 'approval':
      conds.push(
        assignedUnder(
          f.approveRoots,
          sql`fa.status = 'accepted' AND EXISTS (SELECT 1 FROM ${feedbackAnswer} an WHERE an.assignment_id = fa.id AND an.status = 'pending_approval')`,
        ),
      );
      break;
    default:
      break;
  }
  if (f.kind) conds.push(eq(feedbackSubmission.kind, f.kind));
  if (f.topic) conds.push(eq(feedbackSubmission.topicCode, f.topic));
  if (f.status && f.tab !== 'triage') conds.push(eq(feedbackSubmission.status, f.status));
  if (f.overdue) conds.push(overdueCondition(today));
  // every word must appear (in any order), or the text is (part of) a tracking code
  const words = (f.q ? foldText(f.q) : '').split(/\s+/).filter(Boolean).slice(0, 12);
  if (words.length) {
    const all = and(...words.map((w) => sql`${feedbackSubmission.searchText} LIKE ${`%${escapeLike(w)}%`}`))!;
    conds.push(sql`(${all} OR lower(${feedbackSubmission.code}) LIKE ${`%${escapeLike(words.join(' '))}%`})`);
  }
  const ascending = f.tab === 'triage';
  if (f.after) {
    const [at, id] = f.after;
    conds.push(
      ascending
        ? sql`(${feedbackSubmission.createdAt}, ${feedbackSubmission.id}) > (${at}::timestamptz, ${id}::uuid)`
        : sql`(${feedbackSubmission.createdAt}, ${feedbackSubmission.id}) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      id: feedbackSubmission.id,
      code: feedbackSubmission.code,
      title: feedbackSubmission.title,
      kind: feedbackSubmission.kind,
      topicCode: feedbackSubmission.topicCode,
      topicName: feedbackTopic.name,
      status: feedbackSubmission.status,
      createdAt: feedbackSubmission.createdAt,
      forwardDueOn: feedbackSubmission.forwardDueOn,
      answerDueOn: feedbackSubmission.answerDueOn,
      pausedAt: feedbackSubmission.pausedAt,
      overdue: sql<boolean>`${overdueCondition(today)}`,
      sortKey: sql<string>`${feedbackSubmission.createdAt}::text`,
    })
    .from(feedbackSubmission)
    .leftJoin(feedbackTopic, eq(feedbackTopic.code, feedbackSubmission.topicCode))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(
      ascending ? asc(feedbackSubmission.createdAt) : desc(feedbackSubmission.createdAt),
      ascending ? asc(feedbackSubmission.id) : desc(feedbackSubmission.id),
    )
    .limit(f.limit);
  const ids = rows.map((r) => r.id);
  const units = ids.length
    ? await db
        .select({ submissionId: feedbackAssignment.submissionId, code: orgUnit.code, name: orgUnit.name, status: feedbackAssignment.status })
        .from(feedbackAssignment)
        .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
        .where(inArray(feedbackAssignment.submissionId, ids))
        .orderBy(asc(feedbackAssignment.createdAt))
    : [];
  return rows.map((r) => ({
    ...r,
    overdue: r.overdue === true || (r.overdue as unknown) === 't',
    units: units.filter((u) => u.submissionId === r.id).map(({ code, name, status }) => ({ code, name, status })),
  }));
}

/** The submission row by its tracking code, or null. */
export async function findCaseByCode(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(feedbackSubmission)
    .where(eq(feedbackSubmission.code, code.trim().toUpperCase()))
    .limit(1);
  return row ?? null;
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseByCode>>>;

/** Everything the case page shows (visibility of notes and contact data is filtered by the caller). */
export async function loadCaseDetail(db: Executor, submission: CaseRow) {
  const id = submission.id;
  const assignments = await assignmentsOf(db, id);
  const assignmentIds = assignments.map((a) => a.id);
  const [topic, answers, notes, events, attachments, infoRequests, mergedInto, followers, officerRows] = await Promise.all([
    submission.topicCode
      ? db
          .select({ name: feedbackTopic.name })
          .from(feedbackTopic)
          .where(eq(feedbackTopic.code, submission.topicCode))
          .then((r) => r[0]?.name ?? null)
      : Promise.resolve(null),
    assignmentIds.length
      ? db.select().from(feedbackAnswer).where(inArray(feedbackAnswer.assignmentId, assignmentIds)).orderBy(asc(feedbackAnswer.createdAt), asc(feedbackAnswer.id))
      : Promise.resolve([]),
    db
      .select({
        id: feedbackNote.id,
        body: feedbackNote.body,
        createdAt: feedbackNote.createdAt,
        unitId: feedbackNote.unitId,
        unitPath: orgUnit.path,
        unitName: orgUnit.name,
        authorName: appUser.fullName,
      })
      .from(feedbackNote)
      .innerJoin(orgUnit, eq(orgUnit.id, feedbackNote.unitId))
      .innerJoin(appUser, eq(appUser.id, feedbackNote.authorId))
      .where(eq(feedbackNote.submissionId, id))
      .orderBy(asc(feedbackNote.createdAt)),
    db
      .select({
        id: feedbackEvent.id,
        type: feedbackEvent.type,
        isPublic: feedbackEvent.isPublic,
        data: feedbackEvent.data,
        createdAt: feedbackEvent.createdAt,
        actorName: appUser.fullName,
        unitPath: orgUnit.path,
      })
      .from(feedbackEvent)
      .leftJoin(appUser, eq(appUser.id, feedbackEvent.actorUserId))
      .leftJoin(orgUnit, eq(orgUnit.id, feedbackEvent.unitId))
      .where(eq(feedbackEvent.submissionId, id))
      .orderBy(asc(feedbackEvent.createdAt), asc(feedbackEvent.id)),
    caseAttachments(db, id),
    db.select().from(feedbackInfoRequest).where(eq(feedbackInfoRequest.submissionId, id)).orderBy(asc(feedbackInfoRequest.askedAt)),
    submission.mergedIntoId
      ? db
          .select({ code: feedbackSubmission.code })
          .from(feedbackSubmission)
          .where(eq(feedbackSubmission.id, submission.mergedIntoId))
          .then((r) => r[0]?.code ?? null)
      : Promise.resolve(null),
    db
      .select({ code: feedbackSubmission.code })
      .from(feedbackFollower)
      .innerJoin(feedbackSubmission, eq(feedbackSubmission.id, feedbackFollower.followerSubmissionId))
      .where(eq(feedbackFollower.submissionId, id))
      .then((r) => r.map((x) => x.code).sort()),
    assignments.some((a) => a.assignedOfficerId)
      ? db
          .select({ id: appUser.id, fullName: appUser.fullName })
          .from(appUser)
          .where(
            inArray(
              appUser.id,
              assignments.map((a) => a.assignedOfficerId).filter((x): x is string => !!x),
            ),
          )
      : Promise.resolve([]),
  ]);
  const officerName = new Map(officerRows.map((o) => [o.id, o.fullName]));
  const [location] = submission.locationUnitId
    ? await db.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, submission.locationUnitId)).limit(1)
    : [];
  // events of one transaction share its timestamp: break ties by the lifecycle order of the types
  const typeOrder = (type: string) => {
    const i = (FEEDBACK_EVENT_TYPES as readonly string[]).indexOf(type);
    return i < 0 ? FEEDBACK_EVENT_TYPES.length : i;
  };
  const orderedEvents = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || typeOrder(a.type) - typeOrder(b.type));
  return {
    submission,
    topicName: topic,
    locationName: location?.name ?? null,
    assignments: assignments.map((a) => ({
      ...a,
      officerName: a.assignedOfficerId ? (officerName.get(a.assignedOfficerId) ?? null) : null,
      answers: answers.filter((x) => x.assignmentId === a.id),
    })),
    notes,
    events: orderedEvents,
    attachments,
    infoRequests,
    mergedIntoCode: mergedInto,
    followerCodes: followers,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof loadCaseDetail>>;

export async function caseAttachments(db: Executor, submissionId: string) {
  return db
    .select({
      fileId: feedbackAttachment.fileId,
      fileName: feedbackAttachment.fileName,
      size: storedFile.size,
      mimeType: storedFile.mimeType,
      hash: storedFile.hash,
      infoRequestId: feedbackAttachment.infoRequestId,
    })
    .from(feedbackAttachment)
    .innerJoin(storedFile, eq(storedFile.id, feedbackAttachment.fileId))
    .where(eq(feedbackAttachment.submissionId, submissionId))
    .orderBy(asc(feedbackAttachment.createdAt), asc(feedbackAttachment.fileName));
}

/** Active officers and leaders inside the unit's subtree, for the "assign officer" select. */
export async function unitOfficers(db: Executor, unitPath: string) {
  const rows = await db
    .selectDistinct({ id: appUser.id, fullName: appUser.fullName, email: appUser.email })
    .from(appUser)
    .innerJoin(sql`role_assignment ra`, sql`ra.user_id = ${appUser.id}`)
    .innerJoin(sql`org_unit ru`, sql`ru.id = ra.org_unit_id`)
    .where(and(eq(appUser.status, 'active'), sql`ra.role IN ('officer', 'leader')`, underAnyPath(sql`ru.path`, [unitPath])))
    .limit(300);
  return rows.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

/** Agencies a case may be forwarded to: ministries and ministry-level bodies, and provincial People's Committees. */
export async function forwardTargets(db: Executor) {
  return db
    .select({ code: orgUnit.code, name: orgUnit.name })
    .from(orgUnit)
    .where(inArray(orgUnit.kind, ['ministry', 'ministerial_agency', 'government_agency', 'provincial_people_committee']))
    .orderBy(asc(orgUnit.level), asc(orgUnit.sortOrder), asc(orgUnit.code));
}

export async function listTopics(db: Executor) {
  return db.select({ code: feedbackTopic.code, name: feedbackTopic.name }).from(feedbackTopic).orderBy(asc(feedbackTopic.sortOrder), asc(feedbackTopic.code));
}
