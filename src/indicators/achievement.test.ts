/** Achievement against targets and the three measured statuses, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { achievement, valueStatus } from './achievement';
import { statusOf } from './indicator-status';

describe('achievement', () => {
  it('is value/target when higher is better, without a baseline', () => {
    expect(achievement(76, 80, 'higher')).toBe(0.95);
    expect(achievement(100, 80, 'higher')).toBe(1.25);
    expect(achievement(-5, 80, 'higher')).toBe(0);
  });

  it('is target/value when lower is better (a rank): at or under the target is met', () => {
    expect(achievement(3, 3, 'lower')).toBe(1);
    expect(achievement(2, 3, 'lower')).toBe(1);
    expect(achievement(4, 3, 'lower')).toBe(0.75);
  });

  it('is the share of the way from baseline to target when there is a baseline', () => {
    expect(achievement(71, 80, 'higher', 62)).toBe(0.5); // (71 − 62) / (80 − 62)
    expect(achievement(50, 80, 'higher', 62)).toBe(0); // went backwards
    expect(achievement(40, 30, 'lower', 50)).toBe(0.5); // (40 − 50) / (30 − 50)
  });

  it('handles a zero target', () => {
    expect(achievement(0, 0, 'higher')).toBe(1);
    expect(achievement(Number.NaN, 10, 'higher')).toBeNull();
  });
});

describe('status thresholds', () => {
  it('splits at the on-track and at-risk ratios (inclusive)', () => {
    expect(valueStatus(0.95, 0.95, 0.8)).toBe('on_track');
    expect(valueStatus(0.9499, 0.95, 0.8)).toBe('at_risk');
    expect(valueStatus(0.8, 0.95, 0.8)).toBe('at_risk');
    expect(valueStatus(0.7999, 0.95, 0.8)).toBe('off_track');
    expect(valueStatus(null, 0.95, 0.8)).toBeNull();
  });

  it('uses the indicator’s own thresholds, direction and baseline', () => {
    const ind = { id: 'x', direction: 'higher' as const, baselineValue: null, onTrackRatio: '0.9', atRiskRatio: '0.6', aggregation: 'mean' as const, responsibleUnitId: null };
    expect(statusOf(ind, 72, 80)).toEqual({ achievement: 0.9, status: 'on_track' });
    expect(statusOf(ind, 48, 80)).toEqual({ achievement: 0.6, status: 'at_risk' });
    expect(statusOf(ind, 40, 80)).toEqual({ achievement: 0.5, status: 'off_track' });
    expect(statusOf(ind, 40, null)).toEqual({ achievement: null, status: null });
    const withBaseline = { ...ind, baselineValue: '60' };
    expect(statusOf(withBaseline, 70, 80)).toEqual({ achievement: 0.5, status: 'off_track' }); // (70 − 60) / 20
    const rank = { ...ind, direction: 'lower' as const };
    expect(statusOf(rank, 4, 3)).toEqual({ achievement: 0.75, status: 'at_risk' });
  });
});
