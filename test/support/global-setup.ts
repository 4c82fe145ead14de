/**
 * Prepares one migrated, reference-seeded template database per run so each test file can get a
 * fresh copy cheaply: a PGlite data-directory dump, or a PostgreSQL template database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/client';
import { migrateDatabase } from '../../src/platform/db/migrate';
import { seedReferenceData } from '../../src/seed/seed-reference';
import { topUpReferenceData } from '../../src/seed/top-up-reference';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgAdminUrl: string;
  }
}

export function databaseUrlWithName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `nq57_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ databaseUrl: databaseUrlWithName(url, template), poolSize: 2 });
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
  await topUpReferenceData(handle.db);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgAdminUrl', url);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Databases made from the template by test files are dropped by the files themselves.
      const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'nq57_t\\_%' ESCAPE '\\' AND datname LIKE $1`, [
        `nq57_t_${process.pid}_%`,
      ]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(handle);
  await seedReferenceData(handle.db);
  await topUpReferenceData(handle.db);
  const dump = await handle.pglite!.dumpDataDir('none');
  await handle.close();
  const file = path.join(os.tmpdir(), `nq57-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  project.provide('pgAdminUrl', '');
  return () => fs.rmSync(file, { force: true });
}
