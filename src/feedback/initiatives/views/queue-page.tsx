/** The initiative queue for experts and the standing office: pending or decided proposals. */
import { ScrollRegion } from '../../../org/views/common';
import { formatDate, formatNumber, t } from '../../../platform/i18n';
import type { initiativeQueue } from '../queries';

export function QueuePage(props: { rows: Awaited<ReturnType<typeof initiativeQueue>>; decided: boolean }) {
  return (
    <div>
      <h1>{t('initiative.queue.title')}</h1>
      <p class="lead">{t('initiative.queue.lead')}</p>
      <nav aria-label={t('initiative.queue.show')}>
        <ul class="inline-list">
          <li>
            <a href="/initiatives" aria-current={props.decided ? undefined : 'page'}>
              {t('initiative.queue.pending')}
            </a>
          </li>
          <li>
            <a href="/initiatives?show=decided" aria-current={props.decided ? 'page' : undefined}>
              {t('initiative.queue.decided')}
            </a>
          </li>
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p class="notice notice-info">{t('initiative.queue.empty')}</p>
      ) : (
        <ScrollRegion label={t('initiative.queue.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('pub.answers.q')}</th>
                <th scope="col">{t('initiative.queue.received')}</th>
                <th scope="col" class="numeric">
                  {t('initiative.queue.reviews')}
                </th>
                <th scope="col" class="numeric">
                  {t('initiative.queue.average')}
                </th>
                <th scope="col">{t('initiative.queue.myReview')}</th>
                <th scope="col">{t('initiative.queue.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <a href={`/initiatives/${encodeURIComponent(r.code)}`}>
                      <span class="mono">{r.code}</span> {r.title}
                    </a>
                    <br />
                    <span class="muted">
                      {t(`feedback.kind.${r.kind}`)}
                      {r.topicName ? ` · ${r.topicName}` : ''}
                    </span>
                  </th>
                  <td>{formatDate(r.createdAt)}</td>
                  <td class="numeric">{formatNumber(r.reviews)}</td>
                  <td class="numeric">{r.average == null ? '—' : formatNumber(Number(r.average))}</td>
                  <td>
                    <span class={r.mine ? 'chip chip-success' : 'chip chip-neutral'}>{r.mine ? t('initiative.queue.reviewed') : t('initiative.queue.notReviewed')}</span>
                  </td>
                  <td>{r.decision ? t(`feedback.decision.${r.decision}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
