/**
 * The shape of agency scores, shared by scoring (which computes them), the dashboards and the
 * public progress page (which show them). See compute-scores.ts for how they are computed.
 */
import type { CRITERIA_GROUPS, TASK_BLOCS } from '../../monitoring/schema';

export const SCORE_COMPONENTS = ['tasksOnTime', 'overdue', 'reportTimeliness', 'kpiAchievement', 'feedbackOnTime'] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];
export type ScoreDimension = 'total' | `bloc:${(typeof TASK_BLOCS)[number]}` | `group:${(typeof CRITERIA_GROUPS)[number]}`;
/** Ministries (and ministerial/government agencies) are ranked among themselves, provinces among themselves. */
export type ScoredUnitClass = 'ministry' | 'province';

export interface ScoreWeights {
  components: Record<ScoreComponent, number>;
}

export interface ComponentScore {
  /** 0–100, or null when there is nothing to measure (no tasks due, no KPI with a target, …) */
  score: number | null;
  /** the counts behind it, for drill-down: e.g. { due: 12, doneOnTime: 9 } */
  counts: Record<string, number>;
}

export interface UnitScore {
  unitId: string;
  unitCode: string;
  unitName: string;
  unitClass: ScoredUnitClass;
  dimension: ScoreDimension;
  /** weighted mean of the component scores that are not null, 0–100; null when all are null */
  score: number | null;
  /** 1 = best within its class and dimension; ties share a rank; null when score is null */
  rank: number | null;
  components: Record<ScoreComponent, ComponentScore>;
}

/** Every dimension, in display order: the total, the four blocs, the four criteria groups. */
export const ALL_DIMENSIONS: readonly ScoreDimension[] = [
  'total',
  'bloc:party',
  'bloc:council',
  'bloc:government',
  'bloc:front',
  'group:institutions',
  'group:platforms',
  'group:data',
  'group:implementation',
];

export function isScoreDimension(value: string): value is ScoreDimension {
  return (ALL_DIMENSIONS as readonly string[]).includes(value);
}
