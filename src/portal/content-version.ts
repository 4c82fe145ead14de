/**
 * The public content version: one counter bumped in the same transaction as every change that
 * anonymous visitors see (publish, archive, document or page edits). Public pages build their
 * ETag from it together with the latest published PAKN answer, task changes and scheduled articles
 * that have come due, so a cached page changes as soon as anything on it does. Each part is one
 * index probe (tasks are cancelled, never deleted, so their latest change is enough).
 *
 * A returning visitor's 304 needs nothing else, so the version itself is what limits revalidated
 * pages: it is remembered for VERSION_MEMO_MS. A bump in this process forgets it at once; another
 * process, or a change that does not bump (a PAKN answer published, a task updated), is seen
 * within that second — well inside the 60 s every public page may already be reused for.
 */
import { executeRows } from '../platform/db/execute-rows';
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../platform/db/client';

const VERSION_MEMO_MS = 1000;
/** changes with every bump in this process; a remembered version from an older epoch is stale */
let epoch = 0;
const memo = new WeakMap<object, { epoch: number; at: number; version: Promise<string> }>();

export async function bumpContentVersion(tx: Tx): Promise<void> {
  await tx.execute(sql`
    INSERT INTO portal_content_version (id, version, changed_at) VALUES (1, 1, now())
    ON CONFLICT (id) DO UPDATE SET version = portal_content_version.version + 1, changed_at = now()`);
  epoch++;
}

/** A short string that changes whenever a public page could change. */
export function publicContentVersion(db: Executor): Promise<string> {
  const now = Date.now();
  const known = memo.get(db);
  if (known && known.epoch === epoch && now - known.at < VERSION_MEMO_MS) return known.version;
  const version = readContentVersion(db);
  const entry = { epoch, at: now, version };
  memo.set(db, entry);
  // a failed read is not remembered
  version.catch(() => {
    if (memo.get(db) === entry) memo.delete(db);
  });
  return version;
}

async function readContentVersion(db: Executor): Promise<string> {
  const [row] = await executeRows<Record<string, unknown>>(db, sql`
    SELECT
      (SELECT coalesce(max(version), 0) FROM portal_content_version) AS v,
      (SELECT count(*) FROM article WHERE status = 'scheduled' AND publish_at <= now()) AS due,
      (SELECT coalesce(max(published_at)::text, '') FROM feedback_submission WHERE published_at IS NOT NULL) AS fb,
      (SELECT coalesce(max(updated_at)::text, '') FROM task) AS tasks`);
  return `${row!.v}.${row!.due}.${row!.fb}.${row!.tasks}`;
}
