/** Percentiles, summaries and the comparison with the previous result (regressions beyond 15%, at equal machine speed). */

export interface Summary {
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(latenciesMs: number[], errors: number, durationMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: sorted.length,
    errors,
    durationMs: Math.round(durationMs),
    rps: round((sorted.length / durationMs) * 1000),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

export interface Regression {
  scenario: string;
  metric: 'rps' | 'p95';
  previous: number;
  /** as measured now, scaled to the previous run's machine speed */
  current: number;
  change: number;
}

/** What a scenario's result carries: the app, and the baselines measured beside it in the same run. */
export interface ScenarioRun {
  app: Summary;
  sql?: Summary;
  bare?: Summary;
}

/**
 * How much faster the machine ran this time than last: the median, over the scenarios both runs
 * measured, of how far each scenario's own baseline moved (its SQL baseline where both runs have
 * one, else its bare Fastify server). A shared 2-core machine varies by half between sessions; one
 * baseline alone moves ±20% between two runs in the same minute, the median of a dozen much less.
 * An app that is as fast as before relative to the machine has not regressed.
 */
export function machineFactor(previous: Record<string, ScenarioRun>, current: Record<string, ScenarioRun>): number {
  const moves: number[] = [];
  for (const [name, cur] of Object.entries(current)) {
    const prev = previous[name];
    if (!prev) continue;
    for (const baseline of ['sql', 'bare'] as const) {
      const before = prev[baseline]?.rps ?? 0;
      const now = cur[baseline]?.rps ?? 0;
      if (before > 0 && now > 0) {
        moves.push(now / before);
        break;
      }
    }
  }
  if (moves.length === 0) return 1;
  moves.sort((a, b) => a - b);
  const mid = moves.length >> 1;
  return moves.length % 2 ? moves[mid]! : (moves[mid - 1]! + moves[mid]!) / 2;
}

/**
 * Worse by more than `threshold` (0.15 = 15%) on throughput or p95 latency, once the current run
 * is scaled to the previous run's machine speed (machineFactor).
 */
export function regressions(previous: Record<string, ScenarioRun>, current: Record<string, ScenarioRun>, threshold = 0.15): Regression[] {
  const out: Regression[] = [];
  const f = machineFactor(previous, current);
  const round = (x: number) => Math.round(x * 100) / 100;
  for (const [name, cur] of Object.entries(current)) {
    const prev = previous[name];
    if (!prev) continue;
    const rps = cur.app.rps / f;
    const p95 = cur.app.p95 * f;
    if (prev.app.rps > 0 && rps < prev.app.rps * (1 - threshold)) {
      out.push({ scenario: name, metric: 'rps', previous: prev.app.rps, current: round(rps), change: rps / prev.app.rps - 1 });
    }
    if (prev.app.p95 > 0 && p95 > prev.app.p95 * (1 + threshold)) {
      out.push({ scenario: name, metric: 'p95', previous: prev.app.p95, current: round(p95), change: p95 / prev.app.p95 - 1 });
    }
  }
  return out;
}
