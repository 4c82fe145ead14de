/**
 * Idempotent top-up of the default score configuration: 'MAC-DINH-2026' is created (and made
 * active) only when no configuration exists yet, so an administrator's later choice of weights
 * survives every restart.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { scoreConfig } from '../schema';
import { DEFAULT_WEIGHTS } from './score-math';

export const DEFAULT_CONFIG_CODE = 'MAC-DINH-2026';

export async function seedScoreConfig(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const [any] = await tx.select({ n: sql<number>`count(*)::int` }).from(scoreConfig);
    if ((any?.n ?? 0) > 0) return;
    await tx
      .insert(scoreConfig)
      .values({
        code: DEFAULT_CONFIG_CODE,
        name: 'Bộ trọng số mặc định 2026',
        weights: DEFAULT_WEIGHTS,
        isActive: true,
        notes: 'Nhiệm vụ đúng hạn 30, quá hạn 20, báo cáo đúng hạn 20, đạt chỉ tiêu KPI 20, PAKN đúng hạn 10.',
      })
      .onConflictDoNothing();
  });
}
