import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, messageKeys, t } from './index';

describe('message catalogue', () => {
  it('has Vietnamese text in NFC for every key', () => {
    const keys = messageKeys();
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) {
      const text = t(key as any);
      expect(text, key).not.toBe(key);
      expect(text.trim().length, key).toBeGreaterThan(0);
      expect(text, key).toBe(text.normalize('NFC'));
    }
  });
  it('fills parameters and leaves unknown ones visible', () => {
    expect(t('field.tooLong', { max: 200 })).toBe('Quá dài (tối đa 200 ký tự).');
    expect(t('field.tooLong')).toContain('{max}');
  });
  it('falls back to Vietnamese when an English text is missing', () => {
    expect(t('error.forbidden', undefined, 'en')).toBe(t('error.forbidden'));
    expect(t('nav.login', undefined, 'en')).toBe('Sign in');
  });
});

describe('Vietnamese formats', () => {
  it('formats numbers as 1.234,5', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });
  it('formats dates as dd/mm/yyyy in Asia/Ho_Chi_Minh', () => {
    // 17:30 UTC on 31/12 is already 1 January in Hà Nội (UTC+7)
    expect(formatDate(new Date('2025-12-31T17:30:00Z'))).toBe('01/01/2026');
    expect(formatDateTime(new Date('2025-07-02T01:05:00Z'))).toBe('02/07/2025 08:05');
    expect(formatDate(null)).toBe('');
  });
});
