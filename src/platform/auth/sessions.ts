/**
 * Server-side sessions. The cookie holds a random token; the database holds its hash, the user,
 * whether the second factor is done, and an expiry. Signing in or finishing the second factor
 * always issues a fresh token (no session fixation).
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { userSession } from './schema';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'nq57_session';
export const CSRF_COOKIE = 'nq57_csrf';

export interface SessionInfo {
  tokenHash: string;
  userId: string;
  secondFactorDone: boolean;
}

export async function createSession(
  db: Executor,
  userId: string,
  opts: { secondFactorDone: boolean; ttlHours: number; ip?: string; userAgent?: string },
): Promise<string> {
  const token = randomToken();
  await db.insert(userSession).values({
    tokenHash: sha256(token),
    userId,
    secondFactorDone: opts.secondFactorDone,
    ip: opts.ip ?? null,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + opts.ttlHours * 3600_000),
  });
  return token;
}

const TOUCH_AFTER_MS = 5 * 60_000;

export async function resolveSession(db: Executor, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256(token);
  const [s] = await db
    .select()
    .from(userSession)
    .where(and(eq(userSession.tokenHash, tokenHash), gt(userSession.expiresAt, new Date())))
    .limit(1);
  if (!s) return null;
  if (Date.now() - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(userSession).set({ lastSeenAt: new Date() }).where(eq(userSession.tokenHash, tokenHash));
  }
  return { tokenHash, userId: s.userId, secondFactorDone: s.secondFactorDone };
}

export async function destroySession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.tokenHash, tokenHash));
}

export async function destroyUserSessions(db: Executor, userId: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.userId, userId));
}
