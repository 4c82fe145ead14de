/**
 * Receives a case from the public (web form or public API) or from staff recording one: answers a
 * repeat of a stored case with that case, checks the API's proof of work and the content rules, then
 * in one statement counts the abuse limits (public only), reads the contact's recent cases for the
 * 30-day duplicate rule and takes the tracking code, and in a second writes the files' rows, the
 * case and, when an e-mail address was given, the confirmation e-mail (code, PIN and the lookup
 * link) all or nothing.
 */

import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/audit/record-audit';
import type { AppContext } from '../../platform/context';
import { AppError, validationFailed } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { issuesToFields } from '../../platform/validation';
import { isPublicChannel, type SubmissionChannel } from '../schema';
import { idempotencyKey, replayedSubmission, type SubmitFeedbackInput, type SubmitFeedbackOptions, type SubmitFeedbackResult, submitFeedback, submitFeedbackInput } from '../submit-feedback';
import { challengeKey, verifyFormChallenge, verifyPow } from './challenge';
import type { PreparedFile } from './attachments';
import { checkContent } from './content-rules';
import { countSubmitLimits } from './limits';
import { duplicateCandidates } from './queries';

export interface ReceiveFeedbackOptions {
  actor: Actor;
  channel: SubmissionChannel;
  /** the caller's IP: public channels are rate limited by it */
  ip?: string;
  recordedBy?: string | null;
  files?: PreparedFile[];
  /** the public API's proof of work, checked here; its single use is counted with the limits */
  proofOfWork?: { challenge: string; nonce: string };
  /** the web form's question (its signed token and the answer typed), bound to the form's idempotency key; used up like the proof of work */
  formChallenge?: { token: string; answer: string };
  now?: Date;
}

/** Every field error of a submission (shape and content rules) at once; empty when it may be stored. */
export function validateFeedback(raw: SubmitFeedbackInput, parsed = submitFeedbackInput.safeParse(raw)): Record<string, string> {
  const ruleErrors = checkContent({
    title: raw.title,
    content: raw.content,
    problem: raw.problem,
    proposal: raw.proposal,
    expectedImpact: raw.expectedImpact,
    estimatedCost: raw.estimatedCost,
    feasibility: raw.feasibility,
    submitterName: raw.submitterName,
    organisationName: raw.organisationName,
    submitterAddress: raw.submitterAddress,
  });
  const fields = parsed.success ? {} : issuesToFields(parsed.error);
  return { ...ruleErrors, ...fields };
}

/** The challenge had been used already: answered with the first case when it is stored, else refused. */
class ChallengeUsed extends Error {}

export async function receiveFeedback(ctx: AppContext, raw: SubmitFeedbackInput, opts: ReceiveFeedbackOptions): Promise<SubmitFeedbackResult> {
  const db = ctx.db;
  // a repeat of a stored case gets that case back before anything else is judged: a retry carries
  // the proof of work the first request spent, and counts against no limit
  const key = idempotencyKey.safeParse(raw.idempotencyKey);
  if (key.success && key.data) {
    const first = await replayedSubmission(db, key.data);
    if (first) return first;
  }
  let challenge: { token: string; issuedAt: Date } | undefined;
  if (opts.proofOfWork) {
    const pow = verifyPow(await challengeKey(db), opts.proofOfWork.challenge, opts.proofOfWork.nonce);
    if (!pow.ok) throw AppError.of('BAD_REQUEST', 'intake.error.powInvalid');
    challenge = { token: opts.proofOfWork.challenge, issuedAt: pow.issuedAt };
  }
  if (opts.formChallenge) {
    const checked = verifyFormChallenge(await challengeKey(db), opts.formChallenge.token, opts.formChallenge.answer, raw.idempotencyKey ?? '', opts.now);
    if (!checked.ok) {
      // a forged or foreign token is told nothing about why; a wrong or late answer is the visitor's to fix
      if (checked.reason === 'invalid') throw AppError.of('BAD_REQUEST', 'intake.error.generic');
      throw validationFailed({ challengeAnswer: t(checked.reason === 'expired' ? 'intake.error.challengeExpired' : 'intake.error.challengeWrong') });
    }
    challenge = { token: checked.token, issuedAt: checked.issuedAt };
  }
  const parsed = submitFeedbackInput.safeParse(raw);
  const errors = validateFeedback(raw, parsed);
  if (!parsed.success || Object.keys(errors).length > 0) throw validationFailed(errors);
  const input = parsed.data;
  // One statement before the write: the limits (with the challenge's single use) are counted after
  // the input is checked, the contact's recent cases are read for the duplicate rule, and the code
  // is taken only when both will let the case through.
  const limits = isPublicChannel(opts.channel)
    ? countSubmitLimits({ ip: opts.ip ?? 'unknown', email: input.submitterEmail, phone: input.submitterPhone, challenge }, opts.now)
    : null;
  const candidates = duplicateCandidates('duplicate_candidates', { email: input.submitterEmail, phone: input.submitterPhone, title: input.title, content: input.content }, opts.now);
  const admission = {
    parts: { ...(limits ? { submitLimits: limits.part } : {}), ...(candidates ? { duplicates: candidates.part } : {}) },
    numberWhen: sql.join([limits ? sql`NOT ${limits.exceeded}` : sql`true`, candidates ? candidates.none : sql`true`], sql` AND `),
    judge(columns: Record<string, unknown>) {
      if (limits && !limits.challengeFresh(columns.submitLimits)) throw new ChallengeUsed();
      const duplicate = candidates?.duplicateOf(columns.duplicates);
      if (duplicate) throw AppError.of('CONFLICT', 'intake.error.duplicate', { code: duplicate }, { content: t('intake.error.duplicate', { code: duplicate }) });
    },
  };
  const options: SubmitFeedbackOptions = {
    actor: opts.actor,
    channel: opts.channel,
    recordedBy: opts.recordedBy ?? null,
    files: opts.files,
    now: opts.now,
    replayChecked: true,
    parsed: input,
    admission,
    confirmationMail: ({ code, pin }) =>
      input.submitterEmail
        ? ctx.mailer.outboxRow({
            to: input.submitterEmail,
            subject: t('intake.mail.subject', { code }),
            text: t('intake.mail.body', { name: input.submitterName, title: input.title, code, pin, url: `${ctx.config.publicUrl.replace(/\/$/, '')}/feedback/lookup` }),
          })
        : null,
  };
  try {
    return await submitFeedback(db, raw, options);
  } catch (err) {
    if (!(err instanceof ChallengeUsed)) throw err;
    // the same request sent twice at once (a double tap, a client's retry): the first may still be
    // storing the case, which is then the answer
    if (key.success && key.data) {
      for (let i = 0; i < 10; i++) {
        const first = await replayedSubmission(db, key.data);
        if (first) return first;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (opts.formChallenge) throw validationFailed({ challengeAnswer: t('intake.error.challengeUsed') });
    throw AppError.of('BAD_REQUEST', 'intake.error.powInvalid');
  }
}
