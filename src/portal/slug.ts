/**
 * Slugs made from Vietnamese titles: diacritics folded (đ → d), lower case, words joined by
 * hyphens, bounded in length. Uniqueness is settled against the database with a -2, -3… suffix.
 */
import { foldText } from '../platform/text/fold';

export const SLUG_MAX = 80;

/** "Chuyển đổi số: Đà Nẵng đi đầu!" → "chuyen-doi-so-da-nang-di-dau" */
export function slugify(title: string): string {
  const words = foldText(title).split(' ').filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug || 'bai-viet';
}

/** The first of slug, slug-2, slug-3… that `taken` does not hold. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
