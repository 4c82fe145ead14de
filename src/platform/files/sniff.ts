/**
 * The type of an upload, decided from its bytes (magic numbers), never from the client's name or
 * header: PDF, PNG, JPEG, DOCX/XLSX (a zip holding word/ or xl/) and UTF-8 plain text.
 */

export const ALLOWED_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
} as const;
export type SniffedType = (typeof ALLOWED_TYPES)[keyof typeof ALLOWED_TYPES];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

/** Names of the entries in a zip's local file headers (enough to tell DOCX from XLSX). */
function zipEntryNames(buf: Buffer, max = 200): string[] {
  const names: string[] = [];
  let i = 0;
  while (names.length < max) {
    i = buf.indexOf('PK\x03\x04', i, 'latin1');
    if (i < 0 || i + 30 > buf.length) break;
    const nameLength = buf.readUInt16LE(i + 26);
    const extraLength = buf.readUInt16LE(i + 28);
    names.push(buf.toString('utf8', i + 30, Math.min(buf.length, i + 30 + nameLength)));
    i += 30 + nameLength + extraLength;
  }
  return names;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  let decoded: string;
  try {
    decoded = utf8.decode(buf);
  } catch {
    return false;
  }
  // control characters other than tab, line feed, carriage return and form feed mean binary
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(decoded);
}

/** The sniffed MIME type, or null when the bytes are not one of the accepted kinds. */
export function sniffType(buf: Buffer): SniffedType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ALLOWED_TYPES.pdf; // %PDF-
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ALLOWED_TYPES.png;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return ALLOWED_TYPES.jpeg;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (names.some((n) => n.startsWith('word/'))) return ALLOWED_TYPES.docx;
    if (names.some((n) => n.startsWith('xl/'))) return ALLOWED_TYPES.xlsx;
    return null;
  }
  return isPlainText(buf) ? ALLOWED_TYPES.text : null;
}
