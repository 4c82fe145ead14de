/**
 * Drives the real `nq57` command line (`node bin/nq57.js …`) as a child process, against a
 * database of its own: a temporary DATA_DIR on PGlite, or a fresh PostgreSQL database on the
 * server of DATABASE_URL when the run has one. Tests then open the same database to check what the
 * command wrote.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/client';
import { LOCK_FILE_NAME, acquireDataDirLock } from '../../src/platform/db/data-dir-lock';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO_ROOT, 'bin/nq57.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a command sees: ours minus anything that would point it at another database. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'PUBLIC_URL', 'SMTP_URL', 'NQ57_DEMO', 'NODE_OPTIONS']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST') delete env[k];
  Object.assign(env, { NODE_ENV: 'test', LOG_LEVEL: 'warn', FORCE_COLOR: '0' }, extra);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Runs `nq57 <args>` to completion. */
export function runCli(args: string[], env: Record<string, string | undefined>, opts: { timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nq57 ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The last non-empty line a command printed. */
export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)?.trim() ?? '';
}

export interface CliServer {
  /** the base URL it printed ("nq57 đang chạy tại …") */
  url: string;
  process: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** SIGTERM (default), then the exit code; SIGKILL after the time limit */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `nq57 serve` on a free port and waits for its "running" line. */
export function startCliServer(args: string[], env: Record<string, string | undefined>, opts: { readyTimeoutMs?: number } = {}): Promise<CliServer> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: REPO_ROOT,
    env: cliEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const server: Omit<CliServer, 'url'> = {
    process: child,
    output: () => ({ stdout, stderr }),
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nq57 serve did not start within ${opts.readyTimeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, opts.readyTimeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const m = /nq57 đang chạy tại (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ ...server, url: m[1] });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`nq57 serve exited early (code ${code}, signal ${signal})\n${stdout}\n${stderr}`));
    });
  });
}

/** A database for commands to work on, on the run's backend. */
export interface CliTarget {
  kind: 'pglite' | 'postgres';
  /** DATA_DIR or DATABASE_URL, ready to merge into a command's environment */
  env: Record<string, string>;
  dataDir?: string;
  databaseUrl?: string;
  /** Opens the database in this process (taking the DATA_DIR lock on PGlite). No command may be running. */
  open(): Promise<DatabaseHandle>;
  /** An independent copy (directory copy, or CREATE DATABASE … TEMPLATE). No command may be running. */
  copy(): Promise<CliTarget>;
  dispose(): Promise<void>;
}

let counter = 0;

function runPid(): string {
  // Named like test/support/db.ts names its databases, so global teardown sweeps leftovers.
  const template = inject('pgTemplate');
  return template ? template.split('_')[2] : String(process.pid);
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function pgTarget(name: string): CliTarget {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl },
    databaseUrl,
    open: () => openDatabase({ databaseUrl, poolSize: 3 }),
    async copy() {
      const copyName = newPgName();
      await adminQuery(`CREATE DATABASE ${copyName} TEMPLATE ${name}`);
      return pgTarget(copyName);
    },
    dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

function newPgName() {
  return `nq57_t_${runPid()}_cli_${process.pid}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;
}

function pgliteTarget(dataDir: string): CliTarget {
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    dataDir,
    async open() {
      const release = acquireDataDirLock(dataDir);
      try {
        const handle = await openDatabase({ dataDir });
        const close = handle.close.bind(handle);
        handle.close = async () => {
          try {
            await close();
          } finally {
            release();
          }
        };
        return handle;
      } catch (err) {
        release();
        throw err;
      }
    },
    async copy() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-cli-'));
      fs.cpSync(dataDir, dir, { recursive: true, filter: (src) => path.basename(src) !== LOCK_FILE_NAME });
      return pgliteTarget(dir);
    },
    async dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An empty database (nothing migrated) on the run's backend. */
export async function createCliTarget(): Promise<CliTarget> {
  if (process.env.DATABASE_URL) {
    const name = newPgName();
    await adminQuery(`CREATE DATABASE ${name}`);
    return pgTarget(name);
  }
  return pgliteTarget(fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-cli-')));
}
