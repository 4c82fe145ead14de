/** Pure rules: Vietnamese dates, reminder windows, escalation days and status transitions. */
import { describe, expect, it } from 'vitest';
import { nextStatus } from './change-task-status';
import { addDays, daysBetween, hcmDate, isIsoDate } from './dates';
import { escalationKinds, reminderKind } from './detect-overdue-tasks';

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('turns an instant into the Vietnamese calendar date', () => {
    expect(hcmDate(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(hcmDate(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });
  it('adds and counts days across months', () => {
    expect(addDays('2025-06-28', 7)).toBe('2025-07-05');
    expect(daysBetween('2025-06-28', '2025-07-05')).toBe(7);
    expect(isIsoDate('2025-02-30')).toBe(false);
    expect(isIsoDate('2025-02-28')).toBe(true);
  });
});

describe('overdue control rules', () => {
  it('reminder windows 7, 3, 1 days', () => {
    expect([8, 7, 4, 3, 2, 1, 0, -1].map(reminderKind)).toEqual([
      null,
      'reminder_7d',
      'reminder_7d',
      'reminder_3d',
      'reminder_3d',
      'reminder_1d',
      'reminder_1d',
      null,
    ]);
  });
  it('escalates to the leaders from day 1 and to the standing office from day 7', () => {
    expect(escalationKinds(0)).toEqual([]);
    expect(escalationKinds(1)).toEqual(['escalation_leader']);
    expect(escalationKinds(7)).toEqual(['escalation_leader', 'escalation_office']);
  });
});

describe('status transitions', () => {
  it('allows only the listed moves', () => {
    expect(nextStatus('not_started', 'start', false)).toBe('in_progress');
    expect(nextStatus('in_progress', 'start', false)).toBeNull();
    expect(nextStatus('overdue', 'pause', true)).toBe('paused');
    expect(nextStatus('paused', 'resume', false)).toBe('in_progress');
    expect(nextStatus('paused', 'resume', true)).toBe('overdue');
    expect(nextStatus('done_on_time', 'cancel', false)).toBeNull();
    expect(nextStatus('paused', 'cancel', false)).toBe('cancelled');
    expect(nextStatus('cancelled', 'resume', false)).toBeNull();
  });
});
