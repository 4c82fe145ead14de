/**
 * Content-addressed file storage under `<dataDir>/files`: the bytes are kept once per sha256, at
 * `ab/cd/<hash>`, written to a temporary file and renamed into place so a reader never sees half a
 * file. The `stored_file` row records size, sniffed type and the first upload's name.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { t } from '../i18n';
import type { storedFile } from './schema';
import { sniffType } from './sniff';

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

/** Checks size and type; returns the sniffed type or throws a Vietnamese VALIDATION_FAILED for `field`. */
export function checkUpload(upload: Upload, field = 'files') {
  if (upload.buffer.length > MAX_FILE_BYTES) {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { [field]: t('files.tooLarge', { name: upload.fileName, max: 20 }) });
  }
  const mimeType = sniffType(upload.buffer);
  if (!mimeType) {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { [field]: t('files.typeRefused', { name: upload.fileName }) });
  }
  return mimeType;
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
