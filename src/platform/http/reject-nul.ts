/**
 * PostgreSQL cannot hold U+0000 in text or JSON, so a NUL character in any input is never valid
 * data; left alone it reaches a query (a look-up code, a rate-limit key, a search term, a path
 * parameter) and comes back as a 500. Every request is checked once, after parsing (multipart
 * fields included) and before any handler, and refused with a 400 and the usual Vietnamese message.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

const MAX_DEPTH = 64;

export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return false;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000') || containsNul(v, depth + 1)) return true;
  }
  return false;
}

export function rejectNul(req: FastifyRequest): void {
  if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) throw AppError.of('BAD_REQUEST', 'error.badRequest');
}
