/**
 * Resolves the (checklist, unit, period) a self-assessment or confirmation is about, with the
 * checks both share: the checklist exists, the unit is a commune-level unit, the period key is
 * one of the checklist's frequency. Bad input is a 4xx with a Vietnamese message.
 */
import { findUnitByCode } from '../../org/queries';
import type { Executor } from '../../platform/db/client';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { isPeriodKey } from '../periods';
import { isChecklistUnitKind } from './policies';
import { type ChecklistDef, findChecklist } from './queries';

export async function loadChecklistTarget(db: Executor, code: string, unitCode: string, period: string) {
  const checklist = await findChecklist(db, code);
  if (!checklist) throw AppError.of('NOT_FOUND', 'checklist.notFound', { code });
  const fields: Record<string, string> = {};
  const unit = unitCode.trim() ? await findUnitByCode(db, unitCode) : null;
  if (!unit) fields.unit = t('checklist.unknownUnit', { code: unitCode.trim() || '—' });
  else if (!isChecklistUnitKind(unit.kind)) fields.unit = t('checklist.unitNotCommune', { name: unit.name });
  if (!isPeriodKey(period.trim(), checklist.frequency)) fields.period = t('checklist.badPeriod', { period: period.trim() || '—' });
  if (Object.keys(fields).length) throw validationFailed(fields);
  return { checklist: checklist as ChecklistDef, unit: unit!, period: period.trim() };
}
