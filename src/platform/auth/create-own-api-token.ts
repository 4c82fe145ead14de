/**
 * A signed-in user creates an API token for themself. Only from a browser session (a token
 * cannot mint more tokens) and only for roles that carry `token.createOwn`.
 */
import { z } from 'zod';
import { type Principal, canAnywhere } from '../../org/policies';
import type { Actor } from '../audit/record-audit';
import type { Database } from '../db/client';
import { forbidden } from '../errors';
import { parseInput, text } from '../validation';
import { createApiToken } from './api-tokens';

export const createOwnApiTokenInput = z.object({ name: text(100) });

export async function createOwnApiToken(db: Database, principal: Principal, raw: { name: unknown }, actor: Actor) {
  if (principal.via !== 'session' || !canAnywhere(principal, 'token.createOwn')) throw forbidden();
  const input = parseInput(createOwnApiTokenInput, raw);
  const created = await createApiToken(db, principal.userId, input.name, actor);
  return { ...created, name: input.name };
}
