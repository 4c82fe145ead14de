import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps same-site relative paths with their query and fragment', () => {
    expect(safeNextPath('/org')).toBe('/org');
    expect(safeNextPath('/org?q=da%20nang&page=2')).toBe('/org?q=da%20nang&page=2');
    expect(safeNextPath('/tasks/123#reports')).toBe('/tasks/123#reports');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a string', ['/org']],
    ['protocol-relative', '//evil.example/path'],
    ['absolute http', 'http://evil.example/'],
    ['absolute https', 'https://evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['relative without slash', 'org'],
    ['backslash host', '/\\evil.example'],
    ['backslash later', '/a\\b'],
    ['tab smuggling', '/\t/evil.example'],
    ['newline', '/org\nSet-Cookie: x=1'],
    ['space', '/ /evil.example'],
    ['too long', `/${'a'.repeat(1001)}`],
    ['the sign-in page itself', '/login'],
    ['the second factor page', '/login/2fa?next=/org'],
  ])('falls back to /app for %s', (_name, value) => {
    expect(safeNextPath(value)).toBe(DEFAULT_NEXT);
  });

  it('never returns a path a browser would read as another host', () => {
    for (const raw of ['/%2F%2Fevil.example', '/.//evil.example', '/..//evil.example']) {
      const out = safeNextPath(raw);
      expect(out.startsWith('/')).toBe(true);
      expect(out.startsWith('//')).toBe(false);
      expect(new URL(out, 'https://nq57.gov.vn').host).toBe('nq57.gov.vn');
    }
  });

  it('accepts a custom fallback', () => {
    expect(safeNextPath('https://evil.example', '/account')).toBe('/account');
  });
});
