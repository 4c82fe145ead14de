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
