/** Idempotent top-up of the checklist indicators and their criteria. */
import type { Database } from '../../platform/db/client';

export async function seedChecklists(_db: Database): Promise<void> {}
