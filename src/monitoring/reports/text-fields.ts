/**
 * Multi-line text fields (what was done, obstacles, proposals, comments): NFC, trimmed, line
 * endings unified and spaces inside a line collapsed, but paragraphs kept.
 */
import { z } from 'zod';
import { t } from '../../platform/i18n';

export function normalizeMultiline(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const longText = (max: number) =>
  z
    .string()
    .transform(normalizeMultiline)
    .pipe(z.string().min(1, t('field.required')).max(max, t('field.tooLong', { max })));

export const optionalLongText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s == null ? undefined : normalizeMultiline(s) || undefined))
    .pipe(z.string().max(max, t('field.tooLong', { max })).optional());
