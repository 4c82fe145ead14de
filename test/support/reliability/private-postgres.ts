/**
 * A throw-away PostgreSQL server of the test's own (from the machine's PostgreSQL binaries), so a
 * test can really stop and start the database under a running nq57 without touching the shared
 * local server. fsync is off: it holds test data only.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { postgresBinDir } from '../pg-cluster';

export interface PrivatePostgres {
  port: number;
  url(db?: string): string;
  /** fast shutdown (every connection is closed), resolved once it is down */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops it and removes its files */
  close(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** PostgreSQL refuses to run as root: its programs then run as the `postgres` user. */
function runAs(bin: string, args: string[]) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

/** The same, without blocking the event loop (requests keep flowing while the server stops). */
function runAsAsync(bin: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${stderr || stdout}`)) : resolve(),
    ),
  );
}

export function privatePostgresAvailable(): boolean {
  return postgresBinDir() !== null;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL binaries not found');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-pgrestart-'));
  fs.chmodSync(root, 0o777);
  const dir = path.join(root, 'data');
  if (process.getuid?.() === 0) {
    fs.mkdirSync(dir, { mode: 0o700 });
    spawnSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  runAs(path.join(binDir, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.appendFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      '',
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'shared_buffers = 32MB',
      'max_connections = 60',
      'logging_collector = off',
      '',
    ].join('\n'),
  );
  const pgCtl = path.join(binDir, 'pg_ctl');
  const log = path.join(root, 'server.log');
  runAs(pgCtl, ['-D', dir, '-l', log, '-w', 'start']);
  let stopped = false;
  return {
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stop: () => runAsAsync(pgCtl, ['-D', dir, '-m', 'fast', '-w', 'stop']),
    start: () => runAsAsync(pgCtl, ['-D', dir, '-l', log, '-w', 'start']),
    close() {
      if (stopped) return;
      stopped = true;
      try {
        runAs(pgCtl, ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {}
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
