/**
 * Stateless anti-abuse challenges, signed with an installation key (HMAC-SHA256):
 * - the web form asks a small sum written in Vietnamese words ("Bảy cộng năm bằng mấy?"); the
 *   question, its expiry and the form's idempotency key travel in a signed token;
 * - the JSON API asks for proof of work: find a nonce so sha256(challenge + nonce) starts with
 *   `difficulty` zero bits.
 * Nothing is stored when a challenge is issued. Each token is used once: its first use is counted
 * in the shared rate-limit table, in a window placed at the token's issue time so the row outlives
 * the token.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../platform/db/client';
import { installKey } from '../../platform/db/install-key';
import { type MessageKey, t } from '../../platform/i18n';
import type { RateLimit } from '../../platform/rate-limit/consume-rate-limit';

export const CHALLENGE_KEY_NAME = 'feedback.challengeKey';
/** long enough to write a case on a phone */
export const FORM_CHALLENGE_TTL_MS = 3 * 60 * 60 * 1000;
export const POW_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_POW_DIFFICULTY = 16;

/** NQ57_POW_DIFFICULTY overrides the default (tests lower it); kept between 1 and 30. */
export function powDifficulty(): number {
  const n = Number(process.env.NQ57_POW_DIFFICULTY);
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : DEFAULT_POW_DIFFICULTY;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

function mac(key: Buffer, purpose: string, payload: string): string {
  return createHmac('sha256', key).update(`${purpose}:${payload}`).digest('base64url');
}

function macMatches(key: Buffer, purpose: string, payload: string, given: string): boolean {
  const expected = Buffer.from(mac(key, purpose, payload));
  const got = Buffer.from(given);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

export interface FormChallenge {
  token: string;
  /** the question as shown, in Vietnamese */
  question: string;
}

function numberWord(n: number): string {
  return t(`intake.num.${n}` as MessageKey);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A new signed sum (or difference) question, bound to the form's idempotency key. */
export function signFormChallenge(key: Buffer, idempotencyKey: string, now = new Date(), pick: () => number = () => randomInt(0, 1 << 30)): FormChallenge {
  const a = 1 + (pick() % 10);
  const b = 1 + (pick() % 10);
  const minus = pick() % 3 === 0 && a > b;
  const expires = now.getTime() + FORM_CHALLENGE_TTL_MS;
  const payload = [a, minus ? '-' : '+', b, expires, idempotencyKey, randomBytes(6).toString('base64url')].join('|');
  const token = `${b64(payload)}.${mac(key, 'form', payload)}`;
  const question = capitalise(t(minus ? 'intake.challenge.minus' : 'intake.challenge.plus', { a: numberWord(a), b: numberWord(b) }));
  return { token, question };
}

export type ChallengeFailure = 'invalid' | 'expired' | 'wrong' | 'used';

export interface VerifiedFormChallenge {
  ok: true;
  issuedAt: Date;
  idempotencyKey: string;
  token: string;
}

/** Checks signature, expiry, binding to the form and the answer (digits or Vietnamese words). */
export function verifyFormChallenge(
  key: Buffer,
  token: string,
  answer: string,
  idempotencyKey: string,
  now = new Date(),
): VerifiedFormChallenge | { ok: false; reason: ChallengeFailure } {
  const [encoded, sig] = token.split('.');
  if (!encoded || !sig || token.length > 600) return { ok: false, reason: 'invalid' };
  const payload = unb64(encoded);
  if (!macMatches(key, 'form', payload, sig)) return { ok: false, reason: 'invalid' };
  const [a, op, b, expires, boundKey] = payload.split('|');
  if (boundKey !== idempotencyKey) return { ok: false, reason: 'invalid' };
  const expiresAt = Number(expires);
  if (!(expiresAt > now.getTime())) return { ok: false, reason: 'expired' };
  const expected = op === '-' ? Number(a) - Number(b) : Number(a) + Number(b);
  if (parseAnswer(answer) !== expected) return { ok: false, reason: 'wrong' };
  return { ok: true, issuedAt: new Date(expiresAt - FORM_CHALLENGE_TTL_MS), idempotencyKey: boundKey, token };
}

const WORD_VALUES: Record<string, number> = {
  khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10, chuc: 10,
};

/** "12", " 12 ", "mười hai", "muoi hai", "mười lăm" → the number; anything else → NaN. */
export function parseAnswer(answer: string): number {
  const s = answer.normalize('NFC').trim();
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const words = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 3) return Number.NaN;
  const values = words.map((w) => WORD_VALUES[w]);
  if (values.some((v) => v === undefined)) return Number.NaN;
  if (values.length === 1) return values[0]!;
  // mười hai = 12; hai mươi = 20; hai mươi mốt… beyond the sums asked
  if (values[0] === 10 && values.length === 2) return 10 + values[1]!;
  if (values[1] === 10) return values[0]! * 10 + (values[2] ?? 0);
  return Number.NaN;
}

// --- proof of work (API) ---------------------------------------------------------------------------

/** hex, so the challenge splits on '-' unambiguously */
function powMac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`pow:${payload}`).digest('hex');
}

export function signPowChallenge(key: Buffer, difficulty: number, now = new Date()): { challenge: string; difficulty: number; expiresAt: string } {
  const expires = now.getTime() + POW_TTL_MS;
  const payload = `pow1-${difficulty}-${expires}-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
  return { challenge: `${payload}-${powMac(key, payload)}`, difficulty, expiresAt: new Date(expires).toISOString() };
}

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function verifyPow(key: Buffer, challenge: string, nonce: string, now = new Date()): { ok: true; issuedAt: Date } | { ok: false; reason: ChallengeFailure } {
  if (typeof challenge !== 'string' || typeof nonce !== 'string' || challenge.length > 300 || nonce.length > 100) return { ok: false, reason: 'invalid' };
  const i = challenge.lastIndexOf('-');
  const payload = challenge.slice(0, i);
  const sig = challenge.slice(i + 1);
  const expected = Buffer.from(powMac(key, payload));
  const given = Buffer.from(sig);
  if (i < 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const [, difficulty, expires] = payload.split('-');
  const expiresAt = Number(expires);
  if (!(expiresAt > now.getTime())) return { ok: false, reason: 'expired' };
  const hash = createHash('sha256').update(challenge + nonce).digest();
  if (leadingZeroBits(hash) < Number(difficulty)) return { ok: false, reason: 'wrong' };
  return { ok: true, issuedAt: new Date(expiresAt - POW_TTL_MS) };
}

/** Finds a nonce for a challenge (what a client does; used by tests and the seed). */
export function solvePow(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(createHash('sha256').update(challenge + nonce).digest()) >= difficulty) return nonce;
  }
}

// --- with the database -------------------------------------------------------------------------------

export async function challengeKey(db: Database): Promise<Buffer> {
  return installKey(db, CHALLENGE_KEY_NAME);
}

/**
 * The one-use limit of a token: its window sits at the issue time (one hour long), so its row is
 * pruned only a day after the token has expired. Counted with the submission's other limits.
 */
export function challengeUse(token: string, issuedAt: Date): RateLimit {
  const id = createHash('sha256').update(token).digest('hex').slice(0, 40);
  return { key: `pakn:challenge:${id}`, max: 1, windowSeconds: 3600, at: issuedAt };
}

