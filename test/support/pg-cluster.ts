/**
 * Throw-away PostgreSQL clusters started from the machine's own PostgreSQL binaries: a primary
 * and, from its base backup, a real streaming replica. For tests that need server behaviour the
 * shared local server cannot give (replication, restarts) without touching that server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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

export interface Cluster {
  dir: string;
  port: number;
  url(db?: string): string;
  stop(): void;
}

export interface PrimaryWithReplica {
  primary: Cluster;
  replica: Cluster;
  /** stops both clusters and removes their files */
  close(): void;
}

/** PostgreSQL refuses to run as root: run its programs as the `postgres` user then. */
function runAs(bin: string, args: string[], owner: boolean) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot && owner ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

function cluster(binDir: string, dir: string, port: number): Cluster {
  return {
    dir,
    port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stop() {
      try {
        runAs(path.join(binDir, 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop'], true);
      } catch {}
    },
  };
}

/**
 * Starts a primary (wal_level replica) and a streaming replica of it under a temporary directory.
 * fsync is off: these clusters hold test data only.
 */
export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL binaries not found');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-pgrepl-'));
  fs.chmodSync(root, 0o777);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    fs.mkdirSync(primaryDir, { mode: 0o700 });
    execFileSync('chown', ['postgres:postgres', primaryDir]);
  }
  runAs(path.join(binDir, 'initdb'), ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'], true);
  const settings = (port: number) =>
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'shared_buffers = 32MB',
      'hot_standby = on',
      'logging_collector = off',
    ].join('\n');
  fs.appendFileSync(path.join(primaryDir, 'postgresql.conf'), `\n${settings(primaryPort)}\n`);
  runAs(path.join(binDir, 'pg_ctl'), ['-D', primaryDir, '-l', path.join(root, 'primary.log'), '-w', 'start'], true);
  const primary = cluster(binDir, primaryDir, primaryPort);
  try {
    runAs(path.join(binDir, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync'], true);
    fs.appendFileSync(path.join(replicaDir, 'postgresql.auto.conf'), `\nport = ${replicaPort}\n`);
    runAs(path.join(binDir, 'pg_ctl'), ['-D', replicaDir, '-l', path.join(root, 'replica.log'), '-w', 'start'], true);
  } catch (err) {
    primary.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  const replica = cluster(binDir, replicaDir, replicaPort);
  return {
    primary,
    replica,
    close() {
      replica.stop();
      primary.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
