/**
 * Receives one submission — from the public form, the public API, or staff recording one that
 * arrived by post, phone, e-mail or in person — and gives back its tracking code and PIN.
 * The same rules apply whatever the channel; a repeated idempotency key returns the first
 * submission instead of creating a second one.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { orgUnit } from '../org/schema';
import { type Actor, auditRow } from '../platform/audit/record-audit';
import { auditEvent } from '../platform/audit/schema';
import { type Database, type Executor, violatedForeignKey } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import type { NewOutboxRow } from '../platform/mail/mailer';
import { mailOutbox } from '../platform/mail/schema';
import { foldText } from '../platform/text/fold';
import { email, optionalText, parseInput, text } from '../platform/validation';
import { deadlinesOnReceipt } from './deadlines';
import { insertStoredFiles, type PreparedFile } from './intake/attachments';
import { feedbackEventRow } from './record-feedback-event';
import {
  feedbackAttachment,
  feedbackEvent,
  feedbackSubmission,
  isPublicChannel,
  PROPOSAL_KINDS,
  PUBLISH_CONSENTS,
  SUBMISSION_CHANNELS,
  SUBMISSION_KINDS,
  SUBMITTER_TYPES,
  type SubmissionChannel,
} from './schema';
import { nextTrackingCode, pinForCode } from './tracking-code';

export const MAX_ATTACHMENTS = 5;

/** The foreign keys (migration 0003) that refuse an unknown topic, and rows whose case was not written. */
const TOPIC_FOREIGN_KEY = 'feedback_submission_topic_code_feedback_topic_code_fk';
const CASE_FOREIGN_KEYS = ['feedback_event_submission_id_feedback_submission_id_fk', 'feedback_attachment_submission_id_feedback_submission_id_fk'];

const optionalEmail = () =>
  z
    .string()
    .optional()
    .transform((s) => (s == null || s.trim() === '' ? undefined : s))
    .pipe(email().optional());

/** Vietnamese numbers as people write them: 0912 345 678, 091.234.5678, +84 912 345 678. */
const optionalPhone = () =>
  z
    .string()
    .optional()
    .transform((s) => (s == null ? undefined : s.replace(/[\s.()-]/g, '') || undefined))
    .pipe(
      z
        .string()
        .regex(/^(\+84|0)\d{9,10}$/, t('feedback.error.phone'))
        .optional(),
    );

/** A client-chosen key: the same key again returns the first submission. */
export const idempotencyKey = z.string().trim().min(16).max(100);

export const submitFeedbackInput = z
  .object({
    kind: z.enum(SUBMISSION_KINDS, { message: t('field.choose') }),
    topicCode: text(60),
    title: text(200),
    content: text(10_000),
    problem: optionalText(5_000),
    proposal: optionalText(5_000),
    expectedImpact: optionalText(3_000),
    estimatedCost: optionalText(1_000),
    feasibility: optionalText(3_000),
    submitterType: z.enum(SUBMITTER_TYPES, { message: t('field.choose') }),
    submitterName: text(200),
    organisationName: optionalText(300),
    submitterEmail: optionalEmail(),
    submitterPhone: optionalPhone(),
    submitterAddress: optionalText(500),
    submitterIdNumber: z
      .string()
      .optional()
      .transform((s) => (s == null ? undefined : s.replace(/\s/g, '') || undefined))
      .pipe(
        z
          .string()
          .regex(/^\d{12}$/, t('feedback.error.idNumber'))
          .optional(),
      ),
    /** province code (e.g. "01") or unit code the matter concerns */
    locationCode: optionalText(20),
    publishConsent: z.enum(PUBLISH_CONSENTS, { message: t('field.choose') }).default('none'),
    idempotencyKey: idempotencyKey.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.submitterEmail && !v.submitterPhone) {
      ctx.addIssue({ code: 'custom', path: ['submitterEmail'], message: t('feedback.error.contactRequired') });
    }
    if (PROPOSAL_KINDS.includes(v.kind)) {
      for (const f of ['problem', 'proposal', 'expectedImpact', 'estimatedCost', 'feasibility'] as const) {
        if (!v[f]) ctx.addIssue({ code: 'custom', path: [f], message: t('feedback.error.proposalFields') });
      }
    }
  });
export type SubmitFeedbackInput = z.input<typeof submitFeedbackInput>;
export type ParsedSubmission = z.output<typeof submitFeedbackInput>;

export interface SubmitFeedbackOptions {
  actor: Actor;
  channel?: SubmissionChannel;
  /** staff member recording a submission received outside the web form */
  recordedBy?: string | null;
  /** files already written to the store (sniffed, images re-encoded) */
  attachments?: { fileId: string; fileName: string }[];
  /** files written to the store but not yet recorded: their stored_file rows join the transaction */
  files?: PreparedFile[];
  /** the caller has just looked the idempotency key up (a race is still caught at the write) */
  replayChecked?: boolean;
  /** the confirmation e-mail (code and PIN), written with the case or not at all */
  confirmationMail?: (stored: { code: string; pin: string }) => NewOutboxRow | null;
  isDemo?: boolean;
  now?: Date;
}

export interface SubmitFeedbackResult {
  id: string;
  code: string;
  pin: string;
  /** true when the idempotency key had been used: nothing new was written */
  replayed: boolean;
}

export async function submitFeedback(db: Database, raw: SubmitFeedbackInput, opts: SubmitFeedbackOptions): Promise<SubmitFeedbackResult> {
  const input = parseInput(submitFeedbackInput, raw);
  const channel = opts.channel ?? 'web';
  if (!SUBMISSION_CHANNELS.includes(channel)) throw AppError.of('BAD_REQUEST', 'error.validation');
  if ((opts.attachments?.length ?? 0) + (opts.files?.length ?? 0) > MAX_ATTACHMENTS) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { files: t('files.tooMany') });

  if (input.idempotencyKey && !opts.replayChecked) {
    const first = await replayedSubmission(db, input.idempotencyKey);
    if (first) return first;
  }

  // The place is resolved first: a code that names no unit is a field error before anything is counted.
  let locationUnitId: string | null = null;
  if (input.locationCode) {
    const [unit] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, input.locationCode));
    if (!unit) throw validationFailed({ locationCode: t('field.invalid') });
    locationUnitId = unit.id;
  }

  // The code and the deadline are settled before the write: the year's counter row is then locked
  // for one statement, not until the case's durable commit (concurrent submissions would queue
  // behind it). A submission that fails after this leaves a gap in the numbering, never a duplicate.
  const code = await nextTrackingCode(db, opts.now);
  const { forwardDueOn } = await deadlinesOnReceipt(db, input.kind, opts.now ?? new Date());
  const pin = await pinForCode(db, code);
  const id = randomUUID();
  const isProposal = PROPOSAL_KINDS.includes(input.kind);
  const submission: typeof feedbackSubmission.$inferInsert = {
    id,
    code,
    kind: input.kind,
    topicCode: input.topicCode,
    title: input.title,
    content: input.content,
    problem: isProposal ? input.problem : null,
    proposal: isProposal ? input.proposal : null,
    expectedImpact: isProposal ? input.expectedImpact : null,
    estimatedCost: isProposal ? input.estimatedCost : null,
    feasibility: isProposal ? input.feasibility : null,
    submitterType: input.submitterType,
    submitterName: input.submitterName,
    organisationName: input.organisationName ?? null,
    submitterEmail: input.submitterEmail ?? null,
    submitterPhone: input.submitterPhone ?? null,
    submitterAddress: input.submitterAddress ?? null,
    submitterIdNumber: input.submitterIdNumber ?? null,
    locationUnitId,
    publishConsent: input.publishConsent,
    channel,
    recordedBy: opts.recordedBy ?? null,
    idempotencyKey: input.idempotencyKey ?? null,
    searchText: foldText(`${input.title} ${input.content}`),
    isDemo: opts.isDemo ?? false,
    forwardDueOn,
    ...(opts.now ? { createdAt: opts.now, updatedAt: opts.now } : {}),
  };

  /**
   * The case, its attachments, its first timeline step, the confirmation e-mail and the audit
   * event in one statement: one round trip and one durable commit, all or nothing.
   * Personal data stays out of the audit trail (Decree 13/2023): the case is named by its code.
   */
  const write = async (ex: Executor, attachments: { fileId: string; fileName: string }[]) => {
    const stored = ex.$with('stored').as(ex.insert(feedbackSubmission).values(submission).onConflictDoNothing().returning({ id: feedbackSubmission.id }));
    const mail = opts.confirmationMail?.({ code, pin });
    const parts = [
      stored,
      ...(attachments.length
        ? [ex.$with('attached').as(ex.insert(feedbackAttachment).values(attachments.map((a) => ({ submissionId: id, fileId: a.fileId, fileName: a.fileName }))).onConflictDoNothing())]
        : []),
      ex.$with('received').as(
        ex.insert(feedbackEvent).values(
          feedbackEventRow({ submissionId: id, type: isPublicChannel(channel) ? 'received' : 'recorded', actorUserId: opts.recordedBy ?? null, data: { channel } }),
        ),
      ),
      ...(mail ? [ex.$with('mailed').as(ex.insert(mailOutbox).values(mail))] : []),
      ex.$with('audited').as(
        ex.insert(auditEvent).values(
          auditRow(opts.actor, {
            action: 'feedback.submit',
            entityType: 'feedback_submission',
            entityId: id,
            after: { code, kind: input.kind, topicCode: input.topicCode, channel, attachments: attachments.length },
          }),
        ),
      ),
    ];
    await ex.with(...parts).select({ id: stored.id }).from(stored);
  };

  const written = await (opts.files?.length
    ? db.transaction(async (tx) => write(tx, [...(opts.attachments ?? []), ...(await insertStoredFiles(tx, opts.files!, opts.recordedBy ?? null))]))
    : write(db, opts.attachments ?? [])
  ).then(
    () => true,
    (err: unknown) => {
      const key = violatedForeignKey(err);
      if (key === TOPIC_FOREIGN_KEY) throw validationFailed({ topicCode: t('feedback.error.topic') });
      // the case row was not written, so its timeline step (or attachment) had nothing to point
      // at: a concurrent request with the same idempotency key stored it first
      if (key && CASE_FOREIGN_KEYS.includes(key) && input.idempotencyKey) return false;
      throw err;
    },
  );
  if (!written) {
    const first = await replayedSubmission(db, input.idempotencyKey!);
    if (!first) throw AppError.of('CONFLICT', 'error.conflict');
    return first;
  }
  return { id, code, pin, replayed: false };
}

/** The case an idempotency key already stored, with its PIN, as a replayed result; null when the key is new. */
export async function replayedSubmission(db: Database, key: string): Promise<SubmitFeedbackResult | null> {
  const [row] = await db
    .select({ id: feedbackSubmission.id, code: feedbackSubmission.code })
    .from(feedbackSubmission)
    .where(eq(feedbackSubmission.idempotencyKey, key));
  return row ? { ...row, pin: await pinForCode(db, row.code), replayed: true } : null;
}
