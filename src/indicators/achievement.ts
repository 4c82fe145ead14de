/**
 * How far a value has come towards its target, and the measured status that follows from it.
 *
 * Achievement is 1 when the target is met. With a baseline it is the share of the distance from
 * baseline to target that has been covered; without one it is value/target (higher is better) or
 * target/value (lower is better). It is not capped here: scoring caps it, pages show it as is.
 */
export const VALUE_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export function achievement(
  value: number,
  target: number,
  direction: 'higher' | 'lower',
  baseline?: number | null,
): number | null {
  if (!Number.isFinite(value) || !Number.isFinite(target)) return null;
  if (baseline != null && Number.isFinite(baseline) && baseline !== target) {
    const covered = (value - baseline) / (target - baseline);
    return Math.max(0, covered);
  }
  if (direction === 'higher') {
    if (target === 0) return value >= 0 ? 1 : 0;
    return Math.max(0, value / target);
  }
  if (value <= target) return 1;
  if (value === 0) return 1;
  return Math.max(0, target / value);
}

/** on track at or above `onTrack`, at risk at or above `atRisk`, else off track. */
export function valueStatus(achieved: number | null, onTrack: number, atRisk: number): ValueStatus | null {
  if (achieved == null) return null;
  if (achieved >= onTrack) return 'on_track';
  if (achieved >= atRisk) return 'at_risk';
  return 'off_track';
}
