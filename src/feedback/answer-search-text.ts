/**
 * A published answer becomes findable by adding its folded text to the case's search column,
 * which the trigram index serves: public search then never folds a million answers per query.
 */
import { type SQL, sql } from 'drizzle-orm';
import { foldText } from '../platform/text/fold';
import { feedbackSubmission } from './schema';

export function searchTextWithAnswer(answer: string): SQL<string> {
  return sql<string>`${feedbackSubmission.searchText} || ' ' || ${foldText(answer)}::text`;
}
