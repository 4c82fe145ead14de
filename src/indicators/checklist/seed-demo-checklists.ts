/** Demo checklist self-assessments and confirmations for the communes of a few provinces. */
import type { Database } from '../../platform/db/client';

export async function seedDemoChecklists(_db: Database): Promise<void> {}
