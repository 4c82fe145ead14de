/** Challenge signing: the form question (answer, expiry, binding, tampering) and the proof of work. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FORM_CHALLENGE_TTL_MS, leadingZeroBits, parseAnswer, signFormChallenge, signPowChallenge, solvePow, verifyFormChallenge, verifyPow } from './challenge';

const key = randomBytes(32);
const idem = '4b1f2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
/** picks 7, 5, then "plus" (1 % 3 !== 0): "Bảy cộng năm bằng mấy?" */
const picks = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('form challenge', () => {
  it('asks in Vietnamese words and accepts the right answer in digits or words', () => {
    const now = new Date('2026-05-01T02:00:00Z');
    const c = signFormChallenge(key, idem, now, picks([6, 4, 1]));
    expect(c.question).toBe('Bảy cộng năm bằng mấy?');
    expect(verifyFormChallenge(key, c.token, '12', idem, now)).toMatchObject({ ok: true });
    expect(verifyFormChallenge(key, c.token, 'mười hai', idem, now)).toMatchObject({ ok: true });
    expect(verifyFormChallenge(key, c.token, '13', idem, now)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses an expired token, another form, another key and a tampered question', () => {
    const now = new Date('2026-05-01T02:00:00Z');
    const c = signFormChallenge(key, idem, now, picks([6, 4, 1]));
    const later = new Date(now.getTime() + FORM_CHALLENGE_TTL_MS + 1000);
    expect(verifyFormChallenge(key, c.token, '12', idem, later)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyFormChallenge(key, c.token, '12', 'another-form-key-0000000000', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyFormChallenge(randomBytes(32), c.token, '12', idem, now)).toEqual({ ok: false, reason: 'invalid' });
    const [payload, sig] = c.token.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(/^7\|/, '1|')).toString('base64url');
    expect(verifyFormChallenge(key, `${forged}.${sig}`, '6', idem, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyFormChallenge(key, 'garbage', '12', idem, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('parses answers people type', () => {
    expect(parseAnswer(' 9 ')).toBe(9);
    expect(parseAnswer('chín')).toBe(9);
    expect(parseAnswer('muoi lam')).toBe(15);
    expect(parseAnswer('hai mươi')).toBe(20);
    expect(Number.isNaN(parseAnswer('abc'))).toBe(true);
  });
});

describe('proof of work', () => {
  it('accepts a solved challenge and refuses a wrong nonce, an expired or forged challenge', () => {
    const now = new Date('2026-05-01T02:00:00Z');
    const c = signPowChallenge(key, 10, now);
    const nonce = solvePow(c.challenge, 10);
    expect(verifyPow(key, c.challenge, nonce, now)).toMatchObject({ ok: true });
    let bad = 'x';
    while (leadingZeroBits(createHash('sha256').update(c.challenge + bad).digest()) >= 10) bad += 'x';
    expect(verifyPow(key, c.challenge, bad, now)).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyPow(key, c.challenge, nonce, new Date(now.getTime() + 11 * 60_000))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPow(key, c.challenge.replace('pow1-10-', 'pow1-1-'), nonce, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Buffer.from([0x0f]))).toBe(4);
    expect(leadingZeroBits(Buffer.from([0, 1]))).toBe(15);
  });
});
