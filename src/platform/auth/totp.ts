/**
 * Time-based one-time passwords (RFC 6238): SHA1, 6 digits, 30-second steps. A code is accepted
 * for the current step or one step either side, and never for a step at or before the last
 * accepted one, so a code (or an older one) cannot be replayed.
 */
import { HOTP, Secret, TOTP } from 'otpauth';
import { safeEqual } from './tokens';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_ISSUER = 'NQ57';
/** steps accepted either side of the current one (clock drift, slow typing) */
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits), base32-encoded as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app scans from the QR code. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountLabel,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

export function totpStepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCodeForStep(secretBase32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, counter: step });
}

/** Strips the spaces and dashes people type; returns null unless six digits remain. */
export function normalizeTotpCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step the code belongs to when it is acceptable now, or null. `lastStep` is the last
 * step accepted for this user (null if none): that step and all earlier ones are refused.
 */
export function matchTotpStep(secretBase32: string, rawCode: unknown, opts: { now: number; lastStep: number | null }): number | null {
  const code = normalizeTotpCode(rawCode);
  if (!code) return null;
  let secretOk = true;
  try {
    Secret.fromBase32(secretBase32);
  } catch {
    secretOk = false;
  }
  if (!secretOk) return null;
  const current = totpStepAt(opts.now);
  let matched: number | null = null;
  for (let delta = -TOTP_WINDOW; delta <= TOTP_WINDOW; delta++) {
    const step = current + delta;
    // Compare every candidate (constant work), then apply the replay rule.
    const same = safeEqual(totpCodeForStep(secretBase32, step), code);
    if (same && (opts.lastStep == null || step > opts.lastStep) && matched == null) matched = step;
  }
  return matched;
}
