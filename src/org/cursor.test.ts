import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { decodeCursor, encodeCursor, tryDecodeCursor } from './cursor';

describe('pagination cursors', () => {
  it('round-trips the sort key, including Vietnamese text', () => {
    const c = encodeCursor('u.abc', [2, 104, '00070']);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'u.abc', ['int', 'int', 'string'])).toEqual([2, 104, '00070']);
    const v = encodeCursor('usr', ['nguyen van a đà', 'x']);
    expect(tryDecodeCursor(v, 'usr', ['string', 'string'])).toEqual(['nguyen van a đà', 'x']);
  });

  it('refuses cursors for another listing or of the wrong shape', () => {
    const c = encodeCursor('u.abc', [2, 104, '00070']);
    expect(tryDecodeCursor(c, 'u.other', ['int', 'int', 'string'])).toBeNull();
    expect(tryDecodeCursor(c, 'u.abc', ['int', 'int'])).toBeNull();
    expect(tryDecodeCursor(c, 'u.abc', ['int', 'string', 'string'])).toBeNull();
    expect(tryDecodeCursor(encodeCursor('u', [1.5]), 'u', ['int'])).toBeNull();
    expect(tryDecodeCursor(encodeCursor('u', ['1']), 'u', ['int'])).toBeNull();
  });

  it('refuses garbage without throwing anything but a validation error', () => {
    for (const bad of ['', 'not a cursor', '%%%', 'eyJ4IjoxfQ', Buffer.from('{"a":1}').toString('base64url'), 'a'.repeat(700)]) {
      expect(tryDecodeCursor(bad, 'u', ['int'])).toBeNull();
      try {
        decodeCursor(bad, 'u', ['int']);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).fields?.cursor).toMatch(/Con trỏ phân trang không hợp lệ/);
      }
    }
  });

  it('applies an extra check to decoded values', () => {
    const c = encodeCursor('o', ['not-a-uuid']);
    expect(() => decodeCursor(c, 'o', ['string'], (v) => String(v[0]).length === 36)).toThrow(AppError);
  });
});
