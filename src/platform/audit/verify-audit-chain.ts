/**
 * Walks the audit chain in chain order and reports the first row whose link or content does not
 * match: a deleted, inserted or edited row is caught at the first place it shows. Rows not yet
 * linked by the chainer are counted as pending, not judged (`audit verify` chains them first).
 */
import { asc, count, gt, isNotNull, isNull, and } from 'drizzle-orm';
import type { Database } from '../db/client';
import { GENESIS_HASH, auditContentOf, hashAuditRow } from './hash';
import { auditEvent } from './schema';

export type AuditVerification =
  | { ok: true; checked: number; pending: number; lastHash: string }
  | { ok: false; checked: number; brokenAtSeq: number; reason: 'prev_hash_mismatch' | 'content_hash_mismatch' };

export async function verifyAuditChain(db: Database, batchSize = 2000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastPosition = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvent)
      .where(and(isNotNull(auditEvent.chainSeq), gt(auditEvent.chainSeq, lastPosition)))
      .orderBy(asc(auditEvent.chainSeq))
      .limit(batchSize);
    if (rows.length === 0) {
      const [pending] = await db.select({ n: count() }).from(auditEvent).where(isNull(auditEvent.chainSeq));
      return { ok: true, checked, pending: Number(pending.n), lastHash: prevHash };
    }
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'prev_hash_mismatch' };
      const expected = hashAuditRow(prevHash, auditContentOf(row));
      if (expected !== row.hash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'content_hash_mismatch' };
      prevHash = row.hash;
      lastPosition = row.chainSeq!;
      checked++;
    }
  }
}
