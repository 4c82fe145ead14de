/** The monitoring dashboard page: headline numbers as linked cards, and tasks by group and status. */
import { ScrollRegion } from '../../org/views/common';
import { formatDateTime, formatNumber, t } from '../../platform/i18n';
import { TASK_STATUSES } from '../../monitoring/schema';
import type { MonitoringSummary } from '../monitoring-summary';

function Metric(props: { id: string; label: string; value: string; href?: string }) {
  return (
    <div class="card">
      <dt>{props.label}</dt>
      <dd class="stat-value" data-metric={props.id}>
        {props.href ? <a href={props.href}>{props.value}</a> : props.value}
      </dd>
    </div>
  );
}

export function DashboardPage(props: { summary: MonitoringSummary; scopeLabel: string; now: Date }) {
  const s = props.summary;
  const r = s.reports;
  const share = r.dueReported > 0 ? t('dashboard.onTimeShare', { share: Math.round((r.onTime / r.dueReported) * 100), onTime: formatNumber(r.onTime), due: formatNumber(r.dueReported) }) : t('dashboard.noneDue');
  return (
    <div>
      <div class="page-header">
        <h1>{t('dashboard.title')}</h1>
      </div>
      <p class="lead">
        {props.scopeLabel}. {t('dashboard.asOf', { time: formatDateTime(props.now) })}
      </p>
      <h2>{t('dashboard.headline')}</h2>
      <dl class="stat-cards">
        <Metric id="tasks" label={t('dashboard.metric.tasks')} value={formatNumber(s.tasks.total)} href="/tasks" />
        <Metric id="overdue" label={t('dashboard.metric.overdue')} value={formatNumber(s.overdue)} href="/tasks?overdue=true" />
        <Metric id="doneOnTime" label={t('dashboard.metric.doneOnTime')} value={formatNumber(s.tasks.byStatus.done_on_time)} href="/tasks?status=done_on_time" />
        <Metric id="awaitingReview" label={t('dashboard.metric.awaitingReview')} value={formatNumber(r.awaitingReview)} href="/reviews" />
        <Metric id="acceptedRecently" label={t('dashboard.metric.acceptedRecently')} value={formatNumber(r.acceptedRecently)} />
        <Metric id="reportOnTime" label={t('dashboard.metric.reportOnTime')} value={share} />
        <Metric id="openBottlenecks" label={t('dashboard.metric.openBottlenecks')} value={formatNumber(s.openBottlenecks)} href="/bottlenecks" />
      </dl>
      <h2 id="by-group">{t('dashboard.byGroup')}</h2>
      <ScrollRegion label={t('dashboard.byGroup')}>
        <table class="data-table">
          <caption class="visually-hidden">{t('dashboard.byGroup.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.col.group')}</th>
              {TASK_STATUSES.map((st) => (
                <th scope="col" class="numeric" key={st}>
                  {t(`task.status.${st}`)}
                </th>
              ))}
              <th scope="col" class="numeric">
                {t('dashboard.col.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.byGroup.map((g) => {
              const label = g.groupNumber ? t('dashboard.group.label', { number: g.groupNumber }) : t('dashboard.group.none');
              return (
                <tr key={g.groupNumber ?? ''}>
                  <th scope="row">{label}</th>
                  {TASK_STATUSES.map((st) => (
                    <td class="numeric" key={st}>
                      {g.byStatus[st] > 0 && g.groupNumber ? (
                        <a href={`/tasks?group=${encodeURIComponent(g.groupNumber)}&status=${st}`} aria-label={t('dashboard.link.tasks', { label: `${label}, ${t(`task.status.${st}`)}` })}>
                          {formatNumber(g.byStatus[st])}
                        </a>
                      ) : (
                        formatNumber(g.byStatus[st])
                      )}
                    </td>
                  ))}
                  <td class="numeric">{formatNumber(g.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
