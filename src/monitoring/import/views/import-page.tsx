/** The import form (template links, file, plan, dry run) and the per-row report of a checked file. */
import { ScrollRegion } from '../../../org/views/common';
import { t } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, SelectField } from '../../../web/components/forms';
import { formatIsoDate } from '../../dates';
import type { ImportResult } from '../import-tasks';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../read-file';

export function ImportReport(props: { result: ImportResult }) {
  const r = props.result;
  if (r.errors.length) {
    return (
      <section aria-labelledby="import-errors">
        <h2 id="import-errors">{t('taskImport.errors')}</h2>
        <ScrollRegion label={t('taskImport.errors')}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col" class="numeric">
                  {t('taskImport.col.row')}
                </th>
                <th scope="col">{t('taskImport.col.column')}</th>
                <th scope="col">{t('taskImport.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e, i) => (
                <tr key={`${e.row}-${i}`}>
                  <td class="numeric">{e.row || '—'}</td>
                  <td>{e.column}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    );
  }
  return (
    <section aria-labelledby="import-preview">
      <p class="notice notice-success">{t('taskImport.dryRunOk', { count: r.rows.length })}</p>
      <h2 id="import-preview">{t('taskImport.preview')}</h2>
      <ScrollRegion label={t('taskImport.preview')}>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col" class="numeric">
                {t('taskImport.col.row')}
              </th>
              <th scope="col">{t('task.field.plan')}</th>
              <th scope="col">{t('task.field.code')}</th>
              <th scope="col">{t('task.field.title')}</th>
              <th scope="col">{t('task.field.leadUnit')}</th>
              <th scope="col">{t('task.field.originalDeadline')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr key={x.row}>
                <td class="numeric">{x.row}</td>
                <td class="mono">{x.planCode}</td>
                <td class="mono">{x.code}</td>
                <td>{x.title}</td>
                <td class="mono">{x.leadUnitCode}</td>
                <td>{x.deadline ? formatIsoDate(x.deadline) : t('task.noDeadline')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export function ImportPage(props: {
  csrfToken: string;
  plans: { code: string; title: string }[];
  values: { planCode: string; dryRun: boolean };
  result?: ImportResult | null;
  message?: string | null;
}) {
  const hasErrors = !!props.result?.errors.length;
  const summary = props.message ?? (hasErrors ? t('taskImport.hasErrors', { count: props.result!.errors.length }) : null);
  return (
    <div>
      <div class="page-header">
        <h1>{t('taskImport.title')}</h1>
      </div>
      <p class="lead">{t('taskImport.lead')}</p>
      <ErrorSummary message={summary} />
      <ul class="plain-list">
        <li>
          <a href="/tasks/import/template.xlsx">{t('taskImport.templateXlsx')}</a>
        </li>
        <li>
          <a href="/tasks/import/template.csv">{t('taskImport.templateCsv')}</a>
        </li>
      </ul>
      <form method="post" action="/tasks/import" enctype="multipart/form-data" noValidate>
        <CsrfField token={props.csrfToken} />
        <SelectField
          name="planCode"
          label={t('taskImport.plan')}
          value={props.values.planCode}
          options={[{ value: '', label: t('taskImport.planNone') }, ...props.plans.map((p) => ({ value: p.code, label: `${p.code} — ${p.title}` }))]}
        />
        <div class="field">
          <label for="f-file">{t('taskImport.file')}</label>
          <p class="hint" id="f-file-hint">
            {t('taskImport.fileHint', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024, maxRows: MAX_IMPORT_ROWS })}
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="f-file-hint"
          />
        </div>
        <fieldset>
          <legend>{t('taskImport.options')}</legend>
          <label>
            <input type="checkbox" name="dryRun" value="on" checked={props.values.dryRun} /> {t('taskImport.dryRun')}
          </label>
        </fieldset>
        <div class="form-actions">
          <button type="submit">{t('taskImport.submit')}</button>
          <a class="button button-secondary" href="/tasks">
            {t('taskImport.back')}
          </a>
        </div>
      </form>
      {props.result ? <ImportReport result={props.result} /> : null}
    </div>
  );
}
