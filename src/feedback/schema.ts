/** PAKN-GPSK reference tables: the topic taxonomy used to route submissions. */
import { integer, pgTable, text } from 'drizzle-orm/pg-core';

export const feedbackTopic = pgTable('feedback_topic', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  usualUnitCodes: text('usual_unit_codes').array().notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});
