/**
 * One dedicated database connection for a multi-statement job (a consistent backup snapshot, a
 * restore transaction): a pool would hand each statement to a different connection.
 */
import { createHash } from 'node:crypto';
import type { DatabaseHandle } from './client';

export type Query = (text: string, values?: unknown[]) => Promise<any[]>;

export async function withSession<T>(handle: DatabaseHandle, fn: (query: Query) => Promise<T>): Promise<T> {
  if (handle.kind === 'pglite') {
    const pglite = handle.pglite!;
    return fn(async (text, values) => {
      if (!values?.length && /;\s*\S/.test(text)) {
        const results = await pglite.exec(text);
        return results.at(-1)?.rows ?? [];
      }
      return (await pglite.query(text, (values ?? []) as any[])).rows as any[];
    });
  }
  const client = await handle.pool!.connect();
  try {
    return await fn(async (text, values) => (await client.query(text, values as any[])).rows);
  } finally {
    client.release();
  }
}

/** The application's tables (schema public), with their primary-key columns for a stable order. */
export async function applicationTables(query: Query): Promise<{ name: string; orderBy: string[] }[]> {
  const tables = await query(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );
  const keys = await query(
    `SELECT c.relname AS table_name, a.attname AS column_name, array_position(i.indkey::int2[], a.attnum) AS pos
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])
      WHERE i.indisprimary AND n.nspname = 'public'`,
  );
  return tables.map((t: { name: string }) => {
    const cols = keys
      .filter((k: any) => k.table_name === t.name)
      .sort((a: any, b: any) => Number(a.pos) - Number(b.pos))
      .map((k: any) => String(k.column_name));
    return { name: t.name, orderBy: cols };
  });
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Rows as JSON text in a stable order: the same data always gives the same bytes. */
export function selectRowsSql(table: { name: string; orderBy: string[] }): string {
  const t = quoteIdent(table.name);
  const order = table.orderBy.length ? table.orderBy.map((c) => `t.${quoteIdent(c)}`).join(', ') : 't::text';
  return `SELECT row_to_json(t)::text AS j FROM ${t} t ORDER BY ${order}`;
}

/**
 * Reads a table's rows as JSON lines in primary-key order through a cursor, a batch at a time,
 * and returns the row count and the SHA-256 of all lines: what a backup writes and a restore
 * checks must be hashed the same way. Runs inside the caller's transaction.
 */
export async function readTableLines(
  query: Query,
  table: { name: string; orderBy: string[] },
  onChunk?: (chunk: string) => Promise<void> | void,
): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  await query(`DECLARE table_lines NO SCROLL CURSOR FOR ${selectRowsSql(table)}`);
  for (;;) {
    const batch = await query('FETCH 2000 FROM table_lines');
    if (batch.length === 0) break;
    const chunk = `${batch.map((r: { j: string }) => r.j).join('\n')}\n`;
    hash.update(chunk);
    rows += batch.length;
    await onChunk?.(chunk);
  }
  await query('CLOSE table_lines');
  return { rows, sha256: hash.digest('hex') };
}
