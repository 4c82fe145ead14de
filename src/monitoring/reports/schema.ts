/**
 * Progress reports on tasks (periodic or ad hoc), their evidence files, their review, and the
 * register of bottlenecks (điểm nghẽn). A report is never edited after submission: a returned
 * report is fixed by a new version that supersedes it, so the whole history stays.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { task } from '../schema';
import { appUser, orgUnit } from '../../org/schema';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { storedFile } from '../../platform/files/schema';

export const REPORT_KINDS = ['periodic', 'ad_hoc'] as const;
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const BOTTLENECK_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type BottleneckStatus = (typeof BOTTLENECK_STATUSES)[number];

export const progressReport = pgTable(
  'progress_report',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    /** the unit reporting: the task's lead unit, or a co-ordinating unit for its part */
    reportingUnitId: uuid('reporting_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => appUser.id),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    /** "Tháng 11/2026", "Quý IV/2026", "Tuần 47/2026"; null for ad hoc reports */
    periodLabel: text('period_label'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    percentDone: integer('percent_done').notNull(),
    doneText: text('done_text').notNull(),
    obstaclesText: text('obstacles_text'),
    proposalsText: text('proposals_text'),
    /** the report claims the task is complete: needs output evidence */
    isFinal: boolean('is_final').notNull().default(false),
    documentNumber: text('document_number'),
    documentDate: date('document_date'),
    link: text('link'),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('submitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** when the report was due (end of the period plus the grace days, or the task deadline) */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** submitted by dueAt; null when nothing was due */
    onTime: boolean('on_time'),
    reviewedBy: uuid('reviewed_by').references(() => appUser.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    version: integer('version').notNull().default(1),
    /** the returned report this version replaces */
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => progressReport.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('progress_report_task_idx').on(t.taskId, t.createdAt),
    index('progress_report_status_idx').on(t.status, t.submittedAt),
    uniqueIndex('progress_report_supersedes_uq').on(t.supersedesId),
    check('progress_report_percent_ck', sql`${t.percentDone} BETWEEN 0 AND 100`),
  ],
);

export const reportEvidence = pgTable(
  'report_evidence',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => progressReport.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFile.id),
    /** the name this upload had (NFC) */
    fileName: text('file_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.fileId] }), index('report_evidence_file_idx').on(t.fileId)],
);

export const bottleneck = pgTable(
  'bottleneck',
  {
    id: id(),
    taskId: uuid('task_id').references(() => task.id),
    reportId: uuid('report_id').references(() => progressReport.id),
    title: text('title').notNull(),
    description: text('description'),
    /** the unit responsible for clearing it */
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    status: text('status', { enum: BOTTLENECK_STATUSES }).notNull().default('open'),
    resolution: text('resolution'),
    raisedBy: uuid('raised_by').references(() => appUser.id),
    resolvedBy: uuid('resolved_by').references(() => appUser.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('bottleneck_owner_idx').on(t.ownerUnitId, t.status),
    index('bottleneck_task_idx').on(t.taskId),
    index('bottleneck_status_idx').on(t.status, t.createdAt),
  ],
);
