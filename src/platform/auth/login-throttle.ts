/**
 * Throttles the sign-in, second-factor and password-reset endpoints in the shared
 * `rate_limit_bucket` table, so the limits hold across every `serve` process (an in-memory
 * limiter would give an attacker N times the budget behind a load balancer).
 *
 * Two counters per request, each per endpoint and per one-minute window:
 * - per IP: an attacker's address runs out of attempts; other addresses are untouched;
 * - per account (the e-mail typed, or the user owing a second factor): a password spray from many
 *   addresses against one account is slowed down without affecting any other account.
 * The lockout after consecutive failures (`login-guard.ts`) stays as it is; this only slows.
 */
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client';
import { AppError } from '../errors';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit';

export type ThrottledEndpoint = 'login' | '2fa' | 'totp-setup' | 'forgot' | 'reset';

const WINDOW_SECONDS = 60;

/** The account a request is about, normalised like sign-in normalises it; null when none is named. */
export function accountKeyOf(req: FastifyRequest, endpoint: ThrottledEndpoint): string | null {
  if (endpoint === '2fa' || endpoint === 'totp-setup') return req.principal?.userId ?? req.pendingUserId ?? null;
  if (endpoint === 'reset') return null;
  const body = req.body as Record<string, unknown> | undefined;
  const raw = body?.email;
  const email = Array.isArray(raw) ? raw[0] : raw;
  if (typeof email !== 'string') return null;
  const normalised = email.normalize('NFC').trim().toLowerCase().slice(0, 254);
  return normalised || null;
}

/** Counts one attempt for the IP and for the account; throws RATE_LIMITED (429, Vietnamese) when either is spent. */
export async function consumeLoginThrottle(
  db: Database,
  maxPerMinute: number,
  who: { endpoint: ThrottledEndpoint; ip: string; account: string | null },
  now = new Date(),
): Promise<void> {
  const byIp = await consumeRateLimit(db, { key: `auth:${who.endpoint}:ip:${who.ip}`, max: maxPerMinute, windowSeconds: WINDOW_SECONDS }, now);
  if (!byIp.allowed) throw AppError.of('RATE_LIMITED', 'error.rateLimited');
  if (!who.account) return;
  const byAccount = await consumeRateLimit(
    db,
    { key: `auth:${who.endpoint}:account:${who.account}`, max: maxPerMinute, windowSeconds: WINDOW_SECONDS },
    now,
  );
  if (!byAccount.allowed) throw AppError.of('RATE_LIMITED', 'error.rateLimited');
}
