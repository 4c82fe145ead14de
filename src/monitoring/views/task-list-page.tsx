/** The task list: filters in a GET form (no JavaScript), a table, keyset paging. */
import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { Pager, ScrollRegion, hrefWith } from '../../org/views/common';
import { ErrorSummary, Field, SelectField } from '../../web/components/forms';
import type { TaskListRow } from '../queries';
import { TASK_STATUSES } from '../schema';
import { Deadline, TaskStatusChip, statusLabel } from './common';

export interface TaskFilters {
  q: string;
  plan: string;
  group: string;
  status: string;
  leadUnit: string;
  deadlineFrom: string;
  deadlineTo: string;
  overdue: boolean;
  sort: string;
}

export function TaskTable(props: { rows: TaskListRow[]; label: string }) {
  return (
    <ScrollRegion label={props.label}>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('task.field.code')}</th>
            <th scope="col">{t('task.field.title')}</th>
            <th scope="col">{t('task.field.lead')}</th>
            <th scope="col">{t('task.field.deadline')}</th>
            <th scope="col">{t('task.field.status')}</th>
            <th scope="col" class="numeric">
              {t('task.field.percent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id}>
              <td class="mono">
                <a href={`/tasks/${r.id}`}>{r.code}</a>
              </td>
              <td>{r.title.length > 160 ? `${r.title.slice(0, 157)}…` : r.title}</td>
              <td>{r.leadUnitName ?? r.leadText ?? ''}</td>
              <td>
                <Deadline deadline={r.deadline} originalDeadline={r.originalDeadline} deadlineText={r.deadlineText} recurring={r.recurring} />
              </td>
              <td>
                <TaskStatusChip status={r.status} />
              </td>
              <td class="numeric">{r.percentDone}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function TaskListPage(props: {
  filters: TaskFilters;
  errors?: FieldErrors | null;
  plans: { code: string; title: string }[];
  groups: { number: string; shortTitle: string }[];
  rows: TaskListRow[];
  firstHref: string | null;
  nextHref: string | null;
  canCreate?: boolean;
  /** the user's saved filters and the form that saves the current one */
  savedFilters?: ComponentChildren;
}) {
  const f = props.filters;
  const any = { value: '', label: t('task.list.any') };
  return (
    <div>
      <div class="page-header">
        <h1>{t('task.list.title')}</h1>
        {props.canCreate ? (
          <a class="button" href="/tasks/new">
            {t('task.new.button')}
          </a>
        ) : null}
        {props.canCreate ? <a class="button button-secondary" href="/tasks/import">{t('taskImport.link')}</a> : null}
        <a class="button button-secondary" href={hrefWith('/tasks/export.xlsx', { ...f, overdue: f.overdue ? 'true' : '', sort: f.sort === 'deadline' ? '' : f.sort })}>{t('taskImport.export')}</a>
      </div>
      <p class="lead">{t('task.list.lead')}</p>
      <p><a href="/tasks/calendar">{t('calendar.link')}</a></p>
      <ErrorSummary
        errors={props.errors}
        labels={{ leadUnit: t('task.field.leadUnit'), deadlineFrom: t('task.field.deadlineFrom'), deadlineTo: t('task.field.deadlineTo'), cursor: 'cursor' }}
      />
      <search aria-label={t('task.list.filters')}>
        <form method="get" action="/tasks" class="search-form">
          <Field name="q" label={t('task.field.q')} type="search" value={f.q} maxLength={200} />
          <SelectField name="plan" label={t('task.field.plan')} value={f.plan} options={[any, ...props.plans.map((p) => ({ value: p.code, label: p.code }))]} />
          <SelectField
            name="group"
            label={t('task.field.group')}
            value={f.group}
            options={[any, ...props.groups.map((g) => ({ value: g.number, label: `${g.number}. ${g.shortTitle}` }))]}
          />
          <SelectField name="status" label={t('task.field.status')} value={f.status} options={[any, ...TASK_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]} />
          <Field name="leadUnit" label={t('task.field.leadUnit')} value={f.leadUnit} error={props.errors?.leadUnit} maxLength={40} />
          <Field name="deadlineFrom" label={t('task.field.deadlineFrom')} type="date" value={f.deadlineFrom} error={props.errors?.deadlineFrom} />
          <Field name="deadlineTo" label={t('task.field.deadlineTo')} type="date" value={f.deadlineTo} error={props.errors?.deadlineTo} />
          <SelectField
            name="sort"
            label={t('task.list.sort')}
            value={f.sort}
            options={[
              { value: 'deadline', label: t('task.sort.deadline') },
              { value: 'code', label: t('task.sort.code') },
              { value: 'updated', label: t('task.sort.updated') },
            ]}
          />
          <div class="field">
            <label>
              <input type="checkbox" name="overdue" value="true" checked={f.overdue} /> {t('task.list.overdueOnly')}
            </label>
          </div>
          <button type="submit">{t('task.list.apply')}</button>
        </form>
      </search>
      {props.rows.length === 0 ? <p>{t('task.list.none')}</p> : <TaskTable rows={props.rows} label={t('task.list.count')} />}
      <Pager firstHref={props.firstHref} nextHref={props.nextHref} />
      {props.savedFilters ?? null}
    </div>
  );
}
