/** Which reminder or escalation an assignment gets, by working days left or late. */
import { describe, expect, it } from 'vitest';
import { answerEscalationKinds, answerReminderKind } from './send-deadline-notices';

describe('answer notices', () => {
  it('reminds 3 and 1 working days before, in windows so a missed run skips nothing', () => {
    expect([5, 4, 3, 2, 1, 0, -1].map(answerReminderKind)).toEqual([null, null, 'answer_reminder_3d', 'answer_reminder_3d', 'answer_reminder_1d', 'answer_reminder_1d', null]);
  });

  it('escalates to the leaders from the first day late and to the standing office 5 working days later', () => {
    expect(answerEscalationKinds(0)).toEqual([]);
    expect(answerEscalationKinds(1)).toEqual(['answer_escalation_leader']);
    expect(answerEscalationKinds(5)).toEqual(['answer_escalation_leader']);
    expect(answerEscalationKinds(6)).toEqual(['answer_escalation_leader', 'answer_escalation_office']);
  });
});
