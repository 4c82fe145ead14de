/** Changes the deadlines of one kind of submission (feedback.configure), audited. */
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import type { Actor } from '../../platform/audit/record-audit';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { parseInput } from '../../platform/validation';
import { SUBMISSION_KINDS, type SubmissionKind, feedbackSla } from '../schema';
import { slaFor } from './index';
import { canConfigureDeadlines } from './policies';

const days = (min: number, max: number) => {
  const message = t('deadlines.sla.range', { min, max });
  return z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });
};

export const updateSlaInput = z.object({
  kind: z.enum(SUBMISSION_KINDS, { message: t('field.choose') }),
  forwardWorkingDays: days(1, 30),
  answerDays: days(1, 180),
  answerInWorkingDays: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  updateEveryDays: days(1, 60),
});
export type UpdateSlaInput = z.input<typeof updateSlaInput>;

export async function updateSla(db: Database, raw: UpdateSlaInput, opts: { principal: Principal; actor: Actor }): Promise<{ kind: SubmissionKind }> {
  if (!canConfigureDeadlines(opts.principal)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  const input = parseInput(updateSlaInput, raw);
  const { kind, ...values } = input;
  return db.transaction(async (tx) => {
    const before = await slaFor(tx, kind);
    await tx
      .insert(feedbackSla)
      .values({ kind, ...values })
      .onConflictDoUpdate({ target: feedbackSla.kind, set: { ...values, updatedAt: new Date() } });
    await recordAudit(tx, opts.actor, { action: 'feedback.sla.update', entityType: 'feedback_sla', entityId: null, before: { kind, ...before }, after: input });
    return { kind };
  });
}
