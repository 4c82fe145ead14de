/** The comparison page: a plain GET form choosing 2–6 units, and their numbers side by side in one table. */
import { ScrollRegion } from '../../org/views/common';
import { periodLabel } from '../../indicators/periods';
import { formatNumber, t } from '../../platform/i18n';
import { COMPARE_MAX, type ComparedUnit } from '../compare-units';
import type { DashboardUnit } from '../queries';
import { kpiStatusChip, scoreText } from './sections';

function UnitSelect(props: { n: number; units: DashboardUnit[]; selected: string }) {
  const id = `compare-unit-${props.n}`;
  return (
    <div class="field">
      <label for={id}>{t('dashboard.compare.unit', { n: props.n })}</label>
      <select id={id} name="units">
        <option value="">{t('dashboard.compare.none')}</option>
        {props.units.map((u) => (
          <option key={u.code} value={u.code} selected={u.code === props.selected}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ComparePage(props: { units: DashboardUnit[]; selected: string[]; error: string | null; compared: ComparedUnit[] }) {
  const c = props.compared;
  const indicators = new Map<string, { code: string; name: string; unit: string | null }>();
  for (const u of c) for (const k of u.kpis) if (!indicators.has(k.code)) indicators.set(k.code, { code: k.code, name: k.name, unit: k.unit });
  return (
    <div>
      <div class="page-header">
        <h1>{t('dashboard.compare.title')}</h1>
      </div>
      <p>
        <a href="/dashboard">{t('dashboard.unit.back')}</a>
      </p>
      <p class="lead">{t('dashboard.compare.intro')}</p>
      {props.error ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{props.error}</p>
        </div>
      ) : null}
      <form method="get" action="/dashboard/compare" class="dash-compare-form">
        <div class="dash-compare-fields">
          {Array.from({ length: COMPARE_MAX }, (_, i) => (
            <UnitSelect key={i} n={i + 1} units={props.units} selected={props.selected[i] ?? ''} />
          ))}
        </div>
        <button type="submit" class="button">
          {t('dashboard.compare.submit')}
        </button>
      </form>
      {c.length > 0 ? (
        <ScrollRegion label={t('dashboard.compare.title')}>
          <table class="data-table" data-compare>
            <caption class="visually-hidden">{t('dashboard.compare.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.compare.metric')}</th>
                {c.map((u) => (
                  <th scope="col" class="numeric" key={u.unit.code}>
                    <a href={`/dashboard/units/${encodeURIComponent(u.unit.code)}`}>{u.unit.name}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('dashboard.compare.tasks')}</th>
                {c.map((u) => (
                  <td class="numeric" key={u.unit.code}>
                    <a href={`/tasks?leadUnit=${encodeURIComponent(u.unit.code)}`}>{formatNumber(u.tasks)}</a>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('dashboard.compare.overdue')}</th>
                {c.map((u) => (
                  <td class="numeric" key={u.unit.code}>
                    <a href={`/tasks?leadUnit=${encodeURIComponent(u.unit.code)}&overdue=true`}>{formatNumber(u.overdue)}</a>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('dashboard.compare.openBottlenecks')}</th>
                {c.map((u) => (
                  <td class="numeric" key={u.unit.code}>
                    <a href={`/bottlenecks?unit=${encodeURIComponent(u.unit.code)}`}>{formatNumber(u.openBottlenecks)}</a>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('dashboard.compare.score')}</th>
                {c.map((u) => (
                  <td class="numeric" key={u.unit.code}>
                    {scoreText(u.score)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('dashboard.compare.rank')}</th>
                {c.map((u) => (
                  <td class="numeric" key={u.unit.code}>
                    {u.score?.rank ?? '—'}
                  </td>
                ))}
              </tr>
              {[...indicators.values()].map((ind) => (
                <tr key={ind.code}>
                  <th scope="row">{t('dashboard.compare.kpi', { name: `${ind.code}. ${ind.name}`, unit: ind.unit ?? '' })}</th>
                  {c.map((u) => {
                    const k = u.kpis.find((x) => x.code === ind.code);
                    return (
                      <td class="numeric" key={u.unit.code}>
                        {k ? (
                          <>
                            {formatNumber(k.value)} <span class="hint">({periodLabel(k.period)})</span> {kpiStatusChip(k.status)}
                          </>
                        ) : (
                          t('dashboard.compare.noValue')
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </div>
  );
}
