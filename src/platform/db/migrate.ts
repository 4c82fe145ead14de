/**
 * Applies the committed SQL migrations. On PostgreSQL an advisory lock keeps several starting
 * processes from migrating at once; PGlite has a single owner process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './client';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const MIGRATION_LOCK = 570057;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'drizzle' };
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as any, config);
    return;
  }
  const client = await handle.pool!.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(handle.db as any, config);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** True when every committed migration has been applied (used by /readyz). */
export async function migrationsApplied(handle: DatabaseHandle): Promise<boolean> {
  try {
    const { rows } = await handle.executeSql('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    const { readMigrationFiles } = await import('drizzle-orm/migrator');
    const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
    return Number(rows[0]?.n ?? 0) >= expected;
  } catch {
    return false;
  }
}
