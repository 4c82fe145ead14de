/**
 * One indicator: its definition, targets per period, national value per period with status, the
 * values of units inside the viewer's scope for a chosen period, and delivery confidence.
 */
import type { FieldErrors } from '../../platform/errors';
import { formatDateTime, t } from '../../platform/i18n';
import { ScrollRegion, SummaryRow } from '../../org/views/common';
import { ErrorSummary, Field, PostForm, SelectField, TextArea } from '../../web/components/forms';
import type { ValueStatus } from '../achievement';
import type { MeasuredStatus } from '../indicator-status';
import { periodLabel } from '../periods';
import { formatRatio, formatValue } from '../presenters';
import type { IndicatorRow } from '../queries';
import type { PeriodSubmissionStatus } from '../schema';
import { StatusChip, SubmissionChip, confidenceLabel } from './common';

export interface IndicatorPageView {
  ind: IndicatorRow;
  parent: { code: string; name: string } | null;
  children: { code: string; name: string; weight: string }[];
  responsibleUnit: string | null;
  status: MeasuredStatus | null;
  targets: { period: string; value: string; note: string | null }[];
  national: { period: string; value: number | null; target: number | null; achievement: number | null; status: ValueStatus | null }[];
  period: string;
  periodOptions: string[];
  units: {
    unitCode: string;
    unitName: string;
    value: number;
    reported: boolean;
    approval: PeriodSubmissionStatus | null;
    comment: string | null;
    evidenceText: string | null;
    target: number | null;
    status: ValueStatus | null;
  }[];
  confidence: { level: number; reason: string; createdAt: Date; unitName: string; setByName: string | null }[];
  canManage: boolean;
  canRate: boolean;
}

export function IndicatorPage(props: { view: IndicatorPageView; csrfToken: string; errors?: FieldErrors | null; message?: string | null; rate?: { unitCode: string; level: string; reason: string } }) {
  const v = props.view;
  const ind = v.ind;
  const latest = v.confidence[0];
  const e = props.errors ?? {};
  return (
    <div>
      <p class="muted mono">{ind.code}</p>
      <h1>{ind.name}</h1>
      <p>
        <StatusChip status={v.status?.status ?? null} />{' '}
        {v.status
          ? t('indicator.page.statusText', {
              status: v.status.status ? t(`indicator.status.${v.status.status}`) : t('indicator.status.none'),
              value: formatValue(v.status.value),
              target: formatValue(v.status.target),
              period: periodLabel(v.status.period),
            })
          : t('indicator.page.statusNone')}
      </p>
      {v.canManage ? (
        <ul class="inline-list">
          <li>
            <a href={`/indicators/${encodeURIComponent(ind.code)}/edit`}>{t('indicator.page.edit')}</a>
          </li>
          <li>
            <a href={`/indicators/${encodeURIComponent(ind.code)}/targets`}>{t('indicator.page.setTargets')}</a>
          </li>
        </ul>
      ) : null}
      <dl class="summary-list">
        <SummaryRow label={t('indicator.col.kind')}>{t(`indicator.kind.${ind.kind}`)}</SummaryRow>
        {ind.targetText ? <SummaryRow label={t('indicator.page.targetText')}>{ind.targetText}</SummaryRow> : null}
        <SummaryRow label={t('indicator.page.definition')}>{ind.definition ?? '—'}</SummaryRow>
        <SummaryRow label={t('indicator.page.unit')}>{ind.unit ?? '—'}</SummaryRow>
        <SummaryRow label={t('indicator.page.direction')}>{ind.direction ? t(`indicator.direction.${ind.direction}`) : '—'}</SummaryRow>
        <SummaryRow label={t('indicator.page.aggregation')}>{t(`indicator.aggregation.${ind.aggregation}`)}</SummaryRow>
        <SummaryRow label={t('indicator.page.frequency')}>{t(`indicator.frequency.${ind.frequency}`)}</SummaryRow>
        <SummaryRow label={t('indicator.page.baseline')}>
          {ind.baselineValue != null ? `${formatValue(ind.baselineValue)}${ind.baselinePeriod ? ` (${periodLabel(ind.baselinePeriod)})` : ''}` : '—'}
        </SummaryRow>
        <SummaryRow label={t('indicator.page.responsible')}>{v.responsibleUnit ?? ind.monitoringText ?? '—'}</SummaryRow>
        <SummaryRow label={t('indicator.page.dataSource')}>{ind.dataSource ?? '—'}</SummaryRow>
        <SummaryRow label={t('indicator.page.thresholds')}>
          {t('indicator.page.thresholdsText', { onTrack: Math.round(Number(ind.onTrackRatio) * 100), atRisk: Math.round(Number(ind.atRiskRatio) * 100) })}
        </SummaryRow>
        <SummaryRow label={t('indicator.page.weight')}>{formatValue(ind.weight)}</SummaryRow>
        <SummaryRow label={t('indicator.page.parent')}>
          {v.parent ? (
            <a href={`/indicators/${encodeURIComponent(v.parent.code)}`}>
              {v.parent.code} — {v.parent.name}
            </a>
          ) : (
            '—'
          )}
        </SummaryRow>
        {v.children.length ? (
          <SummaryRow label={t('indicator.page.children')}>
            <ul class="plain-list">
              {v.children.map((c) => (
                <li key={c.code}>
                  <a href={`/indicators/${encodeURIComponent(c.code)}`}>{c.code}</a> {c.name}
                </li>
              ))}
            </ul>
          </SummaryRow>
        ) : null}
      </dl>

      <h2>{t('indicator.page.targets')}</h2>
      {v.targets.length === 0 ? (
        <p>{t('indicator.page.targetsEmpty')}</p>
      ) : (
        <ScrollRegion label={t('indicator.page.targets')}>
          <table class="data-table">
            <caption>{t('indicator.page.targets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.period')}</th>
                <th scope="col" class="numeric">
                  {t('indicator.col.target')}
                </th>
                <th scope="col">{t('indicator.col.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {v.targets.map((x) => (
                <tr key={x.period}>
                  <th scope="row">{periodLabel(x.period)}</th>
                  <td class="numeric">{formatValue(x.value)}</td>
                  <td>{x.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{t('indicator.page.national')}</h2>
      {v.national.length === 0 ? (
        <p>{t('indicator.page.nationalEmpty')}</p>
      ) : (
        <ScrollRegion label={t('indicator.page.national')}>
          <table class="data-table">
            <caption>{t('indicator.page.national')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.period')}</th>
                <th scope="col" class="numeric">
                  {t('indicator.col.nationalValue')}
                </th>
                <th scope="col" class="numeric">
                  {t('indicator.col.target')}
                </th>
                <th scope="col" class="numeric">
                  {t('indicator.col.achievement')}
                </th>
                <th scope="col">{t('indicator.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {v.national.map((x) => (
                <tr key={x.period}>
                  <th scope="row">{periodLabel(x.period)}</th>
                  <td class="numeric">{formatValue(x.value)}</td>
                  <td class="numeric">{formatValue(x.target)}</td>
                  <td class="numeric">{formatRatio(x.achievement)}</td>
                  <td>
                    <StatusChip status={x.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{t('indicator.page.units')}</h2>
      <form method="get" action={`/indicators/${encodeURIComponent(ind.code)}`} class="search-form" aria-label={t('indicator.page.unitsPeriod')}>
        <SelectField
          name="period"
          label={t('indicator.page.unitsPeriod')}
          value={v.period}
          options={(v.periodOptions.includes(v.period) || !v.period ? v.periodOptions : [v.period, ...v.periodOptions]).map((p) => ({ value: p, label: periodLabel(p) }))}
        />
        <button type="submit" class="button button-secondary">
          {t('indicator.page.unitsShow')}
        </button>
      </form>
      {v.units.length === 0 ? (
        <p>{t('indicator.page.unitsEmpty')}</p>
      ) : (
        <ScrollRegion label={t('indicator.page.units')}>
          <table class="data-table">
            <caption>
              {t('indicator.page.units')} — {periodLabel(v.period)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.orgUnit')}</th>
                <th scope="col" class="numeric">
                  {t('indicator.col.value')}
                </th>
                <th scope="col" class="numeric">
                  {t('indicator.col.target')}
                </th>
                <th scope="col">{t('indicator.col.status')}</th>
                <th scope="col">{t('indicator.col.approval')}</th>
                <th scope="col">{t('indicator.col.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {v.units.map((u) => (
                <tr key={u.unitCode}>
                  <th scope="row">
                    {u.unitName} <span class="muted mono">({u.unitCode})</span>
                  </th>
                  <td class="numeric">
                    {formatValue(u.value)}
                    {u.reported ? null : <span class="muted"> Σ</span>}
                  </td>
                  <td class="numeric">{formatValue(u.target)}</td>
                  <td>
                    <StatusChip status={u.status} />
                  </td>
                  <td>{u.reported ? <SubmissionChip status={u.approval} /> : '—'}</td>
                  <td>
                    {u.comment ?? ''}
                    {u.evidenceText ? <span class="muted"> {u.evidenceText}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{t('indicator.page.confidence')}</h2>
      {latest ? (
        <p>
          {t('indicator.page.confidenceLatest', { level: confidenceLabel(latest.level), reason: latest.reason })}{' '}
          <span class="muted">
            ({latest.unitName}, {formatDateTime(latest.createdAt)})
          </span>
        </p>
      ) : (
        <p>{t('indicator.page.confidenceEmpty')}</p>
      )}
      {v.confidence.length > 1 ? (
        <ScrollRegion label={t('indicator.page.confidence')}>
          <table class="data-table">
            <caption>{t('indicator.page.confidence')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.at')}</th>
                <th scope="col">{t('indicator.col.orgUnit')}</th>
                <th scope="col">{t('indicator.col.level')}</th>
                <th scope="col">{t('indicator.col.reason')}</th>
                <th scope="col">{t('indicator.col.by')}</th>
              </tr>
            </thead>
            <tbody>
              {v.confidence.map((c, i) => (
                <tr key={i}>
                  <td>{formatDateTime(c.createdAt)}</td>
                  <td>{c.unitName}</td>
                  <td>{confidenceLabel(c.level)}</td>
                  <td>{c.reason}</td>
                  <td>{c.setByName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {v.canRate ? (
        <section aria-labelledby="rate-title">
          <h3 id="rate-title">{t('indicator.page.rate')}</h3>
          <ErrorSummary errors={props.errors} message={props.message} />
          <PostForm action={`/indicators/${encodeURIComponent(ind.code)}/confidence`} csrfToken={props.csrfToken}>
            <Field name="unitCode" label={t('indicator.page.rateUnit')} hint={t('indicator.page.rateUnitHint')} value={props.rate?.unitCode ?? ''} error={e.unitCode} maxLength={40} />
            <SelectField
              name="level"
              label={t('indicator.page.rateLevel')}
              value={props.rate?.level ?? '3'}
              error={e.level}
              options={[1, 2, 3, 4, 5].map((l) => ({ value: String(l), label: confidenceLabel(l) }))}
            />
            <TextArea name="reason" label={t('indicator.page.rateReason')} rows={3} value={props.rate?.reason ?? ''} error={e.reason} />
            <div class="form-actions">
              <button type="submit">{t('indicator.page.rateSubmit')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}
    </div>
  );
}
