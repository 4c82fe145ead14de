/**
 * Reads and counter writes owned by several modules, sent as one statement: one round trip and one
 * commit where a request would otherwise wait on each module in turn (a public submission counts
 * its limits, looks for its duplicate, takes its tracking code and reads its SLA together).
 *
 * Each module keeps its SQL and hands out a part: the common table expressions it needs (a
 * data-modifying one runs whether or not anything reads it) and one column of the single result
 * row. Parts refer to each other only through the SQL the caller passes between them (a counter
 * that moves only when the limits allow, say), never by reaching into another module's tables.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './client';
import { executeRows } from './execute-rows';

export interface StatementPart {
  /** named CTEs, in the order they may refer to each other */
  ctes?: readonly (readonly [name: string, body: SQL])[];
  /** one scalar expression: the part's value in the result row */
  column: SQL;
}

/** Runs the parts as one statement and gives back each part's column under its key. */
export async function selectParts<K extends string>(db: Executor, parts: Record<K, StatementPart>): Promise<Record<K, unknown>> {
  const entries = Object.entries(parts) as [K, StatementPart][];
  const ctes = entries.flatMap(([, p]) => p.ctes ?? []);
  const names = new Set(ctes.map(([name]) => name));
  if (names.size !== ctes.length) throw new Error(`selectParts: two parts name the same CTE (${ctes.map(([n]) => n).join(', ')})`);
  const withClause = ctes.length
    ? sql`WITH ${sql.join(
        ctes.map(([name, body]) => sql`${sql.identifier(name)} AS (${body})`),
        sql`, `,
      )} `
    : sql``;
  const columns = sql.join(
    entries.map(([key, p]) => sql`${p.column} AS ${sql.identifier(key)}`),
    sql`, `,
  );
  const [row] = await executeRows<Record<K, unknown>>(db, sql`${withClause}SELECT ${columns}`);
  return row!;
}
