/**
 * Opens the database: PGlite under DATA_DIR when no DATABASE_URL is set, PostgreSQL otherwise.
 * Everything above this file sees one Drizzle `Database` type and one `executeSql` function.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database handle or an open transaction: use-cases accept either. */
export type Executor = Database | Tx;

export type SqlResult = { rows: any[] };

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  /**
   * Where read-heavy pages read: the replica when DATABASE_REPLICA_URL is set, else `db`.
   * Never for a read that must see the request's own write (read-your-writes needs `db`).
   */
  readDb: Database;
  /** Raw SQL for infrastructure (pg-boss, migrations, health). Parameterless text may hold several statements. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  close(): Promise<void>;
  /** Human description for logs: never includes a password. */
  describe(): string;
  pglite?: PGlite;
  pool?: pg.Pool;
  replicaPool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** PGlite: start from a dump made by `dumpDataDir` (fast test databases). */
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** PostgreSQL only: a streaming replica for `readDb` */
  replicaUrl?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.replicaUrl);
  return openPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob | File): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: dataDir.startsWith('memory://') ? undefined : dataDir,
    extensions: { pg_trgm },
    loadDataDir,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    readDb: db,
    pglite: client,
    async executeSql(text, values) {
      // PGlite's extended protocol refuses several statements in one string; the simple
      // protocol (exec) takes them but no parameters.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const r = await client.query(text, values as any[]);
      return { rows: r.rows };
    },
    async close() {
      if (!client.closed) await client.close();
    },
    describe() {
      return dataDir.startsWith('memory://') ? 'PGlite (bộ nhớ)' : `PGlite tại ${path.resolve(dataDir)}`;
    },
  };
}

/**
 * Every statement here is a short OLTP one. PostgreSQL's JIT compiles any plan whose estimate is
 * high, and an estimate is high exactly when statistics are missing (a new table, a fresh
 * replica): tens of milliseconds of compiling for a query that then runs in one.
 */
const SESSION_OPTIONS = '-c jit=off';

async function openPostgres(url: string, poolSize: number, replicaUrl?: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: SESSION_OPTIONS });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  // Nor may a checked-out one between two queries (inside a transaction, say): a backend killed
  // then makes the client emit 'error' with no listener. The next query on it fails instead (503
  // to the caller) and the pool drops it on release, since it is no longer queryable.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  let replicaPool: pg.Pool | undefined;
  if (replicaUrl) {
    // The replica is read-only by nature; saying so here makes a misrouted write fail loudly
    // even when the URL points at a writable server by mistake.
    replicaPool = new pg.Pool({ connectionString: replicaUrl, max: poolSize, options: `${SESSION_OPTIONS} -c default_transaction_read_only=on` });
    replicaPool.on('error', () => {});
  }
  return {
    kind: 'postgres',
    db,
    readDb: replicaPool ? (drizzlePg(replicaPool, { schema }) as unknown as Database) : db,
    pool,
    replicaPool,
    async executeSql(text, values) {
      const r = await pool.query(text, values as any[]);
      return { rows: Array.isArray(r) ? (r.at(-1)?.rows ?? []) : r.rows };
    },
    async close() {
      await pool.end();
      await replicaPool?.end();
    },
    describe() {
      try {
        const u = new URL(url);
        const replica = replicaUrl ? new URL(replicaUrl) : null;
        return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}${replica ? ` (bản sao đọc ${replica.hostname}:${replica.port || 5432}${replica.pathname})` : ''}`;
      } catch {
        return 'PostgreSQL';
      }
    },
  };
}

type DriverError = { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };

/** The error and those it wraps (the query builder wraps the driver's), at most five deep. */
function* errorChain(err: unknown): Generator<DriverError> {
  for (let e = err as DriverError | undefined, depth = 0; e && depth < 5; e = e.cause as DriverError | undefined, depth++) yield e;
}

/**
 * Whether an error means the database connection was lost or refused (server restart, a killed
 * backend, a failover) rather than a fault in the request: the HTTP layer answers these with 503
 * so clients retry, and the pool replaces the broken connection by itself.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of errorChain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    // 57P01-57P03 admin shutdown, crash shutdown, cannot connect now; class 08 connection exceptions
    if (/^57P0[123]$/.test(code) || code.startsWith('08')) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (/Connection terminated|connection terminated unexpectedly|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message)) return true;
  }
  return false;
}

/**
 * The foreign key a failed statement broke (23503), else null. A write that names a reference
 * (a topic code, say) lets the key check it in the same statement instead of a look-up first, and
 * maps the violation to a field error.
 */
export function violatedForeignKey(err: unknown): string | null {
  for (const e of errorChain(err)) {
    if (e.code === '23503') return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return null;
}
