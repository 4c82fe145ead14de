/** The case status its assignments imply (no database). */
import { describe, expect, it } from 'vitest';
import { impliedStatus } from './complete-case';

describe('impliedStatus', () => {
  it('follows the assignments', () => {
    expect(impliedStatus('forwarded', ['forwarded', 'forwarded'])).toBe('forwarded');
    expect(impliedStatus('forwarded', ['forwarded', 'accepted'])).toBe('in_progress');
    expect(impliedStatus('forwarded', ['returned', 'accepted'])).toBe('in_progress');
    expect(impliedStatus('in_progress', ['returned', 'answered'])).toBe('in_progress');
    expect(impliedStatus('forwarded', ['returned', 'forwarded'])).toBe('forwarded');
  });

  it('goes back to the standing office when every agency returned the case', () => {
    expect(impliedStatus('forwarded', ['returned'])).toBe('received');
    expect(impliedStatus('in_progress', ['returned', 'returned'])).toBe('received');
    expect(impliedStatus('awaiting_info', ['returned'])).toBe('received');
  });

  it('keeps a case waiting for the submitter waiting', () => {
    expect(impliedStatus('awaiting_info', ['accepted', 'forwarded'])).toBe('awaiting_info');
    expect(impliedStatus('received', [])).toBe('received');
  });
});
