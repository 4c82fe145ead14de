/**
 * Multipart forms (file uploads) for one encapsulated route scope. The parts are read in a
 * preValidation hook: text fields become `req.body` (so the global CSRF check sees `_csrf`),
 * files go to `req.uploads`. The CSRF token must come before any file (forms put it first), and it
 * is checked here, against the cookie, before a single file byte is buffered.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_COOKIE } from '../auth/sessions';
import { safeEqual } from '../auth/tokens';
import { AppError } from '../errors';
import { MAX_FILE_BYTES, type Upload, cleanFileName } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    uploads?: Upload[];
  }
}

const LIMITS = { fileSize: MAX_FILE_BYTES, files: 10, fields: 60, fieldSize: 64 * 1024, parts: 80 };
/** all files of one request together */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function csrfMatches(req: FastifyRequest, sent: string): boolean {
  const cookie = req.cookies[CSRF_COOKIE];
  return !!cookie && !!sent && safeEqual(cookie, sent);
}

export async function enableMultipart(scoped: FastifyInstance) {
  await scoped.register(multipart, { limits: LIMITS, throwFileSizeLimit: true });
  scoped.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    const bearer = !!req.headers.authorization;
    const fields: Record<string, string | string[]> = {};
    const uploads: Upload[] = [];
    let csrfChecked = bearer;
    let total = 0;
    try {
      for await (const part of req.parts()) {
        if (!csrfChecked) {
          // The first part must be the token; nothing else is read from a forged request.
          if (part.type !== 'field' || part.fieldname !== '_csrf' || !csrfMatches(req, String(part.value))) {
            throw AppError.of('CSRF_FAILED', 'error.csrf');
          }
          csrfChecked = true;
        }
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          total += buffer.length;
          if (total > MAX_UPLOAD_BYTES) throw AppError.of('PAYLOAD_TOO_LARGE', 'files.totalTooLarge', { max: 50 });
          if (!part.filename && buffer.length === 0) continue; // an empty file input
          uploads.push({ fieldName: part.fieldname, fileName: cleanFileName(part.filename), buffer });
        } else {
          const value = String(part.value ?? '');
          const prev = fields[part.fieldname];
          fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
        }
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as { code?: string }).code ?? '';
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw AppError.of('PAYLOAD_TOO_LARGE', 'files.uploadTooLarge', { max: 20 });
      if (['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT'].includes(code)) throw AppError.of('PAYLOAD_TOO_LARGE', 'files.tooMany');
      throw AppError.of('BAD_REQUEST', 'files.badUpload');
    }
    if (!csrfChecked) throw AppError.of('CSRF_FAILED', 'error.csrf');
    req.body = fields;
    req.uploads = uploads;
  });
}
