/**
 * Entering a unit's values for a period: the sheet of every indicator due in that period (saved
 * as a draft, then sent up with "Gửi phê duyệt"), and a one-indicator form that also takes an
 * evidence file (multipart). Inputs carry visible or screen-reader labels naming the indicator code.
 */
import type { FieldErrors } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { ScrollRegion } from '../../org/views/common';
import { CsrfField, ErrorSummary, Field, FileField, PostForm, SelectField, TextArea } from '../../web/components/forms';
import { periodLabel } from '../periods';
import { formatValue } from '../presenters';
import type { PeriodSubmissionStatus } from '../schema';
import { SubmissionChip } from './common';

export interface SheetRow {
  code: string;
  name: string;
  unit: string | null;
  value: string;
  comment: string;
  evidenceText: string;
  evidenceFileName: string | null;
  target: number | null;
}

export interface ReportSheetView {
  units: { code: string; name: string }[];
  unitCode: string;
  unitName: string | null;
  period: string;
  status: PeriodSubmissionStatus | null;
  decisionMessage: string | null;
  locked: boolean;
  rows: SheetRow[];
}

function hidden(id: string, text: string) {
  return (
    <label for={id} class="visually-hidden">
      {text}
    </label>
  );
}

export function ReportSheetPage(props: { view: ReportSheetView; csrfToken: string; errors?: FieldErrors | null; message?: string | null }) {
  const v = props.view;
  const e = props.errors ?? {};
  const q = `unit=${encodeURIComponent(v.unitCode)}&period=${encodeURIComponent(v.period)}`;
  return (
    <div>
      <h1>{t('indicator.report.title')}</h1>
      <p class="lead">{t('indicator.report.lead')}</p>
      {v.units.length === 0 ? <p class="notice notice-warning">{t('indicator.report.noUnits')}</p> : null}
      <form method="get" action="/indicators/report" class="search-form" aria-label={t('indicator.report.choose')}>
        <SelectField name="unit" label={t('indicator.report.unit')} value={v.unitCode} options={v.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} />
        <Field name="period" label={t('indicator.report.period')} hint={t('indicator.report.periodHint')} value={v.period} error={e.period} maxLength={10} />
        <button type="submit" class="button button-secondary">
          {t('indicator.report.open')}
        </button>
      </form>
      <ErrorSummary errors={props.errors} message={props.message} />
      {v.unitName ? (
        <p>
          {t('indicator.report.state', { period: periodLabel(v.period), unit: v.unitName, status: '' })}
          <SubmissionChip status={v.status} />
        </p>
      ) : null}
      {v.status === 'returned' && v.decisionMessage ? <p class="notice notice-warning">{t('indicator.report.returnedMessage', { message: v.decisionMessage })}</p> : null}
      {v.locked ? <p class="notice notice-info">{t('indicator.report.locked')}</p> : null}
      {v.unitName && v.rows.length === 0 ? <p>{t('indicator.report.empty')}</p> : null}
      {v.unitName && v.rows.length > 0 ? (
        <form method="post" action={`/indicators/report?${q}`} noValidate>
          <CsrfField token={props.csrfToken} />
          <ScrollRegion label={t('indicator.report.table', { period: periodLabel(v.period) })}>
            <table class="data-table indicator-sheet">
              <caption>{t('indicator.report.table', { period: periodLabel(v.period) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicator.col.name')}</th>
                  <th scope="col" class="numeric">
                    {t('indicator.col.target')}
                  </th>
                  <th scope="col">{t('indicator.col.value')}</th>
                  <th scope="col">{t('indicator.col.comment')}</th>
                  <th scope="col">{t('indicator.col.evidence')}</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => {
                  const vid = `f-value_${r.code}`;
                  const err = e[`value_${r.code}`];
                  return (
                    <tr key={r.code}>
                      <th scope="row">
                        <span class="mono">{r.code}</span> {r.name}
                        {r.unit ? <span class="muted"> ({r.unit})</span> : null}
                      </th>
                      <td class="numeric">{formatValue(r.target)}</td>
                      <td class={err ? 'field-error' : undefined}>
                        {hidden(vid, t('indicator.report.value', { code: r.code }))}
                        {err ? (
                          <p class="error-message" id={`${vid}-error`}>
                            {err}
                          </p>
                        ) : null}
                        <input
                          id={vid}
                          name={`value_${r.code}`}
                          type="text"
                          inputMode="decimal"
                          value={r.value}
                          disabled={v.locked}
                          size={10}
                          aria-invalid={err ? 'true' : undefined}
                          aria-describedby={err ? `${vid}-error` : undefined}
                        />
                      </td>
                      <td>
                        {hidden(`f-comment_${r.code}`, t('indicator.report.comment', { code: r.code }))}
                        <textarea id={`f-comment_${r.code}`} name={`comment_${r.code}`} rows={2} disabled={v.locked}>
                          {r.comment}
                        </textarea>
                      </td>
                      <td>
                        {hidden(`f-evidence_${r.code}`, t('indicator.report.evidence', { code: r.code }))}
                        <input id={`f-evidence_${r.code}`} name={`evidence_${r.code}`} type="text" value={r.evidenceText} disabled={v.locked} maxLength={1000} />
                        {r.evidenceFileName ? <p class="muted">{t('indicator.report.currentFile', { name: r.evidenceFileName })}</p> : null}
                        {v.locked ? null : (
                          <a href={`/indicators/report/entry?${q}&code=${encodeURIComponent(r.code)}`} aria-label={`${t('indicator.report.attach')} ${r.code}`}>
                            {t('indicator.report.attach')}
                          </a>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          {v.locked ? null : (
            <div class="form-actions">
              <button type="submit" name="action" value="save">
                {t('indicator.report.save')}
              </button>
              <button type="submit" name="action" value="submit" class="button-secondary">
                {t('indicator.report.submit')}
              </button>
            </div>
          )}
        </form>
      ) : null}
    </div>
  );
}

export function ReportEntryPage(props: {
  unitCode: string;
  unitName: string;
  period: string;
  row: SheetRow;
  csrfToken: string;
  errors?: FieldErrors | null;
  message?: string | null;
}) {
  const r = props.row;
  const e = props.errors ?? {};
  const q = `unit=${encodeURIComponent(props.unitCode)}&period=${encodeURIComponent(props.period)}`;
  return (
    <div>
      <h1>{t('indicator.report.entryTitle', { code: r.code })}</h1>
      <p class="lead">
        {r.name} — {props.unitName}, {periodLabel(props.period)}
      </p>
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="post" action={`/indicators/report/entry?${q}&code=${encodeURIComponent(r.code)}`} enctype="multipart/form-data" noValidate>
        <CsrfField token={props.csrfToken} />
        <Field name={`value_${r.code}`} label={t('indicator.report.value', { code: r.code })} value={r.value} error={e[`value_${r.code}`]} inputMode="decimal" />
        <TextArea name={`comment_${r.code}`} label={t('indicator.report.comment', { code: r.code })} value={r.comment} error={e[`comment_${r.code}`]} rows={3} />
        <Field name={`evidence_${r.code}`} label={t('indicator.report.evidence', { code: r.code })} value={r.evidenceText} error={e[`evidence_${r.code}`]} maxLength={1000} />
        {r.evidenceFileName ? <p class="muted">{t('indicator.report.currentFile', { name: r.evidenceFileName })}</p> : null}
        <FileField name={`file_${r.code}`} label={t('indicator.report.evidenceFile', { code: r.code })} accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.odt,.ods" error={e[`file_${r.code}`]} />
        <div class="form-actions">
          <button type="submit">{t('indicator.report.save')}</button>
          <a href={`/indicators/report?${q}`}>{t('indicator.report.back')}</a>
        </div>
      </form>
    </div>
  );
}

export interface ApprovalRow {
  unitCode: string;
  unitName: string;
  period: string;
  submittedAt: Date | null;
  submittedByName: string | null;
  valueCount: number;
  canDecide: boolean;
}

export function ApprovalsPage(props: { rows: ApprovalRow[]; csrfToken: string; errors?: FieldErrors | null; message?: string | null; formatDate: (d: Date | null) => string }) {
  return (
    <div>
      <h1>{t('indicator.approvals.title')}</h1>
      <p class="lead">{t('indicator.approvals.lead')}</p>
      <ErrorSummary errors={props.errors} message={props.message} />
      {props.rows.length === 0 ? (
        <p>{t('indicator.approvals.empty')}</p>
      ) : (
        <ScrollRegion label={t('indicator.approvals.table')}>
          <table class="data-table indicator-approvals">
            <caption>{t('indicator.approvals.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.orgUnit')}</th>
                <th scope="col">{t('indicator.col.period')}</th>
                <th scope="col" class="numeric">
                  {t('indicator.col.values')}
                </th>
                <th scope="col">{t('indicator.col.submittedAt')}</th>
                <th scope="col">{t('indicator.col.submittedBy')}</th>
                <th scope="col">{t('indicator.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const base = `/indicators/approvals/${encodeURIComponent(r.unitCode)}/${encodeURIComponent(r.period)}`;
                const mid = `msg-${r.unitCode}-${r.period}`.replace(/[^A-Za-z0-9_-]/g, '_');
                return (
                  <tr key={base}>
                    <th scope="row">
                      {r.unitName} <span class="muted mono">({r.unitCode})</span>
                    </th>
                    <td>{periodLabel(r.period)}</td>
                    <td class="numeric">
                      <a href={base}>
                        {r.valueCount}
                        <span class="visually-hidden"> — {t('indicator.approvals.detail', { period: periodLabel(r.period), unit: r.unitName })}</span>
                      </a>
                    </td>
                    <td>{props.formatDate(r.submittedAt)}</td>
                    <td>{r.submittedByName ?? ''}</td>
                    <td>
                      {r.canDecide ? (
                        <>
                          <PostForm action={`${base}/approve`} csrfToken={props.csrfToken} class="inline-form">
                            <button type="submit" aria-label={t('indicator.approvals.approveLabel', { period: periodLabel(r.period), unit: r.unitName })}>
                              {t('indicator.approvals.approve')}
                            </button>
                          </PostForm>
                          <details>
                            <summary>{t('indicator.approvals.return')}</summary>
                            <PostForm action={`${base}/return`} csrfToken={props.csrfToken}>
                              <label for={mid}>{t('indicator.approvals.returnMessage', { unit: r.unitName })}</label>
                              <textarea id={mid} name="message" rows={3} />
                              <button type="submit" class="button-secondary">
                                {t('indicator.approvals.return')}
                              </button>
                            </PostForm>
                          </details>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

export function PeriodDetailPage(props: {
  unitName: string;
  unitCode: string;
  period: string;
  status: PeriodSubmissionStatus | null;
  rows: { code: string; name: string; value: string; comment: string | null; evidenceText: string | null; evidenceFileName: string | null }[];
}) {
  return (
    <div>
      <h1>{t('indicator.approvals.detail', { period: periodLabel(props.period), unit: props.unitName })}</h1>
      <p>
        <SubmissionChip status={props.status} />
      </p>
      <ScrollRegion label={t('indicator.approvals.detail', { period: periodLabel(props.period), unit: props.unitName })}>
        <table class="data-table">
          <caption>{t('indicator.approvals.detail', { period: periodLabel(props.period), unit: props.unitName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator.col.name')}</th>
              <th scope="col" class="numeric">
                {t('indicator.col.value')}
              </th>
              <th scope="col">{t('indicator.col.comment')}</th>
              <th scope="col">{t('indicator.col.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <a href={`/indicators/${encodeURIComponent(r.code)}`}>{r.code}</a> {r.name}
                </th>
                <td class="numeric">{formatValue(r.value)}</td>
                <td>{r.comment ?? ''}</td>
                <td>
                  {r.evidenceText ?? ''}
                  {r.evidenceFileName ? (
                    <>
                      {' '}
                      <a href={`/indicators/evidence/${encodeURIComponent(props.unitCode)}/${encodeURIComponent(props.period)}/${encodeURIComponent(r.code)}`}>{r.evidenceFileName}</a>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        <a href="/indicators/approvals">{t('indicator.approvals.title')}</a>
      </p>
    </div>
  );
}
