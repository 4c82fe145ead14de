/** The case lists: tabs (triage queue, my unit, assigned to me, awaiting my approval, all), filters, paging. */
import { t } from '../../../platform/i18n';
import { SUBMISSION_KINDS, SUBMISSION_STATUSES } from '../../schema';
import type { CaseListRow, CaseTab } from '../queries';
import { CaseStatusChip, OverdueChip, dateTime, isoDate } from './common';

export interface CaseListFilters {
  tab: CaseTab;
  kind: string;
  topic: string;
  status: string;
  overdue: boolean;
  q: string;
}

export function casesHref(f: CaseListFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set('tab', f.tab);
  if (f.kind) params.set('kind', f.kind);
  if (f.topic) params.set('topic', f.topic);
  if (f.status) params.set('status', f.status);
  if (f.overdue) params.set('overdue', '1');
  if (f.q) params.set('q', f.q);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/cases?${params.toString()}`;
}

export function CasesListPage(props: {
  tabs: CaseTab[];
  filters: CaseListFilters;
  topics: { code: string; name: string }[];
  rows: CaseListRow[];
  nextHref: string | null;
  firstHref: string | null;
  errors?: Record<string, string> | null;
}) {
  const f = props.filters;
  return (
    <div>
      <div class="page-header">
        <h1>{t('cases.title')}</h1>
      </div>
      <nav aria-label={t('cases.tabs')}>
        <ul class="plain-list case-tabs">
          {props.tabs.map((tab) => (
            <li key={tab}>
              {tab === f.tab ? (
                <a href={casesHref({ ...f, tab })} aria-current="page">
                  <strong>{t(`cases.tab.${tab}`)}</strong>
                </a>
              ) : (
                <a href={casesHref({ tab, kind: '', topic: '', status: '', overdue: false, q: '' })}>{t(`cases.tab.${tab}`)}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/cases" class="search-form card" aria-labelledby="case-filter-title">
        <h2 id="case-filter-title">{t('cases.filter.title')}</h2>
        <input type="hidden" name="tab" value={f.tab} />
        <div class="field">
          <label for="f-q">{t('cases.filter.q')}</label>
          <input id="f-q" name="q" type="search" value={f.q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-kind">{t('cases.filter.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('cases.filter.any')}</option>
            {SUBMISSION_KINDS.map((k) => (
              <option key={k} value={k} selected={f.kind === k}>
                {t(`feedback.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-topic">{t('cases.filter.topic')}</label>
          <select id="f-topic" name="topic">
            <option value="">{t('cases.filter.any')}</option>
            {props.topics.map((tp) => (
              <option key={tp.code} value={tp.code} selected={f.topic === tp.code}>
                {tp.name}
              </option>
            ))}
          </select>
        </div>
        {f.tab !== 'triage' ? (
          <div class="field">
            <label for="f-status">{t('cases.filter.status')}</label>
            <select id="f-status" name="status">
              <option value="">{t('cases.filter.any')}</option>
              {SUBMISSION_STATUSES.map((s) => (
                <option key={s} value={s} selected={f.status === s}>
                  {t(`feedback.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label>
            <input type="checkbox" name="overdue" value="1" checked={f.overdue} /> {t('cases.filter.overdue')}
          </label>
        </div>
        <div class="form-actions">
          <button type="submit">{t('cases.filter.submit')}</button>
          <a href={casesHref({ tab: f.tab, kind: '', topic: '', status: '', overdue: false, q: '' })}>{t('cases.filter.clear')}</a>
        </div>
      </form>
      {props.errors ? (
        <div class="notice notice-warning" role="alert">
          {Object.values(props.errors).map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      {props.rows.length === 0 ? (
        <p class="muted">{t('cases.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <caption class="visually-hidden">{t(`cases.tab.${f.tab}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.col.code')}</th>
                <th scope="col">{t('cases.col.title')}</th>
                <th scope="col">{t('cases.col.kind')}</th>
                <th scope="col">{t('cases.col.status')}</th>
                <th scope="col">{t('cases.col.received')}</th>
                <th scope="col">{t('cases.col.due')}</th>
                <th scope="col">{t('cases.col.units')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  <td class="mono">
                    <a href={`/cases/${r.code}`}>{r.code}</a>
                  </td>
                  <td>
                    {r.title}
                    {r.topicName ? <div class="muted">{r.topicName}</div> : null}
                  </td>
                  <td>{t(`feedback.kind.${r.kind}`)}</td>
                  <td>
                    <CaseStatusChip status={r.status} />
                  </td>
                  <td>{dateTime(r.createdAt)}</td>
                  <td>
                    {r.status === 'received'
                      ? t('cases.dueForward', { date: isoDate(r.forwardDueOn) })
                      : r.answerDueOn
                        ? t('cases.dueAnswer', { date: isoDate(r.answerDueOn) })
                        : '—'}
                    {r.overdue ? (
                      <>
                        {' '}
                        <OverdueChip />
                      </>
                    ) : null}
                  </td>
                  <td>{r.units.map((u) => u.name).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextHref || props.firstHref ? (
        <nav class="pagination" aria-label={t('cases.paging')}>
          {props.firstHref ? <a href={props.firstHref}>{t('cases.first')}</a> : null}
          {props.nextHref ? <a href={props.nextHref}>{t('cases.next')}</a> : null}
        </nav>
      ) : null}
    </div>
  );
}
