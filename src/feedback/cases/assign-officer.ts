/**
 * An agency names the officer who handles its part of a case: an active officer or leader holding
 * a role inside that agency's subtree. The officer is told by e-mail.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { findUserById, isUuid } from '../../org/queries';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput } from '../../platform/validation';
import { canProcessAssignment } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAssignment } from '../schema';
import { type CaseActionOptions, isStaffOfUnit, lockCase, pickAssignment, wrongState } from './case-access';

export const assignOfficerInput = z.object({ userId: z.string({ message: t('field.choose') }).trim().max(100) });
export type AssignOfficerInput = z.input<typeof assignOfficerInput>;

export async function assignOfficer(db: Database, code: string, assignmentId: string, raw: AssignOfficerInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const a = pickAssignment(assignments, assignmentId);
    if (!canProcessAssignment(opts.principal, a)) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(assignOfficerInput, raw);
    if (a.status !== 'accepted') throw wrongState('cases.error.acceptFirst');
    if (!isUuid(input.userId) || !(await isStaffOfUnit(tx, input.userId, a.unitPath))) {
      throw validationFailed({ userId: t('cases.error.officerNotInUnit', { unit: a.unitName }) });
    }
    const officer = (await findUserById(tx, input.userId))!;
    await tx.update(feedbackAssignment).set({ assignedOfficerId: officer.id, updatedAt: now }).where(eq(feedbackAssignment.id, a.id));
    await recordFeedbackEvent(tx, {
      submissionId: submission.id,
      type: 'officer_assigned',
      actorUserId: opts.principal.userId,
      unitId: a.unitId,
      data: { officer: officer.fullName, officerId: officer.id },
    });
    if (officer.id !== opts.principal.userId) {
      await opts.mailer.queueMail(tx, {
        to: officer.email,
        relatedUserId: officer.id,
        subject: t('cases.mail.officer.subject', { code: submission.code }),
        text: t('cases.mail.officer.body', {
          name: officer.fullName,
          code: submission.code,
          title: submission.title,
          due: a.answerDueOn ? a.answerDueOn.split('-').reverse().join('/') : '—',
          link: `${opts.publicUrl}/cases/${submission.code}`,
        }),
      });
    }
    await recordAudit(tx, opts.actor, {
      action: 'feedback.assignment.officer',
      entityType: 'feedback_assignment',
      entityId: a.id,
      before: { assignedOfficerId: a.assignedOfficerId },
      after: { code: submission.code, unit: a.unitCode, assignedOfficerId: officer.id },
    });
    return { assignmentId: a.id, officerId: officer.id };
  });
}
