import { describe, expect, it } from 'vitest';
import { lockMinutesLeft } from './login-guard';

describe('lockMinutesLeft', () => {
  const now = 1_750_000_000_000;
  it('is 0 when not locked or the lock has run out', () => {
    expect(lockMinutesLeft(null, now)).toBe(0);
    expect(lockMinutesLeft(new Date(now - 1), now)).toBe(0);
    expect(lockMinutesLeft(new Date(now), now)).toBe(0);
  });
  it('rounds up, and is at least one minute while locked', () => {
    expect(lockMinutesLeft(new Date(now + 1000), now)).toBe(1);
    expect(lockMinutesLeft(new Date(now + 15 * 60_000), now)).toBe(15);
    expect(lockMinutesLeft(new Date(now + 14 * 60_000 + 1), now)).toBe(15);
  });
});
