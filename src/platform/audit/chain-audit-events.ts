/**
 * Links audit rows into the hash chain after their transactions commit. Rows are taken in the
 * order they are found unchained (by insertion number among those visible), each given the next
 * chain position, the previous row's hash and its own hash over the content as stored — the same
 * content `audit verify` recomputes. A transaction-level advisory lock (tried, never waited for)
 * keeps one chainer at a time across all processes; the others skip the round.
 *
 * The protection starts when a row is chained: until then (normally under a second) an edit to
 * the row would be chained as edited. `startAuditChainer` runs it every second in each process.
 */
import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { GENESIS_HASH, auditContentOf, hashAuditRow } from './hash';
import { AUDIT_CHAIN_LOCK } from './record-audit';
import { auditEvent } from './schema';

const BATCH = 2000;

/** Chains every unchained row; returns how many were linked (0 when another process holds the lock). */
export async function chainAuditEvents(db: Database): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const locked = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) AS ok`);
      const row = ((locked as unknown as { rows: { ok: boolean }[] }).rows ?? (locked as unknown as { ok: boolean }[]))[0];
      if (!row?.ok) return -1;
      const pending = await tx.select().from(auditEvent).where(isNull(auditEvent.chainSeq)).orderBy(asc(auditEvent.seq)).limit(BATCH);
      if (pending.length === 0) return 0;
      const [last] = await tx
        .select({ chainSeq: auditEvent.chainSeq, hash: auditEvent.hash })
        .from(auditEvent)
        .where(isNotNull(auditEvent.chainSeq))
        .orderBy(desc(auditEvent.chainSeq))
        .limit(1);
      let prevHash = last?.hash ?? GENESIS_HASH;
      let position = last?.chainSeq ?? 0;
      const links = pending.map((r) => {
        const hash = hashAuditRow(prevHash, auditContentOf(r));
        const link = { s: r.seq, c: ++position, p: prevHash, h: hash };
        prevHash = hash;
        return link;
      });
      await tx.execute(sql`
        UPDATE ${auditEvent} AS a SET chain_seq = v.c, prev_hash = v.p, hash = v.h
          FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS v(s bigint, c bigint, p text, h text)
         WHERE a.seq = v.s`);
      return links.length;
    });
    if (n <= 0) return linked;
    linked += n;
    if (n < BATCH) return linked;
  }
}

export interface AuditChainer {
  stop(): Promise<void>;
}

/** Chains new rows every `intervalMs` until stopped; failures are reported and retried next round. */
export function startAuditChainer(db: Database, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}): AuditChainer {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = chainAuditEvents(db)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      // what was written until now is linked before the process goes
      await chainAuditEvents(db).catch((err) => opts.onError?.(err));
    },
  };
}
