/**
 * The one place that decides whether uploaded bytes may be kept or read. Every upload path (PAKN
 * attachments, report evidence, indicator evidence, portal documents and covers, task imports)
 * asks here and turns a refusal into its own Vietnamese message before a byte is written.
 *
 * The type comes from the bytes only; a name with the wrong extension is fine (the sniffed type is
 * what is stored and served), but a name claiming an executable, script or web page is refused
 * whatever the bytes: downloads keep the uploaded name, so the desktop would open such a file by
 * its extension — a text file named `.bat` or `.html` would run. Beyond the type, each kind must
 * be well formed and carry nothing else: zips are checked entry by entry, images are measured
 * before they are decoded, PDFs may not ask the viewer to run anything, and no file may hide a
 * second format (an appended archive, markup in an image, data after the end marker).
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { type ImageLayout, jpegLayout, pngLayout } from './image-structure';
import { pdfActiveContent, pdfEnd } from './pdf-structure';
import { ALLOWED_TYPES, LEGACY_OFFICE_TYPES, type SniffedType, type ZipEntry, ZIP_LIMITS, inspectZip, sniffType } from './sniff';

export type UploadRefusal =
  /** more bytes than the caller takes */
  | 'too_large'
  /** not an accepted kind by its bytes, or not one this caller takes */
  | 'type'
  /** the name claims an executable, a script or a web page */
  | 'dangerous_name'
  /** an office zip that would expand too far, or whose directory understates its entries */
  | 'zip_bomb'
  /** a second format inside: an appended archive, markup in an image, data after the end marker */
  | 'polyglot'
  /** PDF JavaScript, launch actions, embedded files or rich media; Office macros */
  | 'active_content'
  /** truncated or corrupt: the structure does not hold together, or an image does not decode */
  | 'malformed'
  /** more pixels than MAX_IMAGE_PIXELS */
  | 'image_too_large';

export type UploadInspection =
  | { ok: true; mimeType: SniffedType; image?: { width: number; height: number } }
  | { ok: false; reason: UploadRefusal; image?: { width: number; height: number } };

export interface InspectOptions {
  /** the uploaded name; checked for dangerous extensions when given */
  fileName?: string;
  /** the kinds this caller takes (default: every ALLOWED_TYPES kind) */
  accept?: readonly SniffedType[];
  /** byte limit of this caller */
  maxBytes: number;
}

/**
 * Pixels an image may declare: the largest phone and camera photos are about 50 megapixels, and a
 * decoded RGBA bitmap of that size (~200 MB) is the most one upload may cost the server.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Bytes tolerated after an image's end marker (some encoders add a newline or a few pad bytes). */
export const IMAGE_TRAILER_TOLERANCE = 16;
/** Further pictures a JPEG may carry after EOI when its MPF index announces them (phone HDR gain maps, previews). */
const MAX_APPENDED_PICTURES = 4;
/** Readers find `%PDF-` anywhere in the first 1,024 bytes, so no other kind may carry it there. */
const PDF_HEADER_WINDOW = 1024;
/** Readers look for `%%EOF` in the last 1,024 bytes; only whitespace may follow it. */
const PDF_EOF_WINDOW = 1024;

/** Programs, installers, scripts and shortcuts: what the desktop runs when the file is opened. */
const EXECUTABLE_EXTENSIONS = [
  ...['exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'msi', 'msp', 'msix', 'appx', 'apk', 'jar', 'app', 'dmg', 'deb', 'rpm'],
  ...['bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'cjs', 'wsf', 'wsh', 'hta', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'command'],
  ...['py', 'pyw', 'pl', 'rb', 'php', 'phtml', 'asp', 'aspx', 'jsp', 'cgi', 'lnk', 'url', 'reg', 'inf', 'scf'],
];
/**
 * Upload names refused whatever the bytes: executables, plus what a browser renders with script
 * (web pages, SVG, XML with stylesheets) and macro-enabled Office documents.
 */
export const DANGEROUS_EXTENSIONS = new Set([
  ...EXECUTABLE_EXTENSIONS,
  ...['html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl'],
  ...['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'sldm'],
]);
/** Entries of an office zip: its parts are XML and may include SVG pictures, so only executables are refused. */
const EXECUTABLE_ENTRY = new Set(EXECUTABLE_EXTENSIONS);

/** The extension a desktop would act on: trailing dots and spaces and an NTFS stream suffix ignored. */
export function effectiveExtension(name: string): string {
  const base = name.split(':')[0].replace(/[.\s]+$/, '').toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1);
}

const hasDangerousName = (name: string) => DANGEROUS_EXTENSIONS.has(effectiveExtension(name));

/** A zip archive appended to another format: an end-of-directory record right after a central directory, near the end. */
function hasAppendedZip(buf: Buffer): boolean {
  const from = Math.max(0, buf.length - 22 - 65_535);
  for (let i = buf.indexOf('PK\x05\x06', from, 'latin1'); i >= 0 && i + 22 <= buf.length; i = buf.indexOf('PK\x05\x06', i + 1, 'latin1')) {
    const directorySize = buf.readUInt32LE(i + 12);
    if (directorySize >= 46 && directorySize <= i && buf.readUInt32LE(i - directorySize) === 0x02014b50) return true;
  }
  return false;
}

const carriesPdfHeader = (buf: Buffer) => buf.subarray(0, PDF_HEADER_WINDOW).includes('%PDF-', 0, 'latin1');

/** HTML, script or SVG markup (an image that a browser sniffing content would render as a page). */
const MARKUP = /<script[\s>/]|<html[\s>]|<iframe[\s>/]|<\?php|<!doctype\s+html|<svg[\s/>][^>]{0,200}?(?:xmlns|\bon[a-z]+\s*=)/i;

/** After the end marker: at most a few bytes, or any amount of 00/FF padding. */
function trailerIsHarmless(buf: Buffer, end: number): boolean {
  if (buf.length - end <= IMAGE_TRAILER_TOLERANCE) return true;
  for (let i = end; i < buf.length; i++) if (buf[i] !== 0x00 && buf[i] !== 0xff) return false;
  return true;
}

async function inspectImage(buf: Buffer, mimeType: SniffedType): Promise<UploadInspection> {
  const layout: ImageLayout | null = mimeType === ALLOWED_TYPES.png ? pngLayout(buf) : jpegLayout(buf);
  if (!layout) return { ok: false, reason: 'malformed' };
  const image = { width: layout.width, height: layout.height };
  if (layout.width * layout.height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'image_too_large', image };
  let end = layout.end;
  for (let n = 0; layout.multiPicture && n < MAX_APPENDED_PICTURES && buf[end] === 0xff && buf[end + 1] === 0xd8; n++) {
    const next = jpegLayout(buf, end);
    if (!next) return { ok: false, reason: 'malformed', image };
    end = next.end;
  }
  if (!trailerIsHarmless(buf, end) || MARKUP.test(buf.toString('latin1'))) return { ok: false, reason: 'polyglot', image };
  try {
    // the structure holds; decoding every pixel finds corrupt compressed data
    await sharp(buf, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).stats();
  } catch {
    return { ok: false, reason: 'malformed', image };
  }
  return { ok: true, mimeType, image };
}

function inspectPdf(buf: Buffer): UploadRefusal | null {
  const end = pdfEnd(buf);
  if (end < 0) return 'malformed';
  if (buf.length - end > PDF_EOF_WINDOW || /[^\s\0]/.test(buf.toString('latin1', end))) return 'polyglot';
  const active = pdfActiveContent(buf);
  if (active === 'active') return 'active_content';
  if (active === 'unreadable') return 'malformed';
  return null;
}

/** Bytes an entry inflates to, stopping as soon as it passes `limit`; 'error' when the data is corrupt. */
function inflatedSize(data: Buffer, limit: number): Promise<number | 'error'> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (value: number | 'error') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle(size);
        inflate.destroy();
      }
    });
    inflate.on('error', () => settle('error'));
    inflate.on('end', () => settle(size));
    inflate.end(data);
  });
}

/** Macro projects make an Office file run code (a .docx with one is really a .docm). */
const isMacroPart = (name: string) => /(^|\/)vbaProject\.bin$/i.test(name);

/**
 * Every entry's data read back: stored entries must be as long as declared and deflated ones must
 * inflate to exactly the declared size — a directory that understates an entry is a bomb in disguise.
 * Inflating stops at the declared size, so the work is bounded by the zip limits.
 */
async function verifyZipEntries(buf: Buffer, entries: ZipEntry[]): Promise<UploadRefusal | null> {
  for (const e of entries) {
    if (isMacroPart(e.name)) return 'active_content';
    if (EXECUTABLE_ENTRY.has(effectiveExtension(e.name))) return 'polyglot';
    const p = e.localOffset;
    if (e.flags & 0x1 || p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return 'malformed';
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    if (start + e.compressed > buf.length) return 'malformed';
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.uncompressed) return 'malformed';
      continue;
    }
    if (e.method !== 8) return 'malformed';
    const size = await inflatedSize(data, e.uncompressed);
    if (size === 'error') return 'malformed';
    if (size > e.uncompressed) return 'zip_bomb';
    if (size < e.uncompressed) return 'malformed';
  }
  return null;
}

async function inspectOfficeZip(buf: Buffer): Promise<UploadRefusal | null> {
  const zip = inspectZip(buf, ZIP_LIMITS);
  if (!zip.ok || !zip.list) return zip.reason === 'no_directory' ? 'malformed' : 'zip_bomb';
  if ((zip.trailing ?? 0) < 0) return 'malformed';
  if ((zip.trailing ?? 0) > 0 || carriesPdfHeader(buf)) return 'polyglot';
  return verifyZipEntries(buf, zip.list);
}

/** Legacy Office (OLE2): a sane header, and no VBA project stream. */
function inspectOle(buf: Buffer): UploadRefusal | null {
  // a compound file is at least its 512-byte header: byte order FFFE, sectors of 512 or 4,096 bytes
  if (buf.length < 512 || buf.readUInt16LE(28) !== 0xfffe || ![9, 12].includes(buf.readUInt16LE(30))) return 'malformed';
  if (buf.includes(Buffer.from('_VBA_PROJECT', 'utf16le'))) return 'active_content';
  if (carriesPdfHeader(buf) || hasAppendedZip(buf)) return 'polyglot';
  return null;
}

const DEFAULT_ACCEPT: readonly SniffedType[] = Object.values(ALLOWED_TYPES);

/** Whether `buffer` may be kept: its sniffed type, or the reason it is refused. Nothing is written. */
export async function inspectUpload(buffer: Buffer, opts: InspectOptions): Promise<UploadInspection> {
  const refuse = (reason: UploadRefusal): UploadInspection => ({ ok: false, reason });
  if (buffer.length > opts.maxBytes) return refuse('too_large');
  if (opts.fileName !== undefined && hasDangerousName(opts.fileName)) return refuse('dangerous_name');
  const accept = opts.accept ?? DEFAULT_ACCEPT;
  const legacyOffice = accept.includes(LEGACY_OFFICE_TYPES.doc) || accept.includes(LEGACY_OFFICE_TYPES.xls);
  const mimeType = sniffType(buffer, { legacyOffice });
  if (!mimeType || !accept.includes(mimeType)) return refuse('type');
  let refusal: UploadRefusal | null = null;
  switch (mimeType) {
    case ALLOWED_TYPES.png:
    case ALLOWED_TYPES.jpeg:
      if (carriesPdfHeader(buffer) || hasAppendedZip(buffer)) return refuse('polyglot');
      return inspectImage(buffer, mimeType);
    case ALLOWED_TYPES.pdf:
      refusal = inspectPdf(buffer) ?? (hasAppendedZip(buffer) ? 'polyglot' : null);
      break;
    case ALLOWED_TYPES.docx:
    case ALLOWED_TYPES.xlsx:
      refusal = await inspectOfficeZip(buffer);
      break;
    case LEGACY_OFFICE_TYPES.doc:
    case LEGACY_OFFICE_TYPES.xls:
      refusal = inspectOle(buffer);
      break;
    case ALLOWED_TYPES.text:
      // a PDF header in a text file makes it a PDF to readers, unchecked (the name may say .pdf)
      if (carriesPdfHeader(buffer)) refusal = 'polyglot';
      break;
  }
  return refusal ? refuse(refusal) : { ok: true, mimeType };
}
