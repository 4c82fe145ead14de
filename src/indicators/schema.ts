/**
 * Indicators (KPIs): the catalogue seeded from Resolution 57's targets and Resolution 03/NQ-CP's
 * Appendix I, targets per period (a trajectory), values per unit per period, the approval of a
 * unit's period, yes/no checklists, delivery-confidence ratings, and frozen score snapshots.
 *
 * Period keys are text: 'YYYY' (year), 'YYYY-Qn' (quarter), 'YYYY-MM' (month); see periods.ts.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appUser, orgUnit } from '../org/schema';
import { createdAt, id, updatedAt } from '../platform/db/columns';
import { storedFile } from '../platform/files/schema';

/** strategic (national targets), operational (unit-level measures), checklist (yes/no criteria) */
export const INDICATOR_KINDS = ['strategic', 'operational', 'checklist'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
/** How a unit's value is built from its children's when it has none of its own; see aggregate.ts. */
export const AGGREGATIONS = ['sum', 'mean', 'weighted_mean', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const FREQUENCIES = ['month', 'quarter', 'year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** A unit's period of values: being filled in, sent up, accepted (locked), or sent back. */
export const PERIOD_SUBMISSION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PeriodSubmissionStatus = (typeof PERIOD_SUBMISSION_STATUSES)[number];

export const indicator = pgTable(
  'indicator',
  {
    id: id(),
    code: text('code').notNull(),
    /** 'NQ57' (Resolution 57 targets), 'NQ03' (Resolution 03 Appendix I), 'LOCAL' (defined on this platform: unit KPIs, checklists) */
    source: text('source', { enum: ['NQ57', 'NQ03', 'LOCAL'] }).notNull(),
    number: text('number'),
    parentNumber: text('parent_number'),
    isHeader: boolean('is_header').notNull().default(false),
    horizon: integer('horizon'),
    sortOrder: integer('sort_order').notNull().default(0),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    unit: text('unit'),
    targetText: text('target_text'),
    comparator: text('comparator', { enum: ['>=', '>', '<=', '=', 'between'] }),
    targetValue: numeric('target_value'),
    targetMin: numeric('target_min'),
    targetMax: numeric('target_max'),
    targetParts: jsonb('target_parts'),
    direction: text('direction', { enum: ['higher', 'lower'] }),
    qualitative: boolean('qualitative').notNull().default(false),
    monitoringUnitId: uuid('monitoring_unit_id').references(() => orgUnit.id),
    monitoringText: text('monitoring_text'),
    relatedCodes: text('related_codes').array(),
    notes: text('notes'),
    searchText: text('search_text').notNull().default(''),
    kind: text('kind', { enum: INDICATOR_KINDS }).notNull().default('strategic'),
    /** the indicator this one contributes to, for the KPI hierarchy */
    parentId: uuid('parent_id').references((): AnyPgColumn => indicator.id),
    /** weight among its siblings when their achievements roll up into the parent's */
    weight: numeric('weight').notNull().default('1'),
    aggregation: text('aggregation', { enum: AGGREGATIONS }).notNull().default('sum'),
    /** for weighted_mean: each child unit's value is weighted by its value of this indicator */
    weightIndicatorId: uuid('weight_indicator_id').references((): AnyPgColumn => indicator.id),
    frequency: text('frequency', { enum: FREQUENCIES }).notNull().default('year'),
    baselineValue: numeric('baseline_value'),
    baselinePeriod: text('baseline_period'),
    /** the unit answerable for the indicator (defaults to the monitoring unit) */
    responsibleUnitId: uuid('responsible_unit_id').references(() => orgUnit.id),
    dataSource: text('data_source'),
    definition: text('definition'),
    /** achievement (value against target, 1 = met) at or above which a value is on track */
    onTrackRatio: numeric('on_track_ratio').notNull().default('0.95'),
    /** at or above this (and below on-track) a value is at risk; below it, off track */
    atRiskRatio: numeric('at_risk_ratio').notNull().default('0.8'),
    /** checklist: share of criteria met for green; at or above yellowRatio yellow; else red */
    greenRatio: numeric('green_ratio').notNull().default('1'),
    yellowRatio: numeric('yellow_ratio').notNull().default('0.7'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('indicator_code_uq').on(t.code),
    index('indicator_source_idx').on(t.source, t.sortOrder),
    index('indicator_parent_idx').on(t.parentId),
    index('indicator_kind_idx').on(t.kind, t.sortOrder),
  ],
);

/** The planned value of an indicator for one unit and period; the root unit holds national targets. */
export const indicatorTarget = pgTable(
  'indicator_target',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    period: text('period').notNull(),
    value: numeric('value').notNull(),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('indicator_target_uq').on(t.indicatorId, t.orgUnitId, t.period)],
);

/** A measured value reported by a unit for a period. Locked once the unit's period is approved. */
export const indicatorValue = pgTable(
  'indicator_value',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    period: text('period').notNull(),
    value: numeric('value').notNull(),
    comment: text('comment'),
    /** a link or document reference backing the value */
    evidenceText: text('evidence_text'),
    evidenceFileId: uuid('evidence_file_id').references(() => storedFile.id),
    evidenceFileName: text('evidence_file_name'),
    enteredBy: uuid('entered_by').references(() => appUser.id),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('indicator_value_uq').on(t.indicatorId, t.period, t.orgUnitId),
    index('indicator_value_unit_period_idx').on(t.orgUnitId, t.period),
  ],
);

/** A unit's period of indicator values on its way to approval by the level above. */
export const indicatorSubmission = pgTable(
  'indicator_submission',
  {
    id: id(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    period: text('period').notNull(),
    status: text('status', { enum: PERIOD_SUBMISSION_STATUSES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by').references(() => appUser.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** required when returned: what to correct */
    decisionMessage: text('decision_message'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('indicator_submission_uq').on(t.orgUnitId, t.period),
    index('indicator_submission_status_idx').on(t.status, t.period),
  ],
);

/** A person's five-level delivery confidence in an indicator at a unit, with the reason; latest wins. */
export const indicatorConfidence = pgTable(
  'indicator_confidence',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    /** 1 very low … 5 very high */
    level: integer('level').notNull(),
    reason: text('reason').notNull(),
    setBy: uuid('set_by').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('indicator_confidence_latest_idx').on(t.indicatorId, t.orgUnitId, t.createdAt),
    check('indicator_confidence_level_ck', sql`${t.level} BETWEEN 1 AND 5`),
  ],
);

/** A yes/no criterion of a checklist indicator. */
export const checklistCriterion = pgTable(
  'checklist_criterion',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicator.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('checklist_criterion_uq').on(t.indicatorId, t.code)],
);

/** A unit's self-assessment of one criterion for a period, and the level above's confirmation. */
export const checklistAnswer = pgTable(
  'checklist_answer',
  {
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => checklistCriterion.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    period: text('period').notNull(),
    selfMet: boolean('self_met').notNull(),
    selfComment: text('self_comment'),
    evidenceText: text('evidence_text'),
    assessedBy: uuid('assessed_by').references(() => appUser.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
    /** null until the level above has looked at it */
    confirmedMet: boolean('confirmed_met'),
    confirmComment: text('confirm_comment'),
    confirmedBy: uuid('confirmed_by').references(() => appUser.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.criterionId, t.orgUnitId, t.period] }),
    index('checklist_answer_unit_period_idx').on(t.orgUnitId, t.period),
  ],
);

/** The weights of the agency score; one is active, older ones stay for the snapshots that used them. */
export const scoreConfig = pgTable(
  'score_config',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** { components: { tasksOnTime, overdue, reportTimeliness, kpiAchievement, feedbackOnTime }, ... } */
    weights: jsonb('weights').notNull(),
    isActive: boolean('is_active').notNull().default(false),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('score_config_code_uq').on(t.code)],
);

/** A month's scores, frozen for the record. */
export const scoreSnapshot = pgTable(
  'score_snapshot',
  {
    id: id(),
    /** 'YYYY-MM' */
    period: text('period').notNull(),
    configId: uuid('config_id')
      .notNull()
      .references(() => scoreConfig.id),
    /** the day the figures were counted up to */
    asOf: text('as_of').notNull(),
    takenBy: uuid('taken_by').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('score_snapshot_period_uq').on(t.period)],
);

/** One unit's score in one dimension ('total', 'bloc:party', 'group:data', …) of a snapshot. */
export const scoreSnapshotRow = pgTable(
  'score_snapshot_row',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => scoreSnapshot.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    dimension: text('dimension').notNull(),
    score: numeric('score'),
    rank: integer('rank'),
    /** component scores (0–100) and the counts behind them, for drill-down */
    components: jsonb('components').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.dimension, t.orgUnitId] }),
    index('score_snapshot_row_unit_idx').on(t.orgUnitId, t.dimension),
  ],
);
