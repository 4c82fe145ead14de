/** The public task list and task page: what the programme promised, who leads it, how far it is. */
import { ScrollRegion, SummaryRow } from '../../../org/views/common';
import { formatDateTime, formatNumber, t } from '../../../platform/i18n';
import { formatIsoDate } from '../../dates';
import { GROUP_NUMBERS, TASK_STATUSES, type TaskStatus } from '../../schema';
import { TaskStatusChip } from '../../views/common';
import type { findPublicTask, listPublicTasks } from '../queries';
import { PUBLIC_PAGE_SIZE } from '../queries';


type ListResult = Awaited<ReturnType<typeof listPublicTasks>>;

export function PublicTaskListPage(props: { result: ListResult; q: string; group: string; status: string; page: number }) {
  const { rows, total } = props.result;
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const link = (page: number) => {
    const qs = new URLSearchParams();
    if (props.q) qs.set('q', props.q);
    if (props.group) qs.set('group', props.group);
    if (props.status) qs.set('status', props.status);
    if (page > 1) qs.set('page', String(page));
    const s = qs.toString();
    return s ? `/progress/tasks?${s}` : '/progress/tasks';
  };
  return (
    <div>
      <h1>{t('publicTask.list.title')}</h1>
      <p class="lead">{t('publicTask.list.lead')}</p>
      <form method="get" action="/progress/tasks" class="search-form" aria-label={t('publicTask.filters')}>
        <div class="field">
          <label for="f-q">{t('publicTask.field.q')}</label>
          <input id="f-q" name="q" type="search" value={props.q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-group">{t('publicTask.field.group')}</label>
          <select id="f-group" name="group">
            <option value="">{t('publicTask.any')}</option>
            {GROUP_NUMBERS.map((g) => (
              <option value={g} selected={g === props.group} key={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">{t('publicTask.field.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('publicTask.any')}</option>
            {TASK_STATUSES.map((s) => (
              <option value={s} selected={s === props.status} key={s}>
                {t(`task.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t('publicTask.apply')}
        </button>
      </form>
      <p role="status">{t('publicTask.count', { count: formatNumber(total) })}</p>
      {rows.length === 0 ? (
        <p>{t('publicTask.none')}</p>
      ) : (
        <ScrollRegion label={t('publicTask.list.title')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('publicTask.col.code')}</th>
                <th scope="col">{t('publicTask.col.title')}</th>
                <th scope="col">{t('publicTask.col.lead')}</th>
                <th scope="col">{t('publicTask.col.deadline')}</th>
                <th scope="col">{t('publicTask.col.status')}</th>
                <th scope="col" class="numeric">
                  {t('publicTask.col.percent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td class="mono">{r.code}</td>
                  <td>
                    <a href={`/progress/tasks/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.leadName ?? ''}</td>
                  <td>{r.deadline ? formatIsoDate(r.deadline) : (r.deadlineText ?? '')}</td>
                  <td>
                    <TaskStatusChip status={r.status as TaskStatus} />
                  </td>
                  <td class="numeric">{t('publicTask.percent', { percent: r.percentDone })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label={t('publicTask.pager')}>
          {props.page > 1 ? <a href={link(props.page - 1)}>{t('publicTask.prev')}</a> : null}
          {props.page < pages ? <a href={link(props.page + 1)}>{t('publicTask.next')}</a> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function PublicTaskPage(props: { task: NonNullable<Awaited<ReturnType<typeof findPublicTask>>> }) {
  const k = props.task;
  return (
    <div>
      <p>
        <a href="/progress/tasks">{t('publicTask.back')}</a>
      </p>
      <h1>
        <span class="mono">{k.code}</span> {k.title}
      </h1>
      <p>
        <TaskStatusChip status={k.status as TaskStatus} /> {t('publicTask.percent', { percent: k.percentDone })}
      </p>
      <dl class="summary-list">
        <SummaryRow label={t('publicTask.plan')}>{k.planTitle}</SummaryRow>
        {k.groupNumber ? <SummaryRow label={t('publicTask.group')}>{k.groupNumber}</SummaryRow> : null}
        <SummaryRow label={t('publicTask.col.lead')}>{k.leadName ?? ''}</SummaryRow>
        {k.coordinatingText ? <SummaryRow label={t('publicTask.coordinators')}>{k.coordinatingText}</SummaryRow> : null}
        {k.output ? <SummaryRow label={t('publicTask.output')}>{k.output}</SummaryRow> : null}
        <SummaryRow label={t('publicTask.deadline')}>{k.deadline ? formatIsoDate(k.deadline) : (k.deadlineText ?? '')}</SummaryRow>
        {k.originalDeadline && k.originalDeadline !== k.deadline ? <SummaryRow label={t('publicTask.originalDeadline')}>{formatIsoDate(k.originalDeadline)}</SummaryRow> : null}
        <SummaryRow label={t('publicTask.lastReport')}>
          {k.lastReport?.reviewedAt
            ? `${k.lastReport.periodLabel ? `${k.lastReport.periodLabel}: ` : ''}${t('publicTask.percent', { percent: k.lastReport.percentDone })} (${formatDateTime(k.lastReport.reviewedAt)})`
            : t('publicTask.noReport')}
        </SummaryRow>
      </dl>
    </div>
  );
}
