/**
 * Receives one submission — from the public form, the public API, or staff recording one that
 * arrived by post, phone, e-mail or in person — and gives back its tracking code and PIN.
 * The same rules apply whatever the channel; a repeated idempotency key returns the first
 * submission instead of creating a second one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { orgUnit } from '../org/schema';
import { type Actor, auditRow } from '../platform/audit/record-audit';
import { auditEvent } from '../platform/audit/schema';
import { type Database, type Executor, violatedForeignKey } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { t } from '../platform/i18n';
import { type StatementPart, selectParts } from '../platform/db/one-statement';
import { assertAutocommit } from '../platform/db/relaxed-commit';
import type { NewOutboxRow } from '../platform/mail/mailer';
import { mailOutbox } from '../platform/mail/schema';
import { foldText } from '../platform/text/fold';
import { email, optionalText, parseInput, text } from '../platform/validation';
import { forwardDueFrom, slaAndCalendarPart } from './deadlines';
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
import { countTrackingCode, nextTrackingCode, pinForCode } from './tracking-code';

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
  /**
   * The caller's checks (the public intake's limits and duplicate rule), run in the statement that
   * numbers the case: the parts' columns go to `judge`, which throws to refuse the case before
   * anything is written; `numberWhen` (SQL over the parts) holds the counter still for a case the
   * judge may refuse.
   */
  admission?: { parts: Record<string, StatementPart>; numberWhen?: SQL; judge(columns: Record<string, unknown>): void | Promise<void> };
  /** `raw` as the caller has just parsed it with `submitFeedbackInput` */
  parsed?: ParsedSubmission;
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
  const input = opts.parsed ?? parseInput(submitFeedbackInput, raw);
  const channel = opts.channel ?? 'web';
  if (!SUBMISSION_CHANNELS.includes(channel)) throw AppError.of('BAD_REQUEST', 'error.validation');
  if ((opts.attachments?.length ?? 0) + (opts.files?.length ?? 0) > MAX_ATTACHMENTS) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { files: t('files.tooMany') });

  if (input.idempotencyKey && !opts.replayChecked) {
    const first = await replayedSubmission(db, input.idempotencyKey);
    if (first) return first;
  }

  // The code, the deadline's SLA and calendar, the place and the caller's checks in one statement.
  // The year's counter row is then locked for one relaxed statement, not until the case's durable
  // commit (concurrent submissions would queue behind it), and it moves only for a case the checks
  // and the place let through. A case refused later (an unknown topic) leaves a gap in the
  // numbering, never a duplicate.
  assertAutocommit(db);
  const receivedAt = opts.now ?? new Date();
  const place = sql.identifier('receipt_place');
  const numberWhen = [...(opts.admission?.numberWhen ? [opts.admission.numberWhen] : []), ...(input.locationCode ? [sql`EXISTS (SELECT 1 FROM ${place})`] : [])];
  const trackingCode = countTrackingCode('receipt_code', receivedAt, numberWhen.length ? sql.join(numberWhen, sql` AND `) : undefined);
  // CTEs may refer only to those before them: the checks and the place come before the counter
  const parts: Record<string, StatementPart> = { ...opts.admission?.parts };
  if (input.locationCode) {
    parts.receiptPlace = { ctes: [['receipt_place', sql`SELECT ${orgUnit.id} AS id FROM ${orgUnit} WHERE ${orgUnit.code} = ${input.locationCode}`]], column: sql`(SELECT id FROM ${place})` };
  }
  parts.receiptCode = trackingCode.part;
  parts.receiptSla = slaAndCalendarPart(input.kind);
  const receipt = await selectParts(db, parts);
  await opts.admission?.judge(receipt);
  const locationUnitId = input.locationCode ? ((receipt.receiptPlace as string | null) ?? null) : null;
  // a code that names no unit is a field error
  if (input.locationCode && !locationUnitId) throw validationFailed({ locationCode: t('field.invalid') });
  // the checks held the counter still (a repeat contact whose case proved no duplicate): numbered now
  const code = trackingCode.code(receipt.receiptCode) ?? (await nextTrackingCode(db, opts.now));
  const forwardDueOn = await forwardDueFrom(db, receipt.receiptSla, receivedAt);
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

  const mail = opts.confirmationMail?.({ code, pin }) ?? null;
  const rowsWith = (attachments: { fileId: string; fileName: string }[]): CaseRows => ({
    submission,
    attachments: attachments.map((a) => ({ submissionId: id, fileId: a.fileId, fileName: a.fileName })),
    event: feedbackEventRow({ submissionId: id, type: isPublicChannel(channel) ? 'received' : 'recorded', actorUserId: opts.recordedBy ?? null, data: { channel } }),
    mail,
    audit: auditRow(opts.actor, {
      action: 'feedback.submit',
      entityType: 'feedback_submission',
      entityId: id,
      after: { code, kind: input.kind, topicCode: input.topicCode, channel, attachments: attachments.length },
    }),
  });

  const written = await (opts.files?.length
    ? db.transaction(async (tx) => caseWrite(tx, rowsWith([...(opts.attachments ?? []), ...(await insertStoredFiles(tx, opts.files!, opts.recordedBy ?? null))])))
    : writeCase(db, rowsWith(opts.attachments ?? []))
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

/** The rows one case's write inserts. */
interface CaseRows {
  submission: PgInsertValue<typeof feedbackSubmission>;
  attachments: PgInsertValue<typeof feedbackAttachment>[];
  event: PgInsertValue<typeof feedbackEvent>;
  mail: PgInsertValue<typeof mailOutbox> | null;
  audit: PgInsertValue<typeof auditEvent>;
}

/**
 * The case, its attachments, its first timeline step, the confirmation e-mail and the audit event
 * in one statement: one round trip and one durable commit, all or nothing.
 * Personal data stays out of the audit trail (Decree 13/2023): the case is named by its code.
 */
function caseWrite(ex: Executor, rows: CaseRows) {
  const stored = ex.$with('stored').as(ex.insert(feedbackSubmission).values(rows.submission).onConflictDoNothing().returning({ id: feedbackSubmission.id }));
  return ex
    .with(
      stored,
      ...(rows.attachments.length ? [ex.$with('attached').as(ex.insert(feedbackAttachment).values(rows.attachments).onConflictDoNothing())] : []),
      ex.$with('received').as(ex.insert(feedbackEvent).values(rows.event)),
      ...(rows.mail ? [ex.$with('mailed').as(ex.insert(mailOutbox).values(rows.mail))] : []),
      ex.$with('audited').as(ex.insert(auditEvent).values(rows.audit)),
    )
    .select({ id: stored.id })
    .from(stored);
}

/** Each database's case writes, built once per shape (which columns each row gives). */
const preparedWrites = new WeakMap<Database, Map<string, { execute(values: Record<string, unknown>): Promise<unknown> }>>();

/**
 * The write of a case without attachments (every public submission sends it) is built once per
 * shape and sent as a named prepared statement: neither rebuilt here nor parsed and planned again
 * by PostgreSQL on that connection. Columns left undefined keep their defaults, so they are not
 * part of the shape's placeholders.
 */
async function writeCase(db: Database, rows: CaseRows): Promise<unknown> {
  if (rows.attachments.length) return caseWrite(db, rows);
  const given = { s: defined(rows.submission), e: defined(rows.event), m: rows.mail && defined(rows.mail), a: defined(rows.audit) };
  const shape = Object.entries(given)
    .map(([part, row]) => `${part}:${row ? Object.keys(row).join(',') : '-'}`)
    .join('|');
  let byShape = preparedWrites.get(db);
  if (!byShape) {
    byShape = new Map();
    preparedWrites.set(db, byShape);
  }
  let prepared = byShape.get(shape);
  if (!prepared) {
    const slots = <T extends object>(part: string, row: T) => Object.fromEntries(Object.keys(row).map((k) => [k, sql.placeholder(`${part}.${k}`)])) as T;
    prepared = caseWrite(db, { submission: slots('s', given.s), attachments: [], event: slots('e', given.e), mail: given.m && slots('m', given.m), audit: slots('a', given.a) }).prepare(
      `feedback_case_write_${createHash('sha256').update(shape).digest('hex').slice(0, 16)}`,
    );
    byShape.set(shape, prepared);
  }
  const values: Record<string, unknown> = {};
  for (const [part, row] of Object.entries(given)) if (row) for (const [k, v] of Object.entries(row)) values[`${part}.${k}`] = v;
  return prepared.execute(values);
}

const defined = <T extends object>(row: T): T => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;

/** The case an idempotency key already stored, with its PIN, as a replayed result; null when the key is new. */
export async function replayedSubmission(db: Database, key: string): Promise<SubmitFeedbackResult | null> {
  const [row] = await db
    .select({ id: feedbackSubmission.id, code: feedbackSubmission.code })
    .from(feedbackSubmission)
    .where(eq(feedbackSubmission.idempotencyKey, key));
  return row ? { ...row, pin: await pinForCode(db, row.code), replayed: true } : null;
}
