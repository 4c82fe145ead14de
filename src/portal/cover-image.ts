/**
 * Article cover images: an upload must be a sound PNG or JPEG (inspect-upload.ts), is decoded and
 * re-encoded with sharp (metadata such as EXIF/GPS dropped, orientation applied, at most 2400 px),
 * and stored once in the content-addressed file store. Responsive variants (480/960/1440 px wide,
 * WebP and JPEG) are made on first request from that master and cached under
 * `<dataDir>/portal-images`, so every later request is a plain file read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../platform/errors';
import { MAX_IMAGE_PIXELS } from '../platform/files/inspect-upload';
import { ALLOWED_TYPES } from '../platform/files/sniff';
import { type Upload, type UploadRules, checkUpload, pathForHash } from '../platform/files/store';
import { t } from '../platform/i18n';

export const COVER_WIDTHS = [480, 960, 1440] as const;
export type CoverWidth = (typeof COVER_WIDTHS)[number];
export const COVER_FORMATS = ['webp', 'jpg'] as const;
export type CoverFormat = (typeof COVER_FORMATS)[number];
const MAX_SIDE = 2400;
const COVER_RULES: UploadRules = {
  accept: [ALLOWED_TYPES.png, ALLOWED_TYPES.jpeg],
  maxBytes: 10 * 1024 * 1024,
  typeMessage: 'portal.cover.type',
  tooLargeMessage: 'portal.cover.tooLarge',
};

export interface CleanCover {
  buffer: Buffer;
  width: number;
  height: number;
}

/** Checks (inspect-upload.ts) and re-encodes an uploaded cover; throws a Vietnamese field error for `cover`. */
export async function cleanCover(upload: Upload): Promise<CleanCover> {
  await checkUpload(upload, 'cover', COVER_RULES);
  try {
    const image = sharp(upload.buffer, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const { data, info } = await image
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 88, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { buffer: data, width: info.width, height: info.height };
  } catch {
    throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { cover: t('files.malformed', { name: upload.fileName }) });
  }
}

function variantPath(dataDir: string, hash: string, width: CoverWidth, format: CoverFormat) {
  return path.join(dataDir, 'portal-images', hash.slice(0, 2), `${hash}-${width}.${format}`);
}

/** The path of a cached variant, made from the stored master the first time it is asked for. */
export async function coverVariant(dataDir: string, hash: string, width: CoverWidth, format: CoverFormat): Promise<string | null> {
  const target = variantPath(dataDir, hash, width, format);
  if (fs.existsSync(target)) return target;
  const master = pathForHash(dataDir, hash);
  if (!fs.existsSync(master)) return null;
  const pipeline = sharp(master).resize({ width, withoutEnlargement: true });
  const data = format === 'webp' ? await pipeline.webp({ quality: 80 }).toBuffer() : await pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.promises.writeFile(temp, data);
  await fs.promises.rename(temp, target);
  return target;
}

/** srcset for one format: "/media/<hash>/480.webp 480w, …" (no wider than the master). */
export function coverSrcset(hash: string, masterWidth: number, format: CoverFormat): string {
  const widths = COVER_WIDTHS.filter((w, i) => i === 0 || w <= masterWidth);
  return widths.map((w) => `/media/${hash}/${w}.${format} ${Math.min(w, masterWidth)}w`).join(', ');
}
