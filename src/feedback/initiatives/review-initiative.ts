/**
 * An expert of the advisory council scores an initiative or solution against the four criteria
 * (novelty, feasibility, impact, cost; 1–5 each) with a comment. One review per expert, which they
 * may edit until the standing office takes a final decision.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database, Executor } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput, text } from '../../platform/validation';
import { recordFeedbackEvent } from '../record-feedback-event';
import { PROPOSAL_KINDS, feedbackSubmission, initiativeReview } from '../schema';
import { canReviewInitiatives } from './policies';
import { FINAL_DECISIONS } from './queries';

const score = () =>
  z.coerce
    .number({ message: t('initiative.review.score') })
    .int({ message: t('initiative.review.score') })
    .min(1, { message: t('initiative.review.score') })
    .max(5, { message: t('initiative.review.score') });

export const reviewInitiativeInput = z.object({
  novelty: score(),
  feasibility: score(),
  impact: score(),
  cost: score(),
  comment: text(5000),
});
export type ReviewInitiativeInput = z.input<typeof reviewInitiativeInput>;

/** The submission as a proposal that may still be reviewed or decided, or a typed error. */
export async function openProposal(db: Executor, code: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw AppError.of('NOT_FOUND', 'initiative.error.notFound');
  if (!PROPOSAL_KINDS.includes(row.kind)) throw AppError.of('BAD_REQUEST', 'initiative.error.notProposal');
  if (row.status === 'rejected' || row.status === 'merged') throw AppError.of('CONFLICT', 'initiative.error.closed');
  if (row.decision && (FINAL_DECISIONS as readonly string[]).includes(row.decision)) throw AppError.of('CONFLICT', 'initiative.error.decided');
  return row;
}

export async function reviewInitiative(db: Database, code: string, raw: ReviewInitiativeInput, opts: { principal: Principal; actor: Actor; now?: Date }) {
  if (!canReviewInitiatives(opts.principal)) throw AppError.of('FORBIDDEN', 'initiative.error.cannotReview');
  const input = parseInput(reviewInitiativeInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const sub = await openProposal(tx, code, { forUpdate: true });
    const [before] = await tx
      .select()
      .from(initiativeReview)
      .where(and(eq(initiativeReview.submissionId, sub.id), eq(initiativeReview.reviewerId, opts.principal.userId)));
    const values = { novelty: input.novelty, feasibility: input.feasibility, impact: input.impact, cost: input.cost, comment: input.comment };
    const [row] = await tx
      .insert(initiativeReview)
      .values({ submissionId: sub.id, reviewerId: opts.principal.userId, ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [initiativeReview.submissionId, initiativeReview.reviewerId], set: { ...values, updatedAt: now } })
      .returning();
    await recordFeedbackEvent(tx, { submissionId: sub.id, type: 'reviewed', actorUserId: opts.principal.userId, data: { edited: !!before } });
    await recordAudit(tx, opts.actor, {
      action: before ? 'initiative.review.update' : 'initiative.review',
      entityType: 'initiative_review',
      entityId: row.id,
      before: before ? { novelty: before.novelty, feasibility: before.feasibility, impact: before.impact, cost: before.cost } : undefined,
      after: { code: sub.code, novelty: row.novelty, feasibility: row.feasibility, impact: row.impact, cost: row.cost },
    });
    return row;
  });
}
