/** The weekly briefing page: headline counts, the four sections as dense tables, downloads. */
import { ScrollRegion } from '../../../org/views/common';
import { formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n';
import { Field } from '../../../web/components/forms';
import { formatIsoDate } from '../../dates';
import { TimelinessChip, BottleneckStatusChip } from '../../reports/views/common';
import { TaskStatusChip } from '../../views/common';
import type { Briefing } from '../build-briefing';
import { briefingRows, briefingScopeLabel } from '../sections';

function Truncated(props: { shown: number; total: number }) {
  if (props.total <= props.shown) return null;
  return <p class="notice notice-info">{t('briefing.truncated', { shown: formatNumber(props.shown), total: formatNumber(props.total) })}</p>;
}

export function BriefingPage(props: { briefing: Briefing; unitCode: string }) {
  const b = props.briefing;
  const rows = briefingRows(b);
  const qs = props.unitCode ? `?unit=${encodeURIComponent(props.unitCode)}` : '';
  const overdueShown = b.overdueByUnit.reduce((n, g) => n + g.tasks.length, 0);
  return (
    <div>
      <div class="page-header">
        <h1>{t('briefing.heading', { week: b.weekLabel })}</h1>
      </div>
      <p class="lead">
        {t('briefing.scope', { scope: briefingScopeLabel(b) })}. {t('briefing.generatedAt', { time: formatDateTime(b.generatedAt) })}.
      </p>
      <form method="get" action="/briefing" class="search-form" aria-label={t('briefing.unit.label')}>
        <Field name="unit" label={t('briefing.unit.label')} hint={t('briefing.unit.hint')} value={props.unitCode} maxLength={40} />
        <button type="submit" class="button button-secondary">
          {t('briefing.unit.submit')}
        </button>
      </form>
      <div class="form-actions">
        <a class="button button-secondary" href={`/briefing.pdf${qs}`} download>
          {t('briefing.downloadPdf')}
        </a>
        <a class="button button-secondary" href={`/briefing.xlsx${qs}`} download>
          {t('briefing.downloadXlsx')}
        </a>
      </div>

      <h2>{t('briefing.counts')}</h2>
      <dl class="summary-list">
        {rows.counts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('briefing.section.overdue')}</h2>
      {b.overdueByUnit.length === 0 ? <p>{t('briefing.empty.overdue')}</p> : null}
      <Truncated shown={overdueShown} total={b.counts.overdue} />
      {b.overdueByUnit.map((g) => (
        <section key={g.unitCode ?? ''} aria-label={g.unitName}>
          <h3>{t('briefing.unitTasks', { unit: g.unitName, count: formatNumber(g.tasks.length) })}</h3>
          <ScrollRegion label={g.unitName}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('briefing.col.task')}</th>
                  <th scope="col">{t('briefing.col.deadline')}</th>
                  <th scope="col" class="numeric">
                    {t('briefing.col.daysOverdue')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('briefing.col.percent')}
                  </th>
                  <th scope="col">{t('briefing.col.status')}</th>
                  <th scope="col">{t('briefing.col.responsible')}</th>
                </tr>
              </thead>
              <tbody>
                {g.tasks.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <a href={`/tasks/${x.id}`}>{x.code}</a> {x.title}
                    </td>
                    <td>{formatIsoDate(x.deadline)}</td>
                    <td class="numeric">{formatNumber(x.daysOverdue)}</td>
                    <td class="numeric">{x.percentDone}%</td>
                    <td>
                      <TaskStatusChip status={x.status} />
                    </td>
                    <td>{x.responsible ?? t('briefing.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}

      <h2>{t('briefing.section.dueSoon', { date: formatIsoDate(b.dueSoonUntil) })}</h2>
      {b.dueSoon.length === 0 ? (
        <p>{t('briefing.empty.dueSoon')}</p>
      ) : (
        <ScrollRegion label={t('briefing.sheet.dueSoon')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('briefing.col.task')}</th>
                <th scope="col">{t('briefing.col.unit')}</th>
                <th scope="col">{t('briefing.col.deadline')}</th>
                <th scope="col" class="numeric">
                  {t('briefing.col.daysLeft')}
                </th>
                <th scope="col">{t('briefing.col.status')}</th>
                <th scope="col" class="numeric">
                  {t('briefing.col.percent')}
                </th>
                <th scope="col">{t('briefing.col.responsible')}</th>
              </tr>
            </thead>
            <tbody>
              {b.dueSoon.map((x) => (
                <tr key={x.id}>
                  <td>
                    <a href={`/tasks/${x.id}`}>{x.code}</a> {x.title}
                  </td>
                  <td>{x.unitName}</td>
                  <td>{formatIsoDate(x.deadline)}</td>
                  <td class="numeric">{formatNumber(x.daysLeft)}</td>
                  <td>
                    <TaskStatusChip status={x.status} />
                  </td>
                  <td class="numeric">{x.percentDone}%</td>
                  <td>{x.responsible ?? t('briefing.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Truncated shown={b.dueSoon.length} total={b.counts.dueSoon} />

      <h2>{t('briefing.section.awaitingReview')}</h2>
      {b.awaitingReview.length === 0 ? (
        <p>{t('briefing.empty.awaitingReview')}</p>
      ) : (
        <ScrollRegion label={t('briefing.sheet.awaitingReview')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('briefing.col.task')}</th>
                <th scope="col">{t('briefing.col.reportingUnit')}</th>
                <th scope="col">{t('briefing.col.period')}</th>
                <th scope="col">{t('briefing.col.submittedAt')}</th>
                <th scope="col">{t('briefing.col.timeliness')}</th>
                <th scope="col" class="numeric">
                  {t('briefing.col.daysWaiting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.awaitingReview.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/reports/${r.id}`}>{r.taskCode}</a> {r.taskTitle}
                  </td>
                  <td>{r.unitName}</td>
                  <td>{r.period}</td>
                  <td>{r.submittedAt}</td>
                  <td>
                    <TimelinessChip onTime={r.onTime} />
                  </td>
                  <td class="numeric">{formatNumber(r.daysWaiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Truncated shown={b.awaitingReview.length} total={b.counts.awaitingReview} />

      <h2>{t('briefing.section.newBottlenecks', { date: formatDate(b.newSince) })}</h2>
      {b.newBottlenecks.length === 0 ? (
        <p>{t('briefing.empty.newBottlenecks')}</p>
      ) : (
        <ScrollRegion label={t('briefing.sheet.newBottlenecks')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('briefing.col.bottleneck')}</th>
                <th scope="col">{t('briefing.col.ownerUnit')}</th>
                <th scope="col">{t('briefing.col.task')}</th>
                <th scope="col">{t('briefing.col.raisedAt')}</th>
                <th scope="col">{t('briefing.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {b.newBottlenecks.map((r) => (
                <tr key={r.id}>
                  <td>{r.title}</td>
                  <td>{r.ownerUnitName}</td>
                  <td>{r.taskId && r.taskCode ? <a href={`/tasks/${r.taskId}`}>{r.taskCode}</a> : t('briefing.none')}</td>
                  <td>{formatDate(r.createdAt)}</td>
                  <td>
                    <BottleneckStatusChip status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Truncated shown={b.newBottlenecks.length} total={b.counts.newBottlenecks} />
    </div>
  );
}
