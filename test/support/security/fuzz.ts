/**
 * Hostile request bodies for property-based fuzzing through the HTTP layer: arbitrary JSON, wrong
 * types for the real field names, huge and garbled Unicode strings, prototype-pollution keys and
 * bodies that are not JSON at all. Kept here so every fuzzed endpoint gets the same torture.
 */
import fc from 'fast-check';

/** The seed every fuzz run uses unless FUZZ_SEED is set; fast-check prints it with any failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261124);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const garbled = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '\u0000\u0001\u0002',
    '\uD800',
    '\u202E\u2066 đảo chiều',
    'Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ',
    'Tie\u0302\u0301ng Vie\u0323\u0302t (NFD)',
    "'; DROP TABLE task; --",
    // a template-injection probe, written with a dollar sign that is not a template here
    `\${7*7}{{7*7}}`,
    '../../../../etc/passwd',
    '%00%0d%0a',
  ),
);

/** A string of 100k–600k characters: below and above the form limit, below the JSON limit. */
const huge = fc.integer({ min: 100_000, max: 600_000 }).map((n) => 'Ấ'.repeat(n / 2));

/** Any value a JSON field could hold, with a bias to the awkward ones. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: garbled },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER, '', ' ', [], {}, ['a', 'b']) },
);

/** An object over the endpoint's real field names (plus strangers), each with any value. */
export function bodyFor(fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const keys = fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 }));
  return fc.dictionary(keys, anyValue, { maxKeys: fields.length + 2 });
}

/** Raw JSON texts: pollution attempts, broken JSON, deep nesting. Sent as the body verbatim. */
export const rawJson = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"title":"a","__proto__":{"isAdmin":true}}',
  '{"a":1,',
  '[]',
  'null',
  '"chuỗi"',
  '12',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"title":"\\ud800"}',
  '\u0000',
);

/** A form body (urlencoded): every value a string or a list of strings, or a huge one. */
export function formFor(fields: readonly string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const value = fc.oneof(garbled, fc.array(garbled, { maxLength: 3 }), huge, fc.constantFrom('__proto__', 'constructor'));
  const keys = fc.oneof(fc.constantFrom(...fields, '__proto__', 'constructor', 'constructor[prototype][polluted]'), fc.string({ maxLength: 12 }));
  return fc.dictionary(keys, value, { maxKeys: fields.length + 2 });
}

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** The error's message from our shape `{ error: { message } }` or Open311's `[{ description }]`. */
export function errorMessage(body: string): string | null {
  try {
    const j = JSON.parse(body);
    if (Array.isArray(j)) return typeof j[0]?.description === 'string' ? j[0].description : null;
    return typeof j?.error?.message === 'string' ? j.error.message : null;
  } catch {
    return null;
  }
}

export function isVietnamese(message: string | null): boolean {
  return !!message && VIETNAMESE.test(message) && message === message.normalize('NFC');
}
