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
 * How much faster the machine ran this time than last, read from the baselines measured beside
 * the app in each run: the SQL baseline where both runs have one (it carries the database's share
 * of the machine), else the bare Fastify server, else 1. A shared 2-core machine varies by half
 * between sessions; an app that is as fast as before relative to its baselines has not regressed.
 */
export function machineFactor(previous: ScenarioRun, current: ScenarioRun): number {
  for (const baseline of ['sql', 'bare'] as const) {
    const before = previous[baseline]?.rps ?? 0;
    const now = current[baseline]?.rps ?? 0;
    if (before > 0 && now > 0) return now / before;
  }
  return 1;
}

/**
 * Worse by more than `threshold` (0.15 = 15%) on throughput or p95 latency, once the current run
 * is scaled to the previous run's machine speed (machineFactor).
 */
export function regressions(previous: Record<string, ScenarioRun>, current: Record<string, ScenarioRun>, threshold = 0.15): Regression[] {
  const out: Regression[] = [];
  for (const [name, cur] of Object.entries(current)) {
    const prev = previous[name];
    if (!prev) continue;
    const f = machineFactor(prev, cur);
    const round = (x: number) => Math.round(x * 100) / 100;
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
