/**
 * A unit's checklist colour. Green when the share of criteria met reaches the indicator's green
 * ratio, yellow when it reaches the yellow ratio, red below. Criteria a unit has not answered count
 * as not met. The colour uses the level above's confirmation where there is one, and the unit's own
 * answer otherwise; `confirmed` says whether every answer has been confirmed, so pages can say
 * "chưa xác nhận" instead of passing a self-assessment off as checked.
 */
export const CHECKLIST_COLOURS = ['green', 'yellow', 'red'] as const;
export type ChecklistColour = (typeof CHECKLIST_COLOURS)[number];

/** The least number of met criteria (out of `total`) for green and for yellow; SQL compares counts with these. */
export function colourThresholds(total: number, greenRatio: number, yellowRatio: number): { greenMin: number; yellowMin: number } {
  // the epsilon keeps 0.7 × 10 = 7.000000000000001 from asking for 8
  const greenMin = Math.max(0, Math.ceil(greenRatio * total - 1e-9));
  const yellowMin = Math.min(greenMin, Math.max(0, Math.ceil(yellowRatio * total - 1e-9)));
  return { greenMin, yellowMin };
}

export function checklistColour(met: number, total: number, greenRatio: number, yellowRatio: number): ChecklistColour | null {
  if (total <= 0) return null;
  const { greenMin, yellowMin } = colourThresholds(total, greenRatio, yellowRatio);
  if (met >= greenMin) return 'green';
  if (met >= yellowMin) return 'yellow';
  return 'red';
}

export interface AnswerState {
  selfMet: boolean;
  confirmedMet: boolean | null;
}

export interface UnitChecklistState {
  /** null when the unit has not assessed itself */
  colour: ChecklistColour | null;
  met: number;
  answered: number;
  total: number;
  /** every answer has been confirmed by the level above */
  confirmed: boolean;
}

export function unitChecklistState(answers: readonly AnswerState[], total: number, greenRatio: number, yellowRatio: number): UnitChecklistState {
  const answered = answers.length;
  const met = answers.filter((a) => a.confirmedMet ?? a.selfMet).length;
  const confirmed = answered > 0 && answers.every((a) => a.confirmedMet !== null);
  return { colour: answered === 0 ? null : checklistColour(met, total, greenRatio, yellowRatio), met, answered, total, confirmed };
}

/** Share (0–100, one decimal) of `part` in `whole`; 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
