/**
 * The arithmetic of agency scores, kept pure so the hand-computed tests and docs/SCORING.md can
 * follow it line by line: shares, the weighted mean of the components that could be measured,
 * and competition ranking (ties share a rank: 1, 1, 3).
 */
import { SCORE_COMPONENTS, type ScoreComponent, type ScoreWeights } from './types';

/** The weights of the default configuration 'MAC-DINH-2026' (and of computeScores when none is active). */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  components: { tasksOnTime: 30, overdue: 20, reportTimeliness: 20, kpiAchievement: 20, feedbackOnTime: 10 },
};

/** Scores are kept to two decimals; ranks compare these rounded values so that ties are real ties. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** part/whole as 0–100, or null when there is nothing to measure. */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return round2((100 * part) / whole);
}

/** 100 − the share of `bad` in `whole`, or null when there is nothing to measure. */
export function inverseShare(bad: number, whole: number): number | null {
  if (whole <= 0) return null;
  return round2(100 - (100 * bad) / whole);
}

/**
 * Weighted mean of the components that are not null. A component without a measure drops out
 * together with its weight, so a unit is never punished for having nothing to measure. Null when
 * no measured component carries weight.
 */
export function weightedScore(scores: Record<ScoreComponent, number | null>, weights: ScoreWeights): number | null {
  let num = 0;
  let den = 0;
  for (const c of SCORE_COMPONENTS) {
    const s = scores[c];
    const w = weights.components[c] ?? 0;
    if (s == null || w <= 0) continue;
    num += s * w;
    den += w;
  }
  return den > 0 ? round2(num / den) : null;
}

/** Competition ranks, best (highest) first; equal scores share a rank; null scores get no rank. */
export function competitionRanks(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = scores
    .map((s, i) => ({ s, i }))
    .filter((x): x is { s: number; i: number } => x.s != null)
    .sort((a, b) => b.s - a.s);
  const out: (number | null)[] = scores.map(() => null);
  ranked.forEach((x, pos) => {
    out[x.i] = pos > 0 && ranked[pos - 1].s === x.s ? (out[ranked[pos - 1].i] as number) : pos + 1;
  });
  return out;
}

export interface WeightsProblem {
  field: ScoreComponent | 'sum';
  key: string;
}

/** Weights must be finite numbers ≥ 0 with a positive sum; returns the problems found. */
export function weightProblems(components: Partial<Record<ScoreComponent, unknown>>): WeightsProblem[] {
  const problems: WeightsProblem[] = [];
  let sum = 0;
  for (const c of SCORE_COMPONENTS) {
    const v = components[c];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000) {
      problems.push({ field: c, key: 'scoring.weights.invalid' });
      continue;
    }
    sum += v;
  }
  if (problems.length === 0 && sum <= 0) problems.push({ field: 'sum', key: 'scoring.weights.sumZero' });
  return problems;
}

/** Reads weights stored as jsonb, falling back to 0 for a missing component. */
export function parseStoredWeights(raw: unknown): ScoreWeights {
  const c = (raw as { components?: Record<string, unknown> } | null)?.components ?? {};
  const components = {} as Record<ScoreComponent, number>;
  for (const k of SCORE_COMPONENTS) {
    const v = Number(c[k]);
    components[k] = Number.isFinite(v) && v >= 0 ? v : 0;
  }
  return { components };
}
