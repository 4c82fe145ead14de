/**
 * When a unit's indicator values may still change. A period that has been sent up, or approved,
 * is locked: the level above is looking at (or has accepted) exactly those figures. It opens
 * again only when the level above returns it. Every path that writes values or checklist answers
 * (forms, API, CSV and DHIS2 imports) asks here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/client';
import { type PeriodSubmissionStatus, indicatorSubmission } from './schema';

export function isPeriodLocked(status: PeriodSubmissionStatus | null | undefined): boolean {
  return status === 'submitted' || status === 'approved';
}

/** The units among `unitIds` whose `period` is locked. */
export async function lockedUnits(db: Executor, unitIds: readonly string[], period: string): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await db
    .select({ unitId: indicatorSubmission.orgUnitId, status: indicatorSubmission.status })
    .from(indicatorSubmission)
    .where(and(eq(indicatorSubmission.period, period), inArray(indicatorSubmission.orgUnitId, [...unitIds])));
  return new Set(rows.filter((r) => isPeriodLocked(r.status)).map((r) => r.unitId));
}

/**
 * `unitId|period` pairs closed because a unit above has had that period approved: the approved
 * total already counts the figures below it, so they may no longer change (the value forms and
 * the imports both refuse them).
 */
export async function closedByApprovedAncestors(
  db: Executor,
  units: readonly { id: string; path: string }[],
  periods: readonly string[],
): Promise<Set<string>> {
  const ancestorsOf = new Map(units.map((u) => [u.id, u.path.split('/').filter((id) => id && id !== u.id)]));
  const ancestorIds = [...new Set([...ancestorsOf.values()].flat())];
  if (ancestorIds.length === 0 || periods.length === 0) return new Set();
  const approved = await db
    .select({ unitId: indicatorSubmission.orgUnitId, period: indicatorSubmission.period })
    .from(indicatorSubmission)
    .where(and(inArray(indicatorSubmission.orgUnitId, ancestorIds), inArray(indicatorSubmission.period, [...periods]), eq(indicatorSubmission.status, 'approved')));
  const approvedSet = new Set(approved.map((a) => `${a.unitId}|${a.period}`));
  const closed = new Set<string>();
  for (const [unitId, ancestors] of ancestorsOf) {
    for (const period of periods) if (ancestors.some((a) => approvedSet.has(`${a}|${period}`))) closed.add(`${unitId}|${period}`);
  }
  return closed;
}

/** Whether one unit's period is closed because a unit above has had it approved. */
export async function closedByApprovedAncestor(db: Executor, unit: { id: string; path: string }, period: string): Promise<boolean> {
  return (await closedByApprovedAncestors(db, [unit], [period])).size > 0;
}
