/**
 * Writes one audit event inside the caller's transaction. The advisory lock serialises writers
 * so each row links to the true previous row; it is released at commit or rollback.
 */
import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { type AuditContent, GENESIS_HASH, hashAuditRow, toJsonValue } from './hash';
import { auditEvent } from './schema';

export const AUDIT_CHAIN_LOCK = 570001;

/** Who is acting and on behalf of which request; the system itself acts as "system". */
export interface Actor {
  userId: string | null;
  label: string;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never copied into the audit trail. */
const SECRET_FIELDS = new Set(['passwordHash', 'totpSecret', 'tokenHash', 'password']);

export function redactSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_FIELDS.has(k) ? (v == null ? null : '[redacted]') : redactSecrets(v);
  }
  return out;
}

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvent.hash }).from(auditEvent).orderBy(desc(auditEvent.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toJsonValue(redactSecrets(input.before ?? null)),
    after: toJsonValue(redactSecrets(input.after ?? null)),
    requestId: actor.requestId ?? null,
  };
  await tx.insert(auditEvent).values({
    ...content,
    occurredAt: new Date(content.occurredAt),
    prevHash,
    hash: hashAuditRow(prevHash, content),
  });
}
