/**
 * Opaque keyset-pagination cursors: the sort key of the last row of a page, tagged with the
 * listing it belongs to, as base64url JSON. Clients pass it back unchanged; anything that does
 * not decode to the expected shape is bad input (400), never a server error.
 */
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';

export type CursorPart = 'string' | 'int';
export type CursorValue = string | number;

/** Longest cursor accepted from a client. */
export const CURSOR_MAX_LENGTH = 600;

export function encodeCursor(kind: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor(kind, …)`; null when it is malformed or for another listing. */
export function tryDecodeCursor(raw: string, kind: string, shape: readonly CursorPart[]): CursorValue[] | null {
  if (!raw || raw.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== kind) return null;
  const values = parsed.slice(1);
  for (let i = 0; i < shape.length; i++) {
    const v = values[i];
    if (shape[i] === 'int' ? !Number.isSafeInteger(v) : typeof v !== 'string' || v.length > 400) return null;
  }
  return values as CursorValue[];
}

/** The error for a cursor that cannot be used: VALIDATION_FAILED on the `cursor` field. */
export function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', t('error.validation'), { cursor: t('org.cursor.invalid') });
}

/**
 * Like `tryDecodeCursor`, but a bad cursor throws `invalidCursor()`. `check` may refuse values
 * that decode but cannot be used (an id that is not a UUID).
 */
export function decodeCursor(
  raw: string,
  kind: string,
  shape: readonly CursorPart[],
  check: (values: CursorValue[]) => boolean = () => true,
): CursorValue[] {
  const values = tryDecodeCursor(raw, kind, shape);
  if (!values || !check(values)) throw invalidCursor();
  return values;
}
