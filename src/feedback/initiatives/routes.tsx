/** Initiative pages: the queue, one proposal with its reviews, the review and decision forms. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../org/policies';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { sendPage, setFlash } from '../../platform/http/render';
import { actorOf, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { type DecideInitiativeInput, decideInitiative } from './decide-initiative';
import { canDecideInitiatives, canReviewInitiatives, canSeeInitiatives } from './policies';
import { FINAL_DECISIONS, averageScores, findProposal, initiativeQueue, proposalAttachments, proposalReviews, publicTaskProgress } from './queries';
import { reviewInitiative } from './review-initiative';
import { type DecisionValues, InitiativePage, type ReviewValues } from './views/initiative-page';
import { QueuePage } from './views/queue-page';
import { PROPOSAL_KINDS } from '../schema';

const codeParams = z.object({ code: z.string().max(40) });

function formString(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

function needsInitiativeAccess(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!canSeeInitiatives(p)) throw AppError.of('FORBIDDEN', 'error.forbidden');
  return p;
}

export async function registerInitiativeRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  async function renderPage(
    req: FastifyRequest,
    reply: FastifyReply,
    p: Principal,
    code: string,
    opts: { status?: number; errors?: Record<string, string> | null; message?: string | null; errorForm?: 'review' | 'decision'; review?: ReviewValues; decision?: DecisionValues } = {},
  ) {
    const proposal = await findProposal(db, code);
    if (!proposal || !PROPOSAL_KINDS.includes(proposal.submission.kind)) throw AppError.of('NOT_FOUND', 'initiative.error.notFound');
    const s = proposal.submission;
    const reviews = await proposalReviews(db, s.id);
    const mine = reviews.find((r) => r.review.reviewerId === p.userId)?.review;
    const open = !['rejected', 'merged'].includes(s.status) && !(s.decision && (FINAL_DECISIONS as readonly string[]).includes(s.decision));
    return sendPage(
      req,
      reply,
      { title: s.title, status: opts.status },
      <InitiativePage
        csrfToken={req.csrfToken}
        proposal={proposal}
        reviews={reviews}
        attachments={await proposalAttachments(db, s.id)}
        averages={averageScores(reviews.map((r) => r.review))}
        task={s.linkedTaskId ? await publicTaskProgress(db, s.linkedTaskId) : null}
        canReview={canReviewInitiatives(p)}
        canDecide={canDecideInitiatives(p)}
        open={open}
        reviewValues={
          opts.review ?? {
            novelty: mine ? String(mine.novelty) : '',
            feasibility: mine ? String(mine.feasibility) : '',
            impact: mine ? String(mine.impact) : '',
            cost: mine ? String(mine.cost) : '',
            comment: mine?.comment ?? '',
          }
        }
        decisionValues={opts.decision ?? { decision: '', note: '', leadUnitCode: '', deadline: '' }}
        errors={opts.errors}
        message={opts.message}
        errorForm={opts.errorForm ?? null}
      />,
    );
  }

  app.get('/initiatives', { schema: { hide: true, querystring: z.object({ show: z.enum(['pending', 'decided']).optional() }) } }, async (req, reply) => {
    const p = needsInitiativeAccess(req);
    const decided = req.query.show === 'decided';
    const rows = await initiativeQueue(db, { decided, viewerId: p.userId });
    return sendPage(req, reply, { title: t('initiative.queue.title'), wide: true }, <QueuePage rows={rows} decided={decided} />);
  });

  app.get('/initiatives/:code', { schema: { hide: true, params: codeParams } }, async (req, reply) => {
    const p = needsInitiativeAccess(req);
    return renderPage(req, reply, p, req.params.code.trim().toUpperCase());
  });

  app.post('/initiatives/:code/review', { schema: { hide: true, params: codeParams } }, async (req, reply) => {
    const p = needsInitiativeAccess(req);
    const code = req.params.code.trim().toUpperCase();
    const values: ReviewValues = {
      novelty: formString(req.body, 'novelty'),
      feasibility: formString(req.body, 'feasibility'),
      impact: formString(req.body, 'impact'),
      cost: formString(req.body, 'cost'),
      comment: formString(req.body, 'comment'),
    };
    try {
      await reviewInitiative(db, code, values, { principal: p, actor: actorOf(req) });
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 404) {
        return renderPage(req, reply, p, code, { status: err.status, errors: err.fields ?? null, message: err.message, errorForm: 'review', review: values });
      }
      throw err;
    }
    setFlash(reply, 'initiative.review.saved');
    return reply.redirect(`/initiatives/${encodeURIComponent(code)}`, 303);
  });

  app.post('/initiatives/:code/decision', { schema: { hide: true, params: codeParams } }, async (req, reply) => {
    const p = needsInitiativeAccess(req);
    const code = req.params.code.trim().toUpperCase();
    const values: DecisionValues = {
      decision: formString(req.body, 'decision'),
      note: formString(req.body, 'note'),
      leadUnitCode: formString(req.body, 'leadUnitCode'),
      deadline: formString(req.body, 'deadline'),
    };
    try {
      await decideInitiative(db, code, { ...values, decision: values.decision as DecideInitiativeInput['decision'] }, { principal: p, actor: actorOf(req), mailer: ctx.mailer, publicUrl: ctx.config.publicUrl });
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 404) {
        return renderPage(req, reply, p, code, { status: err.status, errors: err.fields ?? null, message: err.message, errorForm: 'decision', decision: values });
      }
      throw err;
    }
    setFlash(reply, 'initiative.decide.saved');
    return reply.redirect(`/initiatives/${encodeURIComponent(code)}`, 303);
  });
}
