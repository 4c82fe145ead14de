/** The indicator catalogue: filters, diacritic-insensitive search, the hierarchy and each KPI's status. */
import { t } from '../../platform/i18n';
import { ScrollRegion } from '../../org/views/common';
import { Field, SelectField } from '../../web/components/forms';
import type { ValueStatus } from '../achievement';
import { periodLabel } from '../periods';
import { FREQUENCIES, INDICATOR_KINDS } from '../schema';
import { StatusChip } from './common';

export interface CatalogueFilters {
  q: string;
  kind: string;
  source: string;
  group: string;
  frequency: string;
}

export interface CatalogueRow {
  code: string;
  name: string;
  kind: (typeof INDICATOR_KINDS)[number];
  unit: string | null;
  frequency: (typeof FREQUENCIES)[number];
  parentCode: string | null;
  isHeader: boolean;
  depth: number;
  status: ValueStatus | null;
  statusPeriod: string | null;
}

export function CataloguePage(props: { filters: CatalogueFilters; rows: CatalogueRow[]; nextHref: string | null; canReport: boolean; canApprove: boolean }) {
  const f = props.filters;
  const any = { value: '', label: t('indicator.catalogue.all') };
  return (
    <div>
      <h1>{t('indicator.catalogue.title')}</h1>
      <p class="lead">{t('indicator.catalogue.lead')}</p>
      <ul class="inline-list">
          {props.canReport ? (
            <li>
              <a href="/indicators/report">{t('indicator.catalogue.reportLink')}</a>
            </li>
          ) : null}
          {props.canApprove ? (
            <li>
              <a href="/indicators/approvals">{t('indicator.catalogue.approvalsLink')}</a>
            </li>
          ) : null}
          <li>
            <a href="/checklists">{t('indicator.catalogue.checklistsLink')}</a>
          </li>
          <li>
            <a href="/indicators/exchange">{t('indicator.catalogue.exchangeLink')}</a>
          </li>
        </ul>
      <form method="get" action="/indicators" class="search-form" aria-label={t('indicator.catalogue.filters')}>
        <Field name="q" label={t('indicator.catalogue.q')} value={f.q} type="search" maxLength={200} />
        <SelectField name="kind" label={t('indicator.catalogue.kind')} value={f.kind} options={[any, ...INDICATOR_KINDS.map((k) => ({ value: k, label: t(`indicator.kind.${k}`) }))]} />
        <SelectField
          name="source"
          label={t('indicator.catalogue.source')}
          value={f.source}
          options={[any, ...(['NQ57', 'NQ03', 'LOCAL'] as const).map((s) => ({ value: s, label: t(`indicator.source.${s}`) }))]}
        />
        <SelectField
          name="group"
          label={t('indicator.catalogue.group')}
          value={f.group}
          options={[any, ...['2030', '2045'].map((y) => ({ value: y, label: t('indicator.horizon', { year: y }) }))]}
        />
        <SelectField
          name="frequency"
          label={t('indicator.catalogue.frequency')}
          value={f.frequency}
          options={[any, ...FREQUENCIES.map((k) => ({ value: k, label: t(`indicator.frequency.${k}`) }))]}
        />
        <button type="submit" class="button button-secondary">
          {t('indicator.catalogue.apply')}
        </button>
      </form>
      <p class="muted">{t('indicator.catalogue.count', { count: props.rows.length })}</p>
      {props.rows.length === 0 ? (
        <p>{t('indicator.catalogue.empty')}</p>
      ) : (
        <ScrollRegion label={t('indicator.catalogue.table')}>
          <table class="data-table">
            <caption>{t('indicator.catalogue.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.col.code')}</th>
                <th scope="col">{t('indicator.col.name')}</th>
                <th scope="col">{t('indicator.col.kind')}</th>
                <th scope="col">{t('indicator.col.unit')}</th>
                <th scope="col">{t('indicator.col.frequency')}</th>
                <th scope="col">{t('indicator.col.parent')}</th>
                <th scope="col">{t('indicator.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.code}>
                  <td class="mono">
                    <a href={`/indicators/${encodeURIComponent(r.code)}`}>{r.code}</a>
                  </td>
                  <td style={r.depth > 0 ? `padding-inline-start: ${0.5 + r.depth * 1.25}rem` : undefined}>
                    {r.depth > 0 ? <span aria-hidden="true">↳ </span> : null}
                    {r.isHeader ? <strong>{r.name}</strong> : r.name}
                  </td>
                  <td>{t(`indicator.kind.${r.kind}`)}</td>
                  <td>{r.unit ?? '—'}</td>
                  <td>{t(`indicator.frequency.${r.frequency}`)}</td>
                  <td class="mono">{r.parentCode ? <a href={`/indicators/${encodeURIComponent(r.parentCode)}`}>{r.parentCode}</a> : '—'}</td>
                  <td>
                    <StatusChip status={r.status} />
                    {r.statusPeriod ? <span class="muted"> {periodLabel(r.statusPeriod)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.nextHref ? (
        <nav class="pagination" aria-label={t('indicator.catalogue.more')}>
          <a href={props.nextHref} rel="next">
            {t('indicator.catalogue.more')}
          </a>
        </nav>
      ) : null}
    </div>
  );
}
