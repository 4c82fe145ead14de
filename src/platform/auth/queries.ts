/** Reads for the sign-in and account pages: reset links and a user's API tokens. */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { appUser } from '../../org/schema';
import type { Executor } from '../db/client';
import { apiToken, passwordReset } from './schema';
import { sha256 } from './tokens';

/** The active user a reset link belongs to, when the link is unused and unexpired. */
export async function findUsableResetToken(db: Executor, token: unknown) {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const [row] = await db
    .select({ tokenHash: passwordReset.tokenHash, userId: appUser.id, email: appUser.email, fullName: appUser.fullName, expiresAt: passwordReset.expiresAt })
    .from(passwordReset)
    .innerJoin(appUser, eq(appUser.id, passwordReset.userId))
    .where(and(eq(passwordReset.tokenHash, sha256(token)), isNull(passwordReset.usedAt), gt(passwordReset.expiresAt, new Date()), eq(appUser.status, 'active')))
    .limit(1);
  return row ?? null;
}

/** The user's API tokens, newest first (never the secret: only its hash is stored). */
export async function listApiTokens(db: Executor, userId: string) {
  return db
    .select({ id: apiToken.id, name: apiToken.name, createdAt: apiToken.createdAt, lastUsedAt: apiToken.lastUsedAt, revokedAt: apiToken.revokedAt })
    .from(apiToken)
    .where(eq(apiToken.userId, userId))
    .orderBy(desc(apiToken.createdAt));
}

export async function findApiToken(db: Executor, tokenId: string) {
  const [row] = await db.select({ id: apiToken.id, userId: apiToken.userId, revokedAt: apiToken.revokedAt }).from(apiToken).where(eq(apiToken.id, tokenId)).limit(1);
  return row ?? null;
}
