/**
 * The PAKN-GPSK deadline control, run hourly by the `feedback.deadlines` job with the current time
 * (tests pass their own `now`). For open cases whose clock is running (not paused):
 * (a) received but not forwarded: the standing office is reminded from 1 working day before the
 *     forward deadline, and its leaders (with the office) are told once it has passed;
 * (b) assignments not answered: the assigned officer (or, when none, the unit's officers and
 *     leaders) is reminded 3 and 1 working days before the answer deadline; after it the
 *     assignment is marked overdue (event 'overdue'), the unit's leaders are told, and 5 working
 *     days later the standing office;
 * (c) assignments with no status update for the kind's `update_every_days`: a reminder.
 * Each notice is a `feedback_notice` row, unique on (case, assignment, kind, recipient, deadline in
 * force), written with its e-mail and timeline event in one transaction that first locks the case
 * row: a second or concurrent run finds the rows there and sends nothing again.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { addDays, formatIsoDate, hcmDate } from '../../monitoring/dates';
import { appUser, orgUnit, roleAssignment } from '../../org/schema';
import { SYSTEM_ACTOR, recordAudit } from '../../platform/audit/record-audit';
import type { Database, Tx } from '../../platform/db/client';
import { t } from '../../platform/i18n';
import type { Mailer } from '../../platform/mail/mailer';
import { recordFeedbackEvent } from '../record-feedback-event';
import { type SubmissionKind, feedbackAssignment, feedbackEvent, feedbackSubmission } from '../schema';
import { type SlaSettings, loadWorkingCalendar, slaFor } from './index';
import { type FeedbackNoticeKind, feedbackNotice } from './schema';
import type { WorkingCalendar } from './working-days';

/** Working days after the answer deadline before the standing office is told. */
export const OFFICE_ESCALATION_AFTER = 5;

/** Which answer reminder an assignment `left` working days from its deadline gets (windows, so a missed run never skips one). */
export function answerReminderKind(left: number): FeedbackNoticeKind | null {
  if (left < 0 || left > 3) return null;
  return left <= 1 ? 'answer_reminder_1d' : 'answer_reminder_3d';
}

/** Escalations due for an assignment `late` working days past its answer deadline. */
export function answerEscalationKinds(late: number): FeedbackNoticeKind[] {
  if (late < 1) return [];
  return late >= 1 + OFFICE_ESCALATION_AFTER ? ['answer_escalation_leader', 'answer_escalation_office'] : ['answer_escalation_leader'];
}

export interface DeadlineRunResult {
  notices: number;
  markedOverdue: number;
}

interface Candidate {
  submissionId: string;
  assignmentId: string | null;
  kind: FeedbackNoticeKind;
  dueOn: string;
}

const RUNNING: ('forwarded' | 'in_progress')[] = ['forwarded', 'in_progress'];

export async function sendDeadlineNotices(db: Database, mailer: Mailer, now: Date, opts: { publicUrl?: string } = {}): Promise<DeadlineRunResult> {
  const today = hcmDate(now);
  const cal = await loadWorkingCalendar(db);
  const slaCache = new Map<SubmissionKind, SlaSettings>();
  const sla = async (kind: SubmissionKind) => {
    let s = slaCache.get(kind);
    if (!s) {
      s = await slaFor(db, kind);
      slaCache.set(kind, s);
    }
    return s;
  };
  const candidates: Candidate[] = [];

  // (a) received, not yet forwarded
  const waiting = await db
    .select({ id: feedbackSubmission.id, forwardDueOn: feedbackSubmission.forwardDueOn })
    .from(feedbackSubmission)
    .where(and(eq(feedbackSubmission.status, 'received'), isNull(feedbackSubmission.pausedAt), isNotNull(feedbackSubmission.forwardDueOn)));
  for (const s of waiting) {
    const due = s.forwardDueOn!;
    if (due < today) candidates.push({ submissionId: s.id, assignmentId: null, kind: 'forward_escalation', dueOn: due });
    else if (cal.workingDaysBetween(today, due) <= 1) candidates.push({ submissionId: s.id, assignmentId: null, kind: 'forward_reminder', dueOn: due });
  }

  // (b) and (c) open assignments of running cases
  const open = await db
    .select({
      id: feedbackAssignment.id,
      submissionId: feedbackAssignment.submissionId,
      answerDueOn: feedbackAssignment.answerDueOn,
      lastUpdateAt: feedbackAssignment.lastUpdateAt,
      acceptedAt: feedbackAssignment.acceptedAt,
      forwardedAt: feedbackAssignment.forwardedAt,
      kind: feedbackSubmission.kind,
    })
    .from(feedbackAssignment)
    .innerJoin(feedbackSubmission, eq(feedbackSubmission.id, feedbackAssignment.submissionId))
    .where(and(inArray(feedbackAssignment.status, ['forwarded', 'accepted']), inArray(feedbackSubmission.status, RUNNING), isNull(feedbackSubmission.pausedAt)));
  for (const a of open) {
    const base = { submissionId: a.submissionId, assignmentId: a.id };
    if (a.answerDueOn) {
      const due = a.answerDueOn;
      if (due < today) {
        for (const kind of answerEscalationKinds(cal.workingDaysBetween(due, today))) candidates.push({ ...base, kind, dueOn: due });
      } else {
        const kind = answerReminderKind(cal.workingDaysBetween(today, due));
        if (kind) candidates.push({ ...base, kind, dueOn: due });
      }
    }
    const lastUpdate = a.lastUpdateAt ?? a.acceptedAt ?? a.forwardedAt;
    const updateDue = cal.nextWorkingDayOnOrAfter(addDays(hcmDate(lastUpdate), (await sla(a.kind)).updateEveryDays));
    if (updateDue <= today) candidates.push({ ...base, kind: 'update_reminder', dueOn: updateDue });
  }

  const bySubmission = new Map<string, Candidate[]>();
  for (const c of candidates) bySubmission.set(c.submissionId, [...(bySubmission.get(c.submissionId) ?? []), c]);

  const result: DeadlineRunResult = { notices: 0, markedOverdue: 0 };
  for (const [submissionId, list] of bySubmission) {
    const r = await db.transaction((tx) => noticesForCase(tx, mailer, cal, today, submissionId, list, opts.publicUrl ?? ''));
    result.notices += r.notices;
    result.markedOverdue += r.markedOverdue;
  }
  return result;
}

async function noticesForCase(
  tx: Tx,
  mailer: Mailer,
  cal: WorkingCalendar,
  today: string,
  submissionId: string,
  list: Candidate[],
  publicUrl: string,
): Promise<DeadlineRunResult> {
  // The row lock makes concurrent runs take turns on a case; the unique index is the final word.
  const [sub] = await tx
    .select({
      id: feedbackSubmission.id,
      code: feedbackSubmission.code,
      title: feedbackSubmission.title,
      status: feedbackSubmission.status,
      pausedAt: feedbackSubmission.pausedAt,
      forwardDueOn: feedbackSubmission.forwardDueOn,
    })
    .from(feedbackSubmission)
    .where(eq(feedbackSubmission.id, submissionId))
    .for('update');
  const out: DeadlineRunResult = { notices: 0, markedOverdue: 0 };
  if (!sub || sub.pausedAt) return out;

  const assignmentIds = [...new Set(list.map((c) => c.assignmentId).filter((x): x is string => !!x))];
  const assignments = assignmentIds.length
    ? await tx
        .select({
          id: feedbackAssignment.id,
          unitId: feedbackAssignment.unitId,
          status: feedbackAssignment.status,
          answerDueOn: feedbackAssignment.answerDueOn,
          assignedOfficerId: feedbackAssignment.assignedOfficerId,
          unitName: orgUnit.name,
        })
        .from(feedbackAssignment)
        .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
        .where(inArray(feedbackAssignment.id, assignmentIds))
    : [];
  const assignmentById = new Map(assignments.map((a) => [a.id, a]));

  for (const c of list) {
    const a = c.assignmentId ? assignmentById.get(c.assignmentId) : null;
    // the state may have moved on since the candidates were read
    if (c.assignmentId) {
      if (!a || (a.status !== 'forwarded' && a.status !== 'accepted') || !RUNNING.includes(sub.status as never)) continue;
      if (c.kind !== 'update_reminder' && a.answerDueOn !== c.dueOn) continue;
    } else if (sub.status !== 'received' || sub.forwardDueOn !== c.dueOn) {
      continue;
    }

    if (c.kind === 'answer_escalation_leader' && a) {
      const marked = await markOverdue(tx, sub.id, a.id, a.unitId, c.dueOn, cal.workingDaysBetween(c.dueOn, today));
      if (marked) out.markedOverdue++;
    }

    const recipients = await recipientsFor(tx, c.kind, a ?? null);
    if (recipients.length === 0) continue;
    const inserted = await tx
      .insert(feedbackNotice)
      .values(recipients.map((recipientUserId) => ({ submissionId: sub.id, assignmentId: c.assignmentId, kind: c.kind, recipientUserId, dueOn: c.dueOn })))
      .onConflictDoNothing()
      .returning({ recipientUserId: feedbackNotice.recipientUserId });
    if (inserted.length === 0) continue;
    const people = await tx
      .select({ id: appUser.id, email: appUser.email })
      .from(appUser)
      .where(inArray(appUser.id, inserted.map((i) => i.recipientUserId)));
    const kindText = t(`deadlines.notice.${c.kind}`);
    for (const person of people) {
      await mailer.queueMail(tx, {
        to: person.email,
        subject: t('deadlines.mail.subject', { kind: kindText, code: sub.code }),
        text: t('deadlines.mail.body', {
          kind: kindText,
          code: sub.code,
          title: sub.title,
          unit: a?.unitName ?? '—',
          due: formatIsoDate(c.dueOn),
          url: `${publicUrl}/cases/${sub.code}`,
        }),
        relatedUserId: person.id,
      });
    }
    await recordFeedbackEvent(tx, {
      submissionId: sub.id,
      type: c.kind.includes('escalation') ? 'escalated' : 'reminder_sent',
      unitId: a?.unitId ?? null,
      data: { notice: c.kind, assignmentId: c.assignmentId, dueOn: c.dueOn, recipients: inserted.length },
    });
    out.notices += inserted.length;
  }
  return out;
}

/** Records the 'overdue' step of an assignment once per deadline in force; false when already recorded. */
async function markOverdue(tx: Tx, submissionId: string, assignmentId: string, unitId: string, dueOn: string, daysLate: number): Promise<boolean> {
  const [already] = await tx
    .select({ id: feedbackEvent.id })
    .from(feedbackEvent)
    .where(
      and(
        eq(feedbackEvent.submissionId, submissionId),
        eq(feedbackEvent.type, 'overdue'),
        sql`${feedbackEvent.data}->>'assignmentId' = ${assignmentId}`,
        sql`${feedbackEvent.data}->>'dueOn' = ${dueOn}`,
      ),
    )
    .limit(1);
  if (already) return false;
  await recordFeedbackEvent(tx, { submissionId, type: 'overdue', unitId, data: { assignmentId, dueOn, daysLate } });
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: 'feedback.overdue',
    entityType: 'feedback_assignment',
    entityId: assignmentId,
    after: { dueOn, daysLate },
  });
  return true;
}

/** Active users holding one of `roles` exactly at `unitId`. */
async function unitPeople(tx: Tx, unitId: string, roles: ('leader' | 'officer')[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: appUser.id })
    .from(roleAssignment)
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(and(eq(roleAssignment.orgUnitId, unitId), inArray(roleAssignment.role, roles), eq(appUser.status, 'active')));
  return rows.map((r) => r.id);
}

/** Active users with the standing office role (and, with `leaders`, the leaders of the units where it is held). */
async function standingOffice(tx: Tx, leaders: boolean): Promise<string[]> {
  const office = await tx
    .select({ id: appUser.id, unitId: roleAssignment.orgUnitId })
    .from(roleAssignment)
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(and(eq(roleAssignment.role, 'standing_office'), eq(appUser.status, 'active')));
  const ids = new Set(office.map((o) => o.id));
  if (leaders) for (const unitId of new Set(office.map((o) => o.unitId))) for (const id of await unitPeople(tx, unitId, ['leader'])) ids.add(id);
  return [...ids];
}

async function recipientsFor(tx: Tx, kind: FeedbackNoticeKind, a: { unitId: string; assignedOfficerId: string | null } | null): Promise<string[]> {
  switch (kind) {
    case 'forward_reminder':
      return standingOffice(tx, false);
    case 'forward_escalation':
      return standingOffice(tx, true);
    case 'answer_escalation_leader':
      return a ? unitPeople(tx, a.unitId, ['leader']) : [];
    case 'answer_escalation_office':
      return standingOffice(tx, false);
    default: {
      if (!a) return [];
      if (a.assignedOfficerId) {
        const [u] = await tx
          .select({ id: appUser.id })
          .from(appUser)
          .where(and(eq(appUser.id, a.assignedOfficerId), eq(appUser.status, 'active')));
        if (u) return [u.id];
      }
      return unitPeople(tx, a.unitId, ['officer', 'leader']);
    }
  }
}
