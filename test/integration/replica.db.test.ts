/**
 * Read-heavy public pages read from a streaming replica when DATABASE_REPLICA_URL is set. Proven
 * against a real replica: a primary and its streaming standby started by the test from the
 * machine's PostgreSQL binaries. With replay paused on the standby, a task added on the primary
 * stays invisible to the public list (it reads the replica) while the staff API (primary) sees it;
 * once replay resumes, the public list shows it. The replica connection is read-only.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { plan, task } from '../../src/monitoring/schema';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/client';
import { migrateDatabase } from '../../src/platform/db/migrate';
import { foldText } from '../../src/platform/text/fold';
import { seedReferenceData } from '../../src/seed/seed-reference';
import { makeUser } from '../support/factories';
import { type PrimaryWithReplica, postgresBinDir, startPrimaryWithReplica } from '../support/pg-cluster';
import { type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

// The clusters are independent of the run's backend, so the proof runs once: in the PostgreSQL run.
const skipReason = !process.env.DATABASE_URL
  ? 'chạy trong lượt PostgreSQL (DATABASE_URL)'
  : !postgresBinDir()
    ? 'không có PostgreSQL binaries (initdb, pg_basebackup) trên máy'
    : null;

describe.skipIf(skipReason !== null)(`read replica${skipReason ? ` (bỏ qua: ${skipReason})` : ''}`, () => {
  let clusters: PrimaryWithReplica;
  let database: DatabaseHandle;
  let p: TestPlatform;
  let admin: pg.Client;
  let replicaAdmin: pg.Client;
  let planId: string;

  beforeAll(async () => {
    clusters = await startPrimaryWithReplica();
    admin = new pg.Client({ connectionString: clusters.primary.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE nq57');
    database = await openDatabase({ databaseUrl: clusters.primary.url('nq57'), replicaUrl: clusters.replica.url('nq57'), poolSize: 4 });
    await migrateDatabase(database);
    await seedReferenceData(database.db);
    p = await createTestPlatform({ database, config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: clusters.primary.url('nq57') }) });
    const [pl] = await database.db.insert(plan).values({ code: `KH-${randomUUID().slice(0, 8)}`, title: 'Kế hoạch công khai', isPublic: true }).returning();
    planId = pl.id;
    replicaAdmin = new pg.Client({ connectionString: clusters.replica.url('nq57') });
    await replicaAdmin.connect();
  }, 180_000);

  afterAll(async () => {
    await replicaAdmin?.end().catch(() => {});
    await admin?.end().catch(() => {});
    await p?.close();
    clusters?.close();
  });

  async function caughtUp() {
    const { rows } = await admin.query('SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 200; i++) {
      const r = await replicaAdmin.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [rows[0].lsn]);
      if (r.rows[0].ok) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('replica did not catch up');
  }

  async function addPublicTask(title: string) {
    const [row] = await database.db
      .insert(task)
      .values({ planId, code: `T-${randomUUID().slice(0, 8)}`, title, searchText: foldText(title) })
      .returning();
    return row;
  }

  it('is a real streaming standby', async () => {
    const { rows } = await replicaAdmin.query('SELECT pg_is_in_recovery() AS standby');
    expect(rows[0].standby).toBe(true);
    const senders = await admin.query("SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'");
    expect(senders.rows[0].n).toBe(1);
  });

  it('serves the public task list from the replica and staff reads from the primary', async () => {
    const word = `Nhiệmvụbảnsao${randomUUID().slice(0, 6)}`;
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    try {
      const created = await addPublicTask(`${word} đang chờ sao chép`);
      const anon = await p.app.inject({ method: 'GET', url: `/progress/tasks?q=${encodeURIComponent(foldText(word))}` });
      expect(anon.statusCode).toBe(200);
      expect(anon.body).not.toContain(word);
      const office = await makeUser(database.db, { role: 'standing_office' });
      const staff = await agentFor(p.app, database.db, office.id);
      const own = await staff.get(`/api/v1/tasks/${created.id}`);
      expect(own.status).toBe(200);
      expect(own.body).toContain(word);
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    const after = await p.app.inject({ method: 'GET', url: `/progress/tasks?q=${encodeURIComponent(foldText(word))}` });
    expect(after.body).toContain(word);
  }, 60_000);

  it('refuses writes through the replica connection', async () => {
    await expect(database.readDb.execute(sql`CREATE TABLE replica_write_probe (id int)`)).rejects.toThrow();
    await expect(database.readDb.insert(plan).values({ code: 'KHONG-GHI', title: 'Không được ghi' })).rejects.toThrow();
  });
});
