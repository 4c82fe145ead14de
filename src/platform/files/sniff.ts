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
/** Legacy Office (OLE2 compound files), accepted only when a caller asks for them. */
export const LEGACY_OFFICE_TYPES = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
} as const;
export type SniffedType = (typeof ALLOWED_TYPES)[keyof typeof ALLOWED_TYPES] | (typeof LEGACY_OFFICE_TYPES)[keyof typeof LEGACY_OFFICE_TYPES];
export interface SniffOptions {
  /** also recognise legacy .doc / .xls (OLE2 header D0 CF 11 E0 A1 B1 1A E1) */
  legacyOffice?: boolean;
}

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
export function sniffType(buf: Buffer, opts: SniffOptions = {}): SniffedType | null {
  if (opts.legacyOffice && startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleType(buf);
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

/** Word or Excel, by the stream names of the compound file's directory (UTF-16LE). */
function oleType(buf: Buffer): SniffedType | null {
  if (buf.indexOf(Buffer.from('WordDocument', 'utf16le')) >= 0) return LEGACY_OFFICE_TYPES.doc;
  if (buf.indexOf(Buffer.from('Workbook', 'utf16le')) >= 0 || buf.indexOf(Buffer.from('Book', 'utf16le')) >= 0) return LEGACY_OFFICE_TYPES.xls;
  return null;
}

/** One central-directory record: enough to find and check the entry's data. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

export interface ZipInspection {
  ok: boolean;
  entries: number;
  compressed: number;
  uncompressed: number;
  reason?: 'no_directory' | 'zip64' | 'too_many_entries' | 'too_large' | 'ratio';
  /** the records, when the directory was read to its end */
  list?: ZipEntry[];
  /** bytes after the end-of-central-directory record and its comment (a second format appended) */
  trailing?: number;
}

export const ZIP_LIMITS = { maxEntries: 1000, maxUncompressed: 100 * 1024 * 1024, maxRatio: 100 };

/**
 * Reads a zip's central directory (not its data) and refuses archives that would expand beyond
 * the limits: more than 1,000 entries, more than 100 MB declared uncompressed in total, or a
 * total expansion over 100 times the file's size. ZIP64 archives are refused (no office document needs one).
 */
export function inspectZip(buf: Buffer, limits = ZIP_LIMITS): ZipInspection {
  const bad = (reason: ZipInspection['reason'], entries = 0, compressed = 0, uncompressed = 0): ZipInspection => ({ ok: false, entries, compressed, uncompressed, reason });
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  const from = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad('no_directory');
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return bad('zip64');
  if (total > limits.maxEntries) return bad('too_many_entries', total);
  if (cdOffset + cdSize > buf.length) return bad('no_directory');
  const list: ZipEntry[] = [];
  let p = cdOffset;
  let entries = 0;
  let compressed = 0;
  let uncompressed = 0;
  while (p + 46 <= cdOffset + cdSize) {
    if (buf.readUInt32LE(p) !== 0x02014b50) return bad('no_directory', entries, compressed, uncompressed);
    const c = buf.readUInt32LE(p + 20);
    const u = buf.readUInt32LE(p + 24);
    if (c === 0xffffffff || u === 0xffffffff) return bad('zip64', entries, compressed, uncompressed);
    compressed += c;
    uncompressed += u;
    entries++;
    if (entries > limits.maxEntries) return bad('too_many_entries', entries, compressed, uncompressed);
    const nameLength = buf.readUInt16LE(p + 28);
    list.push({
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength)),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressed: c,
      uncompressed: u,
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (entries !== total) return bad('no_directory', entries, compressed, uncompressed);
  if (uncompressed > limits.maxUncompressed) return bad('too_large', entries, compressed, uncompressed);
  if (uncompressed > limits.maxRatio * buf.length) return bad('ratio', entries, compressed, uncompressed);
  return { ok: true, entries, compressed, uncompressed, list, trailing: buf.length - (eocd + 22 + buf.readUInt16LE(eocd + 20)) };
}
