/**
 * Side-by-side numbers of 2–6 chosen ministries or provinces: tasks, overdue, open bottlenecks,
 * score and rank, and their KPI values. The caller checks that the viewer may see every unit.
 */
import type { UnitScore } from '../indicators/scoring/types';
import type { Executor } from '../platform/db/client';
import { type KpiTile, kpiTiles } from './kpi-tiles';
import { monitoringSummary } from './monitoring-summary';
import type { DashboardUnit } from './queries';
import { unitScores } from './unit-scores';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 6;

export interface ComparedUnit {
  unit: DashboardUnit;
  tasks: number;
  overdue: number;
  openBottlenecks: number;
  score: UnitScore | null;
  kpis: KpiTile[];
}

export async function compareUnits(db: Executor, units: DashboardUnit[], now = new Date()): Promise<ComparedUnit[]> {
  const classes = new Set<'province' | 'ministry'>(units.map((u) => (u.kind === 'province' ? 'province' : 'ministry')));
  const scores = new Map<string, UnitScore>();
  for (const c of classes) for (const [code, s] of await unitScores(db, c)) scores.set(code, s);
  const out: ComparedUnit[] = [];
  for (const unit of units) {
    const summary = await monitoringSummary(db, [unit.path], now);
    out.push({
      unit,
      tasks: summary.tasks.total,
      overdue: summary.overdue,
      openBottlenecks: summary.openBottlenecks,
      score: scores.get(unit.code) ?? null,
      kpis: await kpiTiles(db, unit),
    });
  }
  return out;
}
