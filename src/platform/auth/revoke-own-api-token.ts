/** A signed-in user revokes one of their own API tokens; other people's tokens are "not found". */
import type { Principal } from '../../org/policies';
import type { Actor } from '../audit/record-audit';
import type { Database } from '../db/client';
import { forbidden, notFound } from '../errors';
import { revokeApiToken } from './api-tokens';
import { findApiToken } from './queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeOwnApiToken(db: Database, principal: Principal, tokenId: string, actor: Actor): Promise<boolean> {
  if (principal.via !== 'session') throw forbidden();
  if (!UUID.test(tokenId)) throw notFound();
  const row = await findApiToken(db, tokenId);
  if (!row || row.userId !== principal.userId) throw notFound();
  if (row.revokedAt) return false;
  return revokeApiToken(db, tokenId, actor);
}
