/**
 * Tracking codes (PAKN-2026-000123) and their secret PINs. The PIN is an HMAC of the code under a
 * key kept in `app_meta`, created once per installation: nothing secret is stored per case, every
 * server process derives the same PIN, and a replayed submit can show it again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { appMeta } from '../platform/db/meta-schema';
import { feedbackCodeCounter } from './schema';

const KEY_NAME = 'feedback.pinKey';
export const PIN_LENGTH = 8;
export const TRACKING_CODE_PATTERN = /^PAKN-\d{4}-\d{6,}$/;

let cachedKey: Buffer | null = null;

async function pinKey(db: Executor): Promise<Buffer> {
  if (cachedKey) return cachedKey;
  await db
    .insert(appMeta)
    .values({ key: KEY_NAME, value: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY_NAME));
  cachedKey = Buffer.from(String(row!.value), 'hex');
  return cachedKey;
}

/** Forget the cached key (tests that switch databases in one process). */
export function resetPinKeyCache() {
  cachedKey = null;
}

/** Eight digits, evenly spread: the submitter types it on a phone. */
export async function pinForCode(db: Executor, code: string): Promise<string> {
  const mac = createHmac('sha256', await pinKey(db)).update(code).digest();
  return (mac.readBigUInt64BE(0) % 10n ** BigInt(PIN_LENGTH)).toString().padStart(PIN_LENGTH, '0');
}

export async function pinMatches(db: Executor, code: string, pin: string): Promise<boolean> {
  const expected = Buffer.from(await pinForCode(db, code));
  const given = Buffer.from(pin.replace(/\s+/g, ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The next code of the year; the counter row is locked by the upsert until the caller commits. */
export async function nextTrackingCode(db: Executor, now = new Date()): Promise<string> {
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now));
  const [row] = await db
    .insert(feedbackCodeCounter)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({ target: feedbackCodeCounter.year, set: { lastNumber: sql`${feedbackCodeCounter.lastNumber} + 1` } })
    .returning({ n: feedbackCodeCounter.lastNumber });
  return `PAKN-${year}-${String(row!.n).padStart(6, '0')}`;
}
