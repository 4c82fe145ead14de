/**
 * Typed application errors. Use-cases throw these; the HTTP layer turns them into the JSON error
 * shape `{ error: { code, message, fields } }` or an HTML page, with the right 4xx status.
 */
import { type MessageKey, t } from './i18n';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 423,
  CSRF_FAILED: 403,
  SECOND_FACTOR_REQUIRED: 403,
  INTERNAL: 500,
  NOT_READY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** field name → Vietnamese message */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  static of(code: ErrorCode, key: MessageKey, params?: Record<string, string | number>, fields?: FieldErrors): AppError {
    return new AppError(code, t(key, params), fields);
  }
}

export const notFound = () => AppError.of('NOT_FOUND', 'error.notFound');
export const forbidden = () => AppError.of('FORBIDDEN', 'error.forbidden');
export const unauthenticated = () => AppError.of('UNAUTHENTICATED', 'error.unauthenticated');
export const validationFailed = (fields: FieldErrors) => AppError.of('VALIDATION_FAILED', 'error.validation', undefined, fields);
