/** The searchable list of published answers, with filters and page links; works without script. */
import { hrefWith } from '../../../org/views/common';
import { formatDate, formatNumber, t } from '../../../platform/i18n';
import { SUBMISSION_KINDS } from '../../schema';
import type { AnswerFilters, answerFilterOptions, listPublishedCases } from '../queries';

export interface AnswersPageProps {
  filters: AnswerFilters;
  /** raw values as typed, to keep them in the form */
  raw: Record<string, string>;
  options: Awaited<ReturnType<typeof answerFilterOptions>>;
  result: Awaited<ReturnType<typeof listPublishedCases>>;
  page: number;
  pageSize: number;
  error?: string | null;
}

function Select(props: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{t('pub.answers.all')}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function AnswersPage(props: AnswersPageProps) {
  const { raw, result, page, pageSize } = props;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const link = (p: number) => hrefWith('/feedback/answers', { ...raw, page: p > 1 ? String(p) : null });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return (
    <div>
      <h1>{t('pub.answers.title')}</h1>
      <p class="lead">{t('pub.answers.lead')}</p>
      <p>
        <a href="/feedback/statistics">{t('pub.stats.title')}</a>
      </p>
      <form method="get" action="/feedback/answers" class="search-form card" aria-label={t('pub.answers.search')}>
        {props.error ? (
          <p class="error-message" role="alert">
            {props.error}
          </p>
        ) : null}
        <div class="field">
          <label for="f-q">{t('pub.answers.q')}</label>
          <p class="hint" id="f-q-hint">
            {t('pub.answers.searchHint')}
          </p>
          <input id="f-q" name="q" type="search" value={raw.q ?? ''} maxLength={200} aria-describedby="f-q-hint" />
        </div>
        <div class="grid-2">
          <Select name="kind" label={t('pub.answers.kind')} value={raw.kind ?? ''} options={SUBMISSION_KINDS.map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))} />
          <Select name="topic" label={t('pub.answers.topic')} value={raw.topic ?? ''} options={props.options.topics.map((x) => ({ value: x.code, label: x.name }))} />
          <Select name="agency" label={t('pub.answers.agency')} value={raw.agency ?? ''} options={props.options.agencies.map((x) => ({ value: x.code, label: x.name }))} />
          <Select name="year" label={t('pub.answers.year')} value={raw.year ?? ''} options={years.map((y) => ({ value: y, label: y }))} />
        </div>
        <div class="form-actions">
          <button type="submit">{t('pub.answers.filter')}</button>
        </div>
      </form>
      <p aria-live="polite">{t('pub.answers.count', { count: formatNumber(result.total) })}</p>
      {result.rows.length === 0 ? (
        <p class="notice notice-info">{t('pub.answers.empty')}</p>
      ) : (
        <ul class="plain-list answer-list">
          {result.rows.map((r) => (
            <li key={r.code} class="card">
              <h2 class="answer-title">
                <a href={`/feedback/answers/${encodeURIComponent(r.code)}`}>{r.title}</a>
              </h2>
              <p class="muted">
                <span class="mono">{r.code}</span> · <span class="chip chip-neutral">{t(`feedback.kind.${r.kind}`)}</span>
                {r.topicName ? ` · ${r.topicName}` : ''}
              </p>
              <dl class="summary-list">
                {r.agencies.length ? (
                  <div>
                    <dt>{t('pub.answers.agency')}</dt>
                    <dd>{r.agencies.map((a) => a.name).join('; ')}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('pub.answers.receivedOn')}</dt>
                  <dd>{formatDate(r.createdAt)}</dd>
                </div>
                {r.answeredAt ? (
                  <div>
                    <dt>{t('pub.answers.answeredOn')}</dt>
                    <dd>{formatDate(r.answeredAt)}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label={t('pub.answers.pager')}>
          <ul>
            {page > 1 ? (
              <li>
                <a href={link(page - 1)} rel="prev">
                  {t('pub.answers.prev')}
                </a>
              </li>
            ) : null}
            <li>
              <span aria-current="page">{t('pub.answers.page', { page })}</span>
            </li>
            {page < pages ? (
              <li>
                <a href={link(page + 1)} rel="next">
                  {t('pub.answers.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
