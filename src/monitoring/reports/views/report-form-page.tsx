/** The report form: works without JavaScript, sends files as multipart/form-data (CSRF field first). */
import type { FieldErrors } from '../../../platform/errors';
import { formatDateTime, t } from '../../../platform/i18n';
import type { taskReports } from '../queries';
import { CsrfField, ErrorSummary, Field, FileField, SelectField } from '../../../web/components/forms';
import { Checkbox, ReportStatusChip, TextArea } from './common';

export interface ReportFormValues {
  unitId: string;
  kind: string;
  periodDate: string;
  percentDone: string;
  doneText: string;
  obstaclesText: string;
  raiseBottleneck: boolean;
  proposalsText: string;
  isFinal: boolean;
  documentNumber: string;
  documentDate: string;
  link: string;
  supersedesId: string;
}

export function ReportFormPage(props: {
  csrfToken: string;
  task: { id: string; code: string; title: string; cadence: string };
  units: { id: string; label: string }[];
  values: ReportFormValues;
  fixingVersion?: number | null;
  previous?: Awaited<ReturnType<typeof taskReports>>;
  errors?: FieldErrors | null;
  message?: string | null;
}) {
  const e = props.errors ?? {};
  const v = props.values;
  return (
    <div>
      <h1>{t('report.new.title')}</h1>
      <p class="lead">{t('report.new.lead', { task: `${props.task.code} — ${props.task.title}` })}</p>
      {props.fixingVersion ? <p class="notice notice-info">{t('report.new.fixing', { version: props.fixingVersion })}</p> : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="post" action={`/tasks/${props.task.id}/reports`} enctype="multipart/form-data" noValidate>
        <CsrfField token={props.csrfToken} />
        {v.supersedesId ? <input type="hidden" name="supersedesId" value={v.supersedesId} /> : null}
        {props.units.length > 1 ? (
          <SelectField name="unitId" label={t('report.field.unit')} options={props.units.map((u) => ({ value: u.id, label: u.label }))} value={v.unitId} error={e.unitId} />
        ) : (
          <input type="hidden" name="unitId" value={props.units[0]?.id ?? ''} />
        )}
        {v.supersedesId ? null : (
          <>
            <SelectField
              name="kind"
              label={t('report.field.kind')}
              options={[
                { value: 'periodic', label: t('report.field.kind.periodic') },
                { value: 'ad_hoc', label: t('report.field.kind.ad_hoc') },
              ]}
              value={v.kind}
              error={e.kind}
            />
            <Field
              name="periodDate"
              type="date"
              label={t('report.field.periodDate')}
              hint={t('report.field.periodDateHint', { cadence: t(`report.cadence.${props.task.cadence}` as 'report.cadence.monthly') })}
              value={v.periodDate}
              error={e.periodDate}
            />
          </>
        )}
        <Field name="percentDone" label={t('report.field.percentDone')} inputMode="numeric" value={v.percentDone} error={e.percentDone} maxLength={3} />
        <TextArea name="doneText" label={t('report.field.doneText')} value={v.doneText} error={e.doneText} />
        <TextArea name="obstaclesText" label={t('report.field.obstaclesText')} value={v.obstaclesText} error={e.obstaclesText} />
        <Checkbox name="raiseBottleneck" label={t('report.field.raiseBottleneck')} checked={v.raiseBottleneck} />
        <TextArea name="proposalsText" label={t('report.field.proposalsText')} value={v.proposalsText} error={e.proposalsText} />
        <fieldset>
          <legend>{t('report.field.evidence')}</legend>
          <Checkbox name="isFinal" label={t('report.field.isFinal')} checked={v.isFinal} error={e.isFinal} />
          <Field name="documentNumber" label={t('report.field.documentNumber')} value={v.documentNumber} error={e.documentNumber} />
          <Field name="documentDate" type="date" label={t('report.field.documentDate')} value={v.documentDate} error={e.documentDate} />
          <Field name="link" type="url" label={t('report.field.link')} value={v.link} error={e.link} />
          <FileField name="files" label={t('report.field.files')} hint={t('report.field.filesHint')} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt" error={e.files} />
        </fieldset>
        <div class="form-actions">
          <button type="submit">{t('report.new.submit')}</button>
        </div>
      </form>
      {props.previous?.length ? (
        <section aria-labelledby="previous-title">
          <h2 id="previous-title">{t('report.new.previous')}</h2>
          <ul class="plain-list">
            {props.previous.map((r) => (
              <li key={r.id}>
                <a href={`/reports/${r.id}`}>
                  {r.periodLabel ?? t('report.field.kind.ad_hoc')} — {t('report.page.version', { version: r.version })}
                </a>{' '}
                — {r.reportingUnitName} — {formatDateTime(r.submittedAt)} — <ReportStatusChip status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
