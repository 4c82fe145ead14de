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
  it('compares at equal machine speed, read from the SQL baseline, else the bare server', () => {
    // the machine ran at half speed: the app halved with its SQL baseline, which is no regression…
    const before = { app: at(1000, 10).app, sql: sum(4000), bare: sum(50_000) };
    expect(machineFactor(before, { app: at(500, 20).app, sql: sum(2000), bare: sum(40_000) })).toBe(0.5);
    expect(regressions({ a: before }, { a: { app: at(500, 20).app, sql: sum(2000) } })).toEqual([]);
    // …but halving while the baseline held is one, on both measures
    const worse = regressions({ a: before }, { a: { app: at(500, 20).app, sql: sum(4000) } });
    expect(worse.map((x) => `${x.metric}:${x.current}`)).toEqual(['rps:500', 'p95:20']);
    // without an SQL baseline the bare server sets the speed; without either, raw numbers count
    expect(machineFactor({ app: before.app, bare: sum(50_000) }, { app: before.app, bare: sum(25_000) })).toBe(0.5);
    expect(machineFactor({ app: before.app }, { app: before.app })).toBe(1);
  });
  it('ignores scenarios without a previous result', () => {
    expect(regressions({}, { a: at(1, 1) })).toEqual([]);
  });
});
