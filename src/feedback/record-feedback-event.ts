/** Appends one step to a case's timeline, in the caller's transaction. */
import type { Executor } from '../platform/db/client';
import { feedbackEvent } from './schema';

/**
 * Event types. Public ones (shown on the lookup page and the public answer page) are listed in
 * PUBLIC_EVENT_TYPES; everything else stays with staff.
 */
export const FEEDBACK_EVENT_TYPES = [
  'received',
  'recorded',
  'accepted',
  'rejected',
  'merged',
  'forwarded',
  'agency_accepted',
  'agency_returned',
  'officer_assigned',
  'note_added',
  'info_requested',
  'info_provided',
  'status_update',
  'answer_drafted',
  'answer_returned',
  'answer_approved',
  'answered',
  'published',
  'rated',
  'reviewed',
  'decided',
  'task_created',
  'reminder_sent',
  'escalated',
  'overdue',
] as const;
export type FeedbackEventType = (typeof FEEDBACK_EVENT_TYPES)[number];

export const PUBLIC_EVENT_TYPES: readonly FeedbackEventType[] = [
  'received',
  'recorded',
  'accepted',
  'rejected',
  'merged',
  'forwarded',
  'agency_accepted',
  'info_requested',
  'info_provided',
  'status_update',
  'answered',
  'published',
  'rated',
  'decided',
  'task_created',
];

export interface FeedbackEventInput {
  submissionId: string;
  type: FeedbackEventType;
  actorUserId?: string | null;
  unitId?: string | null;
  data?: Record<string, unknown>;
}

/** The row recordFeedbackEvent writes, for a command that writes it within a statement of its own. */
export function feedbackEventRow(event: FeedbackEventInput): typeof feedbackEvent.$inferInsert {
  return {
    submissionId: event.submissionId,
    type: event.type,
    isPublic: PUBLIC_EVENT_TYPES.includes(event.type),
    actorUserId: event.actorUserId ?? null,
    unitId: event.unitId ?? null,
    data: event.data ?? {},
  };
}

export async function recordFeedbackEvent(db: Executor, event: FeedbackEventInput) {
  await db.insert(feedbackEvent).values(feedbackEventRow(event));
}
