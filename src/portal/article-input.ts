/**
 * The article form's fields, validated once for the create and update use-cases: title, summary,
 * Markdown body, category, comma-separated tags and the cover's alternative text.
 */
import { z } from 'zod';
import { t } from '../platform/i18n';
import { normalizeText } from '../platform/text/fold';
import { optionalText, text } from '../platform/validation';

const uuidOrEmpty = z.preprocess((v) => (v === '' || v == null ? undefined : v), z.string().uuid(t('field.invalid')).optional());

export const articleInput = z.object({
  sectionUnitId: uuidOrEmpty,
  categoryId: uuidOrEmpty,
  title: text(300),
  summary: optionalText(1000),
  body: z
    .string()
    .max(100_000, t('field.tooLong', { max: 100_000 }))
    .transform((s) => s.normalize('NFC').replace(/\r\n/g, '\n'))
    .pipe(z.string().refine((s) => s.trim().length > 0, t('field.required'))),
  tags: z
    .string()
    .max(500, t('field.tooLong', { max: 500 }))
    .optional()
    .transform((s) =>
      [...new Set((s ?? '').split(',').map((x) => normalizeText(x)).filter(Boolean))].slice(0, 12).map((x) => x.slice(0, 60)),
    ),
  coverAlt: optionalText(300),
  removeCover: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});
export type ArticleInput = z.input<typeof articleInput>;
export type ParsedArticleInput = z.output<typeof articleInput>;
