/**
 * Tracking codes (PAKN-2026-000123) and their secret PINs. The PIN is an HMAC of the code under an
 * installation key (`installKey`): nothing secret is stored per case, every
 * server process derives the same PIN, and a replayed submit can show it again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { hcmDate } from '../monitoring/dates';
import { installKey } from '../platform/db/install-key';
import { feedbackCodeCounter } from './schema';

const KEY_NAME = 'feedback.pinKey';
export const PIN_LENGTH = 8;
export const TRACKING_CODE_PATTERN = /^PAKN-\d{4}-\d{6,}$/;

const pinKey = (db: Executor) => installKey(db, KEY_NAME);

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
  const year = Number(hcmDate(now).slice(0, 4));
  const [row] = await db
    .insert(feedbackCodeCounter)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({ target: feedbackCodeCounter.year, set: { lastNumber: sql`${feedbackCodeCounter.lastNumber} + 1` } })
    .returning({ n: feedbackCodeCounter.lastNumber });
  return `PAKN-${year}-${String(row!.n).padStart(6, '0')}`;
}
