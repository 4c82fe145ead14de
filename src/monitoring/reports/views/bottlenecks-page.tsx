/** The bottleneck register: filters, the list with update forms, and a form to record a new one. */
import type { FieldErrors } from '../../../platform/errors';
import { formatDateTime, t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField } from '../../../web/components/forms';
import type { BottleneckRow } from '../queries';
import { BOTTLENECK_STATUSES } from '../schema';
import { BottleneckStatusChip, TextArea } from './common';

export interface BottleneckFilters {
  status: string;
  unit: string;
}

export interface NewBottleneckValues {
  title: string;
  description: string;
  ownerUnitCode: string;
  taskCode: string;
}

export function BottlenecksPage(props: {
  csrfToken: string;
  filters: BottleneckFilters;
  rows: (BottleneckRow & { canUpdate: boolean })[];
  canRaise: boolean;
  values: NewBottleneckValues;
  errors?: FieldErrors | null;
  message?: string | null;
}) {
  const e = props.errors ?? {};
  return (
    <div>
      <h1>{t('bottleneck.title')}</h1>
      <p class="lead">{t('bottleneck.lead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="get" action="/bottlenecks" class="search-form" aria-label={t('bottleneck.filters')}>
        <SelectField
          name="status"
          label={t('bottleneck.field.status')}
          options={[{ value: '', label: t('bottleneck.anyStatus') }, ...BOTTLENECK_STATUSES.map((s) => ({ value: s, label: t(`bottleneck.status.${s}`) }))]}
          value={props.filters.status}
        />
        <Field name="unit" label={t('bottleneck.unitFilter')} value={props.filters.unit} error={e.unit} />
        <button type="submit" class="button button-secondary">
          {t('bottleneck.filter')}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t('bottleneck.empty')}</p>
      ) : (
        <ul class="plain-list">
          {props.rows.map((b) => (
            <li key={b.id} class="card">
              <h2>{b.title}</h2>
              <p>
                <BottleneckStatusChip status={b.status} />
              </p>
              <dl class="summary-list">
                <div>
                  <dt>{t('bottleneck.owner')}</dt>
                  <dd>
                    {b.ownerUnitName} ({b.ownerUnitCode})
                  </dd>
                </div>
                {b.taskId ? (
                  <div>
                    <dt>{t('bottleneck.task')}</dt>
                    <dd>
                      <a href={`/tasks/${b.taskId}`}>
                        {b.taskCode} — {b.taskTitle}
                      </a>
                      {b.reportId ? (
                        <>
                          {' · '}
                          <a href={`/reports/${b.reportId}`}>{t('report.page.title')}</a>
                        </>
                      ) : null}
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('bottleneck.raisedAt')}</dt>
                  <dd>{formatDateTime(b.createdAt)}</dd>
                </div>
                {b.description ? (
                  <div>
                    <dt>{t('bottleneck.field.description')}</dt>
                    <dd>{b.description}</dd>
                  </div>
                ) : null}
                {b.resolution ? (
                  <div>
                    <dt>{t('bottleneck.field.resolution')}</dt>
                    <dd>{b.resolution}</dd>
                  </div>
                ) : null}
              </dl>
              {b.canUpdate && b.status !== 'resolved' ? (
                <details>
                  <summary>{t('bottleneck.updateLabel', { title: b.title })}</summary>
                  <PostForm action={`/bottlenecks/${b.id}`} csrfToken={props.csrfToken}>
                    <SelectField
                      name="status"
                      label={t('bottleneck.field.status')}
                      options={[
                        { value: 'in_progress', label: t('bottleneck.status.in_progress') },
                        { value: 'resolved', label: t('bottleneck.status.resolved') },
                      ]}
                      value="resolved"
                    />
                    <TextArea name="resolution" label={t('bottleneck.field.resolution')} rows={3} value={b.resolution ?? ''} />
                    <div class="form-actions">
                      <button type="submit">{t('bottleneck.update')}</button>
                    </div>
                  </PostForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.canRaise ? (
        <section aria-labelledby="new-bottleneck" class="card">
          <h2 id="new-bottleneck">{t('bottleneck.new')}</h2>
          <PostForm action="/bottlenecks" csrfToken={props.csrfToken}>
            <Field name="title" label={t('bottleneck.field.title')} value={props.values.title} error={e.title} maxLength={300} />
            <TextArea name="description" label={t('bottleneck.field.description')} value={props.values.description} error={e.description} rows={3} />
            <Field name="taskCode" label={t('bottleneck.field.taskCode')} value={props.values.taskCode} error={e.taskId} />
            <Field
              name="ownerUnitCode"
              label={t('bottleneck.field.ownerCode')}
              hint={t('bottleneck.field.ownerCodeHint')}
              value={props.values.ownerUnitCode}
              error={e.ownerUnitCode}
            />
            <div class="form-actions">
              <button type="submit">{t('bottleneck.create')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}
    </div>
  );
}
