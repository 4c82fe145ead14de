/**
 * POST /api/v1/feedback/triage: the classifier's suggestion (kind, topic, competent agency, with
 * confidence) and similar submissions for a title and content. Staff who triage or record
 * PAKN only; the case page renders the same suggestion with TriagePanel.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { canSuggestTriage } from './policies';
import { suggestTriage, suggestTriageInput, triageSuggestionOut } from './suggest-triage';

const needsTriageStaff = async (req: FastifyRequest) => {
  if (!canSuggestTriage(requirePrincipal(req))) throw forbidden();
};

export async function registerTriageRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/feedback/triage',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Suggested kind, topic and competent agency (with confidence) and similar submissions for a PAKN text',
        description:
          'A Naive Bayes classifier over folded Vietnamese syllable n-grams, trained on the starter set and every officer’s triage decision. Confidence is a probability in [0, 1]; similar submissions exclude rejected and merged ones. Requires the feedback.triage or feedback.record permission.',
        body: suggestTriageInput,
        response: { 200: triageSuggestionOut },
      },
      preValidation: needsTriageStaff,
    },
    async (req) => suggestTriage(ctx.db, req.body),
  );
}
