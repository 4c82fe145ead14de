/** The score arithmetic by hand: shares, the weighted mean over measured components, competition ranks, weights. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, competitionRanks, inverseShare, parseStoredWeights, share, weightProblems, weightedScore } from './score-math';
import { movementOf } from './load-league-table';

describe('score arithmetic', () => {
  it('turns counts into 0–100 shares, null when there is nothing to measure', () => {
    expect(share(1, 3)).toBe(33.33);
    expect(share(2, 3)).toBe(66.67);
    expect(share(0, 0)).toBeNull();
    expect(inverseShare(1, 4)).toBe(75);
    expect(inverseShare(0, 0)).toBeNull();
  });

  it('drops null components with their weight', () => {
    const all = { tasksOnTime: 100, overdue: 100, reportTimeliness: null, kpiAchievement: 50, feedbackOnTime: null };
    // (100·30 + 100·20 + 50·20) / 70
    expect(weightedScore(all, DEFAULT_WEIGHTS)).toBe(85.71);
    const none = { tasksOnTime: null, overdue: null, reportTimeliness: null, kpiAchievement: null, feedbackOnTime: null };
    expect(weightedScore(none, DEFAULT_WEIGHTS)).toBeNull();
    // a measured component with weight 0 carries nothing
    const zeroWeight = { components: { ...DEFAULT_WEIGHTS.components, tasksOnTime: 0, overdue: 0, kpiAchievement: 0 } };
    expect(weightedScore({ ...none, tasksOnTime: 80 }, zeroWeight)).toBeNull();
  });

  it('ranks ties together: 1, 1, 3', () => {
    expect(competitionRanks([70, 90, 90, null, 50])).toEqual([3, 1, 1, null, 4]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('measures movement as places gained', () => {
    expect(movementOf(1, 3)).toBe(2);
    expect(movementOf(4, 2)).toBe(-2);
    expect(movementOf(2, 2)).toBe(0);
    expect(movementOf(2, null)).toBeNull();
  });

  it('validates weights', () => {
    expect(weightProblems(DEFAULT_WEIGHTS.components)).toEqual([]);
    expect(weightProblems({ ...DEFAULT_WEIGHTS.components, overdue: -1 })).toEqual([{ field: 'overdue', key: 'scoring.weights.invalid' }]);
    expect(weightProblems({ ...DEFAULT_WEIGHTS.components, overdue: Number.NaN })).toHaveLength(1);
    expect(weightProblems({ tasksOnTime: 0, overdue: 0, reportTimeliness: 0, kpiAchievement: 0, feedbackOnTime: 0 })).toEqual([{ field: 'sum', key: 'scoring.weights.sumZero' }]);
    expect(parseStoredWeights({ components: { tasksOnTime: 5 } }).components).toEqual({ tasksOnTime: 5, overdue: 0, reportTimeliness: 0, kpiAchievement: 0, feedbackOnTime: 0 });
  });
});
