/** The national table: each province with the share of its communes green, yellow, red and not assessed. */
import { ScrollRegion } from '../../../org/views/common';
import { formatNumber, t } from '../../../platform/i18n';
import { periodLabel } from '../../periods';
import { percent } from '../colour';
import type { ChecklistDef, ProvinceSummaryRow } from '../queries';
import { PeriodPicker, thresholdsText } from './common';

const share = (n: number, of: number) => t('checklist.countShare', { count: formatNumber(n), share: formatNumber(percent(n, of)) });

export function NationalPage(props: { checklist: ChecklistDef; period: string; periods: string[]; rows: ProvinceSummaryRow[]; canManage: boolean }) {
  const c = props.checklist;
  const q = (extra: string) => `period=${encodeURIComponent(props.period)}${extra}`;
  const total = props.rows.reduce(
    (s, r) => ({ units: s.units + r.units, green: s.green + r.green, yellow: s.yellow + r.yellow, red: s.red + r.red, notAssessed: s.notAssessed + r.notAssessed, confirmed: s.confirmed + r.confirmed }),
    { units: 0, green: 0, yellow: 0, red: 0, notAssessed: 0, confirmed: 0 },
  );
  const cells = (r: typeof total) => (
    <>
      <td class="numeric">{formatNumber(r.units)}</td>
      <td class="numeric">{share(r.green, r.units)}</td>
      <td class="numeric">{share(r.yellow, r.units)}</td>
      <td class="numeric">{share(r.red, r.units)}</td>
      <td class="numeric">{share(r.notAssessed, r.units)}</td>
      <td class="numeric">{formatNumber(r.confirmed)}</td>
    </>
  );
  return (
    <div>
      <h1>{t('checklist.national.title', { name: c.name })}</h1>
      <p class="lead">{thresholdsText(c.greenRatio, c.yellowRatio)}</p>
      <PeriodPicker action={`/checklists/${encodeURIComponent(c.code)}`} period={props.period} periods={props.periods} />
      <p>
        <a href={`/checklists/${encodeURIComponent(c.code)}/provinces.csv?${q('')}`} download>
          {t('checklist.csv')}
        </a>
        {props.canManage ? (
          <>
            {' · '}
            <a href={`/checklists/${encodeURIComponent(c.code)}/manage`}>{t('checklist.manage.link')}</a>
          </>
        ) : null}
      </p>
      <ScrollRegion label={t('checklist.national.caption', { period: periodLabel(props.period) })}>
        <table class="data-table" id="checklist-provinces">
          <caption>{t('checklist.national.caption', { period: periodLabel(props.period) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checklist.col.province')}</th>
              <th scope="col" class="numeric">
                {t('checklist.col.units')}
              </th>
              <th scope="col" class="numeric">
                <span aria-hidden="true">✓ </span>
                {t('checklist.col.green')}
              </th>
              <th scope="col" class="numeric">
                <span aria-hidden="true">! </span>
                {t('checklist.col.yellow')}
              </th>
              <th scope="col" class="numeric">
                <span aria-hidden="true">✕ </span>
                {t('checklist.col.red')}
              </th>
              <th scope="col" class="numeric">
                <span aria-hidden="true">– </span>
                {t('checklist.col.notAssessed')}
              </th>
              <th scope="col" class="numeric">
                {t('checklist.col.confirmed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.code} data-province={r.code}>
                <th scope="row">
                  <a href={`/checklists/${encodeURIComponent(c.code)}/units?parent=${encodeURIComponent(r.code)}&${q('')}`}>{r.name}</a>
                </th>
                {cells(r)}
              </tr>
            ))}
          </tbody>
          {props.rows.length > 1 ? (
            <tfoot>
              <tr>
                <th scope="row">{t('checklist.national.total')}</th>
                {cells(total)}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </ScrollRegion>
    </div>
  );
}
