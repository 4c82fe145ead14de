/** Idempotent top-up of the default score configuration. */
import type { Database } from '../../platform/db/client';

export async function seedScoreConfig(_db: Database): Promise<void> {}
