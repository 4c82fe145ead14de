/**
 * A fresh, migrated database with reference data for one test file: PGlite by default, a copy of
 * the PostgreSQL template database when the run has DATABASE_URL. Same tests, both backends.
 */
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/client';

export const backend: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

let counter = 0;

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const pgTemplate = inject('pgTemplate');
  if (pgTemplate) {
    const adminUrl = inject('pgAdminUrl');
    // Named after the run's template (nq57_tpl_<pid>_…) so global teardown can sweep leftovers.
    const runPid = pgTemplate.split('_')[2];
    const dbName = `nq57_t_${runPid}_${process.pid}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${pgTemplate}`);
    } finally {
      await admin.end();
    }
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
    const close = handle.close.bind(handle);
    handle.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      await a.end();
    };
    return handle;
  }
  const file = inject('pgliteTemplate');
  const buf = fs.readFileSync(file);
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([buf]) });
}
