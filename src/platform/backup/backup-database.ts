/**
 * `nq57 backup`: a consistent copy of everything the platform holds — every application table as
 * gzipped JSON lines read inside one repeatable-read snapshot, and the stored files — plus a
 * manifest with row counts and SHA-256 checksums that `restore` verifies against.
 *
 * Layout of a backup directory:
 *   manifest.json
 *   tables/<table>.jsonl.gz    one JSON object per row, in primary-key order
 *   files/<ab>/<cd>/<sha256>   the stored files, content-addressed as in DATA_DIR/files
 */
import { chainAuditEvents } from '../audit/chain-audit-events';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import zlib from 'node:zlib';
import type { DatabaseHandle } from '../db/client';
import { pathForHash } from '../files/store';
import { applicationTables, readTableLines, withSession } from '../db/session';

export const BACKUP_FORMAT = 'nq57-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  source: 'pglite' | 'postgres';
  /** applied migrations: a backup is restored into a database at the same schema version */
  migrations: { count: number; lastHash: string | null };
  tables: { name: string; rows: number; sha256: string }[];
  files: { count: number; bytes: number };
  audit: { rows: number; lastHash: string | null };
}

export async function backupDatabase(handle: DatabaseHandle, dataDir: string, outDir: string, onTable?: (name: string, rows: number) => void): Promise<BackupManifest> {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new Error(`Thư mục sao lưu đã có dữ liệu: ${outDir}. Hãy chọn một thư mục mới.`);
  }
  fs.mkdirSync(path.join(outDir, 'tables'), { recursive: true });
  // link what has been written so far, so the manifest's audit head covers it
  await chainAuditEvents(handle.db);
  const manifest = await withSession(handle, async (query) => {
    await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const tables = await applicationTables(query);
      const [mig] = await query('SELECT count(*)::int AS n, (SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC, id DESC LIMIT 1) AS h FROM drizzle.__drizzle_migrations');
      const out: BackupManifest['tables'] = [];
      for (const table of tables) {
        const file = path.join(outDir, 'tables', `${table.name}.jsonl.gz`);
        const gzip = zlib.createGzip();
        const sink = fs.createWriteStream(file);
        gzip.pipe(sink);
        const { rows, sha256 } = await readTableLines(query, table, async (chunk) => {
          if (!gzip.write(chunk)) await once(gzip, 'drain');
        });
        gzip.end();
        await once(sink, 'close');
        out.push({ name: table.name, rows, sha256 });
        onTable?.(table.name, rows);
      }
      const files = await query('SELECT hash, size FROM stored_file ORDER BY hash');
      let bytes = 0;
      for (const f of files as { hash: string; size: string | number }[]) {
        const from = pathForHash(dataDir, f.hash);
        const to = pathForHash(outDir, f.hash);
        const buf = fs.readFileSync(from);
        if (createHash('sha256').update(buf).digest('hex') !== f.hash) throw new Error(`Tệp lưu trữ bị hỏng: ${f.hash}`);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, buf);
        bytes += buf.length;
      }
      const [audit] = await query('SELECT count(*)::int AS n, (SELECT hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1) AS h FROM audit_event');
      return {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        source: handle.kind,
        migrations: { count: Number(mig.n), lastHash: mig.h ?? null },
        tables: out,
        files: { count: files.length, bytes },
        audit: { rows: Number(audit.n), lastHash: audit.h ?? null },
      } satisfies BackupManifest;
    } finally {
      await query('ROLLBACK');
    }
  });
  // The manifest is written last: a directory without one is an unfinished backup.
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
