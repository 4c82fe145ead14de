/**
 * Content-addressed file storage under `<dataDir>/files`: the bytes are kept once per sha256, at
 * `ab/cd/<hash>`, written to a temporary file and renamed into place so a reader never sees half a
 * file. The `stored_file` row records size, sniffed type and the first upload's name.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { type MessageKey, t } from '../i18n';
import { MAX_IMAGE_PIXELS, type UploadInspection, inspectUpload } from './inspect-upload';
import type { storedFile } from './schema';
import type { SniffedType } from './sniff';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export type StoredFile = typeof storedFile.$inferSelect;

export function filesRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/** Where the bytes of `hash` live. */
export function pathForHash(dataDir: string, hash: string): string {
  if (!HASH_PATTERN.test(hash)) throw new Error('invalid file hash');
  return path.join(filesRoot(dataDir), hash.slice(0, 2), hash.slice(2, 4), hash);
}

/** A file name safe to show and to send back: NFC, no path, no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001F\u007F"]/g, '').trim().slice(0, 200);
  return cleaned || 'tep-tin';
}

export interface Upload {
  fieldName: string;
  fileName: string;
  buffer: Buffer;
}

/** What one upload path takes, and its own wording where a form names its accepted kinds. */
export interface UploadRules {
  /** the kinds this path takes (default: every accepted kind) */
  accept?: readonly SniffedType[];
  /** default MAX_FILE_BYTES */
  maxBytes?: number;
  /** message for a refused type, with {name} (default files.typeRefused) */
  typeMessage?: MessageKey;
  /** message for an oversize file, with {name} and {max} in MB (default files.tooLarge) */
  tooLargeMessage?: MessageKey;
}

const REFUSAL_MESSAGES = {
  dangerous_name: 'files.dangerousName',
  zip_bomb: 'files.zipBomb',
  polyglot: 'files.polyglot',
  active_content: 'files.activeContent',
  malformed: 'files.malformed',
} as const satisfies Record<string, MessageKey>;

/** The Vietnamese sentence naming the file and why it was refused. */
export function refusalMessage(refused: Extract<UploadInspection, { ok: false }>, fileName: string, rules: UploadRules = {}): string {
  const name = cleanFileName(fileName);
  switch (refused.reason) {
    case 'too_large':
      return t(rules.tooLargeMessage ?? 'files.tooLarge', { name, max: Math.round((rules.maxBytes ?? MAX_FILE_BYTES) / 1024 / 1024) });
    case 'type':
      return t(rules.typeMessage ?? 'files.typeRefused', { name });
    case 'image_too_large':
      return t('files.imageTooLarge', { name, width: refused.image?.width ?? 0, height: refused.image?.height ?? 0, max: MAX_IMAGE_PIXELS / 1_000_000 });
    default:
      return t(REFUSAL_MESSAGES[refused.reason], { name });
  }
}

/**
 * Inspects an upload (inspect-upload.ts) and returns its sniffed type, or throws a Vietnamese
 * VALIDATION_FAILED for `field`. Call it for every file before writing any of them.
 */
export async function checkUpload(upload: Upload, field = 'files', rules: UploadRules = {}): Promise<SniffedType> {
  const maxBytes = rules.maxBytes ?? MAX_FILE_BYTES;
  const inspection = await inspectUpload(upload.buffer, { fileName: upload.fileName, accept: rules.accept, maxBytes });
  if (inspection.ok) return inspection.mimeType;
  throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { [field]: refusalMessage(inspection, upload.fileName, { ...rules, maxBytes }) });
}

/** Writes the bytes to disk (once per hash). Safe to call outside a transaction: an unused file is harmless. */
export async function writeBlob(dataDir: string, buffer: Buffer): Promise<string> {
  const hash = createHash('sha256').update(buffer).digest('hex');
  const target = pathForHash(dataDir, hash);
  if (fs.existsSync(target)) return hash;
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.promises.open(temp, 'wx', 0o640);
  try {
    await handle.writeFile(buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, target);
  return hash;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
