/**
 * Zod at the boundary: turns Zod issues into Vietnamese per-field messages, so every form and
 * API endpoint reports bad input the same way.
 */
import { z } from 'zod';
import { validationFailed, type FieldErrors } from './errors';
import { t } from './i18n';
import { normalizeText } from './text/fold';

export function issuesToFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (fields[key]) continue;
    fields[key] = issueMessage(issue);
  }
  return fields;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  // Schemas may carry a Vietnamese message already (set with { message }).
  if (issue.message && !/^(Invalid|Too|Expected|Unrecognized|String must|Number must|Required)/.test(issue.message)) {
    return issue.message;
  }
  switch (issue.code) {
    case 'too_small':
      return (issue as any).minimum === 1 && (issue as any).origin === 'string'
        ? t('field.required')
        : t('field.tooShort', { min: Number((issue as any).minimum) });
    case 'too_big':
      return t('field.tooLong', { max: Number((issue as any).maximum) });
    case 'invalid_format':
      return (issue as any).format === 'email' ? t('field.email') : t('field.invalid');
    case 'invalid_value':
      return t('field.choose');
    case 'invalid_type':
      return (issue as any).input === undefined ? t('field.required') : t('field.invalid');
    default:
      return t('field.invalid');
  }
}

/** Parses or throws VALIDATION_FAILED with per-field Vietnamese messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationFailed(issuesToFields(r.error));
  return r.data;
}

/** A required, NFC-normalised, trimmed text field. */
export const text = (max = 500) =>
  z
    .string()
    .transform((s) => normalizeText(s))
    .pipe(z.string().min(1, t('field.required')).max(max, t('field.tooLong', { max })));

export const optionalText = (max = 500) =>
  z
    .string()
    .optional()
    .transform((s) => (s == null ? undefined : normalizeText(s) || undefined))
    .pipe(z.string().max(max, t('field.tooLong', { max })).optional());

export const email = () =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim().toLowerCase())
    .pipe(z.string().min(1, t('field.required')).max(254, t('field.tooLong', { max: 254 })).email(t('field.email')));
