/**
 * Keeps a checklist's configuration: the green and yellow thresholds, the criteria's wording and
 * order, and new criteria. Criteria are never deleted here (answers hang off them); a criterion
 * that no longer applies is reworded or the checklist retired by the catalogue.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../../org/policies';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError, forbidden, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { checklistCriterion, indicator } from '../schema';
import { canManageChecklists } from './policies';
import { findChecklist } from './queries';

export interface UpdateChecklistInput {
  greenRatio: string;
  yellowRatio: string;
  /** criterion code → new name (and description) */
  criteria: { code: string; name: string; description?: string | null }[];
  newCriterion?: { name: string; description?: string | null } | null;
}

/** '0,7', '0.7' or '70%' → 0.7; null when not a share between 0 and 1. */
export function parseRatio(raw: string): number | null {
  const s = raw.trim().replace(',', '.');
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(s);
  if (!m) return null;
  const v = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : null;
}

export async function updateChecklist(db: Database, code: string, input: UpdateChecklistInput, opts: { principal: Principal; actor: Actor }) {
  if (!canManageChecklists(opts.principal)) throw forbidden();
  const checklist = await findChecklist(db, code);
  if (!checklist) throw AppError.of('NOT_FOUND', 'checklist.notFound', { code });
  const fields: Record<string, string> = {};
  const green = parseRatio(input.greenRatio);
  const yellow = parseRatio(input.yellowRatio);
  if (green === null) fields.greenRatio = t('checklist.manage.badRatio');
  if (yellow === null) fields.yellowRatio = t('checklist.manage.badRatio');
  if (green !== null && yellow !== null && yellow > green) fields.yellowRatio = t('checklist.manage.yellowAboveGreen');
  const names = new Map<string, { name: string; description: string | null }>();
  for (const c of input.criteria) {
    const crit = checklist.criteria.find((x) => x.code === c.code);
    const name = c.name.normalize('NFC').trim();
    if (!crit) fields[`c-${c.code}`] = t('checklist.unknownCriterion', { code: c.code });
    else if (name.length < 3 || name.length > 300) fields[`c-${c.code}`] = t('checklist.manage.badName');
    else names.set(crit.id, { name, description: (c.description ?? '').normalize('NFC').trim() || null });
  }
  const newName = (input.newCriterion?.name ?? '').normalize('NFC').trim();
  if (newName && (newName.length < 3 || newName.length > 300)) fields.newName = t('checklist.manage.badName');
  if (Object.keys(fields).length) throw validationFailed(fields);

  return db.transaction(async (tx) => {
    await tx.update(indicator).set({ greenRatio: String(green), yellowRatio: String(yellow), updatedAt: new Date() }).where(eq(indicator.id, checklist.id));
    for (const [id, v] of names) await tx.update(checklistCriterion).set(v).where(eq(checklistCriterion.id, id));
    let added: string | null = null;
    if (newName) {
      const max = checklist.criteria.reduce((m, c) => Math.max(m, Number(/\d+$/.exec(c.code)?.[0] ?? 0)), 0);
      let n = max + 1;
      const taken = new Set(checklist.criteria.map((c) => c.code));
      while (taken.has(`TC${String(n).padStart(2, '0')}`)) n++;
      added = `TC${String(n).padStart(2, '0')}`;
      const sortOrder = checklist.criteria.reduce((m, c) => Math.max(m, c.sortOrder), 0) + 1;
      await tx.insert(checklistCriterion).values({ indicatorId: checklist.id, code: added, name: newName, description: (input.newCriterion?.description ?? '').normalize('NFC').trim() || null, sortOrder });
    }
    const after = await findChecklist(tx, checklist.code);
    await recordAudit(tx, opts.actor, {
      action: 'checklist.configure',
      entityType: 'indicator',
      entityId: checklist.id,
      before: { greenRatio: checklist.greenRatio, yellowRatio: checklist.yellowRatio, criteria: checklist.criteria.map((c) => ({ code: c.code, name: c.name })) },
      after: { greenRatio: after!.greenRatio, yellowRatio: after!.yellowRatio, criteria: after!.criteria.map((c) => ({ code: c.code, name: c.name })) },
    });
    return { added };
  });
}
