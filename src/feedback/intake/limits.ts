/**
 * Abuse limits of the public intake, counted in the shared database table so they hold across
 * server processes: submissions per IP and per contact, failed lookups per IP and per code.
 * The numbers live in one object so an operator (or a test) can change them.
 */
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import type { StatementPart } from '../../platform/db/one-statement';
import { AppError } from '../../platform/errors';
import { consumeRateLimits, countRateLimits } from '../../platform/rate-limit/consume-rate-limit';
import { challengeUse } from './challenge';
import { rateLimitHits } from './queries';

/** A positive whole number from the environment, else the default (offices behind one NAT address need more). */
function fromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export const intakeLimits = {
  submitsPerIpPerHour: fromEnv('NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR', 10),
  submitsPerContactPerDay: fromEnv('NQ57_PAKN_SUBMITS_PER_CONTACT_PER_DAY', 5),
  failedLookupsPerIpPerHour: fromEnv('NQ57_PAKN_FAILED_LOOKUPS_PER_IP_PER_HOUR', 30),
  failedLookupsPerCodePerHour: 10,
};

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** The submission's limits as a part of its admission statement (see receive-feedback.ts). */
export interface SubmitLimitsCount {
  part: StatementPart;
  /** true in SQL when a limit is exceeded or the challenge had been used: the case gets no code */
  exceeded: SQL;
  /**
   * From the part's column: false when the challenge had been used already (judged first: the
   * caller may be a second copy of a request still being stored); else throws RATE_LIMITED when a
   * limit is exceeded, or gives true.
   */
  challengeFresh(column: unknown): boolean;
}

/**
 * Counts one submission for the IP and for each contact, and the use of its one-time challenge
 * when it came with one.
 */
export function countSubmitLimits(who: { ip: string; email?: string | null; phone?: string | null; challenge?: { token: string; issuedAt: Date } }, now = new Date()): SubmitLimitsCount {
  const contacts = [who.email?.trim().toLowerCase(), who.phone?.replace(/[\s.()-]/g, '').replace(/^\+84/, '0')].filter((c): c is string => !!c);
  const count = countRateLimits(
    'submit_limits',
    [
      { key: `pakn:submit:ip:${who.ip}`, max: intakeLimits.submitsPerIpPerHour, windowSeconds: 3600 },
      ...contacts.map((c) => ({ key: `pakn:submit:contact:${c}`, max: intakeLimits.submitsPerContactPerDay, windowSeconds: 86_400 })),
      ...(who.challenge ? [challengeUse(who.challenge.token, who.challenge.issuedAt)] : []),
    ],
    now,
  );
  return {
    part: count.part,
    exceeded: count.exceeded,
    challengeFresh(column) {
      const [ip, ...rest] = count.results(column);
      const perContact = rest.slice(0, contacts.length);
      const challenge = who.challenge ? rest[contacts.length] : undefined;
      if (challenge && !challenge.allowed) return false;
      if (!ip!.allowed) throw AppError.of('RATE_LIMITED', 'intake.error.rateIp', { minutes: minutes(ip!.retryAfter) });
      if (perContact.some((r) => !r.allowed)) throw AppError.of('RATE_LIMITED', 'intake.error.rateContact');
      return true;
    },
  };
}

const lookupKeys = (ip: string, code: string) => ({
  ip: `pakn:lookup-fail:ip:${ip}`,
  code: `pakn:lookup-fail:code:${code.trim().toUpperCase().slice(0, 40)}`,
});

/** Throws RATE_LIMITED while the IP or the code has used up its failed lookups this hour. */
export async function assertLookupAllowed(db: Database, ip: string, code: string, now = new Date()) {
  const keys = lookupKeys(ip, code);
  const [byIp, byCode] = await Promise.all([rateLimitHits(db, keys.ip, 3600, now), rateLimitHits(db, keys.code, 3600, now)]);
  if (byIp >= intakeLimits.failedLookupsPerIpPerHour || byCode >= intakeLimits.failedLookupsPerCodePerHour) {
    const left = 3600 - Math.floor((now.getTime() % 3_600_000) / 1000);
    throw AppError.of('RATE_LIMITED', 'intake.lookup.tooMany', { minutes: minutes(left) });
  }
}

export async function countFailedLookup(db: Database, ip: string, code: string, now = new Date()) {
  const keys = lookupKeys(ip, code);
  await consumeRateLimits(
    db,
    [
      { key: keys.ip, max: intakeLimits.failedLookupsPerIpPerHour, windowSeconds: 3600 },
      { key: keys.code, max: intakeLimits.failedLookupsPerCodePerHour, windowSeconds: 3600 },
    ],
    now,
  );
}
