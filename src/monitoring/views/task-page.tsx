/** One task: summary, deadlines, status actions, extensions, cascaded children and timeline. */
import type { FieldErrors } from '../../platform/errors';
import { type MessageKey, formatDateTime, hasMessage, t } from '../../platform/i18n';
import { Breadcrumbs, ScrollRegion, SummaryRow } from '../../org/views/common';
import { ErrorSummary, Field, PostForm, SelectField } from '../../web/components/forms';
import type { TaskStatusAction } from '../change-task-status';
import { formatIsoDate } from '../dates';
import type { LoadedTask, taskChildren, taskExtensions, taskRollup, taskTimeline } from '../queries';
import { TASK_STATUSES } from '../schema';
import type { taskReports } from '../reports/queries';
import { Deadline, TaskStatusChip, statusLabel } from './common';

export interface TaskPageProps {
  csrfToken: string;
  loaded: LoadedTask;
  canEdit: boolean;
  canDecide: boolean;
  actions: TaskStatusAction[];
  rollup: Awaited<ReturnType<typeof taskRollup>>;
  children: Awaited<ReturnType<typeof taskChildren>>;
  extensions: Awaited<ReturnType<typeof taskExtensions>>;
  timeline: Awaited<ReturnType<typeof taskTimeline>>;
  reports: Awaited<ReturnType<typeof taskReports>>;
  /** the viewer may send a progress report for this task */
  canReport: boolean;
  errors?: FieldErrors | null;
  message?: string | null;
}

const REPORT_CHIP = { draft: 'chip chip-neutral', submitted: 'chip chip-warning', accepted: 'chip chip-success', returned: 'chip chip-danger' } as const;

const EXT_CHIP = { pending: 'chip chip-warning', approved: 'chip chip-success', rejected: 'chip chip-neutral' } as const;

function optionalLabel(prefix: string, value: string | null) {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key as MessageKey) : value;
}

export function TaskPage(props: TaskPageProps) {
  const { loaded: l } = props;
  const x = l.task;
  const open = !['done_on_time', 'done_late', 'cancelled'].includes(x.status);
  const pending = props.extensions.find((e) => e.ext.status === 'pending');
  return (
    <div>
      <Breadcrumbs label={t('task.breadcrumb')} items={[{ href: '/tasks', label: t('task.list.title') }, { label: x.code }]} />
      <h1>
        <span class="mono">{x.code}</span> {x.title}
      </h1>
      <p>
        <TaskStatusChip status={x.status} /> {x.statusReason ? <span>— {x.statusReason}</span> : null}
      </p>
      <ErrorSummary errors={props.errors} message={props.message} />

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('task.summary')}</h2>
        <dl class="summary-list">
          <SummaryRow label={t('task.field.plan')}>{`${l.planCode} — ${l.planTitle}`}</SummaryRow>
          {x.groupNumber ? <SummaryRow label={t('task.field.group')}>{x.groupNumber}</SummaryRow> : null}
          {x.description ? <SummaryRow label={t('task.field.description')}>{x.description}</SummaryRow> : null}
          <SummaryRow label={t('task.field.lead')}>{l.lead ? <a href={`/org/${encodeURIComponent(l.lead.code)}`}>{l.lead.name}</a> : (x.leadText ?? '')}</SummaryRow>
          <SummaryRow label={t('task.field.coordinators')}>
            {l.coordinators.length ? l.coordinators.map((c) => c.name).join('; ') : (x.coordinatingText ?? '—')}
          </SummaryRow>
          <SummaryRow label={t('task.field.assigning')}>{l.assigning?.name ?? '—'}</SummaryRow>
          <SummaryRow label={t('task.field.responsible')}>{x.responsibleName ?? '—'}</SummaryRow>
          <SummaryRow label={t('task.field.accountable')}>{x.accountableName ?? '—'}</SummaryRow>
          <SummaryRow label={t('task.field.output')}>{x.output ?? '—'}</SummaryRow>
          <SummaryRow label={t('task.field.deadline')}>
            <Deadline deadline={x.deadline} deadlineText={x.deadlineText} recurring={x.recurring} />
          </SummaryRow>
          <SummaryRow label={t('task.field.originalDeadline')}>{x.originalDeadline ? formatIsoDate(x.originalDeadline) : (x.deadlineText ?? '—')}</SummaryRow>
          {x.recurring ? (
            <SummaryRow label={t('task.field.cadence')}>{optionalLabel('task.cadence', x.reportingCadence ?? l.planCadence)}</SummaryRow>
          ) : null}
          <SummaryRow label={t('task.field.priority')}>{optionalLabel('task.priority', x.priority)}</SummaryRow>
          {x.bloc ? <SummaryRow label={t('task.field.bloc')}>{optionalLabel('task.bloc', x.bloc)}</SummaryRow> : null}
          {x.criteriaGroup ? <SummaryRow label={t('task.field.criteria')}>{optionalLabel('task.criteria', x.criteriaGroup)}</SummaryRow> : null}
          {x.source ? (
            <SummaryRow label={t('task.field.source')}>
              {/^PAKN-\d{4}-\d{6}$/.test(x.source) ? <a href={`/initiatives/${x.source}`}>{t('initiative.task.source', { code: x.source })}</a> : x.source}
            </SummaryRow>
          ) : null}
          <SummaryRow label={t('task.field.percent')}>{`${x.percentDone}%`}</SummaryRow>
          {x.completedAt ? <SummaryRow label={t('task.field.completedAt')}>{formatDateTime(x.completedAt)}</SummaryRow> : null}
          {x.parentTaskId ? (
            <SummaryRow label={t('task.field.parent')}>
              <a href={`/tasks/${x.parentTaskId}`}>{t('task.field.parent')}</a>
            </SummaryRow>
          ) : null}
        </dl>
      </section>

      {props.canEdit && props.actions.length ? (
        <section aria-labelledby="status-title" class="card">
          <h2 id="status-title">{t('task.actions.title')}</h2>
          <PostForm action={`/tasks/${x.id}/status`} csrfToken={props.csrfToken}>
            <SelectField name="action" label={t('task.field.status')} options={props.actions.map((a) => ({ value: a, label: t(`task.action.${a}`) }))} />
            <Field name="reason" label={t('task.field.reason')} hint={t('task.actions.reasonHint')} error={props.errors?.reason} maxLength={2000} />
            <div class="form-actions">
              <button type="submit">{t('task.actions.title')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}

      {props.canEdit ? (
        <section aria-labelledby="edit-title" class="card">
          <h2 id="edit-title">{t('task.edit.title')}</h2>
          <PostForm action={`/tasks/${x.id}/edit`} csrfToken={props.csrfToken}>
            <Field name="percentDone" type="number" inputMode="numeric" label={t('task.field.percent')} value={String(x.percentDone)} error={props.errors?.percentDone} />
            <Field name="output" label={t('task.field.output')} value={x.output ?? ''} error={props.errors?.output} maxLength={2000} />
            <Field name="responsibleName" label={t('task.field.responsible')} value={x.responsibleName ?? ''} error={props.errors?.responsibleName} maxLength={200} />
            <Field
              name="responsibleEmail"
              type="email"
              label={t('task.field.responsibleEmail')}
              hint={t('task.edit.emailHint')}
              error={props.errors?.responsibleEmail}
              autocomplete="off"
            />
            <Field name="accountableName" label={t('task.field.accountable')} value={x.accountableName ?? ''} error={props.errors?.accountableName} maxLength={200} />
            <Field
              name="accountableEmail"
              type="email"
              label={t('task.field.accountableEmail')}
              hint={t('task.edit.emailHint')}
              error={props.errors?.accountableEmail}
              autocomplete="off"
            />
            <div class="form-actions">
              <button type="submit">{t('task.edit.submit')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}

      <section aria-labelledby="ext-title">
        <h2 id="ext-title">{t('task.ext.title')}</h2>
        {props.extensions.length === 0 ? (
          <p>{t('task.ext.none')}</p>
        ) : (
          <ul class="plain-list">
            {props.extensions.map(({ ext, requesterName }) => (
              <li key={ext.id}>
                <span class={EXT_CHIP[ext.status]}>{t(`task.ext.status.${ext.status}`)}</span>{' '}
                {t('task.ext.row', { deadline: formatIsoDate(ext.requestedDeadline), reason: ext.reason })}
                <span class="muted">
                  {' '}
                  — {requesterName ?? ''}, {formatDateTime(ext.createdAt)}
                  {ext.decisionNote ? ` — ${ext.decisionNote}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        {pending && props.canDecide ? (
          <PostForm action={`/extensions/${pending.ext.id}/decision`} csrfToken={props.csrfToken} class="card">
            <Field name="note" label={t('task.ext.note')} maxLength={2000} error={props.errors?.note} />
            <div class="form-actions">
              <button type="submit" name="decision" value="approved">
                {t('task.ext.approve')}
              </button>
              <button type="submit" name="decision" value="rejected" class="button button-secondary">
                {t('task.ext.reject')}
              </button>
            </div>
          </PostForm>
        ) : null}
        {!pending && open && props.canEdit ? (
          <PostForm action={`/tasks/${x.id}/extensions`} csrfToken={props.csrfToken} class="card">
            <h3>{t('task.ext.request')}</h3>
            <Field name="requestedDeadline" type="date" label={t('task.ext.requestedDeadline')} error={props.errors?.requestedDeadline} />
            <Field name="extensionReason" label={t('task.field.reason')} error={props.errors?.extensionReason} maxLength={2000} />
            <div class="form-actions">
              <button type="submit">{t('task.ext.submit')}</button>
            </div>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="children-title">
        <h2 id="children-title">{t('task.children.title')}</h2>
        {props.rollup.total === 0 ? (
          <p>{t('task.children.none')}</p>
        ) : (
          <>
            <p>{t('task.children.rollup', { total: props.rollup.total, avg: props.rollup.averagePercent })}</p>
            <ul class="plain-list">
              {TASK_STATUSES.filter((s) => props.rollup.byStatus[s]).map((s) => (
                <li key={s}>
                  {statusLabel(s)}: <strong>{props.rollup.byStatus[s]}</strong>
                </li>
              ))}
            </ul>
            <ScrollRegion label={t('task.children.title')}>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('task.children.unit')}</th>
                    <th scope="col">{t('task.field.status')}</th>
                    <th scope="col" class="numeric">
                      {t('task.field.percent')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {props.children.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={`/tasks/${c.id}`}>{c.unitName ?? c.code}</a>
                      </td>
                      <td>
                        <TaskStatusChip status={c.status} />
                      </td>
                      <td class="numeric">{c.percentDone}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
        {props.canEdit && open ? (
          <PostForm action={`/tasks/${x.id}/cascade`} csrfToken={props.csrfToken} class="card">
            <fieldset>
              <legend>{t('task.cascade.title')}</legend>
              <label>
                <input type="radio" name="target" value="units" checked /> {t('task.cascade.units')}
              </label>
              <label>
                <input type="radio" name="target" value="provinces" /> {t('task.cascade.provinces')}
              </label>
              <label>
                <input type="radio" name="target" value="communes" /> {t('task.cascade.communes')}
              </label>
            </fieldset>
            <Field name="unitCodes" label={t('task.cascade.codes')} error={props.errors?.unitCodes ?? props.errors?.target} maxLength={4000} />
            <Field name="provinceCode" label={t('task.cascade.province')} error={props.errors?.provinceCode} maxLength={40} />
            <div class="form-actions">
              <button type="submit">{t('task.cascade.submit')}</button>
            </div>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('task.reports.title')}</h2>
        {props.canReport && open ? (
          <p>
            <a class="button" href={`/tasks/${x.id}/reports/new`}>
              {t('task.reports.new')}
            </a>
          </p>
        ) : null}
        {props.reports.length === 0 ? (
          <p>{t('task.reports.none')}</p>
        ) : (
          <ul class="plain-list">
            {props.reports.map((r) => (
              <li key={r.id}>
                <a href={`/reports/${r.id}`}>{r.periodLabel ?? t('task.reports.adHoc')}</a> — {r.reportingUnitName}, {r.percentDone}%{' '}
                <span class={REPORT_CHIP[r.status]}>{t(`report.status.${r.status}` as MessageKey)}</span>
                {r.submittedAt ? (
                  <span class="muted">
                    {' '}
                    <time dateTime={r.submittedAt.toISOString()}>{formatDateTime(r.submittedAt)}</time>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('task.timeline')}</h2>
        {props.timeline.length === 0 ? (
          <p>{t('task.timeline.none')}</p>
        ) : (
          <ol class="plain-list">
            {props.timeline.map((e) => {
              const key = `task.audit.${e.action}`;
              const after = (e.after ?? {}) as Record<string, unknown>;
              const status = typeof after.status === 'string' && (TASK_STATUSES as readonly string[]).includes(after.status) ? statusLabel(after.status as any) : null;
              return (
                <li key={e.seq}>
                  <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time> — {hasMessage(key) ? t(key as MessageKey) : e.action}
                  {status ? `: ${status}` : ''}
                  {typeof after.reason === 'string' && after.reason ? ` (${after.reason})` : ''}{' '}
                  <span class="muted">{t('task.timeline.by', { who: e.actorLabel })}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
