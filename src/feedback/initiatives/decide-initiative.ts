/**
 * The standing office decides on a reviewed initiative or solution: adopt, study further, or not
 * adopt, with a note. Adopting names the lead unit and a deadline and creates a monitoring task
 * (through the monitoring module's prepareTask/insertPreparedTask) in the plan SANG-KIEN, created
 * when missing and issued by the standing office (VPTW). The task's `source` is the tracking code
 * and the submission's `linked_task_id` the task: linked both ways. A final decision (adopt or not
 * adopt) is the answer to the proposal; it is published when the submitter consented. The
 * submitter is e-mailed about the decision.
 */
import { searchTextWithAnswer } from '../answer-search-text';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { createTaskInput, insertPreparedTask, prepareTask } from '../../monitoring/create-task';
import { hcmDate, formatIsoDate } from '../../monitoring/dates';
import { isoDate } from '../../monitoring/task-input';
import { plan } from '../../monitoring/schema';
import type { Principal } from '../../org/policies';
import { findUnitByCode } from '../../org/queries';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database, Tx } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import type { Mailer } from '../../platform/mail/mailer';
import { optionalText, parseInput, text } from '../../platform/validation';
import { STANDING_OFFICE_CODE } from '../../seed/build-org-tree';
import { recordFeedbackEvent } from '../record-feedback-event';
import { INITIATIVE_DECISIONS, feedbackSubmission, initiativeReview } from '../schema';
import { OPEN_STATUSES } from '../public/queries';
import { canDecideInitiatives } from './policies';
import { openProposal } from './review-initiative';

export const INITIATIVE_PLAN_CODE = 'SANG-KIEN';

export const decideInitiativeInput = z.object({
  decision: z.enum(INITIATIVE_DECISIONS, { message: t('field.choose') }),
  note: text(5000),
  leadUnitCode: optionalText(40),
  deadline: z
    .string()
    .optional()
    .transform((s) => (s == null || s.trim() === '' ? undefined : s.trim()))
    .pipe(isoDate().optional()),
});
export type DecideInitiativeInput = z.input<typeof decideInitiativeInput>;

/** The plan adopted initiatives go into, created (issued by the standing office) when missing. */
export async function ensureInitiativePlan(tx: Tx) {
  const [found] = await tx.select().from(plan).where(eq(plan.code, INITIATIVE_PLAN_CODE));
  if (found) return found;
  const office = await findUnitByCode(tx, STANDING_OFFICE_CODE);
  await tx
    .insert(plan)
    // adopted initiatives are followed in public, like the Government's programme
    .values({ code: INITIATIVE_PLAN_CODE, title: t('initiative.plan.title'), issuingUnitId: office?.id ?? null, reportingCadence: 'monthly', isPublic: true })
    .onConflictDoNothing();
  const [row] = await tx.select().from(plan).where(eq(plan.code, INITIATIVE_PLAN_CODE));
  return row!;
}

export async function decideInitiative(
  db: Database,
  code: string,
  raw: DecideInitiativeInput,
  opts: { principal: Principal; actor: Actor; mailer?: Mailer; publicUrl?: string; now?: Date },
) {
  if (!canDecideInitiatives(opts.principal)) throw AppError.of('FORBIDDEN', 'initiative.error.cannotDecide');
  const input = parseInput(decideInitiativeInput, raw);
  const now = opts.now ?? new Date();
  if (input.decision === 'adopt') {
    const fields: Record<string, string> = {};
    if (!input.leadUnitCode) fields.leadUnitCode = t('initiative.decide.adoptNeedsUnit');
    if (!input.deadline) fields.deadline = t('initiative.decide.adoptNeedsDeadline');
    else if (input.deadline < hcmDate(now)) fields.deadline = t('initiative.decide.deadlinePast');
    if (Object.keys(fields).length) throw validationFailed(fields);
  }

  return db.transaction(async (tx) => {
    const sub = await openProposal(tx, code, { forUpdate: true });
    const [{ n }] = await tx.select({ n: count() }).from(initiativeReview).where(eq(initiativeReview.submissionId, sub.id));
    if (n === 0) throw AppError.of('CONFLICT', 'initiative.error.needsReview');

    let createdTask: { id: string; code: string; deadline: string | null; leadName: string } | null = null;
    if (input.decision === 'adopt') {
      const pl = await ensureInitiativePlan(tx);
      const lead = await findUnitByCode(tx, input.leadUnitCode!);
      if (!lead) throw validationFailed({ leadUnitCode: t('initiative.decide.unknownUnit', { code: input.leadUnitCode! }) });
      const taskInput = parseInput(createTaskInput, {
        planCode: pl.code,
        code: sub.code,
        title: sub.title,
        description: sub.proposal ?? sub.content.slice(0, 10_000),
        leadUnitCode: lead.code,
        output: t('initiative.task.output'),
        deadline: input.deadline,
        source: sub.code,
      });
      const prepared = await prepareTask(tx, taskInput, opts.principal);
      const row = await insertPreparedTask(tx, prepared, opts.actor, { initiative: sub.code });
      createdTask = { id: row.id, code: row.code, deadline: row.deadline, leadName: lead.name };
    }

    const final = input.decision !== 'study';
    const publish = final && sub.publishConsent !== 'none' && !sub.publishedAt;
    const decisionLabel = t(`feedback.decision.${input.decision}`);
    const [updated] = await tx
      .update(feedbackSubmission)
      .set({
        decision: input.decision,
        decisionNote: input.note,
        decidedBy: opts.principal.userId,
        decidedAt: now,
        linkedTaskId: createdTask?.id ?? sub.linkedTaskId,
        ...(final && !sub.answeredAt ? { answeredAt: now } : {}),
        ...(final && OPEN_STATUSES.includes(sub.status) ? { status: 'answered' as const } : {}),
        ...(final && !sub.publicAnswer ? answerFields(t('initiative.publicAnswer', { decision: decisionLabel, note: input.note })) : {}),
        ...(publish ? { publishedAt: now } : {}),
        updatedAt: now,
      })
      .where(and(eq(feedbackSubmission.id, sub.id)))
      .returning();
    await recordFeedbackEvent(tx, { submissionId: sub.id, type: 'decided', actorUserId: opts.principal.userId, data: { decision: input.decision } });
    if (createdTask) {
      await recordFeedbackEvent(tx, { submissionId: sub.id, type: 'task_created', actorUserId: opts.principal.userId, data: { taskCode: createdTask.code, taskId: createdTask.id } });
    }
    if (publish) await recordFeedbackEvent(tx, { submissionId: sub.id, type: 'published', actorUserId: opts.principal.userId });
    await recordAudit(tx, opts.actor, {
      action: 'initiative.decide',
      entityType: 'feedback_submission',
      entityId: sub.id,
      before: { decision: sub.decision, status: sub.status, linkedTaskId: sub.linkedTaskId },
      after: { code: sub.code, decision: updated.decision, status: updated.status, linkedTaskId: updated.linkedTaskId, published: publish },
    });
    if (opts.mailer && sub.submitterEmail) {
      const base = (opts.publicUrl ?? '').replace(/\/$/, '');
      const note = createdTask
        ? `${input.note}\n${t('initiative.mail.task', { taskCode: createdTask.code, unit: createdTask.leadName, deadline: formatIsoDate(createdTask.deadline) })}`
        : input.note;
      await opts.mailer.queueMail(tx, {
        to: sub.submitterEmail,
        subject: t('initiative.mail.subject', { code: sub.code }),
        text: t('initiative.mail.body', {
          name: sub.submitterName,
          title: sub.title,
          code: sub.code,
          decision: decisionLabel,
          note,
          url: updated.publishedAt ? `${base}/feedback/answers/${sub.code}` : `${base}/feedback/lookup`,
        }),
      });
    }
    return { submission: updated, task: createdTask };
  });
}

const answerFields = (publicAnswer: string) => ({ publicAnswer, searchText: searchTextWithAnswer(publicAnswer) });
