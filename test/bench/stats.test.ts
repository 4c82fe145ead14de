/** Benchmark arithmetic: nearest-rank percentiles and the 15% regression rule. */
import { describe, expect, it } from 'vitest';
import { machineFactor, percentile, regressions, summarise } from './stats';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
  it('summarises rate over the measured duration', () => {
    const s = summarise([3, 1, 2, 4], 1, 2000);
    expect(s).toMatchObject({ requests: 4, errors: 1, rps: 2, p50: 2, max: 4 });
  });
});

describe('regressions', () => {
  const at = (rps: number, p95: number) => ({ app: { requests: 1, errors: 0, durationMs: 1, rps, p50: 1, p95, p99: 1, max: 1 } });
  it('flags throughput falling or p95 rising by more than 15%, and nothing within it', () => {
    const r = regressions({ a: at(1000, 10), b: at(1000, 10), c: at(1000, 10) }, { a: at(840, 10), b: at(900, 11.4), c: at(1000, 12) });
    expect(r.map((x) => `${x.scenario}:${x.metric}`)).toEqual(['a:rps', 'c:p95']);
    expect(r[0]!.change).toBeCloseTo(-0.16);
  });
  const sum = (rps: number) => ({ requests: 1, errors: 0, durationMs: 1, rps, p50: 1, p95: 1, p99: 1, max: 1 });
  const run = (app: number, p95: number, sql?: number, bare?: number) => ({ app: at(app, p95).app, ...(sql ? { sql: sum(sql) } : {}), ...(bare ? { bare: sum(bare) } : {}) });
  it('compares at equal machine speed: the median move of the baselines, SQL where there is one, else the bare server', () => {
    const before = { a: run(1000, 10, 4000), b: run(500, 20, 2000), c: run(100, 50, undefined, 50_000) };
    // the machine ran at half speed: everything halved with its baseline (one baseline jumped): no regression…
    const slower = { a: run(500, 20, 2000), b: run(250, 40, 3000), c: run(50, 100, undefined, 25_000) };
    expect(machineFactor(before, slower)).toBe(0.5);
    expect(regressions(before, slower)).toEqual([]);
    // …but a scenario that halved while the machine held is one, on both measures
    const worse = regressions(before, { a: run(1000, 10, 4000), b: run(250, 40, 2000), c: run(100, 50, undefined, 50_000) });
    expect(worse.map((x) => `${x.scenario}:${x.metric}:${x.current}`)).toEqual(['b:rps:250', 'b:p95:40']);
    // nothing to read the speed from: raw numbers count
    expect(machineFactor({ a: run(1, 1) }, { a: run(1, 1) })).toBe(1);
  });
  it('ignores scenarios without a previous result', () => {
    expect(regressions({}, { a: at(1, 1) })).toEqual([]);
  });
});
