/** The review queue: submitted reports awaiting a decision, oldest first. */
import { formatDateTime, t } from '../../../platform/i18n';
import type { reviewQueue } from '../queries';
import { ScrollRegion } from '../../../org/views/common';
import { TimelinessChip } from './common';

type Row = Awaited<ReturnType<typeof reviewQueue>>[number];

export function ReviewsPage(props: { rows: Row[] }) {
  return (
    <div>
      <h1>{t('reviews.title')}</h1>
      <p class="lead">{t('reviews.lead')}</p>
      {props.rows.length === 0 ? (
        <p>{t('reviews.empty')}</p>
      ) : (
        <ScrollRegion label={t('reviews.table')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('report.page.task')}</th>
                <th scope="col">{t('report.page.unit')}</th>
                <th scope="col">{t('report.page.period')}</th>
                <th scope="col" class="numeric">
                  {t('report.field.percentDone')}
                </th>
                <th scope="col">{t('report.page.dueAt')}</th>
                <th scope="col">{t('report.page.submittedAt')}</th>
                <th scope="col">{t('report.page.timeliness')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/reports/${r.id}`} aria-label={`${t('reviews.open')}: ${r.taskCode}`}>
                      {r.taskCode}
                    </a>{' '}
                    {r.taskTitle}
                    {r.isFinal ? <span class="chip chip-neutral">{t('report.page.final')}</span> : null}
                  </td>
                  <td>{r.unitName}</td>
                  <td>
                    {r.periodLabel ?? t('report.field.kind.ad_hoc')}
                    {r.version > 1 ? <span class="muted"> ({t('report.page.version', { version: r.version })})</span> : null}
                  </td>
                  <td class="numeric">{r.percentDone}%</td>
                  <td>{r.dueAt ? formatDateTime(r.dueAt) : '—'}</td>
                  <td>{formatDateTime(r.submittedAt)}</td>
                  <td>
                    <TimelinessChip onTime={r.onTime} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
