/** Percentiles, summaries and the comparison with the previous result (regressions beyond 15%). */

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
  current: number;
  change: number;
}

/** Worse by more than `threshold` (0.15 = 15%) on throughput or p95 latency. */
export function regressions(
  previous: Record<string, { app: Summary }>,
  current: Record<string, { app: Summary }>,
  threshold = 0.15,
): Regression[] {
  const out: Regression[] = [];
  for (const [name, cur] of Object.entries(current)) {
    const prev = previous[name];
    if (!prev) continue;
    if (prev.app.rps > 0 && cur.app.rps < prev.app.rps * (1 - threshold)) {
      out.push({ scenario: name, metric: 'rps', previous: prev.app.rps, current: cur.app.rps, change: cur.app.rps / prev.app.rps - 1 });
    }
    if (prev.app.p95 > 0 && cur.app.p95 > prev.app.p95 * (1 + threshold)) {
      out.push({ scenario: name, metric: 'p95', previous: prev.app.p95, current: cur.app.p95, change: cur.app.p95 / prev.app.p95 - 1 });
    }
  }
  return out;
}
