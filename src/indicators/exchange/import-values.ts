/**
 * Imports indicator values (from CSV or DHIS2) ALL OR NOTHING: every row is checked — known
 * indicator that takes numbers, known unit inside the importer's reporting scope, a period key of
 * the indicator's frequency, a number, an open (not submitted or approved) period, no duplicate —
 * and only when every row passes are the values written, in one transaction with one audit event
 * carrying the counts. A dry run checks and counts without writing.
 */
import { and, inArray, sql } from 'drizzle-orm';
import { type Principal, can } from '../../org/policies';
import { orgUnit } from '../../org/schema';
import { type Actor, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { t } from '../../platform/i18n';
import { closedByApprovedAncestors, isPeriodLocked } from '../period-lock';
import { isPeriodKey } from '../periods';
import { indicator, indicatorSubmission, indicatorValue } from '../schema';
import { MAX_COMMENT, type ValueRow, parseValue } from './formats';

export interface ImportError {
  row: number;
  /** the field at fault: indicator_code, unit_code, period, value, comment or row */
  field: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  imported: number;
  updated: number;
  ignored: number;
  errors: ImportError[];
}

const key = (indicatorId: string, unitId: string, period: string) => `${indicatorId}|${unitId}|${period}`;

export async function importIndicatorValues(
  db: Database,
  rows: readonly ValueRow[],
  opts: { principal: Principal; actor: Actor; dryRun: boolean; source: 'csv' | 'dhis2'; periodMessage?: 'exchange.badPeriod' | 'exchange.badDhis2Period' },
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const indicatorCodes = [...new Set(rows.map((r) => r.indicatorCode.toUpperCase()).filter(Boolean))];
    const unitCodes = [...new Set(rows.map((r) => r.unitCode.toUpperCase()).filter(Boolean))];
    const inds = indicatorCodes.length
      ? await tx
          .select({ id: indicator.id, code: indicator.code, kind: indicator.kind, isHeader: indicator.isHeader, frequency: indicator.frequency })
          .from(indicator)
          .where(inArray(sql`upper(${indicator.code})`, indicatorCodes))
      : [];
    const units = unitCodes.length ? await tx.select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name, path: orgUnit.path }).from(orgUnit).where(inArray(orgUnit.code, unitCodes)) : [];
    const indByCode = new Map(inds.map((i) => [i.code.toUpperCase(), i]));
    const unitByCode = new Map(units.map((u) => [u.code, u]));
    const periods = [...new Set(rows.filter((r) => r.periodValid).map((r) => r.period))];
    const unitIds = units.map((u) => u.id);
    const locks =
      unitIds.length && periods.length
        ? await tx
            .select({ unitId: indicatorSubmission.orgUnitId, period: indicatorSubmission.period, status: indicatorSubmission.status })
            .from(indicatorSubmission)
            .where(and(inArray(indicatorSubmission.orgUnitId, unitIds), inArray(indicatorSubmission.period, periods)))
        : [];
    const locked = new Set(locks.filter((l) => isPeriodLocked(l.status)).map((l) => `${l.unitId}|${l.period}`));
    for (const key of await closedByApprovedAncestors(tx, units, periods)) locked.add(key);

    const errors: ImportError[] = [];
    const fail = (row: number, field: string, message: string) => errors.push({ row, field, message: t('exchange.row', { row, message }) });
    const seen = new Map<string, number>();
    const valid: { indicatorId: string; unitId: string; period: string; value: number; comment: string | null }[] = [];
    for (const r of rows) {
      const ind = indByCode.get(r.indicatorCode.toUpperCase());
      const unit = unitByCode.get(r.unitCode.toUpperCase());
      let ok = true;
      if (!ind) {
        fail(r.row, 'indicator_code', t('exchange.unknownIndicator', { code: r.indicatorCode }));
        ok = false;
      } else if (ind.kind === 'checklist') {
        fail(r.row, 'indicator_code', t('exchange.checklistIndicator', { code: ind.code }));
        ok = false;
      } else if (ind.isHeader) {
        fail(r.row, 'indicator_code', t('exchange.headerIndicator', { code: ind.code }));
        ok = false;
      }
      if (!unit) {
        fail(r.row, 'unit_code', t('exchange.unknownUnit', { code: r.unitCode }));
        ok = false;
      } else if (!can(opts.principal, 'indicator.report', unit.path)) {
        fail(r.row, 'unit_code', t('exchange.outOfScope', { unit: `${unit.name} (${unit.code})` }));
        ok = false;
      }
      if (!r.periodValid) {
        fail(r.row, 'period', t(opts.periodMessage ?? 'exchange.badPeriod', { period: r.rawPeriod }));
        ok = false;
      } else if (ind && ind.kind !== 'checklist' && !isPeriodKey(r.period, ind.frequency)) {
        fail(r.row, 'period', t('exchange.periodFrequency', { period: r.rawPeriod, frequency: t(`exchange.frequency.${ind.frequency}`), code: ind.code }));
        ok = false;
      }
      const value = parseValue(r.value);
      if (value === null) {
        fail(r.row, 'value', t('exchange.badValue', { value: r.value.slice(0, 40) }));
        ok = false;
      }
      if (r.comment && r.comment.length > MAX_COMMENT) {
        fail(r.row, 'comment', t('exchange.commentTooLong', { max: MAX_COMMENT }));
        ok = false;
      }
      if (unit && r.periodValid && locked.has(`${unit.id}|${r.period}`)) {
        fail(r.row, 'period', t('exchange.locked', { period: r.period, unit: `${unit.name} (${unit.code})` }));
        ok = false;
      }
      if (ind && unit && r.periodValid) {
        const k = key(ind.id, unit.id, r.period);
        const first = seen.get(k);
        if (first !== undefined) {
          fail(r.row, 'row', t('exchange.duplicate', { first }));
          ok = false;
        } else seen.set(k, r.row);
      }
      if (ok && ind && unit && value !== null) valid.push({ indicatorId: ind.id, unitId: unit.id, period: r.period, value, comment: r.comment });
    }

    const result: ImportResult = { dryRun: opts.dryRun, rows: rows.length, imported: 0, updated: 0, ignored: 0, errors };
    if (errors.length) {
      result.errors.sort((a, b) => a.row - b.row);
      return result;
    }

    const existing = valid.length
      ? await tx
          .select({ indicatorId: indicatorValue.indicatorId, unitId: indicatorValue.orgUnitId, period: indicatorValue.period, value: indicatorValue.value, comment: indicatorValue.comment })
          .from(indicatorValue)
          .where(
            and(
              inArray(indicatorValue.indicatorId, [...new Set(valid.map((v) => v.indicatorId))]),
              inArray(indicatorValue.orgUnitId, [...new Set(valid.map((v) => v.unitId))]),
              inArray(indicatorValue.period, [...new Set(valid.map((v) => v.period))]),
            ),
          )
      : [];
    const before = new Map(existing.map((e) => [key(e.indicatorId, e.unitId, e.period), e]));
    const writes: typeof valid = [];
    for (const v of valid) {
      const prev = before.get(key(v.indicatorId, v.unitId, v.period));
      if (!prev) {
        result.imported++;
        writes.push(v);
      } else if (Number(prev.value) !== v.value || (prev.comment ?? null) !== v.comment) {
        result.updated++;
        writes.push(v);
      } else result.ignored++;
    }
    if (opts.dryRun) return result;

    const now = new Date();
    for (let i = 0; i < writes.length; i += 500) {
      await tx
        .insert(indicatorValue)
        .values(writes.slice(i, i + 500).map((w) => ({ indicatorId: w.indicatorId, orgUnitId: w.unitId, period: w.period, value: String(w.value), comment: w.comment, enteredBy: opts.principal.userId, updatedAt: now })))
        .onConflictDoUpdate({
          target: [indicatorValue.indicatorId, indicatorValue.period, indicatorValue.orgUnitId],
          set: { value: sql`excluded.value`, comment: sql`excluded.comment`, enteredBy: sql`excluded.entered_by`, updatedAt: sql`excluded.updated_at`, isDemo: sql`false` },
        });
    }
    await recordAudit(tx, opts.actor, {
      action: 'indicator.values.import',
      entityType: 'indicator_value',
      entityId: null,
      after: { source: opts.source, rows: rows.length, imported: result.imported, updated: result.updated, ignored: result.ignored },
    });
    return result;
  });
}
