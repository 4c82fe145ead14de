/**
 * The unit and period every value, submission and decision is about, checked the same way on
 * every path: a malformed period is bad input (400), an unknown unit is not found (404).
 */
import { findUnitByCode } from '../org/queries';
import type { Executor } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { type ParsedPeriod, parsePeriod } from './periods';

export type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnitByCode>>>;

export function checkPeriod(period: string): ParsedPeriod {
  const parsed = typeof period === 'string' && period.length <= 10 ? parsePeriod(period.trim()) : null;
  if (!parsed) throw validationFailed({ period: t('indicator.error.period', { period: String(period ?? '').slice(0, 20) }) });
  return parsed;
}

export async function loadUnitPeriod(db: Executor, unitCode: string, period: string): Promise<{ unit: UnitRow; period: ParsedPeriod }> {
  const parsed = checkPeriod(period);
  const code = typeof unitCode === 'string' ? unitCode.trim().slice(0, 40) : '';
  const unit = code ? await findUnitByCode(db, code) : null;
  if (!unit) throw AppError.of('NOT_FOUND', 'indicator.error.unitNotFound', { code });
  return { unit, period: parsed };
}

/** "1.234,5" (vi-VN), "1234.5" or a number → 1234.5; null when it is not a finite number. */
export function parseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let s = raw.trim().replace(/\s/g, '');
  if (!s || s.length > 30) return null;
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : null;
}
