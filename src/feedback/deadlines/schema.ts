/**
 * Tables of the PAKN-GPSK deadline control:
 * - `calendar_day`: the Government's yearly decisions that override the computed working-day
 *   calendar (a Saturday worked to lengthen Tết, an extra day off); one row per date.
 * - `feedback_notice`: every reminder and escalation sent about a case, unique on (case, assignment,
 *   kind, recipient, deadline in force), so each is sent exactly once even when the hourly job runs
 *   twice at the same time; it is also the recipient's in-app notice (read_at).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../org/schema';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { feedbackAssignment, feedbackSubmission } from '../schema';

export const calendarDay = pgTable('calendar_day', {
  date: date('date').primaryKey(),
  isWorkingDay: boolean('is_working_day').notNull(),
  name: text('name').notNull(),
  note: text('note'),
  updatedAt: updatedAt(),
});

/**
 * forward_reminder / forward_escalation: received but not forwarded (to the standing office);
 * answer_reminder_3d / answer_reminder_1d: before an assignment's answer deadline;
 * answer_escalation_leader / answer_escalation_office: after it (to the unit's leaders, then,
 * 5 working days later, to the standing office); update_reminder: no status update for too long.
 */
export const FEEDBACK_NOTICE_KINDS = [
  'forward_reminder',
  'forward_escalation',
  'answer_reminder_3d',
  'answer_reminder_1d',
  'answer_escalation_leader',
  'answer_escalation_office',
  'update_reminder',
] as const;
export type FeedbackNoticeKind = (typeof FEEDBACK_NOTICE_KINDS)[number];

export const feedbackNotice = pgTable(
  'feedback_notice',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').references(() => feedbackAssignment.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FEEDBACK_NOTICE_KINDS }).notNull(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    /** the deadline in force when the notice was sent: a moved deadline gets its own notices */
    dueOn: date('due_on').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // assignment_id is null for submission-level notices: coalesce so NULLs do not defeat the index
    uniqueIndex('feedback_notice_once_uq').on(
      t.submissionId,
      sql`coalesce(${t.assignmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.kind,
      t.recipientUserId,
      t.dueOn,
    ),
    index('feedback_notice_recipient_idx').on(t.recipientUserId, t.createdAt),
  ],
);
