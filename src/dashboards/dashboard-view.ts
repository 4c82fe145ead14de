/**
 * What one dashboard shows, section by section. A dashboard is a scope — the whole country (the
 * standing office), the viewer's own subtrees, or one ministry or province — and each section is
 * loaded on its own so the live script can re-fetch just the part an event touched.
 *
 * The heavy sections (counts over every task and report, KPI roll-ups) go through the live cache:
 * a page load answers from it, while the fragment the live script asks for after an event is
 * recomputed then and stored, so an open dashboard shows the change within seconds and the next
 * page load sees it too.
 */
import { hcmDate } from '../monitoring/dates';
import { liveCacheFor } from '../platform/cache/live-cache';
import { rootUnit } from '../org/queries';
import type { Executor } from '../platform/db/client';
import type { UnitScore } from '../indicators/scoring/types';
import { type KpiTile, kpiTiles } from './kpi-tiles';
import { type MonitoringSummary, monitoringSummary } from './monitoring-summary';
import { type DashboardUnit, type OpenBottleneck, type UnitTaskCounts, communesOf, dashboardUnits, latestOpenBottlenecks, taskCountsByUnit } from './queries';
import { unitScores } from './unit-scores';

export const SECTIONS = ['summary', 'kpis', 'units', 'overdue', 'map', 'score', 'bottlenecks'] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface DashboardScope {
  /** null = the whole country */
  roots: string[] | null;
  /** the ministry or province of a unit dashboard; null on the main dashboard */
  unit: DashboardUnit | null;
  /** the unit whose KPI values the tiles show (the root of the tree nationally) */
  kpiUnit: { id: string; path: string } | null;
}

/** Sections each kind of dashboard shows, in page order. */
export function sectionsOf(scope: DashboardScope): SectionName[] {
  if (scope.unit) return scope.unit.kind === 'province' ? ['summary', 'score', 'kpis', 'units', 'bottlenecks'] : ['summary', 'score', 'kpis', 'bottlenecks'];
  return ['summary', 'kpis', 'units', 'overdue', 'map', 'bottlenecks'];
}

/** The main dashboard's scope: national for the standing office, else the viewer's subtrees. */
export async function mainScope(db: Executor, roots: string[] | null): Promise<DashboardScope> {
  if (roots === null) {
    const root = await rootUnit(db);
    return { roots, unit: null, kpiUnit: root ? { id: root.id, path: root.path } : null };
  }
  const first = roots[0];
  const id = first?.split('/').filter(Boolean).at(-1);
  return { roots, unit: null, kpiUnit: first && id ? { id, path: first } : null };
}

export function unitScope(unit: DashboardUnit): DashboardScope {
  return { roots: [unit.path], unit, kpiUnit: { id: unit.id, path: unit.path } };
}

export interface UnitRow {
  unit: DashboardUnit;
  counts: UnitTaskCounts;
}

export type SectionData =
  | { name: 'summary'; summary: MonitoringSummary }
  | { name: 'kpis'; tiles: KpiTile[] }
  | { name: 'units'; rows: UnitRow[]; communes: boolean }
  | { name: 'overdue'; rows: UnitRow[] }
  | { name: 'map'; provinces: { unit: DashboardUnit; score: UnitScore | null }[] }
  | { name: 'score'; score: UnitScore | null; classSize: number }
  | { name: 'bottlenecks'; items: OpenBottleneck[] };

/** the number of units in the "overdue by unit" list */
export const OVERDUE_TOP = 10;

async function unitRows(db: Executor, scope: DashboardScope, now: Date): Promise<{ rows: UnitRow[]; communes: boolean }> {
  const communes = scope.unit?.kind === 'province';
  let units: DashboardUnit[];
  if (communes) units = await communesOf(db, scope.unit!.id);
  else if (scope.unit) units = [];
  else {
    const all = await dashboardUnits(db);
    units = scope.roots === null ? all : all.filter((u) => scope.roots!.some((r) => u.path.startsWith(r)));
  }
  const counts = await taskCountsByUnit(
    db,
    units.map((u) => u.id),
    scope.roots,
    hcmDate(now),
  );
  return { rows: units.map((unit) => ({ unit, counts: counts.get(unit.id)! })), communes };
}

/** Per-load memo so that a page's "by unit" table and "overdue by unit" list share one count. */
interface LoadMemo {
  unitRows?: Promise<{ rows: UnitRow[]; communes: boolean }>;
}

/** The cache key of a section: the scope it covers and the day its counts are taken on. */
function sectionKey(scope: DashboardScope, name: string, now: Date): string {
  return `dashboard|${name}|${hcmDate(now)}|${scope.unit?.code ?? ''}|${scope.roots === null ? '*' : scope.roots.join(',')}`;
}

export async function loadSection(
  db: Executor,
  scope: DashboardScope,
  name: SectionName,
  now = new Date(),
  memo: LoadMemo = {},
  opts: { fresh?: boolean } = {},
): Promise<SectionData> {
  const cache = liveCacheFor(db);
  const cached = async <T>(part: string, compute: () => Promise<T>): Promise<T> =>
    (opts.fresh ? await cache.refresh(db, sectionKey(scope, part, now), compute) : await cache.get(db, sectionKey(scope, part, now), compute)).value;
  const rowsOnce = () => {
    memo.unitRows ??= cached('units', () => unitRows(db, scope, now));
    return memo.unitRows;
  };
  switch (name) {
    case 'summary':
      return { name, summary: await cached('summary', () => monitoringSummary(db, scope.roots, now)) };
    case 'kpis':
      return { name, tiles: scope.kpiUnit ? await cached('kpis', () => kpiTiles(db, scope.kpiUnit!)) : [] };
    case 'units':
      return { name, ...(await rowsOnce()) };
    case 'overdue': {
      const { rows } = await rowsOnce();
      const collator = new Intl.Collator('vi');
      const top = rows
        .filter((r) => r.counts.overdue > 0)
        .sort((a, b) => b.counts.overdue - a.counts.overdue || collator.compare(a.unit.name, b.unit.name))
        .slice(0, OVERDUE_TOP);
      return { name, rows: top };
    }
    case 'map': {
      const [units, scores] = await Promise.all([dashboardUnits(db), unitScores(db, 'province')]);
      return { name, provinces: units.filter((u) => u.kind === 'province').map((unit) => ({ unit, score: scores.get(unit.code) ?? null })) };
    }
    case 'score': {
      if (!scope.unit) return { name, score: null, classSize: 0 };
      const scores = await unitScores(db, scope.unit.kind === 'province' ? 'province' : 'ministry');
      return { name, score: scores.get(scope.unit.code) ?? null, classSize: scores.size };
    }
    case 'bottlenecks':
      return { name, items: await latestOpenBottlenecks(db, scope.roots, 5) };
  }
}

/** Every section of a dashboard, loaded one after another (PGlite runs one query at a time anyway). */
export async function loadDashboard(db: Executor, scope: DashboardScope, now = new Date()): Promise<SectionData[]> {
  const out: SectionData[] = [];
  const memo: LoadMemo = {};
  for (const name of sectionsOf(scope)) out.push(await loadSection(db, scope, name, now, memo));
  return out;
}
