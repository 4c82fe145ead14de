/**
 * Vietnamese text folding and ordering: the one place that decides how text is normalised for
 * storage (NFC), for search (diacritics removed, đ→d, lower case) and for sorting (vi collation).
 */

/** Canonical stored form: NFC, trimmed, inner whitespace collapsed. */
export function normalizeText(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Search form: "Chuyển đổi số Đà Nẵng" → "chuyen doi so da nang".
 * NFD splits base letters from combining marks; đ/Đ have no decomposition, so they are mapped explicitly.
 */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese ordering (a < ă < â < b …, đ after d), numbers compared by value. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortVietnamese<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnamese(key(x), key(y)));
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => `\\${c}`);
}
