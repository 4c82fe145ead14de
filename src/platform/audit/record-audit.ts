/**
 * Writes one audit event inside the caller's transaction, so the event exists exactly when the
 * change does. The row is written unchained: linking it to the previous row needs the commit
 * order, and taking a chain lock here would serialise every audited commit behind one lock
 * (it capped public submissions at a few hundred a second). The chainer links it within a
 * second of commit (chain-audit-events.ts).
 */
import type { Tx } from '../db/client';
import { toJsonValue } from './hash';
import { auditEvent } from './schema';

/** Held by the chainer while it links rows, so two processes never extend the chain at once. */
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

/** The row recordAudit writes, for a command that writes it within a statement of its own. */
export function auditRow(actor: Actor, input: AuditInput): typeof auditEvent.$inferInsert {
  return {
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toJsonValue(redactSecrets(input.before ?? null)),
    after: toJsonValue(redactSecrets(input.after ?? null)),
    requestId: actor.requestId ?? null,
  };
}

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.insert(auditEvent).values(auditRow(actor, input));
}

/** Ten columns a row: an insert stays well under the wire protocol's 65,535 parameters. */
const ROWS_PER_INSERT = 1000;

/** Many events of one command (a job marking a backlog), a thousand rows per insert. */
export async function recordAudits(tx: Tx, actor: Actor, inputs: readonly AuditInput[]): Promise<void> {
  const rows = inputs.map((input) => auditRow(actor, input));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await tx.insert(auditEvent).values(rows.slice(i, i + ROWS_PER_INSERT));
}
