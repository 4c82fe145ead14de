/**
 * The folded search columns of articles and documents: a title column (title matches rank first)
 * and a text column with everything searchable, both diacritic-free and lower-case.
 */
import { t } from '../platform/i18n';
import { foldText } from '../platform/text/fold';
import type { DocumentType } from './schema';
import { markdownToText } from './markdown';

export function articleSearchColumns(a: { title: string; summary: string; body: string; tags: string[] }) {
  return {
    searchTitle: foldText(a.title),
    searchText: foldText(`${a.title} ${a.summary} ${a.tags.join(' ')} ${markdownToText(a.body)}`),
  };
}

/** The type's name leads ("Nghị quyết 57-NQ/TW …"), as people cite documents. */
export function documentSearchColumns(d: { number: string; docType: DocumentType; title: string; issuer: string; summary: string }) {
  const type = t(`portal.docType.${d.docType}`);
  return {
    searchTitle: foldText(`${type} ${d.number} ${d.title}`),
    searchText: foldText(`${type} ${d.number} ${d.title} ${d.issuer} ${d.summary}`),
  };
}
