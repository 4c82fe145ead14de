/**
 * The shapes indicators leave the system in: API output schemas and the functions that fill them,
 * and the number formatting pages share (vi-VN, at most 2 decimals, no "NaN").
 */
import { z } from 'zod';
import { formatNumber } from '../platform/i18n';
import type { MeasuredStatus } from './indicator-status';
import type { IndicatorRow } from './queries';
import { AGGREGATIONS, FREQUENCIES, INDICATOR_KINDS, PERIOD_SUBMISSION_STATUSES } from './schema';

const STATUS = z.enum(['on_track', 'at_risk', 'off_track']).nullable();

export const indicatorSummaryOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  source: z.string(),
  unit: z.string().nullable(),
  frequency: z.enum(FREQUENCIES),
  aggregation: z.enum(AGGREGATIONS),
  direction: z.enum(['higher', 'lower']).nullable(),
  horizon: z.number().nullable(),
  parentCode: z.string().nullable(),
  isHeader: z.boolean(),
  qualitative: z.boolean(),
  isActive: z.boolean(),
});

export const measuredStatusOut = z.object({
  period: z.string(),
  value: z.number(),
  target: z.number().nullable(),
  achievement: z.number().nullable(),
  status: STATUS,
});

export const indicatorDetailOut = indicatorSummaryOut.extend({
  nameEn: z.string().nullable(),
  definition: z.string().nullable(),
  dataSource: z.string().nullable(),
  targetText: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselinePeriod: z.string().nullable(),
  responsibleUnitCode: z.string().nullable(),
  weight: z.number(),
  onTrackRatio: z.number(),
  atRiskRatio: z.number(),
  targets: z.array(z.object({ period: z.string(), value: z.number(), note: z.string().nullable() })),
  status: measuredStatusOut.nullable(),
  confidence: z
    .object({ level: z.number(), reason: z.string(), unitCode: z.string(), createdAt: z.string() })
    .nullable(),
});

export const unitValueOut = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  value: z.number(),
  /** reported by the unit itself, or rolled up from units below it */
  source: z.enum(['reported', 'aggregated']),
  approval: z.enum(PERIOD_SUBMISSION_STATUSES).nullable(),
  comment: z.string().nullable(),
  evidenceText: z.string().nullable(),
  target: z.number().nullable(),
  achievement: z.number().nullable(),
  status: STATUS,
});

export const submissionOut = z.object({
  unitCode: z.string(),
  period: z.string(),
  status: z.enum(PERIOD_SUBMISSION_STATUSES),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionMessage: z.string().nullable(),
});

export function presentSummary(r: {
  code: string;
  name: string;
  kind: IndicatorRow['kind'];
  source: string;
  unit: string | null;
  frequency: IndicatorRow['frequency'];
  aggregation: IndicatorRow['aggregation'];
  direction: IndicatorRow['direction'];
  horizon: number | null;
  parentCode: string | null;
  isHeader: boolean;
  qualitative: boolean;
  isActive: boolean;
}): z.infer<typeof indicatorSummaryOut> {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    source: r.source,
    unit: r.unit,
    frequency: r.frequency,
    aggregation: r.aggregation,
    direction: r.direction,
    horizon: r.horizon,
    parentCode: r.parentCode,
    isHeader: r.isHeader,
    qualitative: r.qualitative,
    isActive: r.isActive,
  };
}

export function presentStatus(s: MeasuredStatus | null): z.infer<typeof measuredStatusOut> | null {
  return s ? { period: s.period, value: s.value, target: s.target, achievement: s.achievement, status: s.status } : null;
}

export function presentSubmission(unitCode: string, s: { period: string; status: z.infer<typeof submissionOut>['status']; submittedAt: Date | null; decidedAt: Date | null; decisionMessage: string | null }) {
  return {
    unitCode,
    period: s.period,
    status: s.status,
    submittedAt: s.submittedAt ? s.submittedAt.toISOString() : null,
    decidedAt: s.decidedAt ? s.decidedAt.toISOString() : null,
    decisionMessage: s.decisionMessage,
  };
}

export const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/** 1234.567 → "1.234,57"; null → "—" */
export function formatValue(v: number | string | null | undefined): string {
  const n = num(v ?? null);
  if (n === null || !Number.isFinite(n)) return '—';
  return formatNumber(Math.round(n * 100) / 100);
}

/** 0.934 → "93%" */
export function formatRatio(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${formatNumber(Math.round(v * 100))}%`;
}
