/**
 * `nq57 restore <dir>`: loads a backup into a database at the same schema version, in one
 * transaction, then checks it: every table's row count and checksum must equal the manifest's,
 * every stored file must be present with its hash, and the audit chain must verify. Anything off
 * rolls the database back and says what.
 *
 * Foreign keys and triggers are suspended for the load (session_replication_role = replica), so
 * tables load in any order; this needs a superuser, which the embedded database and a typical
 * operator connection are.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { DatabaseHandle } from '../db/client';
import { pathForHash } from '../files/store';
import { BACKUP_FORMAT, type BackupManifest } from './backup-database';
import { applicationTables, type Query, quoteIdent, readTableLines, withSession } from '../db/session';

const INSERT_ROWS = 500;

export class RestoreError extends Error {}

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new RestoreError(`Không tìm thấy bản sao lưu hoàn chỉnh tại ${dir} (thiếu manifest.json).`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new RestoreError('Tệp manifest.json của bản sao lưu không đọc được.');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreError(`Định dạng sao lưu không được hỗ trợ: ${String(manifest.format)}.`);
  return manifest;
}

export async function restoreDatabase(handle: DatabaseHandle, dataDir: string, dir: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const manifest = readManifest(dir);
  // Files first: they are content-addressed, so copying them twice or leaving extras is harmless.
  for (const table of manifest.tables) {
    if (!fs.existsSync(path.join(dir, 'tables', `${table.name}.jsonl.gz`))) throw new RestoreError(`Bản sao lưu thiếu dữ liệu bảng ${table.name}.`);
  }
  const restored = await withSession(handle, async (query) => {
    const [mig] = await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    if (Number(mig.n) !== manifest.migrations.count) {
      throw new RestoreError(
        `Phiên bản cơ sở dữ liệu khác bản sao lưu (${Number(mig.n)} so với ${manifest.migrations.count} migration). Hãy khôi phục bằng cùng phiên bản phần mềm đã sao lưu.`,
      );
    }
    const tables = await applicationTables(query);
    const known = new Map(tables.map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      if (!known.has(t.name)) throw new RestoreError(`Bảng ${t.name} trong bản sao lưu không có trong cơ sở dữ liệu này.`);
    }
    if (!opts.force) {
      for (const t of tables) {
        const [row] = await query(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS x`);
        if (row.x) throw new RestoreError(`Cơ sở dữ liệu đích đã có dữ liệu (bảng ${t.name}). Dùng --force để xóa và khôi phục đè.`);
      }
    }
    await query('BEGIN');
    try {
      await query("SET LOCAL session_replication_role = 'replica'");
      if (tables.length) await query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(', ')} CASCADE`);
      let rows = 0;
      for (const t of manifest.tables) rows += await loadTable(query, t.name, path.join(dir, 'tables', `${t.name}.jsonl.gz`));
      await resetSequences(query);
      for (const t of manifest.tables) {
        const check = await checksum(query, known.get(t.name)!);
        if (check.rows !== t.rows || check.sha256 !== t.sha256) {
          throw new RestoreError(`Bảng ${t.name} sau khi khôi phục không khớp bản sao lưu (${check.rows}/${t.rows} dòng).`);
        }
      }
      await query('COMMIT');
      return rows;
    } catch (err) {
      await query('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  let files = 0;
  const stored = await withSession(handle, (query) => query('SELECT hash FROM stored_file'));
  for (const { hash } of stored as { hash: string }[]) {
    const from = pathForHash(dir, hash);
    const to = pathForHash(dataDir, hash);
    if (!fs.existsSync(to)) {
      if (!fs.existsSync(from)) throw new RestoreError(`Bản sao lưu thiếu tệp ${hash}.`);
      const buf = fs.readFileSync(from);
      if (createHash('sha256').update(buf).digest('hex') !== hash) throw new RestoreError(`Tệp ${hash} trong bản sao lưu bị hỏng.`);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(`${to}.part`, buf);
      fs.renameSync(`${to}.part`, to);
    }
    files++;
  }
  return { tables: manifest.tables.length, rows: restored, files };
}

async function loadTable(query: Query, name: string, file: string): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const t = quoteIdent(name);
  const sql = `INSERT INTO ${t} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${t}, $1::json)`;
  let batch: string[] = [];
  let rows = 0;
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= INSERT_ROWS) {
      await query(sql, [`[${batch.join(',')}]`]);
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await query(sql, [`[${batch.join(',')}]`]);
    rows += batch.length;
  }
  return rows;
}

/** Serial columns continue after the highest restored value. */
async function resetSequences(query: Query) {
  const seqs = await query(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const s of seqs as { seq: string; tbl: string; col: string }[]) {
    await query(
      `SELECT setval('public.${quoteIdent(s.seq)}', COALESCE((SELECT max(${quoteIdent(s.col)}) FROM ${quoteIdent(s.tbl)}), 0) + 1, false)`,
    );
  }
}

/** Row count and SHA-256 of a table, hashed exactly as the backup hashed it. */
export const checksum = (query: Query, table: { name: string; orderBy: string[] }) => readTableLines(query, table);
