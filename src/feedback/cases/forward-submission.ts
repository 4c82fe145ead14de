/**
 * The standing office forwards a case to one or more competent agencies (ministries, provincial
 * People's Committees…) with an instruction. Each agency gets a `feedback_assignment` with its
 * answer deadline from the kind's SLA; its officers and leaders are e-mailed; the case becomes
 * `forwarded`. An agency that returned the case earlier may be forwarded it again. The first
 * agency, with the case's kind and topic, becomes a training example for the triage classifier.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { findUnitByCode } from '../../org/queries';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { optionalText, parseInput } from '../../platform/validation';
import { answerDueOn, nextUpdateDueOn } from '../deadlines';
import { canTriage } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackAssignment, feedbackSubmission } from '../schema';
import { learnFromTriage } from '../triage/learn-from-triage';
import { type CaseActionOptions, lockCase, requireStatus, unitStaffEmails } from './case-access';

export const MAX_FORWARD_UNITS = 10;

/** Units a case may not be forwarded to: the tree's structure, not agencies. */
const NOT_AGENCIES = ['steering_committee', 'standing_office', 'group', 'province'];

export const forwardSubmissionInput = z.object({
  unitCodes: z
    .array(z.string().trim().max(40))
    .transform((codes) => [...new Set(codes.map((c) => c.toUpperCase()).filter(Boolean))])
    .pipe(
      z
        .array(z.string())
        .min(1, t('cases.error.unitsRequired'))
        .max(MAX_FORWARD_UNITS, t('cases.error.tooManyUnits', { max: MAX_FORWARD_UNITS })),
    ),
  instruction: optionalText(3000),
});
export type ForwardSubmissionInput = z.input<typeof forwardSubmissionInput>;

export async function forwardSubmission(db: Database, code: string, raw: ForwardSubmissionInput, opts: CaseActionOptions) {
  if (!canTriage(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(forwardSubmissionInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    requireStatus(submission, ['received', 'forwarded', 'in_progress', 'awaiting_info']);
    const units = [];
    for (const unitCode of input.unitCodes) {
      const unit = await findUnitByCode(tx, unitCode);
      if (!unit || NOT_AGENCIES.includes(unit.kind)) throw validationFailed({ unitCodes: t('cases.error.unitUnknown', { code: unitCode }) });
      const existing = assignments.find((a) => a.unitId === unit.id);
      if (existing && existing.status !== 'returned') throw validationFailed({ unitCodes: t('cases.error.unitAlreadyAssigned', { unit: unit.name }) });
      units.push({ unit, existing });
    }
    const due = await answerDueOn(tx, submission.kind, now);
    const created: { id: string; unitCode: string }[] = [];
    for (const { unit, existing } of units) {
      const values = {
        status: 'forwarded' as const,
        instruction: input.instruction ?? null,
        forwardedBy: opts.principal.userId,
        forwardedAt: now,
        acceptedAt: null,
        returnReason: null,
        returnedAt: null,
        assignedOfficerId: null,
        answerDueOn: due,
        lastUpdateAt: null,
        answeredAt: null,
        updatedAt: now,
      };
      const [row] = existing
        ? await tx
            .update(feedbackAssignment)
            .set(values)
            .where(and(eq(feedbackAssignment.id, existing.id), eq(feedbackAssignment.status, 'returned')))
            .returning({ id: feedbackAssignment.id })
        : await tx
            .insert(feedbackAssignment)
            .values({ ...values, submissionId: submission.id, unitId: unit.id })
            .returning({ id: feedbackAssignment.id });
      created.push({ id: row.id, unitCode: unit.code });
      await recordFeedbackEvent(tx, {
        submissionId: submission.id,
        type: 'forwarded',
        actorUserId: opts.principal.userId,
        unitId: unit.id,
        data: { unit: unit.name, unitCode: unit.code },
      });
      for (const staff of await unitStaffEmails(tx, unit.id)) {
        await opts.mailer.queueMail(tx, {
          to: staff.email,
          relatedUserId: staff.userId,
          subject: t('cases.mail.forwarded.subject', { code: submission.code }),
          text: t('cases.mail.forwarded.body', {
            unit: unit.name,
            code: submission.code,
            title: submission.title,
            kind: t(`feedback.kind.${submission.kind}`),
            due: due.split('-').reverse().join('/'),
            instruction: input.instruction ? `\n${input.instruction}\n` : '',
            link: `${opts.publicUrl}/cases/${submission.code}`,
          }),
        });
      }
    }
    const becomes = submission.status === 'received' ? 'forwarded' : submission.status;
    await tx
      .update(feedbackSubmission)
      .set({
        status: becomes,
        forwardedAt: submission.forwardedAt ?? now,
        answerDueOn: submission.answerDueOn ?? due,
        nextUpdateDueOn: submission.nextUpdateDueOn ?? (await nextUpdateDueOn(tx, submission.kind, now)),
        updatedAt: now,
      })
      .where(eq(feedbackSubmission.id, submission.id));
    if (submission.topicCode) {
      await learnFromTriage(tx, {
        submissionId: submission.id,
        title: submission.title,
        content: submission.content,
        kind: submission.kind,
        topicCode: submission.topicCode,
        agencyCode: units[0].unit.code,
        userId: opts.principal.userId,
      });
    }
    await recordAudit(tx, opts.actor, {
      action: 'feedback.forward',
      entityType: 'feedback_submission',
      entityId: submission.id,
      before: { status: submission.status },
      after: { code: submission.code, status: becomes, units: units.map((u) => u.unit.code), answerDueOn: due },
    });
    return { id: submission.id, code: submission.code, assignments: created };
  });
}
