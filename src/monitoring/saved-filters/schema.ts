/** Saved filters of the task list: a name and the list's query string, per user. */
import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../org/schema';
import { createdAt, id } from '../../platform/db/columns';

export const savedTaskFilter = pgTable(
  'saved_task_filter',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** canonical query string of /tasks, without '?' or cursor */
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_task_filter_user_name_uq').on(t.userId, t.name)],
);
export type SavedTaskFilter = typeof savedTaskFilter.$inferSelect;
