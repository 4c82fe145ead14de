/** Overdue PAKN-GPSK cases grouped by agency, with counts and days late in working days. */
import { formatIsoDate } from '../../../monitoring/dates';
import { ScrollRegion } from '../../../org/views/common';
import type { FieldErrors } from '../../../platform/errors';
import { formatNumber, t } from '../../../platform/i18n';
import { ErrorSummary, Field } from '../../../web/components/forms';

export interface OverdueCaseView {
  code: string;
  title: string;
  kind: string;
  dueOn: string;
  daysLate: number;
  statusLabel: string;
}

export interface AgencyGroupView {
  unitCode: string;
  unitName: string;
  count: number;
  cases: OverdueCaseView[];
}

function CaseTable(props: { caption: string; cases: OverdueCaseView[] }) {
  return (
<ScrollRegion label={props.caption}>
      <table class="data-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deadlines.overdue.col.code')}</th>
            <th scope="col">{t('deadlines.overdue.col.title')}</th>
            <th scope="col">{t('deadlines.overdue.col.status')}</th>
            <th scope="col">{t('deadlines.overdue.col.due')}</th>
            <th scope="col" class="numeric">
              {t('deadlines.overdue.col.late')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => (
            <tr key={`${c.code}-${c.dueOn}`}>
              <td class="mono">
                <a href={`/cases/${c.code}`}>{c.code}</a>
              </td>
              <td>{c.title}</td>
              <td>{c.statusLabel}</td>
              <td>{formatIsoDate(c.dueOn)}</td>
              <td class="numeric">
                <span class="chip chip-danger">{t('deadlines.overdue.lateChip', { days: formatNumber(c.daysLate) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function OverduePage(props: {
  unit: string;
  errors?: FieldErrors | null;
  groups: AgencyGroupView[];
  unforwarded: OverdueCaseView[] | null;
  truncated: boolean;
}) {
  const empty = props.groups.length === 0 && (props.unforwarded?.length ?? 0) === 0;
  return (
    <div>
      <h1>{t('deadlines.overdue.title')}</h1>
      <p class="lead">{t('deadlines.overdue.lead')}</p>
      <p>
        <a href="/cases/notices">{t('deadlines.overdue.notices')}</a>
      </p>
      <ErrorSummary errors={props.errors} />
      <form method="get" action="/cases/overdue" class="search-form" aria-label={t('deadlines.overdue.filter')}>
        <Field name="unit" label={t('deadlines.overdue.unitFilter')} value={props.unit} error={props.errors?.unit} maxLength={40} />
        <button type="submit" class="button button-secondary">
          {t('deadlines.overdue.filter')}
        </button>
      </form>
      {empty ? <p class="notice notice-success">{t('deadlines.overdue.empty')}</p> : null}
      {props.unforwarded && props.unforwarded.length > 0 ? (
        <section aria-labelledby="overdue-unforwarded">
          <h2 id="overdue-unforwarded">
            {t('deadlines.overdue.notForwarded')} — {t('deadlines.overdue.count', { count: formatNumber(props.unforwarded.length) })}
          </h2>
          <p class="muted">{t('deadlines.overdue.notForwardedLead')}</p>
          <CaseTable caption={t('deadlines.overdue.notForwarded')} cases={props.unforwarded} />
        </section>
      ) : null}
      {props.groups.length > 0 ? (
        <section aria-labelledby="overdue-agencies">
          <h2 id="overdue-agencies">{t('deadlines.overdue.agencies')}</h2>
<ScrollRegion label={t('deadlines.overdue.agencies')}>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('deadlines.overdue.col.agency')}</th>
                  <th scope="col" class="numeric">
                    {t('deadlines.overdue.col.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.groups.map((g) => (
                  <tr key={g.unitCode}>
                    <td>
                      <a href={`#agency-${g.unitCode}`}>{g.unitName}</a>
                    </td>
                    <td class="numeric">{formatNumber(g.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {props.groups.map((g) => (
            <section key={g.unitCode} aria-labelledby={`agency-${g.unitCode}`}>
              <h3 id={`agency-${g.unitCode}`}>
                {g.unitName} ({g.unitCode}) — {t('deadlines.overdue.count', { count: formatNumber(g.count) })}
              </h3>
              <CaseTable caption={g.unitName} cases={g.cases} />
            </section>
          ))}
          {props.truncated ? <p class="notice notice-info">{t('deadlines.overdue.more')}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
