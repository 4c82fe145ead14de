/**
 * Monitoring reference tables: the seven task groups of Resolution 57, plans (programme documents)
 * and their tasks. Seeded with Resolution 03/NQ-CP's 140 tasks; the monitoring issue extends these
 * tables with status, reports and reviews.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/schema';
import { createdAt, id, updatedAt } from '../platform/db/columns';

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
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('task_plan_code_uq').on(t.planId, t.code),
    index('task_lead_unit_idx').on(t.leadUnitId),
    index('task_deadline_idx').on(t.deadline),
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
