/**
 * PAKN-GPSK tables: what the public sends (phản ánh, kiến nghị, sáng kiến, giải pháp), how the
 * standing office triages and forwards it, how each competent agency processes and answers its
 * part, and the labelled examples the triage classifier learns from.
 *
 * A submission is forwarded to one or more agencies; each forward is a `feedback_assignment` with
 * its own status, officer and answer. The submission's own status summarises them. Every step
 * writes a `feedback_event` (the case timeline; `isPublic` events are what the submitter sees).
 * The secret PIN is not stored: it is derived from the tracking code with the installation's key
 * (see `tracking-code.ts`), so a replayed submit can show it again.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { task } from '../monitoring/schema';
import { appUser, orgUnit } from '../org/schema';
import { createdAt, id, updatedAt } from '../platform/db/columns';
import { storedFile } from '../platform/files/schema';

export const feedbackTopic = pgTable('feedback_topic', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  usualUnitCodes: text('usual_unit_codes').array().notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** phản ánh, kiến nghị, sáng kiến, giải pháp */
export const SUBMISSION_KINDS = ['feedback', 'recommendation', 'initiative', 'solution'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
/** kinds that carry problem / proposal / impact / cost / feasibility and go to expert review */
export const PROPOSAL_KINDS: readonly SubmissionKind[] = ['initiative', 'solution'];

/** cá nhân, doanh nghiệp, nhà khoa học/chuyên gia, người Việt Nam ở nước ngoài, tổ chức */
export const SUBMITTER_TYPES = ['individual', 'business', 'expert', 'overseas', 'organisation'] as const;
export type SubmitterType = (typeof SUBMITTER_TYPES)[number];

/** không công khai; công khai ẩn danh; công khai kèm họ tên */
export const PUBLISH_CONSENTS = ['none', 'anonymous', 'named'] as const;
export type PublishConsent = (typeof PUBLISH_CONSENTS)[number];

/** cổng trực tuyến, bưu chính, điện thoại, thư điện tử, trực tiếp, API */
export const SUBMISSION_CHANNELS = ['web', 'post', 'phone', 'email', 'in_person', 'api'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];
/** Channels the public uses itself (the form and the API): rate limited, and the case is "received", not "recorded". */
export const isPublicChannel = (channel: SubmissionChannel) => channel === 'web' || channel === 'api';

/**
 * received: waiting for the standing office's triage; rejected / merged: closed at triage;
 * forwarded: sent to agencies, none has accepted yet; in_progress: at least one agency works on it;
 * awaiting_info: the submitter was asked for more (the clock is paused); answered: every agency
 * answered and the leader approved; closed: nothing more will happen (after rating or by decision).
 */
export const SUBMISSION_STATUSES = ['received', 'rejected', 'merged', 'forwarded', 'in_progress', 'awaiting_info', 'answered', 'closed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** ngoài phạm vi, trùng lặp, thiếu thông tin, nội dung bị cấm, khiếu nại/tố cáo (thủ tục khác) */
export const REJECT_REASONS = ['out_of_scope', 'duplicate', 'insufficient_info', 'prohibited', 'complaint_procedure'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** áp dụng, nghiên cứu thêm, không áp dụng */
export const INITIATIVE_DECISIONS = ['adopt', 'study', 'not_adopt'] as const;
export type InitiativeDecision = (typeof INITIATIVE_DECISIONS)[number];

export const feedbackSubmission = pgTable(
  'feedback_submission',
  {
    id: id(),
    /** PAKN-YYYY-NNNNNN: what the submitter quotes */
    code: text('code').notNull(),
    kind: text('kind', { enum: SUBMISSION_KINDS }).notNull(),
    topicCode: text('topic_code').references(() => feedbackTopic.code),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** initiatives and solutions only */
    problem: text('problem'),
    proposal: text('proposal'),
    expectedImpact: text('expected_impact'),
    estimatedCost: text('estimated_cost'),
    feasibility: text('feasibility'),
    submitterType: text('submitter_type', { enum: SUBMITTER_TYPES }).notNull(),
    submitterName: text('submitter_name').notNull(),
    organisationName: text('organisation_name'),
    submitterEmail: text('submitter_email'),
    submitterPhone: text('submitter_phone'),
    submitterAddress: text('submitter_address'),
    submitterIdNumber: text('submitter_id_number'),
    /** the unit (province) the matter concerns, when the submitter named one */
    locationUnitId: uuid('location_unit_id').references(() => orgUnit.id),
    publishConsent: text('publish_consent', { enum: PUBLISH_CONSENTS }).notNull().default('none'),
    channel: text('channel', { enum: SUBMISSION_CHANNELS }).notNull().default('web'),
    /** staff member who recorded a submission that arrived by post, phone, e-mail or in person */
    recordedBy: uuid('recorded_by').references(() => appUser.id),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('received'),
    rejectReason: text('reject_reason', { enum: REJECT_REASONS }),
    rejectNote: text('reject_note'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => feedbackSubmission.id),
    /** deadlines on the working-day calendar; moved forward while the clock is paused */
    forwardDueOn: date('forward_due_on'),
    answerDueOn: date('answer_due_on'),
    nextUpdateDueOn: date('next_update_due_on'),
    /** set while waiting for the submitter; the paused days are added to the deadlines on resume */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** the approved answer(s), joined, as the public sees them */
    publicAnswer: text('public_answer'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** initiatives and solutions */
    decision: text('decision', { enum: INITIATIVE_DECISIONS }),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** the monitoring task an adopted initiative became */
    linkedTaskId: uuid('linked_task_id').references(() => task.id),
    /** a client-chosen key: a double submit returns the first submission */
    idempotencyKey: text('idempotency_key'),
    /** folded (no diacritics, lower case) title + content, for similarity and search */
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feedback_submission_code_uq').on(t.code),
    uniqueIndex('feedback_submission_idem_uq').on(t.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    index('feedback_submission_status_idx').on(t.status, t.createdAt),
    index('feedback_submission_published_idx').on(t.publishedAt).where(sql`published_at IS NOT NULL`),
    index('feedback_submission_email_idx').on(t.submitterEmail),
    index('feedback_submission_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // whole-word search of published cases (the portal's first search pass)
    index('feedback_submission_published_fts').using('gin', sql`to_tsvector('simple', ${t.searchText})`).where(sql`published_at IS NOT NULL`),
  ],
);

/** Per-year counter behind the tracking codes; one row per year, bumped in the submit transaction. */
export const feedbackCodeCounter = pgTable('feedback_code_counter', {
  year: integer('year').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
});

/** chờ tiếp nhận, đã tiếp nhận, trả lại (không thuộc thẩm quyền), đã trả lời */
export const ASSIGNMENT_STATUSES = ['forwarded', 'accepted', 'returned', 'answered'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** One agency's share of a submission. */
export const feedbackAssignment = pgTable(
  'feedback_assignment',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnit.id),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('forwarded'),
    /** the standing office's instruction when forwarding */
    instruction: text('instruction'),
    forwardedBy: uuid('forwarded_by').references(() => appUser.id),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    assignedOfficerId: uuid('assigned_officer_id').references(() => appUser.id),
    answerDueOn: date('answer_due_on'),
    lastUpdateAt: timestamp('last_update_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('feedback_assignment_uq').on(t.submissionId, t.unitId),
    index('feedback_assignment_unit_idx').on(t.unitId, t.status),
  ],
);

/** bản nháp, chờ duyệt, đã duyệt, trả lại bản nháp */
export const ANSWER_STATUSES = ['draft', 'pending_approval', 'approved', 'returned'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** An agency's answer to its assignment: drafted by the officer, approved by the unit's leader. */
export const feedbackAnswer = pgTable(
  'feedback_answer',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => feedbackAssignment.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    status: text('status', { enum: ANSWER_STATUSES }).notNull().default('draft'),
    draftedBy: uuid('drafted_by').references(() => appUser.id),
    approvedBy: uuid('approved_by').references(() => appUser.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('feedback_answer_assignment_idx').on(t.assignmentId, t.createdAt)],
);

/** Internal notes of the units handling a case; never shown to the public or to other agencies. */
export const feedbackNote = pgTable(
  'feedback_note',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    /** the unit whose staff may read it (the agency, or the standing office) */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnit.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => appUser.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_note_submission_idx').on(t.submissionId, t.createdAt)],
);

/** A request to the submitter for more information; the clock is paused until it is answered. */
export const feedbackInfoRequest = pgTable(
  'feedback_info_request',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id').references(() => feedbackAssignment.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    askedBy: uuid('asked_by').references(() => appUser.id),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [
    index('feedback_info_request_submission_idx').on(t.submissionId, t.askedAt),
    /** one open question at a time */
    uniqueIndex('feedback_info_request_open_uq').on(t.submissionId).where(sql`replied_at IS NULL`),
  ],
);

/** Files sent with a submission, or later with a reply to an information request. */
export const feedbackAttachment = pgTable(
  'feedback_attachment',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFile.id),
    fileName: text('file_name').notNull(),
    infoRequestId: uuid('info_request_id').references(() => feedbackInfoRequest.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.fileId] })],
);

/** The case timeline. Public events (received, forwarded, info asked, answered…) are shown on the lookup page. */
export const feedbackEvent = pgTable(
  'feedback_event',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    actorUserId: uuid('actor_user_id').references(() => appUser.id),
    unitId: uuid('unit_id').references(() => orgUnit.id),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_event_submission_idx').on(t.submissionId, t.createdAt)],
);

/** Submitters of merged duplicates follow the surviving case and are told of its answer. */
export const feedbackFollower = pgTable(
  'feedback_follower',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    followerSubmissionId: uuid('follower_submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.followerSubmissionId] })],
);

/** Deadlines per kind, in working days (answer in calendar days when `answerInWorkingDays` is false). */
export const feedbackSla = pgTable('feedback_sla', {
  kind: text('kind', { enum: SUBMISSION_KINDS }).primaryKey(),
  forwardWorkingDays: integer('forward_working_days').notNull().default(5),
  answerDays: integer('answer_days').notNull().default(20),
  answerInWorkingDays: boolean('answer_in_working_days').notNull().default(true),
  updateEveryDays: integer('update_every_days').notNull().default(7),
  updatedAt: updatedAt(),
});

/** Expert review of an initiative or solution against the four criteria, each scored 1–5. */
export const initiativeReview = pgTable(
  'initiative_review',
  {
    id: id(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => feedbackSubmission.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => appUser.id),
    novelty: integer('novelty').notNull(),
    feasibility: integer('feasibility').notNull(),
    impact: integer('impact').notNull(),
    cost: integer('cost').notNull(),
    comment: text('comment').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('initiative_review_uq').on(t.submissionId, t.reviewerId)],
);

/** Labelled examples the triage classifier is trained on: the starter set and every officer's decision. */
export const triageExample = pgTable(
  'triage_example',
  {
    id: id(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    kind: text('kind', { enum: SUBMISSION_KINDS }).notNull(),
    topicCode: text('topic_code')
      .notNull()
      .references(() => feedbackTopic.code),
    /** the competent unit's code (agency or province UBND) */
    agencyCode: text('agency_code').notNull(),
    source: text('source', { enum: ['starter', 'officer'] }).notNull(),
    /** the starter set is split once, deterministically, so accuracy is measured on unseen examples */
    heldOut: boolean('held_out').notNull().default(false),
    submissionId: uuid('submission_id').references(() => feedbackSubmission.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('triage_example_submission_uq').on(t.submissionId).where(sql`submission_id IS NOT NULL`)],
);
