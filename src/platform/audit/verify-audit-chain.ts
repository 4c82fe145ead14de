/**
 * Walks the audit trail in order and reports the first row whose link or content does not
 * match: a deleted, inserted or edited row is caught at the first place it shows.
 */
import { asc, gt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { GENESIS_HASH, hashAuditRow } from './hash';
import { auditEvent } from './schema';

export type AuditVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtSeq: number; reason: 'prev_hash_mismatch' | 'content_hash_mismatch' };

export async function verifyAuditChain(db: Database, batchSize = 2000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvent)
      .where(gt(auditEvent.seq, lastSeq))
      .orderBy(asc(auditEvent.seq))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, lastHash: prevHash };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'prev_hash_mismatch' };
      const expected = hashAuditRow(prevHash, {
        occurredAt: row.occurredAt.toISOString(),
        actorUserId: row.actorUserId,
        actorLabel: row.actorLabel,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before ?? null,
        after: row.after ?? null,
        requestId: row.requestId,
      });
      if (expected !== row.hash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'content_hash_mismatch' };
      prevHash = row.hash;
      lastSeq = row.seq;
      checked++;
    }
  }
}
