/**
 * Indicator reference tables: the targets of Resolution 57 and Resolution 03/NQ-CP's Appendix I.
 * The indicators issue adds periods, planned values, reported values and approval.
 */
import { boolean, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnit } from '../org/schema';
import { createdAt, id } from '../platform/db/columns';

export const indicator = pgTable(
  'indicator',
  {
    id: id(),
    code: text('code').notNull(),
    /** 'NQ57' (Resolution 57 targets) or 'NQ03' (Resolution 03 Appendix I) */
    source: text('source', { enum: ['NQ57', 'NQ03'] }).notNull(),
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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicator_code_uq').on(t.code), index('indicator_source_idx').on(t.source, t.sortOrder)],
);
