/**
 * Shared plumbing of the staff-side use-cases: loading a case (locked for update) with its
 * assignments as the policies need them, the typed wrong-state error, the options every action
 * takes, and the mail helpers (submitter, followers, unit staff). Kept here so each use-case
 * file holds only its own rule.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../../org/policies';
import { appUser, orgUnit, roleAssignment } from '../../org/schema';
import type { Actor } from '../../platform/audit/record-audit';
import type { Executor } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { type MessageKey, t } from '../../platform/i18n';
import type { Mailer } from '../../platform/mail/mailer';
import type { AssignmentPlacement } from '../policies';
import { feedbackAssignment, feedbackFollower, feedbackSubmission, type SubmissionStatus } from '../schema';

/** What every staff action is given besides its input. */
export interface CaseActionOptions {
  principal: Principal;
  actor: Actor;
  mailer: Mailer;
  /** the site's public address, for links in e-mails (no trailing slash) */
  publicUrl: string;
  now?: Date;
}

export type SubmissionRow = typeof feedbackSubmission.$inferSelect;
export interface AssignmentWithUnit extends AssignmentPlacement {
  id: string;
  submissionId: string;
  unitCode: string;
  unitName: string;
  assignedOfficerId: string | null;
  answerDueOn: string | null;
  row: typeof feedbackAssignment.$inferSelect;
}

/** The action is not possible in the case's current state: 409 with a Vietnamese message. */
export function wrongState(key: MessageKey = 'cases.error.wrongState', params?: Record<string, string | number>): AppError {
  return AppError.of('CONFLICT', key, params);
}

export async function assignmentsOf(db: Executor, submissionId: string): Promise<AssignmentWithUnit[]> {
  const rows = await db
    .select({ a: feedbackAssignment, unitCode: orgUnit.code, unitName: orgUnit.name, unitPath: orgUnit.path })
    .from(feedbackAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, feedbackAssignment.unitId))
    .where(eq(feedbackAssignment.submissionId, submissionId))
    .orderBy(feedbackAssignment.createdAt, feedbackAssignment.id);
  return rows.map((r) => ({
    id: r.a.id,
    submissionId: r.a.submissionId,
    unitId: r.a.unitId,
    unitPath: r.unitPath,
    unitCode: r.unitCode,
    unitName: r.unitName,
    status: r.a.status,
    assignedOfficerId: r.a.assignedOfficerId,
    answerDueOn: r.a.answerDueOn,
    row: r.a,
  }));
}

/**
 * The case by its tracking code, its row locked for the rest of the transaction so concurrent
 * actions on one case run one after the other. 404 when unknown.
 */
export async function lockCase(tx: Executor, code: string): Promise<{ submission: SubmissionRow; assignments: AssignmentWithUnit[] }> {
  const normalized = code.trim().toUpperCase();
  const [submission] = await tx.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, normalized)).for('update');
  if (!submission) throw AppError.of('NOT_FOUND', 'cases.error.notFound');
  return { submission, assignments: await assignmentsOf(tx, submission.id) };
}

/** The assignment `assignmentId` of the locked case; 404 when it belongs to another case. */
export function pickAssignment(assignments: readonly AssignmentWithUnit[], assignmentId: string): AssignmentWithUnit {
  const a = assignments.find((x) => x.id === assignmentId);
  if (!a) throw AppError.of('NOT_FOUND', 'cases.error.assignmentNotFound');
  return a;
}

export function requireStatus(submission: SubmissionRow, allowed: readonly SubmissionStatus[]) {
  if (!allowed.includes(submission.status)) {
    throw wrongState('cases.error.wrongState', { status: t(`feedback.status.${submission.status}`) });
  }
}

export function lookupUrl(publicUrl: string): string {
  return `${publicUrl}/feedback/lookup`;
}

/** One e-mail to the submitter, when they gave an address. */
export async function mailSubmitter(
  tx: Executor,
  mailer: Mailer,
  submission: Pick<SubmissionRow, 'submitterEmail'>,
  subject: string,
  text: string,
): Promise<boolean> {
  if (!submission.submitterEmail) return false;
  await mailer.queueMail(tx, { to: submission.submitterEmail, subject, text });
  return true;
}

/** E-mail addresses of the submitters of cases merged into `submissionId` (its followers). */
export async function followerEmails(tx: Executor, submissionId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: feedbackSubmission.submitterEmail })
    .from(feedbackFollower)
    .innerJoin(feedbackSubmission, eq(feedbackSubmission.id, feedbackFollower.followerSubmissionId))
    .where(and(eq(feedbackFollower.submissionId, submissionId), sql`${feedbackSubmission.submitterEmail} IS NOT NULL`));
  return [...new Set(rows.map((r) => r.email!))];
}

/** Active officers and leaders holding their role at the unit itself (who receive forwarded cases). */
export async function unitStaffEmails(tx: Executor, unitId: string): Promise<{ userId: string; email: string }[]> {
  const rows = await tx
    .selectDistinct({ userId: appUser.id, email: appUser.email })
    .from(roleAssignment)
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(and(eq(roleAssignment.orgUnitId, unitId), inArray(roleAssignment.role, ['officer', 'leader']), eq(appUser.status, 'active')));
  return rows.sort((a, b) => a.email.localeCompare(b.email));
}

/** Is the user active and holding an officer or leader role somewhere in the subtree at `unitPath`? */
export async function isStaffOfUnit(tx: Executor, userId: string, unitPath: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: roleAssignment.id })
    .from(roleAssignment)
    .innerJoin(orgUnit, eq(orgUnit.id, roleAssignment.orgUnitId))
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(
      and(
        eq(roleAssignment.userId, userId),
        inArray(roleAssignment.role, ['officer', 'leader']),
        eq(appUser.status, 'active'),
        sql`${orgUnit.path} LIKE ${`${unitPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
      ),
    )
    .limit(1);
  return !!row;
}

/** The standing office's unit (kind standing_office), where its own notes are filed. */
export async function standingOfficeUnitId(db: Executor): Promise<string | null> {
  const [row] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.kind, 'standing_office')).limit(1);
  return row?.id ?? null;
}
