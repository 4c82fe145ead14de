/**
 * The public progress page: targets with their latest approved national figure, the public
 * programme's task progress, the provinces' frozen scores (sortable by links, no script needed)
 * and adopted initiatives. Every status is written out in words beside its icon.
 */
import { formatScore } from '../../../indicators/scoring/presenters';
import { TaskStatusHeads } from '../../views/sections';
import { periodLabel } from '../../../indicators/periods';
import { formatIsoDate } from '../../../monitoring/dates';
import { TASK_STATUSES, type TaskStatus } from '../../../monitoring/schema';
import { TaskStatusChip } from '../../../monitoring/views/common';
import { ScrollRegion } from '../../../org/views/common';
import { formatDateTime, formatNumber, t } from '../../../platform/i18n';
import type { PublicProgress } from '../public-progress';
import type { PublicProvinceScore, PublicTarget } from '../queries';

export const PROVINCE_SORTS = ['rank', 'name', 'score', 'movement'] as const;
export type ProvinceSort = (typeof PROVINCE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** What each column sorts by first when its link is followed (best first). */
const NATURAL_ORDER: Record<ProvinceSort, SortOrder> = { rank: 'asc', name: 'asc', score: 'desc', movement: 'desc' };
const collator = new Intl.Collator('vi');

export function sortProvinces(rows: readonly PublicProvinceScore[], sort: ProvinceSort, order: SortOrder): PublicProvinceScore[] {
  const dir = order === 'asc' ? 1 : -1;
  // unranked rows (no score) go last whichever way the column is sorted
  const num = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : dir * (a - b));
  const byName = (a: PublicProvinceScore, b: PublicProvinceScore) => collator.compare(a.name, b.name);
  return [...rows].sort((a, b) => {
    if (sort === 'name') return dir * byName(a, b);
    const k = sort === 'rank' ? num(a.rank, b.rank) : sort === 'score' ? num(a.score, b.score) : num(a.movement, b.movement);
    return k !== 0 ? k : byName(a, b);
  });
}

const STATUS_CHIP = { on_track: 'chip chip-success', at_risk: 'chip chip-warning', off_track: 'chip chip-danger' } as const;
const STATUS_ICON = { on_track: '✔', at_risk: '!', off_track: '✖' } as const;

function TargetStatus(props: { latest: PublicTarget['latest'] }) {
  const l = props.latest;
  if (!l) return null;
  if (!l.status) return <span class="chip chip-neutral">{t('publicProgress.status.noTarget')}</span>;
  return (
    <span class={STATUS_CHIP[l.status]}>
      <span aria-hidden="true">{STATUS_ICON[l.status]} </span>
      {t(`publicProgress.status.${l.status}`)}
    </span>
  );
}

const fmt = (n: number) => formatNumber(Math.round(n * 100) / 100);

function TargetTable(props: { id: string; title: string; caption: string; rows: PublicTarget[]; collapsed?: boolean }) {
  if (props.rows.length === 0) return null;
  const table = (
      <ScrollRegion label={props.title}>
        <table class="data-table progress-targets">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('publicProgress.col.target')}</th>
              <th scope="col">{t('publicProgress.col.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((x) => {
              const promised = x.targetText ?? (x.targetValue !== null ? `${fmt(x.targetValue)}${x.unit ? ` ${x.unit}` : ''}` : null);
              return (
                <tr key={x.code} data-indicator={x.code}>
                  <th scope="row">
                    <span class="mono muted progress-code">{x.code}</span>
                    {x.name}
                    {promised || x.horizon ? (
                      <span class="progress-promise">
                        {promised ? `${t('publicProgress.col.targetValue')}: ${promised}` : ''}
                        {promised && x.horizon ? '. ' : ''}
                        {x.horizon ? `${t('publicProgress.col.horizon')}: ${t('publicProgress.horizon', { year: x.horizon })}` : ''}
                      </span>
                    ) : null}
                  </th>
                  <td data-latest>
                    {x.latest ? (
                      <>
                        <span class="progress-value">{t('publicProgress.latest', { value: `${fmt(x.latest.value)}${x.unit ? ` ${x.unit}` : ''}`, period: periodLabel(x.latest.period) })}</span>
                        {x.latest.target !== null ? <span class="muted progress-period-target">{t('publicProgress.latest.target', { target: fmt(x.latest.target) })}</span> : null}
                      </>
                    ) : (
                      <span class="muted progress-value">{t('publicProgress.noData')}</span>
                    )}
                    <TargetStatus latest={x.latest} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
  );
  // a long list starts folded (a native disclosure: no script needed) so the page stays walkable on a phone
  return props.collapsed ? (
    <details class="progress-more">
      <summary>
        <h3 id={props.id}>{t('publicProgress.targets.count', { title: props.title, count: formatNumber(props.rows.length) })}</h3>
      </summary>
      {table}
    </details>
  ) : (
    <>
      <h3 id={props.id}>{props.title}</h3>
      {table}
    </>
  );
}

function Movement(props: { movement: number | null; hasPrevious: boolean }) {
  const m = props.movement;
  if (m === null) return <span class="muted">{props.hasPrevious ? '—' : t('publicProgress.movement.new')}</span>;
  if (m > 0)
    return (
      <span class="movement movement-up">
        <span aria-hidden="true">▲{m} </span>
        <span class="visually-hidden">{t('publicProgress.movement.up', { n: m })}</span>
      </span>
    );
  if (m < 0)
    return (
      <span class="movement movement-down">
        <span aria-hidden="true">▼{-m} </span>
        <span class="visually-hidden">{t('publicProgress.movement.down', { n: -m })}</span>
      </span>
    );
  return (
    <span class="movement">
      <span aria-hidden="true">— </span>
      <span class="visually-hidden">{t('publicProgress.movement.same')}</span>
    </span>
  );
}

function SortHeader(props: { column: ProvinceSort; label: string; sort: ProvinceSort; order: SortOrder; numeric?: boolean }) {
  const active = props.sort === props.column;
  const next: SortOrder = active ? (props.order === 'asc' ? 'desc' : 'asc') : NATURAL_ORDER[props.column];
  const href = `/progress?sort=${props.column}&order=${next}#provinces`;
  return (
    <th scope="col" class={props.numeric ? 'numeric' : undefined} aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={href}>
        {props.label}
        {active ? <span aria-hidden="true">{props.order === 'asc' ? ' ↑' : ' ↓'}</span> : null}
        <span class="visually-hidden">
          {' '}
          ({t('publicProgress.sort.by', { column: t(`publicProgress.sort.${props.column}`) })}, {t(`publicProgress.sort.${next}`)})
        </span>
      </a>
    </th>
  );
}

export function ProgressPage(props: { model: PublicProgress; sort: ProvinceSort; order: SortOrder }) {
  const m = props.model;
  const nq57 = m.targets.filter((x) => x.source === 'NQ57');
  const others = m.targets.filter((x) => x.source !== 'NQ57');
  const s = m.tasks.byStatus;
  const snap = m.scores.snapshot;
  const provinces = sortProvinces(m.scores.rows, props.sort, props.order);
  const cell = (group: string | null, status: TaskStatus, n: number, label: string) =>
    n > 0 && group ? (
      <a href={`/progress/tasks?group=${encodeURIComponent(group)}&status=${status}`} aria-label={t('publicProgress.tasks.cellLink', { count: formatNumber(n), label: `${label}, ${t(`task.status.${status}`)}` })}>
        {formatNumber(n)}
      </a>
    ) : (
      formatNumber(n)
    );
  return (
    <div class="public-progress">
      <h1>{t('publicProgress.title')}</h1>
      <p class="lead">{t('publicProgress.lead')}</p>
      <p>{t('publicProgress.updated', { time: formatDateTime(m.generatedAt) })}</p>
      <nav aria-label={t('publicProgress.contents')} class="progress-contents">
        <ul>
          <li>
            <a href="#targets">{t('publicProgress.section.targets')}</a>
          </li>
          <li>
            <a href="#tasks">{t('publicProgress.section.tasks')}</a>
          </li>
          <li>
            <a href="#provinces">{t('publicProgress.section.provinces')}</a>
          </li>
          <li>
            <a href="#initiatives">{t('publicProgress.section.initiatives')}</a>
          </li>
          <li>
            <a href="#open-data">{t('publicProgress.section.openData')}</a>
          </li>
        </ul>
      </nav>

      <h2 id="targets">{t('publicProgress.section.targets')}</h2>
      <p>{t('publicProgress.targets.lead')}</p>
      {m.targets.length === 0 ? <p>{t('publicProgress.targets.none')}</p> : null}
      <TargetTable id="targets-nq57" title={t('publicProgress.targets.nq57')} caption={t('publicProgress.targets.nq57.caption')} rows={nq57} />
      <TargetTable id="targets-nq03" title={t('publicProgress.targets.nq03')} caption={t('publicProgress.targets.nq03.caption')} rows={others} collapsed />

      <h2 id="tasks">{t('publicProgress.section.tasks')}</h2>
      <p>{t('publicProgress.tasks.lead')}</p>
      {m.tasks.total === 0 ? (
        <p>{t('publicProgress.tasks.none')}</p>
      ) : (
        <>
          <dl class="stat-cards">
            <div class="card">
              <dt>{t('publicProgress.tasks.total')}</dt>
              <dd class="stat-value" data-metric="total">
                {formatNumber(m.tasks.total)}
              </dd>
            </div>
            <div class="card">
              <dt>{t('publicProgress.tasks.done')}</dt>
              <dd class="stat-value" data-metric="done">
                {formatNumber(s.done_on_time + s.done_late)}
              </dd>
            </div>
            <div class="card">
              <dt>{t('publicProgress.tasks.inProgress')}</dt>
              <dd class="stat-value" data-metric="inProgress">
                {formatNumber(s.in_progress)}
              </dd>
            </div>
            <div class="card">
              <dt>{t('publicProgress.tasks.overdue')}</dt>
              <dd class="stat-value" data-metric="overdue">
                {formatNumber(s.overdue)}
              </dd>
            </div>
          </dl>
          <ScrollRegion label={t('publicProgress.section.tasks')}>
            <table class="data-table">
              <caption class="visually-hidden">{t('publicProgress.tasks.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('publicProgress.tasks.group')}</th>
                  <TaskStatusHeads />
                  <th scope="col" class="numeric">
                    {t('publicProgress.tasks.all')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {m.tasks.byGroup.map((g) => {
                  const label = g.groupNumber ? t('publicProgress.tasks.groupLabel', { number: g.groupNumber }) : t('publicProgress.tasks.noGroup');
                  return (
                    <tr key={g.groupNumber ?? ''} data-group={g.groupNumber ?? ''}>
                      <th scope="row">
                        {label}
                        {g.title ? <span class="muted progress-group-title">{g.title}</span> : null}
                      </th>
                      {TASK_STATUSES.map((st) => (
                        <td class="numeric" key={st}>
                          {cell(g.groupNumber, st, g.byStatus[st], label)}
                        </td>
                      ))}
                      <td class="numeric">{formatNumber(g.total)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <p>
        <a href="/progress/tasks">{t('publicProgress.tasks.link')}</a>
      </p>

      <h2 id="provinces">{t('publicProgress.section.provinces')}</h2>
      <p>{t('publicProgress.provinces.lead')}</p>
      {snap ? (
        <p>
          {t('publicProgress.provinces.asOf', {
            asOf: formatIsoDate(snap.asOf),
            sort: `${t(`publicProgress.sort.${props.sort}`)}, ${t(`publicProgress.sort.${props.order}`)}`,
          })}
        </p>
      ) : null}
      {!snap ? (
        <p>{t('publicProgress.provinces.none')}</p>
      ) : provinces.length === 0 ? (
        <p>{t('publicProgress.provinces.empty')}</p>
      ) : (
        <ScrollRegion label={t('publicProgress.section.provinces')}>
          <table class="data-table progress-provinces">
            <caption>{t('publicProgress.provinces.caption', { period: periodLabel(snap.period) })}</caption>
            <thead>
              <tr>
                <SortHeader column="rank" label={t('publicProgress.col.rank')} sort={props.sort} order={props.order} numeric />
                <SortHeader column="name" label={t('publicProgress.col.province')} sort={props.sort} order={props.order} />
                <SortHeader column="score" label={t('publicProgress.col.score')} sort={props.sort} order={props.order} numeric />
                <SortHeader column="movement" label={t('publicProgress.col.movement')} sort={props.sort} order={props.order} />
              </tr>
            </thead>
            <tbody>
              {provinces.map((r) => (
                <tr key={r.code} data-province={r.code}>
                  <td class="numeric">{r.rank ?? '—'}</td>
                  <th scope="row">{r.name}</th>
                  <td class="numeric">{r.score === null ? t('publicProgress.unranked') : formatScore(r.score)}</td>
                  <td>
                    <Movement movement={r.movement} hasPrevious={!!snap.previousPeriod} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2 id="initiatives">{t('publicProgress.section.initiatives')}</h2>
      <p>{t('publicProgress.initiatives.lead')}</p>
      {m.initiatives.length === 0 ? (
        <p>{t('publicProgress.initiatives.none')}</p>
      ) : (
        <ScrollRegion label={t('publicProgress.section.initiatives')}>
          <table class="data-table">
            <caption class="visually-hidden">{t('publicProgress.initiatives.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('publicProgress.col.initiative')}</th>
                <th scope="col">{t('publicProgress.col.agency')}</th>
                <th scope="col">{t('publicProgress.col.deadline')}</th>
                <th scope="col">{t('publicProgress.col.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {m.initiatives.map((i) => (
                <tr key={i.code} data-initiative={i.code}>
                  <th scope="row">
                    <a href={`/progress/tasks/${i.taskId}`}>{i.title}</a>
                    <br />
                    <span class="mono muted">{i.code}</span>
                    {i.answerPublished ? (
                      <>
                        {' · '}
                        <a href={`/feedback/answers/${i.code}`}>{t('publicProgress.initiatives.answer')}</a>
                      </>
                    ) : null}
                  </th>
                  <td>{i.agency ?? ''}</td>
                  <td>{i.deadline ? formatIsoDate(i.deadline) : ''}</td>
                  <td>
                    <TaskStatusChip status={i.status} /> {t('publicProgress.percent', { percent: i.percentDone })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2 id="open-data">{t('publicProgress.section.openData')}</h2>
      <p>{t('publicProgress.openData.lead')}</p>
      <ul>
        <li>
          <a href="/api/v1/public/progress">{t('publicProgress.openData.json')}</a>
        </li>
        <li>
          <a href="/api/v1/public/progress/targets.csv">{t('publicProgress.openData.targets')}</a>
        </li>
        <li>
          <a href="/api/v1/public/progress/provinces.csv">{t('publicProgress.openData.provinces')}</a>
        </li>
        <li>
          <a href="/api/v1/public/progress/initiatives.csv">{t('publicProgress.openData.initiatives')}</a>
        </li>
        <li>
          <a href="/api/v1/public/tasks">{t('publicProgress.openData.tasks')}</a>
        </li>
      </ul>
      <p>{t('publicProgress.openData.licence')}</p>
    </div>
  );
}
