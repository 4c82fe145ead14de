/**
 * `nq57 backup` / `nq57 restore` as real child processes on the run's backend: a round trip
 * restores every table row for row (checksums), every stored file, and an audit chain that
 * verifies; a damaged or foreign backup is refused and leaves the target as it was.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applicationTables, withSession } from '../../src/platform/db/session';
import { checksum } from '../../src/platform/backup/restore-database';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { pathForHash, writeBlob } from '../../src/platform/files/store';
import { type CliTarget, createCliTarget, runCli } from '../support/cli';
import { backend } from '../support/db';

vi.setConfig({ testTimeout: 240_000 });

const targets: CliTarget[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-backup-'));
let source: CliTarget;
let sourceEnv: Record<string, string>;
const FILE_BYTES = Buffer.from('%PDF-1.4\n% Biên bản họp giao ban tháng 11\n%%EOF\n', 'utf8');
const fileHash = createHash('sha256').update(FILE_BYTES).digest('hex');

/** DATA_DIR holds the files on both backends; PostgreSQL targets get their own. */
function envFor(t: CliTarget): Record<string, string> {
  if (t.dataDir) return t.env;
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  return { ...t.env, DATA_DIR: dir };
}

async function snapshot(target: CliTarget) {
  const db = await target.open();
  try {
    return await tableChecksums(db);
  } finally {
    await db.close();
  }
}

async function tableChecksums(db: DatabaseHandle) {
  return withSession(db, async (query) => {
    await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const t of await applicationTables(query)) out[t.name] = await checksum(query, t);
    await query('ROLLBACK');
    return out;
  });
}

beforeAll(async () => {
  source = await createCliTarget();
  targets.push(source);
  sourceEnv = envFor(source);
  const seeded = await runCli(['seed'], sourceEnv);
  expect(seeded.code, seeded.stderr).toBe(0);
  // one uploaded file, as the reports module would store it
  const db = await source.open();
  try {
    await writeBlob(sourceEnv.DATA_DIR!, FILE_BYTES);
    await db.executeSql(`INSERT INTO stored_file (hash, size, mime_type, original_name) VALUES ($1, $2, 'application/pdf', 'Biên bản.pdf')`, [fileHash, FILE_BYTES.length]);
  } finally {
    await db.close();
  }
}, 240_000);

afterAll(async () => {
  for (const t of targets) await t.dispose().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`nq57 backup and restore on ${backend}`, () => {
  const out = path.join(tmp, 'b1');
  let target: CliTarget;
  let targetEnv: Record<string, string>;

  it('backs up every table with counts and checksums, and the stored files', async () => {
    const r = await runCli(['backup', '--out', out], sourceEnv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Đã sao lưu \d+ bảng/);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const actual = await snapshot(source);
    expect(Object.fromEntries(manifest.tables.map((t: { name: string; rows: number; sha256: string }) => [t.name, { rows: t.rows, sha256: t.sha256 }]))).toEqual(actual);
    expect(actual.org_unit!.rows).toBeGreaterThan(3000);
    expect(actual.audit_event!.rows).toBeGreaterThan(0);
    expect(manifest.files.count).toBe(1);
    expect(fs.readFileSync(pathForHash(out, fileHash))).toEqual(FILE_BYTES);
    // a second backup into the same directory would mix two snapshots
    const again = await runCli(['backup', '--out', out], sourceEnv);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/đã có dữ liệu/);
  });

  it('restores into an empty database: same rows, same files, audit chain verifies', async () => {
    target = await createCliTarget();
    targets.push(target);
    targetEnv = envFor(target);
    const r = await runCli(['restore', out], targetEnv);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/khớp bản sao lưu/);
    expect(r.stdout).toMatch(/Chuỗi nhật ký toàn vẹn/);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect(fs.readFileSync(pathForHash(targetEnv.DATA_DIR!, fileHash))).toEqual(FILE_BYTES);
    const verify = await runCli(['audit', 'verify'], targetEnv);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('refuses to overwrite a database that has data unless --force is given', async () => {
    const before = await snapshot(target);
    const r = await runCli(['restore', out], targetEnv);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/đã có dữ liệu.*--force/);
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a damaged backup and leaves the target unchanged', async () => {
    const damaged = path.join(tmp, 'damaged');
    fs.cpSync(out, damaged, { recursive: true });
    const file = path.join(damaged, 'tables', 'org_unit.jsonl.gz');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    lines[5] = lines[5]!.replace(/"name":"[^"]*"/, '"name":"Đơn vị bị sửa"');
    fs.writeFileSync(file, zlib.gzipSync(lines.join('\n')));
    const before = await snapshot(target);
    const r = await runCli(['restore', damaged, '--force'], targetEnv);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/org_unit.*không khớp/);
    expect(await snapshot(target)).toEqual(before);

    fs.rmSync(path.join(damaged, 'manifest.json'));
    const noManifest = await runCli(['restore', damaged, '--force'], targetEnv);
    expect(noManifest.code).not.toBe(0);
    expect(noManifest.stderr).toMatch(/manifest\.json/);
  });
});
