/**
 * Tracking codes (PAKN-2026-000123) and their secret PINs. The PIN is an HMAC of the code under an
 * installation key (`installKey`): nothing secret is stored per case, every
 * server process derives the same PIN, and a replayed submit can show it again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../platform/db/client';
import { type StatementPart, selectParts } from '../platform/db/one-statement';
import { assertAutocommit, relaxedCommit } from '../platform/db/relaxed-commit';
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

/** A tracking code taken as a part of a larger statement (see one-statement.ts). */
export interface TrackingCodeCount {
  part: StatementPart;
  /** the code, from the part's column; null when `when` held the counter still */
  code(column: unknown): string | null;
}

/**
 * The next code of the year, as a part of a statement: the year's counter row is the one row every
 * submission in the country updates, so its statement commits without waiting for the disk (see
 * relaxed-commit.ts for why a code can still never repeat) and holds the row only while it runs.
 * `when` (SQL over the statement's other parts) keeps the counter still for a case that will be
 * refused, so refusals leave no gap in the numbering.
 */
export function countTrackingCode(name: string, now = new Date(), when?: SQL): TrackingCodeCount {
  const year = Number(hcmDate(now).slice(0, 4));
  return {
    part: {
      ctes: [
        [
          name,
          sql`INSERT INTO ${feedbackCodeCounter} (year, last_number) SELECT ${year}, 1 FROM ${relaxedCommit} ${when ? sql`WHERE ${when}` : sql``}
              ON CONFLICT (year) DO UPDATE SET last_number = ${feedbackCodeCounter}.last_number + 1
              RETURNING last_number`,
        ],
      ],
      column: sql`(SELECT last_number FROM ${sql.identifier(name)})`,
    },
    code: (column) => (column == null ? null : `PAKN-${year}-${String(column).padStart(6, '0')}`),
  };
}

/** The next code of the year, in a statement of its own. */
export async function nextTrackingCode(db: Database, now = new Date()): Promise<string> {
  assertAutocommit(db);
  const count = countTrackingCode('tracking_code', now);
  const row = await selectParts(db, { n: count.part });
  return count.code(row.n)!;
}
