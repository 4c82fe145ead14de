/**
 * Idempotent top-up of the checklist indicators and their criteria: runs on every start. It only
 * adds what is missing, so renamed criteria and changed thresholds (the manage page) survive restarts.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { foldText } from '../../platform/text/fold';
import { checklistCriterion, indicator } from '../schema';
import { CHECKLIST_DEFINITIONS } from './definitions';

export async function seedChecklists(db: Database): Promise<void> {
  for (const def of CHECKLIST_DEFINITIONS) {
    await db.transaction(async (tx) => {
      await tx
        .insert(indicator)
        .values({
          code: def.code,
          source: 'LOCAL',
          name: def.name,
          kind: 'checklist',
          frequency: 'quarter',
          aggregation: 'mean',
          direction: 'higher',
          unit: 'điều kiện',
          definition: def.definition,
          greenRatio: '1',
          yellowRatio: '0.7',
          sortOrder: 9000,
          searchText: foldText(`${def.code} ${def.name}`),
        })
        .onConflictDoNothing();
      const [ind] = await tx.select({ id: indicator.id }).from(indicator).where(eq(indicator.code, def.code));
      await tx
        .insert(checklistCriterion)
        .values(def.criteria.map((c, i) => ({ indicatorId: ind.id, code: c.code, name: c.name, description: c.description, sortOrder: i + 1 })))
        .onConflictDoNothing();
    });
  }
}
