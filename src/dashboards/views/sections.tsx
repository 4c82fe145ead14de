/**
 * The dashboard's sections as server-rendered fragments. Each section carries the address it can
 * be re-fetched from (data-fragment-src) so the live script swaps it in place after an event; the
 * same markup is the whole page without JavaScript. Every chart has a table or text alternative,
 * status is written out, and each section links to its data as CSV and JSON.
 */
import { formatScore } from '../../indicators/scoring/presenters';
import type { ComponentChildren } from 'preact';
import { TASK_STATUSES } from '../../monitoring/schema';
import { ScrollRegion } from '../../org/views/common';
import { SCORE_COMPONENTS, type UnitScore } from '../../indicators/scoring/types';
import { periodLabel } from '../../indicators/periods';
import { formatDate, formatNumber, t } from '../../platform/i18n';
import type { SectionData, SectionName } from '../dashboard-view';
import type { KpiTile } from '../kpi-tiles';
import type { UnitTaskCounts } from '../queries';
import { scoreBand } from '../unit-scores';
import { ProvinceMap } from './province-map';

/** `?unit=CODE` for a unit dashboard's fragments and exports, nothing for the main one. */
export function scopeQuery(unitCode: string | null): string {
  return unitCode ? `?unit=${encodeURIComponent(unitCode)}` : '';
}

const TITLES: Record<SectionName, () => string> = {
  summary: () => t('dashboard.headline'),
  kpis: () => t('dashboard.kpis'),
  units: () => t('dashboard.units'),
  overdue: () => t('dashboard.overdue'),
  map: () => t('dashboard.map'),
  score: () => t('dashboard.score'),
  bottlenecks: () => t('dashboard.bottlenecks'),
};

export function sectionTitle(name: SectionName, communes = false): string {
  return name === 'units' && communes ? t('dashboard.units.communes') : TITLES[name]();
}

function ExportLinks(props: { name: SectionName; title: string; query: string }) {
  return (
    <p class="dash-export">
      {t('dashboard.export')}{' '}
      <a href={`/dashboard/export/${props.name}.csv${props.query}`} aria-label={t('dashboard.export.label', { format: 'CSV', chart: props.title })}>
        {t('dashboard.export.csv')}
      </a>{' '}
      <a href={`/dashboard/export/${props.name}.json${props.query}`} aria-label={t('dashboard.export.label', { format: 'JSON', chart: props.title })}>
        {t('dashboard.export.json')}
      </a>
    </p>
  );
}

function Section(props: { name: SectionName; title: string; unitCode: string | null; children: ComponentChildren }) {
  const q = scopeQuery(props.unitCode);
  return (
    <section class="dash-section" id={`dash-${props.name}`} data-fragment={props.name} data-fragment-src={`/dashboard/fragments/${props.name}${q}`} aria-labelledby={`dash-${props.name}-h`}>
      <h2 id={`dash-${props.name}-h`}>{props.title}</h2>
      {props.children}
      <ExportLinks name={props.name} title={props.title} query={q} />
    </section>
  );
}

function Metric(props: { id: string; label: string; value: string; href?: string }) {
  return (
    <div class="card">
      <dt>{props.label}</dt>
      <dd class="stat-value" data-metric={props.id}>
        {props.href ? <a href={props.href}>{props.value}</a> : props.value}
      </dd>
    </div>
  );
}

/** One column heading per task status, in the platform's order (tables of counts by status). */
export function TaskStatusHeads() {
  return (
    <>
      {TASK_STATUSES.map((st) => (
        <th scope="col" class="numeric" key={st}>
          {t(`task.status.${st}`)}
        </th>
      ))}
    </>
  );
}

function tasksHref(params: Record<string, string | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
  return q ? `/tasks?${q}` : '/tasks';
}

function SummarySection(props: { data: Extract<SectionData, { name: 'summary' }>; unitCode: string | null }) {
  const s = props.data.summary;
  const r = s.reports;
  const leadUnit = props.unitCode ?? undefined;
  const share = r.dueReported > 0 ? t('dashboard.onTimeShare', { share: Math.round((r.onTime / r.dueReported) * 100), onTime: formatNumber(r.onTime), due: formatNumber(r.dueReported) }) : t('dashboard.noneDue');
  return (
    <Section name="summary" title={sectionTitle('summary')} unitCode={props.unitCode}>
      <dl class="stat-cards">
        <Metric id="tasks" label={t('dashboard.metric.tasks')} value={formatNumber(s.tasks.total)} href={tasksHref({ leadUnit })} />
        <Metric id="overdue" label={t('dashboard.metric.overdue')} value={formatNumber(s.overdue)} href={tasksHref({ leadUnit, overdue: 'true' })} />
        <Metric id="doneOnTime" label={t('dashboard.metric.doneOnTime')} value={formatNumber(s.tasks.byStatus.done_on_time)} href={tasksHref({ leadUnit, status: 'done_on_time' })} />
        <Metric id="awaitingReview" label={t('dashboard.metric.awaitingReview')} value={formatNumber(r.awaitingReview)} href="/reviews" />
        <Metric id="acceptedRecently" label={t('dashboard.metric.acceptedRecently')} value={formatNumber(r.acceptedRecently)} />
        <Metric id="reportOnTime" label={t('dashboard.metric.reportOnTime')} value={share} />
        <Metric id="openBottlenecks" label={t('dashboard.metric.openBottlenecks')} value={formatNumber(s.openBottlenecks)} href={props.unitCode ? `/bottlenecks?unit=${encodeURIComponent(props.unitCode)}` : '/bottlenecks'} />
      </dl>
      <h3 id="by-group">{t('dashboard.byGroup')}</h3>
      <ScrollRegion label={t('dashboard.byGroup')}>
        <table class="data-table">
          <caption class="visually-hidden">{t('dashboard.byGroup.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.col.group')}</th>
              <TaskStatusHeads />
              <th scope="col" class="numeric">
                {t('dashboard.col.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.byGroup.map((g) => {
              const label = g.groupNumber ? t('dashboard.group.label', { number: g.groupNumber }) : t('dashboard.group.none');
              return (
                <tr key={g.groupNumber ?? ''}>
                  <th scope="row">{label}</th>
                  {TASK_STATUSES.map((st) => (
                    <td class="numeric" key={st}>
                      {g.byStatus[st] > 0 && g.groupNumber ? (
                        <a href={tasksHref({ leadUnit, group: g.groupNumber, status: st })} aria-label={t('dashboard.link.count', { count: formatNumber(g.byStatus[st]), label: `${label}, ${t(`task.status.${st}`)}` })}>
                          {formatNumber(g.byStatus[st])}
                        </a>
                      ) : (
                        formatNumber(g.byStatus[st])
                      )}
                    </td>
                  ))}
                  <td class="numeric">{formatNumber(g.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </Section>
  );
}

export function kpiStatusChip(status: KpiTile['status']) {
  const cls = status === 'on_track' ? 'chip-success' : status === 'at_risk' ? 'chip-warning' : status === 'off_track' ? 'chip-danger' : 'chip-neutral';
  return <span class={`chip ${cls}`}>{t(`dashboard.kpi.status.${status ?? 'none'}`)}</span>;
}

/** A tiny trend line; the numbers themselves are its text alternative. */
function Sparkline(props: { tile: KpiTile }) {
  const pts = props.tile.trend;
  const label = t('dashboard.kpi.trend', { name: props.tile.code, points: pts.map((p) => `${periodLabel(p.period)}: ${formatNumber(p.value)}`).join('; ') });
  if (pts.length < 2) return <p class="visually-hidden">{label}</p>;
  const values = pts.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const w = 100;
  const h = 28;
  const coords = pts.map((p, i) => `${Math.round((i / (pts.length - 1)) * (w - 4)) + 2},${Math.round(h - 3 - ((p.value - min) / span) * (h - 6))}`);
  return (
    <svg class="dash-spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      <polyline points={coords.join(' ')} fill="none" stroke="currentColor" stroke-width="2" />
      {coords.map((c) => {
        const [x, y] = c.split(',');
        return <circle key={c} cx={x} cy={y} r="2.5" fill="currentColor" />;
      })}
    </svg>
  );
}

function KpiSection(props: { data: Extract<SectionData, { name: 'kpis' }>; unitCode: string | null }) {
  const tiles = props.data.tiles;
  return (
    <Section name="kpis" title={sectionTitle('kpis')} unitCode={props.unitCode}>
      <p class="hint">{t('dashboard.kpis.caption')}</p>
      {tiles.length === 0 ? (
        <p>{t('dashboard.kpis.none')}</p>
      ) : (
        <ul class="dash-kpis">
          {tiles.map((tile) => (
            <li class="card dash-kpi" key={tile.indicatorId} data-kpi={tile.code}>
              <h3 class="dash-kpi-name">
                {tile.code}. {tile.name}
              </h3>
              <p class="dash-kpi-value">
                <span class="visually-hidden">{t('dashboard.kpi.value', { period: periodLabel(tile.period) })}: </span>
                <a data-kpi-value href={`/indicators/${encodeURIComponent(tile.code)}?period=${encodeURIComponent(tile.period)}`}>
                  {formatNumber(tile.value)}
                </a>{' '}
                {tile.unit ?? ''}
              </p>
              <p class="dash-kpi-meta">
                {periodLabel(tile.period)} · {tile.target == null ? t('dashboard.kpi.noTarget') : t('dashboard.kpi.target', { target: formatNumber(tile.target) })}
                {tile.achievement != null ? ` · ${t('dashboard.kpi.achievement', { percent: formatNumber(Math.round(tile.achievement * 1000) / 10) })}` : ''}
              </p>
              <p data-kpi-status={tile.status ?? 'none'}>{kpiStatusChip(tile.status)}</p>
              <Sparkline tile={tile} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/indicators">{t('dashboard.kpis.more')}</a>
      </p>
    </Section>
  );
}

function CountsRow(props: { code: string; name: string; href: string | null; counts: UnitTaskCounts }) {
  const c = props.counts;
  return (
    <tr data-unit={props.code}>
      <th scope="row">{props.href ? <a href={props.href}>{props.name}</a> : props.name}</th>
      {TASK_STATUSES.map((st) => (
        <td class="numeric" key={st}>
          {c.byStatus[st] > 0 ? (
            <a href={tasksHref({ leadUnit: props.code, status: st })} aria-label={t('dashboard.link.count', { count: formatNumber(c.byStatus[st]), label: `${props.name}, ${t(`task.status.${st}`)}` })}>
              {formatNumber(c.byStatus[st])}
            </a>
          ) : (
            '0'
          )}
        </td>
      ))}
      <td class="numeric">{c.total > 0 ? <a href={tasksHref({ leadUnit: props.code })} aria-label={t('dashboard.link.count', { count: formatNumber(c.total), label: props.name })}>{formatNumber(c.total)}</a> : '0'}</td>
      <td class="numeric" data-overdue>
        {c.overdue > 0 ? (
          <a href={tasksHref({ leadUnit: props.code, overdue: 'true' })} aria-label={t('dashboard.link.count', { count: formatNumber(c.overdue), label: `${props.name}, ${t('dashboard.col.overdue')}` })}>
            {formatNumber(c.overdue)}
          </a>
        ) : (
          '0'
        )}
      </td>
    </tr>
  );
}

function UnitsSection(props: { data: Extract<SectionData, { name: 'units' }>; unitCode: string | null }) {
  const { rows, communes } = props.data;
  const title = sectionTitle('units', communes);
  return (
    <Section name="units" title={title} unitCode={props.unitCode}>
      {rows.length === 0 ? (
        <p>{t('dashboard.units.none')}</p>
      ) : (
        <ScrollRegion label={title}>
          <table class="data-table">
            <caption class="visually-hidden">{t(communes ? 'dashboard.units.communesCaption' : 'dashboard.units.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.unit')}</th>
                <TaskStatusHeads />
                <th scope="col" class="numeric">
                  {t('dashboard.col.total')}
                </th>
                <th scope="col" class="numeric">
                  {t('dashboard.col.overdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <CountsRow key={r.unit.id} code={r.unit.code} name={r.unit.name} href={communes ? null : `/dashboard/units/${encodeURIComponent(r.unit.code)}`} counts={r.counts} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Section>
  );
}

function OverdueSection(props: { data: Extract<SectionData, { name: 'overdue' }>; unitCode: string | null }) {
  const rows = props.data.rows;
  const max = Math.max(1, ...rows.map((r) => r.counts.overdue));
  return (
    <Section name="overdue" title={sectionTitle('overdue')} unitCode={props.unitCode}>
      {rows.length === 0 ? (
        <p>{t('dashboard.overdue.none')}</p>
      ) : (
        <ol class="dash-bars">
          {rows.map((r) => (
            <li key={r.unit.id} data-unit={r.unit.code}>
              <a href={`/dashboard/units/${encodeURIComponent(r.unit.code)}`}>{r.unit.name}</a>{' '}
              <a href={tasksHref({ leadUnit: r.unit.code, overdue: 'true' })}>{t('dashboard.overdue.count', { count: formatNumber(r.counts.overdue) })}</a>
              <svg class="dash-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect width={Math.max(2, Math.round((r.counts.overdue / max) * 100))} height="6" />
              </svg>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function scoreText(score: UnitScore | null): string {
  return score?.score == null ? t('dashboard.map.noScore') : t('dashboard.map.points', { score: formatScore(score.score) });
}

function MapSection(props: { data: Extract<SectionData, { name: 'map' }>; unitCode: string | null }) {
  const provinces = props.data.provinces;
  return (
    <Section name="map" title={sectionTitle('map')} unitCode={props.unitCode}>
      <p class="hint">{t('dashboard.map.desc')}</p>
      <ProvinceMap provinces={provinces} />
      <details class="dash-map-table">
        <summary>{t('dashboard.map.table')}</summary>
        <ScrollRegion label={t('dashboard.map.table')}>
          <table class="data-table">
            <caption class="visually-hidden">{t('dashboard.map.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.unit')}</th>
                <th scope="col" class="numeric">
                  {t('dashboard.col.score')}
                </th>
                <th scope="col" class="numeric">
                  {t('dashboard.col.rank')}
                </th>
                <th scope="col">{t('dashboard.col.band')}</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((p) => (
                <tr key={p.unit.id}>
                  <th scope="row">
                    <a href={`/dashboard/units/${encodeURIComponent(p.unit.code)}`}>{p.unit.name}</a>
                  </th>
                  <td class="numeric">{p.score?.score == null ? '—' : formatScore(p.score.score)}</td>
                  <td class="numeric">{p.score?.rank ?? '—'}</td>
                  <td>{t(`dashboard.map.band.${scoreBand(p.score?.score ?? null)}` as 'dashboard.map.band.0')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
      <p class="dash-credit">{t('dashboard.map.credit')}</p>
    </Section>
  );
}

const COUNT_KEYS = ['due', 'doneOnTime', 'dueOrOpen', 'overdue', 'onTime', 'indicators', 'met', 'answeredOnTime'] as const;

/** Vietnamese name of a count behind a score component (scoring's keys), the key itself if unknown. */
function countLabel(key: string): string {
  return (COUNT_KEYS as readonly string[]).includes(key) ? t(`dashboard.score.count.${key as (typeof COUNT_KEYS)[number]}`) : key;
}

function ScoreSection(props: { data: Extract<SectionData, { name: 'score' }>; unitCode: string | null }) {
  const s = props.data.score;
  return (
    <Section name="score" title={sectionTitle('score')} unitCode={props.unitCode}>
      {!s || s.score == null ? (
        <p>{t('dashboard.score.none')}</p>
      ) : (
        <>
          <dl class="stat-cards">
            <Metric id="score" label={t('dashboard.col.score')} value={t('dashboard.score.value', { score: formatScore(s.score) })} />
            <Metric id="rank" label={t('dashboard.col.rank')} value={s.rank == null ? '—' : t('dashboard.score.rank', { rank: s.rank, total: props.data.classSize })} href="/rankings" />
            <Metric id="band" label={t('dashboard.col.band')} value={t(`dashboard.map.band.${scoreBand(s.score)}` as 'dashboard.map.band.0')} />
          </dl>
          <ScrollRegion label={t('dashboard.score')}>
            <table class="data-table">
              <caption class="visually-hidden">{t('dashboard.score.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.score.component')}</th>
                  <th scope="col" class="numeric">
                    {t('dashboard.col.score')}
                  </th>
                  <th scope="col">{t('dashboard.score.basis')}</th>
                </tr>
              </thead>
              <tbody>
                {SCORE_COMPONENTS.map((c) => {
                  const comp = s.components[c];
                  return (
                    <tr key={c}>
                      <th scope="row">{t(`dashboard.score.component.${c}`)}</th>
                      <td class="numeric">{comp?.score == null ? '—' : formatScore(comp.score)}</td>
                      <td>
                        {Object.entries(comp?.counts ?? {})
                          .map(([k, v]) => `${countLabel(k)}: ${formatNumber(v)}`)
                          .join(', ')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </Section>
  );
}

function BottlenecksSection(props: { data: Extract<SectionData, { name: 'bottlenecks' }>; unitCode: string | null }) {
  const items = props.data.items;
  return (
    <Section name="bottlenecks" title={sectionTitle('bottlenecks')} unitCode={props.unitCode}>
      {items.length === 0 ? (
        <p>{t('dashboard.bottlenecks.none')}</p>
      ) : (
        <ul class="dash-list">
          {items.map((b) => (
            <li key={b.id}>
              {b.taskId ? <a href={`/tasks/${b.taskId}`}>{b.taskCode ? `${b.taskCode}: ${b.title}` : b.title}</a> : b.title}{' '}
              <span class={`chip ${b.status === 'open' ? 'chip-warning' : 'chip-neutral'}`}>{t(`bottleneck.status.${b.status}` as 'bottleneck.status.open')}</span>
              <br />
              <span class="hint">{t('dashboard.bottlenecks.item', { unit: b.ownerName, date: formatDate(b.createdAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={props.unitCode ? `/bottlenecks?unit=${encodeURIComponent(props.unitCode)}` : '/bottlenecks'}>{t('dashboard.bottlenecks.all')}</a>
      </p>
    </Section>
  );
}

export function SectionView(props: { data: SectionData; unitCode: string | null }) {
  const d = props.data;
  const u = props.unitCode;
  switch (d.name) {
    case 'summary':
      return <SummarySection data={d} unitCode={u} />;
    case 'kpis':
      return <KpiSection data={d} unitCode={u} />;
    case 'units':
      return <UnitsSection data={d} unitCode={u} />;
    case 'overdue':
      return <OverdueSection data={d} unitCode={u} />;
    case 'map':
      return <MapSection data={d} unitCode={u} />;
    case 'score':
      return <ScoreSection data={d} unitCode={u} />;
    case 'bottlenecks':
      return <BottlenecksSection data={d} unitCode={u} />;
  }
}
