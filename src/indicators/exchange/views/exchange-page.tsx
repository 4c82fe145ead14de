/** The exchange page: export filters with CSV and DHIS2 links, and the CSV upload with its per-row error list. */
import { t } from '../../../platform/i18n';
import { CsrfField, ErrorSummary, Field } from '../../../web/components/forms';
import type { ImportResult } from '../import-values';

export interface ExportValues {
  indicator: string;
  period: string;
  unit: string;
}

export function ExchangePage(props: { csrfToken: string; canImport: boolean; exportValues: ExportValues; result?: ImportResult | null; message?: string | null }) {
  const r = props.result;
  const counts = r ? { imported: r.imported, updated: r.updated, ignored: r.ignored } : null;
  return (
    <div>
      <h1>{t('exchange.title')}</h1>
      <p class="lead">{t('exchange.lead')}</p>
      <section class="card">
        <h2>{t('exchange.export.title')}</h2>
        <form method="get" action="/indicators/values.csv">
          <Field name="indicator" label={t('exchange.export.indicator')} value={props.exportValues.indicator} maxLength={60} />
          <Field name="period" label={t('exchange.export.period')} value={props.exportValues.period} maxLength={10} />
          <Field name="unit" label={t('exchange.export.unit')} value={props.exportValues.unit} maxLength={60} />
          <div class="form-actions">
            <button type="submit" class="button">
              {t('exchange.export.csv')}
            </button>
            <button type="submit" class="button button-secondary" formaction="/api/v1/indicators/values.dhis2.json">
              {t('exchange.export.dhis2')}
            </button>
          </div>
        </form>
      </section>
      {props.canImport ? (
        <section class="card" id="import">
          <h2>{t('exchange.import.title')}</h2>
          {props.message ? <ErrorSummary message={props.message} /> : null}
          {r && r.errors.length > 0 ? (
            <div class="error-summary" role="alert" aria-labelledby="import-errors-title" tabIndex={-1}>
              <h3 id="import-errors-title">{t('exchange.import.errorsTitle', { count: r.errors.length })}</h3>
              <ul class="exchange-errors">
                {r.errors.slice(0, 500).map((e) => (
                  <li key={`${e.row}-${e.field}`}>{e.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {r && r.errors.length === 0 && counts ? (
            <p class="card" role="status">
              {r.dryRun ? t('exchange.import.checked', counts) : t('exchange.import.done', counts)}
            </p>
          ) : null}
          <form method="post" action="/indicators/exchange/import" enctype="multipart/form-data" noValidate>
            <CsrfField token={props.csrfToken} />
            <div class="field">
              <label for="f-file">{t('exchange.import.file')}</label>
              <p class="hint" id="f-file-hint">
                {t('exchange.import.hint')}
              </p>
              <input id="f-file" type="file" name="file" accept=".csv,text/csv" aria-describedby="f-file-hint" />
            </div>
            <div class="radio-item">
              <input type="checkbox" id="f-dryRun" name="dryRun" value="on" checked={r ? r.dryRun : false} />
              <label for="f-dryRun">{t('exchange.import.dryRun')}</label>
            </div>
            <div class="form-actions">
              <button type="submit" class="button">
                {t('exchange.import.submit')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );
}
