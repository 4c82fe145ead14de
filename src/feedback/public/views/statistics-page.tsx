/** Public statistics: totals, by kind, topic and agency, and the 12-month trend, as tables and SVG bars. */
import { ScrollRegion } from '../../../org/views/common';
import { formatIsoDate } from '../../../monitoring/dates';
import { formatNumber, t } from '../../../platform/i18n';
import type { CountRow, FeedbackStatistics } from '../queries';
import { BarChart } from './bar-chart';

/** The open-data columns and their meaning (shown as the data dictionary). */
export const OPEN_DATA_FIELDS = ['code', 'kind', 'topic', 'topic_name', 'agency_codes', 'received_date', 'answered_date', 'answer_due_date', 'on_time', 'status', 'url'] as const;

function share(onTime: number, answered: number) {
  return answered ? `${formatNumber(Math.round((onTime / answered) * 1000) / 10)}%` : '—';
}

function CountTable(props: { id: string; title: string; head: string; rows: CountRow[]; assigned?: boolean }) {
  return (
    <ScrollRegion label={t('pub.stats.table', { title: props.title })}>
      <table class="data-table" id={props.id}>
        <caption class="visually-hidden">{t('pub.stats.table', { title: props.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col" class="numeric">
              {props.assigned ? t('pub.stats.assigned') : t('pub.stats.received')}
            </th>
            <th scope="col" class="numeric">
              {t('pub.stats.answered')}
            </th>
            <th scope="col" class="numeric">
              {t('pub.stats.onTime')}
            </th>
            <th scope="col" class="numeric">
              {t('pub.stats.onTimeShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label ?? r.key}</th>
              <td class="numeric">{formatNumber(r.received)}</td>
              <td class="numeric">{formatNumber(r.answered)}</td>
              <td class="numeric">{formatNumber(r.onTime)}</td>
              <td class="numeric">{share(r.onTime, r.answered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Block(props: { id: string; title: string; head: string; rows: CountRow[]; assigned?: boolean }) {
  return (
    <section aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      <BarChart id={`${props.id}-chart`} title={props.title} bars={props.rows.map((r) => ({ label: r.label ?? r.key, value: r.received }))} />
      {props.rows.length ? <CountTable {...props} /> : null}
    </section>
  );
}

function monthLabel(m: string) {
  return `${m.slice(5, 7)}/${m.slice(0, 4)}`;
}

export function StatisticsPage(props: { stats: FeedbackStatistics }) {
  const { stats } = props;
  const tot = stats.totals;
  const kinds = stats.byKind.map((r) => ({ ...r, label: t(`feedback.kind.${r.key as 'feedback'}`) }));
  const topics = stats.byTopic.map((r) => ({ ...r, label: r.label ?? t('pub.stats.noTopic') }));
  const cards: [string, string][] = [
    [t('pub.stats.received'), formatNumber(tot.received)],
    [t('pub.stats.answered'), formatNumber(tot.answered)],
    [t('pub.stats.onTime'), formatNumber(tot.onTime)],
    [t('pub.stats.onTimeShare'), tot.onTimeShare == null ? '—' : `${formatNumber(tot.onTimeShare)}%`],
    [t('pub.stats.open'), formatNumber(tot.open)],
    [t('pub.stats.overdue'), formatNumber(tot.overdue)],
  ];
  return (
    <div>
      <h1>{t('pub.stats.title')}</h1>
      <p class="lead">{t('pub.stats.lead', { date: formatIsoDate(stats.asOf) })}</p>
      <p>
        <a href="/feedback/answers">{t('pub.answers.title')}</a>
      </p>
      <section aria-labelledby="totals-h">
        <h2 id="totals-h">{t('pub.stats.totals')}</h2>
        <dl class="stat-cards">
          {cards.map(([label, value]) => (
            <div key={label} class="card">
              <dt>{label}</dt>
              <dd class="stat-value">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Block id="by-kind" title={t('pub.stats.byKind')} head={t('pub.stats.kind')} rows={kinds} />
      <Block id="by-topic" title={t('pub.stats.byTopic')} head={t('pub.stats.topic')} rows={topics} />
      <Block id="by-agency" title={t('pub.stats.byAgency')} head={t('pub.stats.agency')} rows={stats.byAgency} assigned />
      <section aria-labelledby="trend-h">
        <h2 id="trend-h">{t('pub.stats.trend')}</h2>
        <BarChart
          id="trend-chart"
          title={t('pub.stats.trend')}
          bars={stats.trend.map((m) => ({ label: monthLabel(m.month), value: m.received, note: `${formatNumber(m.answered)} ${t('pub.stats.answered').toLowerCase()}` }))}
        />
        <ScrollRegion label={t('pub.stats.table', { title: t('pub.stats.trend') })}>
          <table class="data-table" id="trend">
            <caption class="visually-hidden">{t('pub.stats.table', { title: t('pub.stats.trend') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pub.stats.month')}</th>
                <th scope="col" class="numeric">
                  {t('pub.stats.received')}
                </th>
                <th scope="col" class="numeric">
                  {t('pub.stats.answered')}
                </th>
                <th scope="col" class="numeric">
                  {t('pub.stats.onTime')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.trend.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  <td class="numeric">{formatNumber(m.received)}</td>
                  <td class="numeric">{formatNumber(m.answered)}</td>
                  <td class="numeric">{formatNumber(m.onTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="open-data-h">
        <h2 id="open-data-h">{t('pub.stats.openData')}</h2>
        <p>{t('pub.stats.openDataLead')}</p>
        <ul>
          <li>
            <a href="/open-data/feedback.csv">{t('pub.stats.csv')}</a>
          </li>
          <li>
            <a href="/open-data/feedback.json">{t('pub.stats.json')}</a>
          </li>
          <li>
            <a href="/api/v1/public/feedback-stats">{t('pub.stats.apiJson')}</a>
          </li>
        </ul>
        <h3>{t('pub.stats.dictionary')}</h3>
        <ScrollRegion label={t('pub.stats.dictionary')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('pub.stats.field')}</th>
                <th scope="col">{t('pub.stats.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {OPEN_DATA_FIELDS.map((f) => (
                <tr key={f}>
                  <th scope="row" class="mono">
                    {f}
                  </th>
                  <td>{t(`pub.dict.${f}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </div>
  );
}
