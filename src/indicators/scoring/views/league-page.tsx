/** The league table page: class tabs, a plain GET form for dimension and source, the ranked table. */
import { formatIsoDate } from '../../../monitoring/dates';
import { ScrollRegion } from '../../../org/views/common';
import { t } from '../../../platform/i18n';
import { PostForm, SelectField } from '../../../web/components/forms';
import { periodLabel } from '../../periods';
import type { LeagueTable } from '../load-league-table';
import { classLabel, componentLabel, componentScoreLabel, dimensionLabel, movementText, scoreLabel } from '../presenters';
import type { SnapshotInfo } from '../snapshot-queries';
import { ALL_DIMENSIONS, SCORE_COMPONENTS, type ScoredUnitClass } from '../types';

export function leagueHref(q: { class: ScoredUnitClass; dimension: string; snapshot?: string | null }, base = '/rankings'): string {
  const params = new URLSearchParams({ class: q.class, dimension: q.dimension });
  if (q.snapshot) params.set('snapshot', q.snapshot);
  return `${base}?${params.toString()}`;
}

function movementClass(m: number | null): string {
  if (m == null || m === 0) return 'rank-move';
  return m > 0 ? 'rank-move rank-up' : 'rank-move rank-down';
}

export function LeaguePage(props: {
  table: LeagueTable;
  snapshots: SnapshotInfo[];
  canManage: boolean;
  csrfToken: string;
  defaultPeriod: string;
  errors?: Record<string, string> | null;
  message?: string | null;
}) {
  const { table } = props;
  const query = { class: table.unitClass, dimension: table.dimension, snapshot: table.snapshot };
  const hasPrevious = table.previousSnapshot != null;
  const caption = t('scoring.caption', { class: classLabel(table.unitClass), dimension: dimensionLabel(table.dimension) });
  return (
    <div>
      <div class="page-header">
        <h1>{t('scoring.title')}</h1>
      </div>
      <p class="lead">{t('scoring.intro')}</p>
      {props.message || props.errors ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          {props.message ? <p>{props.message}</p> : null}
          {Object.values(props.errors ?? {}).map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      <nav aria-label={t('scoring.title')}>
        <ul class="plain-list case-tabs">
          {(['ministry', 'province'] as const).map((c) => (
            <li key={c}>
              <a href={leagueHref({ ...query, class: c })} aria-current={c === table.unitClass ? 'page' : undefined}>
                {classLabel(c)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/rankings" class="inline-form rank-filters">
        <input type="hidden" name="class" value={table.unitClass} />
        <SelectField name="dimension" label={t('scoring.dimension')} value={table.dimension} options={ALL_DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(d) }))} />
        <SelectField
          name="snapshot"
          label={t('scoring.source')}
          value={table.snapshot ?? ''}
          options={[{ value: '', label: t('scoring.source.live') }, ...props.snapshots.map((s) => ({ value: s.period, label: t('scoring.source.snapshot', { period: periodLabel(s.period) }) }))]}
        />
        <button type="submit" class="button button-secondary">
          {t('scoring.show')}
        </button>
      </form>
      <p>
        {table.snapshot
          ? t('scoring.asOfSnapshot', { period: periodLabel(table.snapshot), date: formatIsoDate(table.asOf) })
          : t('scoring.asOf', { date: formatIsoDate(table.asOf) })}{' '}
        {hasPrevious ? t('scoring.movementSince', { period: periodLabel(table.previousSnapshot!) }) : t('scoring.noPrevious')}
      </p>
      {table.dimension !== 'total' ? <p class="hint">{t('scoring.dimension.taskOnly')}</p> : null}
      <p>
        <a href={leagueHref(query, '/rankings/export.csv')} download>
          {t('scoring.exportCsv')}
        </a>
        {props.canManage ? (
          <>
            {' · '}
            <a href="/rankings/weights">{t('scoring.weightsLink')}</a>
          </>
        ) : null}
      </p>
      {table.rows.length === 0 ? (
        <p>{t('scoring.empty')}</p>
      ) : (
        <ScrollRegion label={caption}>
          <table class="data-table rank-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" class="numeric">
                  {t('scoring.col.rank')}
                </th>
                <th scope="col">{t('scoring.col.unit')}</th>
                <th scope="col" class="numeric">
                  {t('scoring.col.score')}
                </th>
                <th scope="col">{t('scoring.col.movement')}</th>
                {SCORE_COMPONENTS.map((c) => (
                  <th scope="col" class="numeric" key={c}>
                    {componentLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.unitId}>
                  <td class="numeric">{r.rank ?? '—'}</td>
                  <th scope="row">
                    <a href={leagueHref({ ...query }, `/rankings/units/${encodeURIComponent(r.unitCode)}`)}>{r.unitName}</a>
                  </th>
                  <td class="numeric">{scoreLabel(r.score)}</td>
                  <td class={movementClass(r.movement)}>{movementText(r, hasPrevious)}</td>
                  {SCORE_COMPONENTS.map((c) => (
                    <td class="numeric" key={c}>
                      {componentScoreLabel(table.dimension, c, r.components[c]?.score ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.canManage ? (
        <section aria-labelledby="rank-snapshot-title" class="rank-snapshot">
          <h2 id="rank-snapshot-title">{t('scoring.snapshots')}</h2>
          <p class="hint">{t('scoring.snapshot.hint')}</p>
          <PostForm action="/rankings/snapshots" csrfToken={props.csrfToken} class="inline-form">
            <div class="field">
              <label for="f-period">{t('scoring.snapshot.period')}</label>
              <input id="f-period" name="period" type="month" value={props.defaultPeriod} pattern="\d{4}-\d{2}" />
            </div>
            <button type="submit" class="button">
              {t('scoring.snapshot.button')}
            </button>
          </PostForm>
          <h3>{t('scoring.snapshot.list')}</h3>
          {props.snapshots.length === 0 ? (
            <p>{t('scoring.snapshot.none')}</p>
          ) : (
            <ul>
              {props.snapshots.map((s) => (
                <li key={s.id}>
                  <a href={leagueHref({ ...query, snapshot: s.period })}>{periodLabel(s.period)}</a> — {formatIsoDate(s.asOf)} ({s.configCode})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
