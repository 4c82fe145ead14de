/** The form to create (assign) a task led by a unit the user manages. */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField } from '../../web/components/forms';
import { TASK_PRIORITIES } from '../schema';

export interface NewTaskValues {
  planCode: string;
  code: string;
  groupNumber: string;
  title: string;
  description: string;
  leadUnitCode: string;
  coordinatingUnitCodes: string;
  output: string;
  deadline: string;
  priority: string;
}

export function NewTaskPage(props: {
  csrfToken: string;
  values: NewTaskValues;
  plans: { code: string; title: string }[];
  groups: { number: string; shortTitle: string }[];
  errors?: FieldErrors | null;
  message?: string | null;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <div class="prose">
      <h1>{t('task.new.title')}</h1>
      <ErrorSummary errors={props.errors} message={props.message} />
      <PostForm action="/tasks/new" csrfToken={props.csrfToken}>
        <SelectField name="planCode" label={t('task.field.plan')} value={v.planCode} error={e.planCode} options={props.plans.map((p) => ({ value: p.code, label: `${p.code} — ${p.title}` }))} />
        <Field name="code" label={t('task.field.code')} value={v.code} error={e.code} required maxLength={60} />
        <SelectField
          name="groupNumber"
          label={t('task.field.group')}
          value={v.groupNumber}
          error={e.groupNumber}
          options={[{ value: '', label: '—' }, ...props.groups.map((g) => ({ value: g.number, label: `${g.number}. ${g.shortTitle}` }))]}
        />
        <Field name="title" label={t('task.field.title')} value={v.title} error={e.title} required maxLength={2000} />
        <Field name="description" label={t('task.field.description')} value={v.description} error={e.description} maxLength={10000} />
        <Field name="leadUnitCode" label={t('task.field.leadUnit')} value={v.leadUnitCode} error={e.leadUnitCode} required maxLength={40} />
        <Field
          name="coordinatingUnitCodes"
          label={t('task.field.coordinators')}
          hint={t('task.cascade.codes')}
          value={v.coordinatingUnitCodes}
          error={e.coordinatingUnitCodes}
          maxLength={2000}
        />
        <Field name="output" label={t('task.field.output')} value={v.output} error={e.output} maxLength={2000} />
        <Field name="deadline" type="date" label={t('task.field.originalDeadline')} value={v.deadline} error={e.deadline} />
        <SelectField
          name="priority"
          label={t('task.field.priority')}
          value={v.priority}
          error={e.priority}
          options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`task.priority.${p}`) }))}
        />
        <div class="form-actions">
          <button type="submit">{t('task.new.submit')}</button>
          <a class="button button-secondary" href="/tasks">
            {t('task.new.cancel')}
          </a>
        </div>
      </PostForm>
    </div>
  );
}
