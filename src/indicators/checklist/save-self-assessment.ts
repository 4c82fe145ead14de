/**
 * A commune's self-assessment of a checklist for a period: a yes/no for every criterion, with a
 * comment and evidence. Allowed while the unit's period is open (period-lock.ts). A changed answer
 * drops the level above's confirmation of that criterion: it confirmed something else.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, forbidden, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { lockedUnits } from '../period-lock';
import { checklistAnswer } from '../schema';
import { loadChecklistTarget } from './load-target';
import { canAssess } from './policies';
import { unitAnswers } from './queries';

export const MAX_ANSWER_TEXT = 2000;

export const selfAnswerInput = z.object({
  criterion: z.string().trim().min(1),
  met: z.boolean(),
  comment: z.string().max(MAX_ANSWER_TEXT).optional().nullable(),
  evidence: z.string().max(MAX_ANSWER_TEXT).optional().nullable(),
});
export type SelfAnswerInput = z.infer<typeof selfAnswerInput>;

const clean = (s: string | null | undefined) => {
  const v = (s ?? '').normalize('NFC').trim();
  return v === '' ? null : v;
};

export async function saveSelfAssessment(
  db: Database,
  input: { code: string; unitCode: string; period: string; answers: SelfAnswerInput[] },
  opts: { principal: Principal; actor: Actor },
) {
  const { checklist, unit, period } = await loadChecklistTarget(db, input.code, input.unitCode, input.period);
  if (!canAssess(opts.principal, unit.path)) throw forbidden();

  const fields: Record<string, string> = {};
  const byCode = new Map<string, SelfAnswerInput>();
  for (const a of input.answers) {
    const crit = checklist.criteria.find((c) => c.code === a.criterion);
    if (!crit) fields[`c-${a.criterion}`] = t('checklist.unknownCriterion', { code: a.criterion });
    else if (byCode.has(crit.code)) fields[`c-${crit.code}`] = t('checklist.duplicateCriterion', { code: crit.code });
    else byCode.set(crit.code, a);
    if ((a.comment ?? '').length > MAX_ANSWER_TEXT || (a.evidence ?? '').length > MAX_ANSWER_TEXT) fields[`c-${a.criterion}`] = t('checklist.textTooLong', { max: MAX_ANSWER_TEXT });
  }
  for (const c of checklist.criteria) if (!byCode.has(c.code) && !fields[`c-${c.code}`]) fields[`c-${c.code}`] = t('checklist.answerRequired', { name: c.name });
  if (Object.keys(fields).length) throw validationFailed(fields);

  return db.transaction(async (tx) => {
    if ((await lockedUnits(tx, [unit.id], period)).size > 0) throw AppError.of('CONFLICT', 'checklist.locked', { period });
    const before = await unitAnswers(tx, checklist, unit.id, period);
    const now = new Date();
    for (const c of checklist.criteria) {
      const a = byCode.get(c.code)!;
      const prev = before.get(c.id);
      const keepConfirmation = !!prev && prev.selfMet === a.met;
      const row = {
        criterionId: c.id,
        orgUnitId: unit.id,
        period,
        selfMet: a.met,
        selfComment: clean(a.comment),
        evidenceText: clean(a.evidence),
        assessedBy: opts.principal.userId,
        assessedAt: now,
        confirmedMet: keepConfirmation ? prev.confirmedMet : null,
        confirmComment: keepConfirmation ? prev.confirmComment : null,
        confirmedBy: keepConfirmation ? prev.confirmedBy : null,
        confirmedAt: keepConfirmation ? prev.confirmedAt : null,
      };
      await tx
        .insert(checklistAnswer)
        .values(row)
        .onConflictDoUpdate({
          target: [checklistAnswer.criterionId, checklistAnswer.orgUnitId, checklistAnswer.period],
          set: {
            selfMet: row.selfMet,
            selfComment: row.selfComment,
            evidenceText: row.evidenceText,
            assessedBy: row.assessedBy,
            assessedAt: row.assessedAt,
            confirmedMet: row.confirmedMet,
            confirmComment: row.confirmComment,
            confirmedBy: row.confirmedBy,
            confirmedAt: row.confirmedAt,
            isDemo: sql`false`,
          },
        });
    }
    const summary = (m: Map<string, { selfMet: boolean; confirmedMet: boolean | null }>) =>
      Object.fromEntries(checklist.criteria.filter((c) => m.has(c.id)).map((c) => [c.code, { selfMet: m.get(c.id)!.selfMet, confirmedMet: m.get(c.id)!.confirmedMet }]));
    const after = await unitAnswers(tx, checklist, unit.id, period);
    await recordAudit(tx, opts.actor, {
      action: 'checklist.assess',
      entityType: 'checklist_answer',
      entityId: unit.id,
      before: before.size ? { checklist: checklist.code, unit: unit.code, period, answers: summary(before) } : null,
      after: { checklist: checklist.code, unit: unit.code, period, answers: summary(after) },
    });
    return { checklist, unit, period, met: [...byCode.values()].filter((a) => a.met).length };
  });
}

