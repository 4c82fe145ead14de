/**
 * Public PAKN-GPSK intake: landing, posting conditions, the submit form (multipart, arithmetic
 * challenge, honeypot), the lookup page with reply and rating, staff recording (/cases/new) and
 * the JSON API (public submit with proof of work, public lookup, similar cases, staff recording).
 * Routes stay thin: the rules live in receive-feedback.ts, reply-to-info-request.ts, rate-answer.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError, type FieldErrors } from '../../platform/errors';
import { enableMultipart } from '../../platform/files/multipart';
import type { Upload } from '../../platform/files/store';
import { sendPage } from '../../platform/http/render';
import { actorOf, needs, requirePermission } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { type MessageKey, t } from '../../platform/i18n';
import { PUBLISH_CONSENTS, SUBMISSION_KINDS, SUBMITTER_TYPES } from '../schema';
import type { SubmitFeedbackInput } from '../submit-feedback';
import { pinMatches } from '../tracking-code';
import { prepareAttachments } from './attachments';
import { challengeKey, powDifficulty, signFormChallenge, signPowChallenge } from './challenge';
import { assertLookupAllowed, countFailedLookup } from './limits';
import { findCaseByCode, lookupCase, provinceOptions, similarPublished, topicOptions } from './queries';
import { rateAnswer } from './rate-answer';
import { receiveFeedback, validateFeedback } from './receive-feedback';
import { replyToInfoRequest } from './reply-to-info-request';
import { eventLabel, type LookupCase, LookupCasePage, LookupForm } from './views/lookup-page';
import { LandingPage, SuccessPage, TermsPage } from './views/public-pages';
import { FORM_FIELDS, type FormValues, STAFF_CHANNELS, SubmitFormPage } from './views/submit-form-page';

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

function emptyValues(): FormValues {
  const v = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as unknown as FormValues;
  v.publishConsent = 'none';
  v.idempotencyKey = randomUUID();
  v.channel = '';
  v.termsAgree = false;
  return v;
}

function valuesFrom(body: unknown): FormValues {
  const v = Object.fromEntries(FORM_FIELDS.map((f) => [f, formString(body, f)])) as unknown as FormValues;
  const key = formString(body, 'idempotencyKey');
  v.idempotencyKey = /^[0-9a-f-]{36}$/i.test(key) ? key : randomUUID();
  v.channel = formString(body, 'channel');
  v.termsAgree = formString(body, 'termsAgree') === 'on';
  return v;
}

/** Form values → submitFeedback input (blank optional fields left out). */
function inputFrom(v: FormValues): SubmitFeedbackInput {
  const opt = (s: string) => (s.trim() === '' ? undefined : s);
  return {
    kind: v.kind as SubmitFeedbackInput['kind'],
    topicCode: v.topicCode,
    title: v.title,
    content: v.content,
    problem: opt(v.problem),
    proposal: opt(v.proposal),
    expectedImpact: opt(v.expectedImpact),
    estimatedCost: opt(v.estimatedCost),
    feasibility: opt(v.feasibility),
    submitterType: v.submitterType as SubmitFeedbackInput['submitterType'],
    submitterName: v.submitterName,
    organisationName: opt(v.organisationName),
    submitterEmail: opt(v.submitterEmail),
    submitterPhone: opt(v.submitterPhone),
    submitterAddress: opt(v.submitterAddress),
    submitterIdNumber: opt(v.submitterIdNumber),
    locationCode: opt(v.locationCode),
    publishConsent: (v.publishConsent || 'none') as SubmitFeedbackInput['publishConsent'],
    idempotencyKey: v.idempotencyKey,
  };
}

// --- API shapes ---------------------------------------------------------------------------------

const str = (max: number) => z.string().max(max);
const submitFields = {
  kind: z.enum(SUBMISSION_KINDS).describe('feedback (phản ánh), recommendation (kiến nghị), initiative (sáng kiến), solution (giải pháp)'),
  topicCode: str(60).describe('a feedback_topic code'),
  title: str(200),
  content: str(10_000),
  problem: str(5_000).optional().describe('initiative/solution: required'),
  proposal: str(5_000).optional().describe('initiative/solution: required'),
  expectedImpact: str(3_000).optional().describe('initiative/solution: required'),
  estimatedCost: str(1_000).optional().describe('initiative/solution: required'),
  feasibility: str(3_000).optional().describe('initiative/solution: required'),
  submitterType: z.enum(SUBMITTER_TYPES),
  submitterName: str(200),
  organisationName: str(300).optional(),
  submitterEmail: str(254).optional().describe('e-mail and/or phone is required'),
  submitterPhone: str(30).optional(),
  submitterAddress: str(500).optional(),
  submitterIdNumber: str(20).optional().describe('12-digit personal identity number'),
  locationCode: str(20).optional().describe('province code, e.g. "01"'),
  publishConsent: z.enum(PUBLISH_CONSENTS).optional(),
  idempotencyKey: str(100).optional().describe('client-chosen key (16–100 characters): a repeat returns the first submission'),
};
const publicSubmitBody = z.object({
  ...submitFields,
  challenge: str(300).describe('from GET /api/v1/public/feedback/challenge'),
  nonce: str(100).describe('sha256(challenge + nonce) must start with `difficulty` zero bits'),
});
const staffSubmitBody = z.object({ ...submitFields, channel: z.enum(STAFF_CHANNELS).describe('how the case arrived') });
const submitResult = z.object({ id: z.string().optional(), code: z.string(), pin: z.string(), replayed: z.boolean() });
const publicCaseOut = z.object({
  code: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.string(),
  timeline: z.array(z.object({ type: z.string(), label: z.string(), at: z.string() })),
  infoRequest: z.object({ question: z.string(), askedAt: z.string() }).nullable(),
  answer: z.object({ text: z.string(), answeredAt: z.string().nullable() }).nullable(),
  rating: z.number().nullable(),
});
const similarOut = z.object({
  items: z.array(z.object({ code: z.string(), kind: z.string(), title: z.string(), publishedAt: z.string(), url: z.string() })),
});

export async function registerFeedbackIntakeRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;
  const dataDir = ctx.config.dataDir;

  async function newChallenge(idempotencyKey: string) {
    return signFormChallenge(await challengeKey(db), idempotencyKey);
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    mode: 'public' | 'staff',
    values: FormValues,
    opts: { status?: number; errors?: FieldErrors | null; message?: string | null; filesDropped?: boolean; similar?: Awaited<ReturnType<typeof similarPublished>> | null } = {},
  ) {
    const [topics, provinces] = await Promise.all([topicOptions(db), provinceOptions(db)]);
    const challenge = mode === 'public' ? await newChallenge(values.idempotencyKey) : null;
    let similar = opts.similar ?? null;
    if (!similar && mode === 'public' && (opts.status ?? 200) >= 400 && (values.title || values.content)) {
      // after a validation round-trip, show published cases that may already answer it
      const found = await similarPublished(db, `${values.title} ${values.content}`);
      similar = found.length > 0 ? found : null;
    }
    return sendPage(
      req,
      reply,
      { title: mode === 'staff' ? t('intake.form.staffTitle') : t('intake.form.title'), status: opts.status },
      <SubmitFormPage
        mode={mode}
        csrfToken={req.csrfToken}
        values={values}
        topics={topics}
        provinces={provinces}
        challenge={challenge}
        errors={opts.errors}
        message={opts.message}
        filesDropped={opts.filesDropped}
        similar={similar}
      />,
    );
  }

  function renderSuccess(req: FastifyRequest, reply: FastifyReply, r: { code: string; pin: string; replayed: boolean }, email: string | null, staff = false) {
    return sendPage(
      req,
      reply,
      { title: t('intake.success.title') },
      <SuccessPage code={r.code} pin={r.pin} replayed={r.replayed} email={email} staff={staff} />,
    );
  }

  /** Files, then the case: field errors re-render the form, everything else propagates. */
  async function store(req: FastifyRequest, reply: FastifyReply, mode: 'public' | 'staff', values: FormValues, uploads: Upload[], formChallenge?: { token: string; answer: string }) {
    const filesDropped = uploads.length > 0;
    const input = inputFrom(values);
    const errors: FieldErrors = validateFeedback(input);
    if (mode === 'public' && !values.termsAgree) errors.termsAgree = t('intake.error.termsRequired');
    if (mode === 'staff' && !(STAFF_CHANNELS as readonly string[]).includes(values.channel)) errors.channel = t('intake.error.channel');
    if (Object.keys(errors).length > 0) return renderForm(req, reply, mode, values, { status: 400, errors, filesDropped });
    try {
      const files = await prepareAttachments(dataDir, uploads);
      const p = req.principal;
      const result = await receiveFeedback(ctx, input, {
        actor: actorOf(req),
        channel: mode === 'staff' ? (values.channel as (typeof STAFF_CHANNELS)[number]) : 'web',
        ip: req.ip,
        recordedBy: mode === 'staff' ? p!.userId : null,
        files,
        formChallenge,
      });
      return renderSuccess(req, reply, result, mode === 'public' ? (input.submitterEmail?.trim() || null) : null, mode === 'staff');
    } catch (err) {
      if (!(err instanceof AppError) || !['BAD_REQUEST', 'VALIDATION_FAILED', 'CONFLICT', 'RATE_LIMITED'].includes(err.code)) throw err;
      if (err.code === 'RATE_LIMITED') return renderForm(req, reply, mode, values, { status: 429, message: err.message, filesDropped });
      return renderForm(req, reply, mode, values, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message, filesDropped });
    }
  }

  // --- pages ------------------------------------------------------------------------------------

  app.get('/feedback', { schema: { hide: true } }, async (req, reply) => sendPage(req, reply, { title: t('intake.landing.title') }, <LandingPage />));
  app.get('/feedback/terms', { schema: { hide: true } }, async (req, reply) => sendPage(req, reply, { title: t('intake.terms.title') }, <TermsPage />));
  app.get('/feedback/new', { schema: { hide: true } }, async (req, reply) => renderForm(req, reply, 'public', emptyValues()));
  app.get('/cases/new', { schema: { hide: true } }, async (req, reply) => {
    requirePermission(req, 'feedback.record');
    return renderForm(req, reply, 'staff', emptyValues());
  });

  // Public multipart forms: the new case and the reply to an information request.
  await app.register(async (scoped) => {
    await enableMultipart(scoped);
    const s = scoped as unknown as TypedApp;

    s.post('/feedback/new', { schema: { hide: true } }, async (req, reply) => {
      const values = valuesFrom(req.body);
      const uploads = (req.uploads ?? []).filter((u) => u.fieldName === 'files');
      const filesDropped = uploads.length > 0;
      if (formString(req.body, 'action') === 'check') {
        const similar = await similarPublished(db, `${values.title} ${values.content}`);
        return renderForm(req, reply, 'public', values, { similar, filesDropped });
      }
      // honeypot: a person never fills the hidden field; nothing is stored
      if (formString(req.body, 'website').trim() !== '') {
        return renderForm(req, reply, 'public', values, { status: 400, message: t('intake.error.generic'), filesDropped });
      }
      // a repeat of a stored case, the question and its single use are receiveFeedback's to judge
      return store(req, reply, 'public', values, uploads, { token: formString(req.body, 'challenge'), answer: formString(req.body, 'challengeAnswer') });
    });

    s.post('/feedback/lookup/reply', { schema: { hide: true } }, async (req, reply) => {
      const code = formString(req.body, 'code');
      const pin = formString(req.body, 'pin');
      const found = await verifiedCase(req, reply, code, pin);
      if (!found) return reply;
      const text = formString(req.body, 'reply');
      const uploads = (req.uploads ?? []).filter((u) => u.fieldName === 'files');
      try {
        const files = await prepareAttachments(dataDir, uploads);
        await replyToInfoRequest(db, found.id, { reply: text }, { actor: actorOf(req), files });
        return renderCase(req, reply, found.id, pin, { notice: t('intake.lookup.replied') });
      } catch (err) {
        if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
        return renderCase(req, reply, found.id, pin, {
          status: err.status,
          errors: err.fields ?? null,
          message: err.fields ? (uploads.length > 0 ? t('intake.form.filesAgain') : null) : err.message,
          reply: text,
        });
      }
    });
  });

  // Staff recording: signed-in users with feedback.record, checked before a byte of upload is read.
  await app.register(async (scoped) => {
    scoped.addHook('onRequest', async (req) => {
      requirePermission(req, 'feedback.record');
    });
    await enableMultipart(scoped);
    (scoped as unknown as TypedApp).post('/cases/new', { schema: { hide: true } }, async (req, reply) => {
      requirePermission(req, 'feedback.record');
      const values = valuesFrom(req.body);
      const uploads = (req.uploads ?? []).filter((u) => u.fieldName === 'files');
      return store(req, reply, 'staff', values, uploads);
    });
  });

  // --- lookup -------------------------------------------------------------------------------------

  /** The case as its submitter sees it; gone since the lookup (erased) is a plain "not found". */
  async function viewOf(found: Parameters<typeof lookupCase>[1]): Promise<LookupCase> {
    const view = await lookupCase(db, found);
    if (!view) throw AppError.of('NOT_FOUND', 'intake.lookup.failed');
    return view;
  }

  async function renderCase(
    req: FastifyRequest,
    reply: FastifyReply,
    found: Parameters<typeof lookupCase>[1],
    pin: string,
    opts: { status?: number; notice?: string; errors?: FieldErrors | null; message?: string | null; reply?: string; rating?: string; comment?: string } = {},
  ) {
    const view = await viewOf(found);
    return sendPage(
      req,
      reply,
      { title: t('intake.lookup.title'), status: opts.status },
      <LookupCasePage
        csrfToken={req.csrfToken}
        pin={pin}
        view={view}
        notice={opts.notice}
        errors={opts.errors}
        message={opts.message}
        reply={opts.reply}
        rating={opts.rating}
        comment={opts.comment}
      />,
    );
  }

  /** The case when code and PIN match; otherwise renders the lookup form with the one generic message. */
  async function verifiedCase(req: FastifyRequest, reply: FastifyReply, code: string, pin: string) {
    const renderFailure = (status: number, message: string) =>
      sendPage(req, reply, { title: t('intake.lookup.title'), status }, <LookupForm csrfToken={req.csrfToken} code={code} message={message} />);
    try {
      await assertLookupAllowed(db, req.ip, code);
    } catch (err) {
      if (err instanceof AppError) {
        await renderFailure(429, err.message);
        return null;
      }
      throw err;
    }
    const found = code.length <= 40 ? await findCaseByCode(db, code) : null;
    if (!found || !(await pinMatches(db, found.code, pin.slice(0, 20)))) {
      await countFailedLookup(db, req.ip, code);
      await renderFailure(400, t('intake.lookup.failed'));
      return null;
    }
    return found;
  }

  app.get('/feedback/lookup', { schema: { hide: true } }, async (req, reply) =>
    sendPage(req, reply, { title: t('intake.lookup.title') }, <LookupForm csrfToken={req.csrfToken} code="" />),
  );

  app.post('/feedback/lookup', { schema: { hide: true } }, async (req, reply) => {
    const code = formString(req.body, 'code').trim();
    const pin = formString(req.body, 'pin').trim();
    const found = await verifiedCase(req, reply, code, pin);
    if (!found) return reply;
    // the row just read by its code is what the page shows
    return renderCase(req, reply, found, pin);
  });

  app.post('/feedback/lookup/rate', { schema: { hide: true } }, async (req, reply) => {
    const code = formString(req.body, 'code');
    const pin = formString(req.body, 'pin');
    const found = await verifiedCase(req, reply, code, pin);
    if (!found) return reply;
    const rating = formString(req.body, 'rating');
    const comment = formString(req.body, 'comment');
    try {
      await rateAnswer(db, found.id, { rating: rating || undefined, comment: comment || undefined }, { actor: actorOf(req) });
      return renderCase(req, reply, found.id, pin, { notice: t('intake.lookup.rated') });
    } catch (err) {
      if (!(err instanceof AppError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(err.code)) throw err;
      return renderCase(req, reply, found.id, pin, { status: err.status, errors: err.fields ?? null, message: err.fields ? null : err.message, rating, comment });
    }
  });

  // --- JSON API -------------------------------------------------------------------------------------

  app.get(
    '/api/v1/public/feedback/challenge',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: 'A proof-of-work challenge for the public submit',
        description: 'Find a nonce so that sha256(challenge + nonce) starts with `difficulty` zero bits; send both with the submission. Valid 10 minutes, once.',
        response: { 200: z.object({ challenge: z.string(), difficulty: z.number().int(), expiresAt: z.string() }) },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'no-store').send(signPowChallenge(await challengeKey(db), powDifficulty())),
  );

  app.get(
    '/api/v1/public/feedback/similar',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: 'Up to five published cases similar to a text (diacritic-insensitive)',
        querystring: z.object({ q: z.string().max(2_000).default('') }),
        response: { 200: similarOut },
      },
    },
    async (req) => {
      const items = await similarPublished(db, req.query.q);
      return { items: items.map((i) => ({ ...i, publishedAt: i.publishedAt.toISOString() })) };
    },
  );

  app.post(
    '/api/v1/public/feedback',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: 'Submit a case (anonymous, with proof of work)',
        description: 'Returns the tracking code and the secret PIN once; keep the PIN. Rate limited per IP and per contact.',
        body: publicSubmitBody,
        response: { 200: submitResult, 201: submitResult },
      },
    },
    async (req, reply) => {
      const { challenge, nonce, ...rest } = req.body;
      const result = await receiveFeedback(ctx, rest as SubmitFeedbackInput, { actor: actorOf(req), channel: 'api', ip: req.ip, proofOfWork: { challenge, nonce } });
      // the public answer never carries the case's internal id
      return reply.status(result.replayed ? 200 : 201).send({ code: result.code, pin: result.pin, replayed: result.replayed });
    },
  );

  app.get(
    '/api/v1/public/feedback/:code',
    {
      schema: {
        tags: ['feedback (public)'],
        summary: 'Look a case up with its code and PIN (no personal data)',
        params: z.object({ code: z.string().max(40) }),
        querystring: z.object({ pin: z.string().max(20).default('') }),
        response: { 200: publicCaseOut },
      },
    },
    async (req) => {
      const { code } = req.params;
      await assertLookupAllowed(db, req.ip, code);
      const found = await findCaseByCode(db, code);
      if (!found || !(await pinMatches(db, found.code, req.query.pin))) {
        await countFailedLookup(db, req.ip, code);
        throw AppError.of('NOT_FOUND', 'intake.lookup.failed');
      }
      const v = await viewOf(found);
      return {
        code: v.code,
        kind: v.kind,
        title: v.title,
        status: v.status,
        statusLabel: t(`feedback.status.${v.status}` as MessageKey),
        submittedAt: v.createdAt.toISOString(),
        timeline: v.timeline.map((e) => ({ type: e.type, label: eventLabel(e.type, e.data), at: e.createdAt.toISOString() })),
        infoRequest: v.infoRequest ? { question: v.infoRequest.question, askedAt: v.infoRequest.askedAt.toISOString() } : null,
        answer: v.publicAnswer && (v.status === 'answered' || v.status === 'closed') ? { text: v.publicAnswer, answeredAt: v.answeredAt?.toISOString() ?? null } : null,
        rating: v.rating,
      };
    },
  );

  app.post(
    '/api/v1/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Record a case received by post, phone, e-mail or in person (staff, permission feedback.record)',
        body: staffSubmitBody,
        response: { 200: submitResult, 201: submitResult },
      },
      preValidation: needs('feedback.record'),
    },
    async (req, reply) => {
      const p = req.principal!;
      const { channel, ...rest } = req.body;
      const result = await receiveFeedback(ctx, rest as SubmitFeedbackInput, { actor: actorOf(req), channel, recordedBy: p.userId });
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );
}
