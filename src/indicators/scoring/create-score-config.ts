/**
 * A new version of the score weights, made active at once; the previous versions stay (inactive)
 * because the frozen snapshots that used them point at them.
 */
import { eq, sql } from 'drizzle-orm';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { t } from '../../platform/i18n';
import type { FieldErrors } from '../../platform/errors';
import { validationFailed } from '../../platform/errors';
import { scoreConfig } from '../schema';
import { activeScoreConfig } from './queries';
import { weightProblems } from './score-math';
import { SCORE_COMPONENTS, type ScoreComponent } from './types';

export interface ScoreConfigInput {
  name: string;
  notes?: string;
  /** as typed: numbers, or strings in vi-VN or plain notation ('12,5' or '12.5') */
  weights: Partial<Record<ScoreComponent, unknown>>;
}

function toNumber(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return Number.NaN;
  const s = v.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export async function createScoreConfig(db: Database, input: ScoreConfigInput, actor: Actor, now = new Date()) {
  const name = (input.name ?? '').normalize('NFC').trim();
  const notes = (input.notes ?? '').normalize('NFC').trim();
  const components = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, toNumber(input.weights[c])])) as Record<ScoreComponent, number>;
  const fields: FieldErrors = {};
  if (!name || name.length > 200) fields.name = t('scoring.weights.nameRequired');
  for (const p of weightProblems(components)) fields[p.field] = t(p.key as 'scoring.weights.invalid');
  if (Object.keys(fields).length) throw validationFailed(fields);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(570058)`);
    const before = await activeScoreConfig(tx);
    const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    let code = `CAU-HINH-${stamp}`;
    const [clash] = await tx.select({ id: scoreConfig.id }).from(scoreConfig).where(eq(scoreConfig.code, code));
    if (clash) code = `${code}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    await tx.update(scoreConfig).set({ isActive: false }).where(eq(scoreConfig.isActive, true));
    const [row] = await tx
      .insert(scoreConfig)
      .values({ code, name, notes: notes || null, weights: { components }, isActive: true, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, actor, {
      action: 'scoring.config.create',
      entityType: 'score_config',
      entityId: row.id,
      before: before ? { code: before.code, weights: before.weights } : null,
      after: { code, name, weights: { components } },
    });
    return row;
  });
}
