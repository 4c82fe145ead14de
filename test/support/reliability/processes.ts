/**
 * Child processes and sinks for the reliability tests: `nq57 worker` (started like the server, but
 * it prints no URL, so readiness is its "worker started" log line), a real SMTP server that counts
 * what it receives, and an admin connection that cuts every backend of one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { REPO_ROOT, cliEnv } from '../cli';

export interface WorkerProcess {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startCliWorker(env: Record<string, string | undefined>, readyTimeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/nq57.js'), 'worker'], {
    cwd: REPO_ROOT,
    env: cliEnv({ ...env, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const worker: WorkerProcess = {
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nq57 worker did not start\n${out}`));
    }, readyTimeoutMs);
    const onData = (s: string) => {
      out += s;
      if (out.includes('worker started')) {
        clearTimeout(timer);
        resolve(worker);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`nq57 worker exited early\n${out}`));
    });
  });
}

export interface SmtpSink {
  port: number;
  /** one entry per message: its envelope recipients */
  received: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

export function startSmtpSink(): Promise<SmtpSink> {
  const received: SmtpSink['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    );
  });
}

/** Terminates every backend connected to `database` (not the admin's own); returns how many. */
export async function terminateBackends(adminUrl: string, database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows[0].n;
  } finally {
    await admin.end();
  }
}
