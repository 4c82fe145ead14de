/** The user's saved filters on the task list, with the form that saves the current one. */
import type { FieldErrors } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm } from '../../../web/components/forms';
import type { SavedFilterRow } from '../queries';

export function SaveFilterForm(props: { csrfToken: string; query: string; name?: string; error?: string }) {
  return (
    <PostForm action="/tasks/filters" csrfToken={props.csrfToken} class="inline-form">
      <input type="hidden" name="query" value={props.query} />
      <Field name="filterName" label={t('savedFilter.name')} hint={t('savedFilter.nameHint')} value={props.name} error={props.error} maxLength={100} />
      <div class="form-actions">
        <button type="submit" class="button button-secondary">
          {t('savedFilter.save')}
        </button>
      </div>
    </PostForm>
  );
}

export function SavedFilters(props: { csrfToken: string; filters: SavedFilterRow[]; currentQuery: string }) {
  return (
    <section aria-labelledby="saved-filters-title" class="card">
      <h2 id="saved-filters-title">{t('savedFilter.title')}</h2>
      {props.filters.length === 0 ? (
        <p>{t('savedFilter.none')}</p>
      ) : (
        <ul class="plain-list">
          {props.filters.map((f) => (
            <li key={f.id}>
              <a href={f.query ? `/tasks?${f.query}` : '/tasks'}>{f.name}</a>{' '}
              <PostForm action={`/tasks/filters/${f.id}/delete`} csrfToken={props.csrfToken} class="inline-form">
                <button type="submit" class="button button-secondary button-small" aria-label={t('savedFilter.deleteLabel', { name: f.name })}>
                  {t('savedFilter.delete')}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      <SaveFilterForm csrfToken={props.csrfToken} query={props.currentQuery} />
    </section>
  );
}

/** Shown with status 400 when the name is missing or taken. */
export function SaveFilterPage(props: { csrfToken: string; query: string; name: string; errors: FieldErrors }) {
  return (
    <div>
      <h1>{t('savedFilter.saveTitle')}</h1>
      <ErrorSummary errors={props.errors} labels={{ filterName: t('savedFilter.name') }} />
      <SaveFilterForm csrfToken={props.csrfToken} query={props.query} name={props.name} error={props.errors.filterName} />
      <p>
        <a href={props.query ? `/tasks?${props.query}` : '/tasks'}>{t('savedFilter.back')}</a>
      </p>
    </div>
  );
}
