/** A province's (or any parent's) communes with colour, criteria met and confirmation, and the share that is green. */
import { Breadcrumbs, ScrollRegion } from '../../../org/views/common';
import { formatDateTime, formatNumber, t } from '../../../platform/i18n';
import { periodLabel } from '../../periods';
import { percent } from '../colour';
import type { ChecklistDef, UnitStatusRow } from '../queries';
import { ColourChip, ConfirmationText, PeriodPicker, thresholdsText } from './common';

export interface UnitRowView extends UnitStatusRow {
  canAssess: boolean;
  canConfirm: boolean;
}

export function UnitsPage(props: { checklist: ChecklistDef; parent: { code: string; name: string }; period: string; periods: string[]; rows: UnitRowView[]; showNationalLink: boolean }) {
  const c = props.checklist;
  const base = `/checklists/${encodeURIComponent(c.code)}`;
  const pq = `period=${encodeURIComponent(props.period)}`;
  const unitQ = (code: string) => `unit=${encodeURIComponent(code)}&${pq}`;
  const green = props.rows.filter((r) => r.colour === 'green').length;
  const notAssessed = props.rows.filter((r) => r.colour === null).length;
  const caption = t('checklist.units.caption', { parent: props.parent.name, period: periodLabel(props.period) });
  return (
    <div>
      <Breadcrumbs
        label={t('checklist.title')}
        items={[{ href: '/checklists', label: t('checklist.title') }, ...(props.showNationalLink ? [{ href: `${base}?${pq}`, label: c.code }] : []), { label: props.parent.name }]}
      />
      <h1>{t('checklist.units.title', { name: c.name, parent: props.parent.name })}</h1>
      <p class="lead" id="share-green">
        {t('checklist.units.shareGreen', {
          green: formatNumber(green),
          units: formatNumber(props.rows.length),
          share: formatNumber(percent(green, props.rows.length)),
          notAssessed: formatNumber(notAssessed),
        })}
      </p>
      <p>{thresholdsText(c.greenRatio, c.yellowRatio)}</p>
      <PeriodPicker action={`${base}/units`} period={props.period} periods={props.periods} keep={{ parent: props.parent.code }} />
      <p>
        <a href={`${base}/units.csv?parent=${encodeURIComponent(props.parent.code)}&${pq}`} download>
          {t('checklist.csv')}
        </a>
      </p>
      {props.rows.length === 0 ? (
        <p>{t('checklist.units.none')}</p>
      ) : (
        <ScrollRegion label={caption}>
          <table class="data-table" id="checklist-units">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('checklist.col.unit')}</th>
                <th scope="col">{t('checklist.col.status')}</th>
                <th scope="col" class="numeric">
                  {t('checklist.col.met')}
                </th>
                <th scope="col">{t('checklist.col.confirmation')}</th>
                <th scope="col">{t('checklist.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.code} data-unit={r.code}>
                  <th scope="row">
                    {r.name}
                    <span class="muted"> ({r.code})</span>
                  </th>
                  <td>
                    <ColourChip colour={r.colour} />
                  </td>
                  <td class="numeric">{r.answered ? `${formatNumber(r.met)}/${formatNumber(r.total)}` : '—'}</td>
                  <td>
                    <ConfirmationText assessed={r.answered > 0} confirmed={r.confirmed} />
                    {r.lastAssessedAt ? <div class="muted">{formatDateTime(r.lastAssessedAt)}</div> : null}
                  </td>
                  <td>
                    {r.canAssess ? (
                      <a href={`${base}/assess?${unitQ(r.code)}`} aria-label={`${t('checklist.action.assess')}: ${r.name}`}>
                        {t('checklist.action.assess')}
                      </a>
                    ) : null}
                    {r.canAssess && r.canConfirm && r.answered ? ' · ' : null}
                    {r.canConfirm && r.answered ? (
                      <a href={`${base}/confirm?${unitQ(r.code)}`} aria-label={`${t('checklist.action.confirm')}: ${r.name}`}>
                        {t('checklist.action.confirm')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
