import { HOTP, Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, normalizeTotpCode, totpCodeForStep, totpStepAt, totpUri } from './totp';

// RFC 6238 appendix B test secret for SHA1 ("12345678901234567890"), 8 digits there; we use 6.
const RFC_SECRET = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer }).base32;

describe('TOTP', () => {
  it('matches the RFC 6238 SHA1 vectors (last 6 digits)', () => {
    // T = 59 s → 94287082; T = 1111111109 → 07081804; T = 2000000000 → 69279037
    expect(totpCodeForStep(RFC_SECRET, totpStepAt(59_000))).toBe('287082');
    expect(totpCodeForStep(RFC_SECRET, totpStepAt(1_111_111_109_000))).toBe('081804');
    expect(totpCodeForStep(RFC_SECRET, totpStepAt(2_000_000_000_000))).toBe('279037');
  });

  it('generates 160-bit base32 secrets and an otpauth URI apps understand', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = totpUri(s, 'can.bo@bo.gov.vn');
    expect(new URL(uri).protocol).toBe('otpauth:');
    expect(uri).toContain(`secret=${s}`);
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(uri).toContain('issuer=NQ57');
  });

  it('normalises typed codes', () => {
    expect(normalizeTotpCode(' 123 456 ')).toBe('123456');
    expect(normalizeTotpCode('123-456')).toBe('123456');
    expect(normalizeTotpCode('12345')).toBeNull();
    expect(normalizeTotpCode('12345a')).toBeNull();
    expect(normalizeTotpCode(123456)).toBeNull();
    expect(normalizeTotpCode(undefined)).toBeNull();
  });

  describe('matchTotpStep', () => {
    const secret = newTotpSecret();
    const now = 1_750_000_000_000;
    const step = totpStepAt(now);
    const codeAt = (s: number) => HOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, counter: s });

    it('accepts the current step and one either side', () => {
      expect(matchTotpStep(secret, codeAt(step), { now, lastStep: null })).toBe(step);
      expect(matchTotpStep(secret, codeAt(step - 1), { now, lastStep: null })).toBe(step - 1);
      expect(matchTotpStep(secret, codeAt(step + 1), { now, lastStep: null })).toBe(step + 1);
    });

    it('refuses codes outside the window', () => {
      expect(matchTotpStep(secret, codeAt(step - 2), { now, lastStep: null })).toBeNull();
      expect(matchTotpStep(secret, codeAt(step + 2), { now, lastStep: null })).toBeNull();
    });

    it('refuses the last accepted step and older ones (no replay)', () => {
      expect(matchTotpStep(secret, codeAt(step), { now, lastStep: step })).toBeNull();
      expect(matchTotpStep(secret, codeAt(step - 1), { now, lastStep: step })).toBeNull();
      expect(matchTotpStep(secret, codeAt(step - 1), { now, lastStep: step - 1 })).toBeNull();
      expect(matchTotpStep(secret, codeAt(step), { now, lastStep: step - 1 })).toBe(step);
      expect(matchTotpStep(secret, codeAt(step + 1), { now, lastStep: step })).toBe(step + 1);
    });

    it('refuses garbage and codes of another secret', () => {
      expect(matchTotpStep(secret, '', { now, lastStep: null })).toBeNull();
      expect(matchTotpStep(secret, 'abcdef', { now, lastStep: null })).toBeNull();
      const other = newTotpSecret();
      const otherCode = totpCodeForStep(other, step);
      if (otherCode !== codeAt(step) && otherCode !== codeAt(step - 1) && otherCode !== codeAt(step + 1)) {
        expect(matchTotpStep(secret, otherCode, { now, lastStep: null })).toBeNull();
      }
      expect(matchTotpStep('not base32!', codeAt(step), { now, lastStep: null })).toBeNull();
    });
  });
});
