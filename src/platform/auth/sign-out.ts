/** Signing out: the server-side session is deleted, so the old cookie no longer works anywhere. */
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { destroySession } from './sessions';

export async function signOut(db: Database, session: { tokenHash: string; userId: string | null }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await destroySession(tx, session.tokenHash);
    await recordAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: session.userId });
  });
}
