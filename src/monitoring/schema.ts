/**
 * Monitoring reference tables: the seven task groups of Resolution 57, plans (programme documents)
 * and their tasks. Seeded with Resolution 03/NQ-CP's 140 tasks; the monitoring issue extends these
 * tables with status, reports and reviews.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser, orgUnit } from '../org/schema';
import { createdAt, id, updatedAt } from '../platform/db/columns';

/** chưa thực hiện, đang thực hiện, hoàn thành đúng hạn, hoàn thành quá hạn, quá hạn chưa hoàn thành, tạm dừng, hủy */
export const TASK_STATUSES = ['not_started', 'in_progress', 'done_on_time', 'done_late', 'overdue', 'paused', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['high', 'normal', 'low'] as const;
/** Đảng, HĐND, UBND, MTTQ */
export const TASK_BLOCS = ['party', 'council', 'government', 'front'] as const;
/** thể chế, nền tảng, dữ liệu, tổ chức thực hiện */
export const CRITERIA_GROUPS = ['institutions', 'platforms', 'data', 'implementation'] as const;
/** The seven groups of tasks of Resolution 57 (section III), in order. */
export const GROUP_NUMBERS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const;
export const REPORTING_CADENCES = ['weekly', 'monthly', 'quarterly'] as const;

/** Groups I–VII of Resolution 57 section III. */
export const taskGroup = pgTable('task_group', {
  number: text('number').primaryKey(),
  sortOrder: integer('sort_order').notNull(),
  code: text('code').notNull().unique(),
  shortTitle: text('short_title').notNull(),
  title: text('title').notNull(),
  titleEn: text('title_en'),
  resolutionSection: text('resolution_section'),
});

export const plan = pgTable(
  'plan',
  {
    id: id(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    documentNumber: text('document_number'),
    issuedOn: date('issued_on'),
    issuingUnitId: uuid('issuing_unit_id').references(() => orgUnit.id),
    description: text('description'),
    /** how often tasks of this plan are reported on, unless a task says otherwise */
    reportingCadence: text('reporting_cadence', { enum: REPORTING_CADENCES }).notNull().default('monthly'),
    /** its tasks are shown to the public ("3 công khai") and found by the portal search */
    isPublic: boolean('is_public').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('plan_code_uq').on(t.code)],
);

export const task = pgTable(
  'task',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id),
    code: text('code').notNull(),
    groupNumber: text('group_number').references(() => taskGroup.number),
    number: integer('number'),
    title: text('title').notNull(),
    description: text('description'),
    /** first lead unit of the tree, when the lead is a single unit */
    leadUnitId: uuid('lead_unit_id').references(() => orgUnit.id),
    /** unit or collective codes as assigned by the source document */
    leadUnitCodes: text('lead_unit_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    coordinatingUnitCodes: text('coordinating_unit_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    leadText: text('lead_text'),
    coordinatingText: text('coordinating_text'),
    output: text('output'),
    deadlineText: text('deadline_text'),
    deadline: date('deadline'),
    recurring: boolean('recurring').notNull().default(false),
    recurrence: text('recurrence'),
    notes: text('notes'),
    /** the parent when this task was cascaded from a higher unit's task */
    parentTaskId: uuid('parent_task_id').references((): AnyPgColumn => task.id),
    /** who assigned the task: reviews its reports and decides extensions */
    assigningUnitId: uuid('assigning_unit_id').references(() => orgUnit.id),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('not_started'),
    /** required for paused and cancelled */
    statusReason: text('status_reason'),
    percentDone: integer('percent_done').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** the deadline first set; `deadline` holds the one in force after approved extensions */
    originalDeadline: date('original_deadline'),
    priority: text('priority', { enum: TASK_PRIORITIES }).notNull().default('normal'),
    source: text('source'),
    bloc: text('bloc', { enum: TASK_BLOCS }),
    criteriaGroup: text('criteria_group', { enum: CRITERIA_GROUPS }),
    reportingCadence: text('reporting_cadence', { enum: REPORTING_CADENCES }),
    responsibleUserId: uuid('responsible_user_id').references(() => appUser.id),
    responsibleName: text('responsible_name'),
    accountableUserId: uuid('accountable_user_id').references(() => appUser.id),
    accountableName: text('accountable_name'),
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('task_plan_code_uq').on(t.planId, t.code),
    index('task_lead_unit_idx').on(t.leadUnitId, t.status),
    index('task_deadline_idx').on(t.deadline),
    index('task_status_deadline_idx').on(t.status, t.deadline),
    index('task_parent_idx').on(t.parentTaskId),
    index('task_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('task_search_fts_idx').using('gin', sql`to_tsvector('simple', ${t.searchText})`),
    index('task_updated_idx').on(t.updatedAt),
    // keyset paging of task lists by deadline (no deadline sorts last), overall and per status
    index('task_deadline_sort_idx').on(sql`coalesce(${t.deadline}, DATE '9999-12-31')`, t.id),
    index('task_status_deadline_sort_idx').on(t.status, sql`coalesce(${t.deadline}, DATE '9999-12-31')`, t.id),
  ],
);

/** Strategic technology groups and products (QĐ 1131/QĐ-TTg). */
export const strategicTechnology = pgTable(
  'strategic_technology',
  {
    id: id(),
    groupNumber: integer('group_number').notNull(),
    groupName: text('group_name').notNull(),
    productNumber: integer('product_number'),
    productName: text('product_name'),
    verified: boolean('verified').notNull().default(false),
    sources: text('sources'),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('strategic_technology_uq').on(t.groupNumber, t.productNumber)],
);

/** Co-ordinating units of a task (cơ quan phối hợp), resolved to units of the tree. */
export const taskCoordinator = pgTable(
  'task_coordinator',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.orgUnitId] }), index('task_coordinator_unit_idx').on(t.orgUnitId)],
);

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** A request to move a task's deadline, decided by the assigning unit (or the standing office). */
export const taskExtensionRequest = pgTable(
  'task_extension_request',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id, { onDelete: 'cascade' }),
    /** the deadline in force when the request was made */
    previousDeadline: date('previous_deadline'),
    requestedDeadline: date('requested_deadline').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: EXTENSION_STATUSES }).notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => appUser.id),
    decidedBy: uuid('decided_by').references(() => appUser.id),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('task_extension_task_idx').on(t.taskId, t.createdAt),
    /** at most one open request per task */
    uniqueIndex('task_extension_pending_uq').on(t.taskId).where(sql`status = 'pending'`),
  ],
);

export const NOTICE_KINDS = ['reminder_7d', 'reminder_3d', 'reminder_1d', 'escalation_leader', 'escalation_office'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Reminders and escalations sent by the overdue control job: each (task, kind, recipient, deadline) once. */
export const taskNotice = pgTable(
  'task_notice',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    /** the deadline in force when the notice was sent: a moved deadline gets its own notices */
    deadline: date('deadline').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('task_notice_once_uq').on(t.taskId, t.kind, t.recipientUserId, t.deadline),
    index('task_notice_recipient_idx').on(t.recipientUserId, t.createdAt),
  ],
);
