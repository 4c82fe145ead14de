/**
 * Drill-down of one unit's score: each component's score, weight and the counts behind it, every
 * count linking to the list it was counted from (tasks, reports, KPI approvals, PAKN cases).
 */
import { formatIsoDate } from '../../../monitoring/dates';
import { ScrollRegion } from '../../../org/views/common';
import { formatNumber, t } from '../../../platform/i18n';
import { periodLabel } from '../../periods';
import { classLabel, componentLabel, componentScoreLabel, dimensionLabel, scoreLabel } from '../presenters';
import { SCORE_COMPONENTS, type ScoreComponent, type ScoreWeights, type UnitScore } from '../types';
import { leagueHref } from './league-page';

/** The list behind each count of a component, filtered to the unit's subtree where the list can be. */
export function countLinks(code: string, asOf: string): Record<ScoreComponent, Record<string, string>> {
  const tasks = (extra: Record<string, string>) => `/tasks?${new URLSearchParams({ leadUnit: code, ...extra }).toString()}`;
  return {
    tasksOnTime: { due: tasks({ deadlineTo: asOf }), doneOnTime: tasks({ deadlineTo: asOf, status: 'done_on_time' }) },
    overdue: { dueOrOpen: tasks({}), overdue: tasks({ overdue: 'true' }) },
    reportTimeliness: { due: '/reviews', onTime: '/reviews' },
    kpiAchievement: { indicators: '/indicators/approvals', met: '/indicators/approvals' },
    feedbackOnTime: { due: '/cases?tab=unit', answeredOnTime: '/cases?tab=unit' },
  };
}

export function UnitScorePage(props: { score: UnitScore; weights: ScoreWeights; asOf: string; snapshot: string | null }) {
  const s = props.score;
  const links = countLinks(s.unitCode, props.asOf);
  const title = t('scoring.unit.title', { name: s.unitName });
  return (
    <div>
      <div class="page-header">
        <h1>{title}</h1>
      </div>
      <p>
        <a href={leagueHref({ class: s.unitClass, dimension: s.dimension, snapshot: props.snapshot })}>{t('scoring.unit.back')}</a>
      </p>
      <p class="lead">
        {dimensionLabel(s.dimension)} — {t('scoring.col.score')}: <strong>{scoreLabel(s.score)}</strong>
        {s.rank != null ? ` · ${t('scoring.unit.rank', { rank: s.rank, class: classLabel(s.unitClass) })}` : ''}
      </p>
      <p>
        {props.snapshot
          ? t('scoring.asOfSnapshot', { period: periodLabel(props.snapshot), date: formatIsoDate(props.asOf) })
          : t('scoring.asOf', { date: formatIsoDate(props.asOf) })}
      </p>
      {s.dimension !== 'total' ? <p class="hint">{t('scoring.dimension.taskOnly')}</p> : null}
      <ScrollRegion label={title}>
        <table class="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scoring.unit.component')}</th>
              <th scope="col" class="numeric">
                {t('scoring.col.score')}
              </th>
              <th scope="col" class="numeric">
                {t('scoring.unit.weight')}
              </th>
              <th scope="col">{t('scoring.unit.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {SCORE_COMPONENTS.map((c) => {
              const comp = s.components[c];
              return (
                <tr key={c}>
                  <th scope="row">{componentLabel(c)}</th>
                  <td class="numeric">{componentScoreLabel(s.dimension, c, comp?.score ?? null)}</td>
                  <td class="numeric">{formatNumber(props.weights.components[c] ?? 0)}</td>
                  <td>
                    <ul class="inline-list">
                      {Object.entries(comp?.counts ?? {}).map(([k, n]) => (
                        <li key={k}>
                          <a href={links[c][k] ?? '#'}>
                            {formatNumber(n)} {t(`scoring.count.${k}` as 'scoring.count.due')}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="hint">{t('scoring.unit.listNote')}</p>
    </div>
  );
}
