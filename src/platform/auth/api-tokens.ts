/** API tokens for integrations: shown once at creation, stored only as a hash, revocable. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { type Actor, recordAudit } from '../audit/record-audit';
import { apiToken } from './schema';
import { randomToken, sha256 } from './tokens';

export const API_TOKEN_PREFIX = 'nq57_';

export async function createApiToken(db: Database, userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }> {
  const token = API_TOKEN_PREFIX + randomToken(32);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiToken)
      .values({ userId, name: name.normalize('NFC').slice(0, 100), tokenHash: sha256(token) })
      .returning({ id: apiToken.id, name: apiToken.name, userId: apiToken.userId, createdAt: apiToken.createdAt });
    await recordAudit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, after: row });
    return { id: row.id, token };
  });
}

/** The owner of a valid, unrevoked token, or null. */
export async function resolveApiToken(db: Executor, token: string): Promise<string | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ id: apiToken.id, userId: apiToken.userId, lastUsedAt: apiToken.lastUsedAt })
    .from(apiToken)
    .where(and(eq(apiToken.tokenHash, sha256(token)), isNull(apiToken.revokedAt)))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiToken).set({ lastUsedAt: new Date() }).where(eq(apiToken.id, row.id));
  }
  return row.userId;
}

export async function revokeApiToken(db: Database, tokenId: string, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiToken)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiToken.id, tokenId), isNull(apiToken.revokedAt)))
      .returning({ id: apiToken.id, userId: apiToken.userId, revokedAt: apiToken.revokedAt });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: row.id, after: row });
    return true;
  });
}
