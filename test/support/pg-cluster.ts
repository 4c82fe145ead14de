/**
 * Throw-away PostgreSQL servers started from the machine's own PostgreSQL binaries, for tests that
 * need server behaviour the shared local server cannot give without being disturbed: a server
 * stopped and started under a running nq57, and a primary with a real streaming replica.
 * fsync is off: they hold test data only.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The directory holding initdb, pg_ctl and pg_basebackup, or null when there is none. */
export function postgresBinDir(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {}
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(base, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
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
function asPostgres(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function run(bin: string, args: string[]) {
  const [cmd, argv] = asPostgres(bin, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

/** The same without blocking the event loop (requests keep flowing while a server stops). */
function runAsync(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = asPostgres(bin, args);
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${stderr || stdout}`)) : resolve(),
    ),
  );
}

export interface Cluster {
  port: number;
  url(db?: string): string;
  /** fast shutdown (every connection closed), resolved once it is down */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops it at once (if running); its files stay until the owner removes them */
  kill(): void;
}

function cluster(binDir: string, dir: string, port: number, log: string): Cluster {
  const pgCtl = path.join(binDir, 'pg_ctl');
  return {
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stop: () => runAsync(pgCtl, ['-D', dir, '-m', 'fast', '-w', 'stop']),
    start: () => runAsync(pgCtl, ['-D', dir, '-l', log, '-w', 'start']),
    kill() {
      try {
        run(pgCtl, ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {}
    },
  };
}

function settings(port: number, socketDir: string): string {
  return [
    '',
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${socketDir}'`,
    'wal_level = replica',
    'max_wal_senders = 4',
    'hot_standby = on',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 32MB',
    'max_connections = 60',
    'logging_collector = off',
    '',
  ].join('\n');
}

function tempRoot(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(root, 0o777);
  return root;
}

async function initPrimary(binDir: string, root: string): Promise<Cluster> {
  const dir = path.join(root, 'primary');
  if (process.getuid?.() === 0) {
    fs.mkdirSync(dir, { mode: 0o700 });
    spawnSync('chown', ['postgres:postgres', dir]);
  }
  const port = await freePort();
  run(path.join(binDir, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), settings(port, root));
  const log = path.join(root, 'primary.log');
  run(path.join(binDir, 'pg_ctl'), ['-D', dir, '-l', log, '-w', 'start']);
  return cluster(binDir, dir, port, log);
}

export interface PrivatePostgres extends Cluster {
  /** stops it and removes its files */
  close(): void;
}

/** One server of the test's own. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL binaries not found');
  const root = tempRoot('nq57-pg-');
  const server = await initPrimary(binDir, root);
  let closed = false;
  return {
    ...server,
    close() {
      if (closed) return;
      closed = true;
      server.kill();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface PrimaryWithReplica {
  primary: Cluster;
  replica: Cluster;
  /** stops both servers and removes their files */
  close(): void;
}

/** A primary and a streaming replica made from its base backup. */
export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL binaries not found');
  const root = tempRoot('nq57-pgrepl-');
  const primary = await initPrimary(binDir, root);
  const replicaDir = path.join(root, 'replica');
  const replicaPort = await freePort();
  const log = path.join(root, 'replica.log');
  try {
    run(path.join(binDir, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    fs.appendFileSync(path.join(replicaDir, 'postgresql.auto.conf'), `\nport = ${replicaPort}\n`);
    run(path.join(binDir, 'pg_ctl'), ['-D', replicaDir, '-l', log, '-w', 'start']);
  } catch (err) {
    primary.kill();
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  const replica = cluster(binDir, replicaDir, replicaPort, log);
  return {
    primary,
    replica,
    close() {
      replica.kill();
      primary.kill();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
