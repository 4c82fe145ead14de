import { describe, expect, it } from 'vitest';
import { checklistColour, colourThresholds, percent, unitChecklistState } from './colour';

describe('checklist colour (green = all 8, yellow ≥ 0.7, red below)', () => {
  it('hand-computed cases out of 8 criteria', () => {
    expect(checklistColour(8, 8, 1, 0.7)).toBe('green');
    expect(checklistColour(7, 8, 1, 0.7)).toBe('yellow'); // 0.875
    expect(checklistColour(6, 8, 1, 0.7)).toBe('yellow'); // 0.75
    expect(checklistColour(5, 8, 1, 0.7)).toBe('red'); // 0.625
    expect(checklistColour(0, 8, 1, 0.7)).toBe('red');
    expect(colourThresholds(8, 1, 0.7)).toEqual({ greenMin: 8, yellowMin: 6 });
  });

  it('exact ratios are not lost to floating point', () => {
    expect(colourThresholds(10, 1, 0.7)).toEqual({ greenMin: 10, yellowMin: 7 });
    expect(checklistColour(7, 10, 1, 0.7)).toBe('yellow');
    expect(checklistColour(9, 10, 0.9, 0.7)).toBe('green');
  });

  it('thresholds are configurable', () => {
    expect(checklistColour(6, 8, 0.75, 0.5)).toBe('green');
    expect(checklistColour(4, 8, 0.75, 0.5)).toBe('yellow');
    expect(checklistColour(3, 8, 0.75, 0.5)).toBe('red');
  });

  it('no criteria: no colour', () => {
    expect(checklistColour(0, 0, 1, 0.7)).toBeNull();
  });

  it('a confirmation overrides the self-assessment, and unanswered criteria count as not met', () => {
    const yes = { selfMet: true, confirmedMet: null };
    const s = unitChecklistState([yes, yes, yes, yes, yes, yes, yes, yes], 8, 1, 0.7);
    expect(s).toEqual({ colour: 'green', met: 8, answered: 8, total: 8, confirmed: false });
    const corrected = unitChecklistState([...Array(6).fill({ selfMet: true, confirmedMet: true }), { selfMet: true, confirmedMet: false }, { selfMet: true, confirmedMet: false }], 8, 1, 0.7);
    expect(corrected).toEqual({ colour: 'yellow', met: 6, answered: 8, total: 8, confirmed: true });
    expect(unitChecklistState(Array(7).fill(yes), 8, 1, 0.7).colour).toBe('yellow');
    expect(unitChecklistState([], 8, 1, 0.7).colour).toBeNull();
  });

  it('percent', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBe(0);
  });
});
