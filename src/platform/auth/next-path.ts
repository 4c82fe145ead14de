/**
 * Where to go after signing in. Only same-site relative paths are accepted (a single leading
 * `/`, no scheme, no host, no backslash, no control characters); anything else becomes `/app`,
 * so a crafted `?next=` can never send a user to another site.
 */
export const DEFAULT_NEXT = '/app';

export function safeNextPath(raw: unknown, fallback = DEFAULT_NEXT): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  // Browsers read `\` as `/` (`/\evil.example`), and control characters or spaces are stripped
  // or mangled before the URL is parsed: refuse them outright.
  if (/[\\\s\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, 'http://nq57.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://nq57.invalid') return fallback;
  const path = url.pathname + url.search + url.hash;
  // Do not bounce back into the sign-in pages themselves.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname === '/logout') return fallback;
  return path.startsWith('//') ? fallback : path;
}
