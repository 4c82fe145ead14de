/**
 * The level above confirms a commune's self-assessment: met or not met for every criterion the
 * commune answered, with a comment. Only someone holding indicator.approve strictly above the unit
 * may (policies.ts). Refused once the unit's period is approved: the confirmed figures are final.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, forbidden, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { checklistAnswer, indicatorSubmission } from '../schema';
import { loadChecklistTarget } from './load-target';
import { canConfirm } from './policies';
import { MAX_ANSWER_TEXT } from './save-self-assessment';
import { unitAnswers } from './queries';

export const confirmationInput = z.object({
  criterion: z.string().trim().min(1),
  met: z.boolean(),
  comment: z.string().max(MAX_ANSWER_TEXT).optional().nullable(),
});
export type ConfirmationInput = z.infer<typeof confirmationInput>;

export async function confirmChecklist(
  db: Database,
  input: { code: string; unitCode: string; period: string; confirmations: ConfirmationInput[] },
  opts: { principal: Principal; actor: Actor },
) {
  const { checklist, unit, period } = await loadChecklistTarget(db, input.code, input.unitCode, input.period);
  if (!canConfirm(opts.principal, unit.path)) throw forbidden();

  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ status: indicatorSubmission.status })
      .from(indicatorSubmission)
      .where(and(eq(indicatorSubmission.orgUnitId, unit.id), eq(indicatorSubmission.period, period)));
    if (sub?.status === 'approved') throw AppError.of('CONFLICT', 'checklist.locked', { period });
    const before = await unitAnswers(tx, checklist, unit.id, period);
    if (before.size === 0) throw AppError.of('CONFLICT', 'checklist.notAssessed', { unit: unit.name });

    const fields: Record<string, string> = {};
    const byId = new Map<string, ConfirmationInput>();
    for (const c of input.confirmations) {
      const crit = checklist.criteria.find((x) => x.code === c.criterion);
      if (!crit || !before.has(crit.id)) fields[`c-${c.criterion}`] = t('checklist.unknownCriterion', { code: c.criterion });
      else if (byId.has(crit.id)) fields[`c-${crit.code}`] = t('checklist.duplicateCriterion', { code: crit.code });
      else byId.set(crit.id, c);
      if ((c.comment ?? '').length > MAX_ANSWER_TEXT) fields[`c-${c.criterion}`] = t('checklist.textTooLong', { max: MAX_ANSWER_TEXT });
    }
    for (const crit of checklist.criteria) {
      if (before.has(crit.id) && !byId.has(crit.id) && !fields[`c-${crit.code}`]) fields[`c-${crit.code}`] = t('checklist.confirmRequired', { name: crit.name });
    }
    if (Object.keys(fields).length) throw validationFailed(fields);

    const now = new Date();
    for (const [criterionId, c] of byId) {
      const comment = (c.comment ?? '').normalize('NFC').trim();
      await tx
        .update(checklistAnswer)
        .set({ confirmedMet: c.met, confirmComment: comment || null, confirmedBy: opts.principal.userId, confirmedAt: now })
        .where(and(eq(checklistAnswer.criterionId, criterionId), eq(checklistAnswer.orgUnitId, unit.id), eq(checklistAnswer.period, period)));
    }
    const after = await tx
      .select()
      .from(checklistAnswer)
      .where(and(eq(checklistAnswer.orgUnitId, unit.id), eq(checklistAnswer.period, period), inArray(checklistAnswer.criterionId, [...byId.keys()])));
    const code = (id: string) => checklist.criteria.find((c) => c.id === id)!.code;
    await recordAudit(tx, opts.actor, {
      action: 'checklist.confirm',
      entityType: 'checklist_answer',
      entityId: unit.id,
      before: { checklist: checklist.code, unit: unit.code, period, answers: Object.fromEntries([...before.values()].map((a) => [code(a.criterionId), { selfMet: a.selfMet, confirmedMet: a.confirmedMet }])) },
      after: { checklist: checklist.code, unit: unit.code, period, answers: Object.fromEntries(after.map((a) => [code(a.criterionId), { selfMet: a.selfMet, confirmedMet: a.confirmedMet }])) },
    });
    return { checklist, unit, period };
  });
}
