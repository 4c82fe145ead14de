/**
 * Files sent with a case or a reply: at most five, 10 MB each, of the accepted kinds (PDF,
 * DOC/DOCX, XLS/XLSX, JPEG, PNG). Each is inspected by the platform (inspect-upload.ts: type from
 * the bytes, zip bombs, polyglots, active content, malformed or oversized images); photos are then
 * re-encoded (auto-rotated first) so no EXIF, GPS or XMP metadata is kept. Every file is checked
 * before any is written.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Executor } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { MAX_IMAGE_PIXELS } from '../../platform/files/inspect-upload';
import { storedFile } from '../../platform/files/schema';
import { ALLOWED_TYPES, LEGACY_OFFICE_TYPES, type SniffedType } from '../../platform/files/sniff';
import { type Upload, type UploadRules, checkUpload, cleanFileName, writeBlob } from '../../platform/files/store';

export const MAX_FEEDBACK_FILES = 5;
export const MAX_FEEDBACK_FILE_MB = 10;

const RULES: UploadRules = {
  accept: [ALLOWED_TYPES.pdf, ALLOWED_TYPES.png, ALLOWED_TYPES.jpeg, ALLOWED_TYPES.docx, ALLOWED_TYPES.xlsx, LEGACY_OFFICE_TYPES.doc, LEGACY_OFFICE_TYPES.xls],
  maxBytes: MAX_FEEDBACK_FILE_MB * 1024 * 1024,
  typeMessage: 'intake.error.fileType',
};

export interface PreparedFile {
  hash: string;
  size: number;
  mimeType: string;
  fileName: string;
}

const refuse = (message: string) => AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { files: message });

/** Image bytes decoded and written again: rotation applied, no metadata carried over. */
async function reencode(buffer: Buffer, mimeType: SniffedType, name: string): Promise<Buffer> {
  try {
    const img = sharp(buffer, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    return mimeType === ALLOWED_TYPES.png ? await img.png().toBuffer() : await img.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
  } catch {
    throw refuse(t('files.malformed', { name }));
  }
}

/** Checks every upload, then writes the accepted bytes to the store. Throws VALIDATION_FAILED on `files`. */
export async function prepareAttachments(dataDir: string, uploads: Upload[]): Promise<PreparedFile[]> {
  if (uploads.length > MAX_FEEDBACK_FILES) throw refuse(t('intake.error.fileCount', { max: MAX_FEEDBACK_FILES }));
  const checked: { buffer: Buffer; mimeType: string; fileName: string }[] = [];
  for (const u of uploads) {
    const fileName = cleanFileName(u.fileName);
    const mimeType = await checkUpload(u, 'files', RULES);
    const buffer = mimeType === ALLOWED_TYPES.png || mimeType === ALLOWED_TYPES.jpeg ? await reencode(u.buffer, mimeType, fileName) : u.buffer;
    checked.push({ buffer, mimeType, fileName });
  }
  const prepared: PreparedFile[] = [];
  for (const c of checked) prepared.push({ hash: await writeBlob(dataDir, c.buffer), size: c.buffer.length, mimeType: c.mimeType, fileName: c.fileName });
  return prepared;
}

/** The `stored_file` rows of prepared files (one per content), in the caller's transaction. */
export async function insertStoredFiles(tx: Executor, files: PreparedFile[], uploadedBy: string | null): Promise<{ fileId: string; fileName: string }[]> {
  const out: { fileId: string; fileName: string }[] = [];
  for (const f of files) {
    await tx.insert(storedFile).values({ hash: f.hash, size: f.size, mimeType: f.mimeType, originalName: f.fileName, uploadedBy }).onConflictDoNothing();
    const [row] = await tx.select({ id: storedFile.id }).from(storedFile).where(eq(storedFile.hash, f.hash));
    if (!out.some((o) => o.fileId === row!.id)) out.push({ fileId: row!.id, fileName: f.fileName });
  }
  return out;
}
