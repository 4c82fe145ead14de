/**
 * Reads indicator values for export (CSV, DHIS2), filtered by indicator, period and unit subtree,
 * and always cut to what the reader may see. One query, capped: a national dump of millions of
 * values is a job for the backup, not a download.
 */
import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import { underAnyPath } from '../../org/queries';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { escapeLike } from '../../platform/text/fold';
import { indicator, indicatorValue } from '../schema';

export const MAX_EXPORT_ROWS = 200_000;

export interface ExportFilter {
  indicatorId?: string;
  period?: string;
  /** the subtree root's path */
  unitPath?: string;
  /** the reader's subtree roots; null for the whole tree */
  roots: string[] | null;
}

export interface ExportRow {
  indicatorCode: string;
  unitCode: string;
  period: string;
  value: string;
  comment: string | null;
  updatedAt: Date;
}

export async function listValuesForExport(db: Executor, f: ExportFilter): Promise<ExportRow[]> {
  const where: SQL[] = [];
  if (f.indicatorId) where.push(eq(indicatorValue.indicatorId, f.indicatorId));
  if (f.period) where.push(eq(indicatorValue.period, f.period));
  if (f.unitPath) where.push(sql`${orgUnit.path} LIKE ${`${escapeLike(f.unitPath)}%`}`);
  if (f.roots !== null) where.push(underAnyPath(orgUnit.path, f.roots));
  const rows = await db
    .select({
      indicatorCode: indicator.code,
      unitCode: orgUnit.code,
      period: indicatorValue.period,
      value: indicatorValue.value,
      comment: indicatorValue.comment,
      updatedAt: indicatorValue.updatedAt,
    })
    .from(indicatorValue)
    .innerJoin(indicator, eq(indicator.id, indicatorValue.indicatorId))
    .innerJoin(orgUnit, eq(orgUnit.id, indicatorValue.orgUnitId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(indicator.code), asc(orgUnit.code), asc(indicatorValue.period))
    .limit(MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) throw AppError.of('VALIDATION_FAILED', 'exchange.exportTooLarge', { max: MAX_EXPORT_ROWS.toLocaleString('vi-VN') });
  return rows;
}
