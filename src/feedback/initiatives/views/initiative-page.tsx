/**
 * One initiative or solution for the experts and the standing office: the proposal, attachments,
 * expert reviews with average scores, the review form, the decision form, and the task it became.
 */
import { Breadcrumbs, ScrollRegion, SummaryRow } from '../../../org/views/common';
import type { FieldErrors } from '../../../platform/errors';
import { formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n';
import { ErrorSummary, Field, PostForm, SelectField, TextArea } from '../../../web/components/forms';
import { TaskProgressBlock } from '../../public/views/answer-page';
import type { publicTaskProgress } from '../../public/queries';
import { INITIATIVE_DECISIONS } from '../../schema';
import { CRITERIA, type averageScores, type findProposal, type proposalAttachments, type proposalReviews } from '../queries';

export interface ReviewValues {
  novelty: string;
  feasibility: string;
  impact: string;
  cost: string;
  comment: string;
}
export interface DecisionValues {
  decision: string;
  note: string;
  leadUnitCode: string;
  deadline: string;
}

export interface InitiativePageProps {
  csrfToken: string;
  proposal: NonNullable<Awaited<ReturnType<typeof findProposal>>>;
  reviews: Awaited<ReturnType<typeof proposalReviews>>;
  attachments: Awaited<ReturnType<typeof proposalAttachments>>;
  averages: ReturnType<typeof averageScores>;
  task: Awaited<ReturnType<typeof publicTaskProgress>> | null;
  canReview: boolean;
  canDecide: boolean;
  open: boolean;
  reviewValues: ReviewValues;
  decisionValues: DecisionValues;
  errors?: FieldErrors | null;
  message?: string | null;
  /** which form the errors belong to */
  errorForm?: 'review' | 'decision' | null;
}

const SCORE_OPTIONS = [
  { value: '', label: '—' },
  ...([1, 2, 3, 4, 5] as const).map((n) => ({ value: String(n), label: t(`initiative.review.score.${n}`) })),
];

export function InitiativePage(props: InitiativePageProps) {
  const s = props.proposal.submission;
  const reviewErrors = props.errorForm === 'review' ? props.errors : null;
  const decisionErrors = props.errorForm === 'decision' ? props.errors : null;
  return (
    <article>
      <Breadcrumbs label={t('initiative.page.breadcrumb')} items={[{ href: '/initiatives', label: t('nav.initiatives') }, { label: s.code }]} />
      <h1>
        <span class="mono">{s.code}</span> {s.title}
      </h1>
      <p>
        <span class="chip chip-neutral">{t(`feedback.kind.${s.kind}`)}</span> <span class="chip chip-neutral">{t(`feedback.status.${s.status}`)}</span>{' '}
        {s.decision ? <span class="chip chip-success">{t(`feedback.decision.${s.decision}`)}</span> : null}
      </p>
      <ErrorSummary
        errors={props.errors}
        message={props.message}
        labels={{
          novelty: t('initiative.criteria.novelty'),
          feasibility: t('initiative.criteria.feasibility'),
          impact: t('initiative.criteria.impact'),
          cost: t('initiative.criteria.cost'),
          comment: t('initiative.page.comment'),
          decision: t('initiative.decide.decision'),
          note: t('initiative.decide.note'),
          leadUnitCode: t('initiative.decide.leadUnit'),
          deadline: t('initiative.decide.deadline'),
        }}
      />
      {s.publishedAt ? (
        <p>
          <a href={`/feedback/answers/${encodeURIComponent(s.code)}`}>{t('initiative.page.publicPage')}</a>
        </p>
      ) : null}

      <section aria-labelledby="details-h">
        <h2 id="details-h">{t('initiative.page.details')}</h2>
        <dl class="summary-list">
          <SummaryRow label={t('initiative.page.submitter')}>
            {`${s.submitterName}${s.organisationName ? ` (${s.organisationName})` : ''} — ${t(`feedback.submitter.${s.submitterType}`)}`}
          </SummaryRow>
          <SummaryRow label={t('pub.answers.receivedOn')}>{formatDate(s.createdAt)}</SummaryRow>
          {props.proposal.topicName ? <SummaryRow label={t('pub.answers.topic')}>{props.proposal.topicName}</SummaryRow> : null}
          <SummaryRow label={t('pub.case.proposal')}>
            <span class="pre-line">{s.content}</span>
          </SummaryRow>
          <SummaryRow label={t('pub.case.problem')}>
            <span class="pre-line">{s.problem ?? '—'}</span>
          </SummaryRow>
          <SummaryRow label={t('pub.case.proposalText')}>
            <span class="pre-line">{s.proposal ?? '—'}</span>
          </SummaryRow>
          <SummaryRow label={t('pub.case.expectedImpact')}>
            <span class="pre-line">{s.expectedImpact ?? '—'}</span>
          </SummaryRow>
          <SummaryRow label={t('pub.case.estimatedCost')}>
            <span class="pre-line">{s.estimatedCost ?? '—'}</span>
          </SummaryRow>
          <SummaryRow label={t('pub.case.feasibility')}>
            <span class="pre-line">{s.feasibility ?? '—'}</span>
          </SummaryRow>
          <SummaryRow label={t('initiative.page.attachments')}>
            {props.attachments.length ? (
              <ul class="plain-list">
                {props.attachments.map((a) => (
                  <li key={a.fileName}>{a.fileName}</li>
                ))}
              </ul>
            ) : (
              t('initiative.page.noAttachments')
            )}
          </SummaryRow>
        </dl>
      </section>

      <section aria-labelledby="reviews-h">
        <h2 id="reviews-h">{t('initiative.page.reviews')}</h2>
        {props.reviews.length === 0 ? (
          <p>{t('initiative.page.noReviews')}</p>
        ) : (
          <ScrollRegion label={t('initiative.page.reviews')}>
            <table class="data-table" id="reviews">
              <thead>
                <tr>
                  <th scope="col">{t('initiative.page.reviewer')}</th>
                  {CRITERIA.map((c) => (
                    <th key={c} scope="col" class="numeric">
                      {t(`initiative.criteria.${c}`)}
                    </th>
                  ))}
                  <th scope="col">{t('initiative.page.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {props.reviews.map(({ review, reviewerName }) => (
                  <tr key={review.id}>
                    <th scope="row">
                      {reviewerName}
                      <br />
                      <span class="muted">{formatDateTime(review.updatedAt)}</span>
                    </th>
                    {CRITERIA.map((c) => (
                      <td key={c} class="numeric">
                        {review[c]}
                      </td>
                    ))}
                    <td class="pre-line">{review.comment}</td>
                  </tr>
                ))}
              </tbody>
              {props.averages ? (
                <tfoot>
                  <tr>
                    <th scope="row">{t('initiative.page.averages', { count: props.averages.count })}</th>
                    {CRITERIA.map((c) => (
                      <td key={c} class="numeric">
                        {formatNumber(props.averages![c])}
                      </td>
                    ))}
                    <td>{`${t('initiative.page.total')}: ${formatNumber(props.averages.overall)}`}</td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </ScrollRegion>
        )}
      </section>

      {props.canReview && props.open ? (
        <section aria-labelledby="review-h" class="card">
          <h2 id="review-h">{t('initiative.review.title')}</h2>
          <p class="hint">{t('initiative.review.hint')}</p>
          <PostForm action={`/initiatives/${encodeURIComponent(s.code)}/review`} csrfToken={props.csrfToken}>
            {CRITERIA.map((c) => (
              <SelectField key={c} name={c} label={t(`initiative.criteria.${c}`)} options={SCORE_OPTIONS} value={props.reviewValues[c]} error={reviewErrors?.[c]} />
            ))}
            <TextArea name="comment" label={t('initiative.page.comment')} value={props.reviewValues.comment} error={reviewErrors?.comment} />
            <div class="form-actions">
              <button type="submit">{t('initiative.review.submit')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}

      {s.decision ? (
        <section aria-labelledby="decision-h">
          <h2 id="decision-h">{t('pub.case.decision')}</h2>
          <p>
            <span class="chip chip-success">{t(`feedback.decision.${s.decision}`)}</span> {s.decidedAt ? formatDate(s.decidedAt) : ''}
          </p>
          {s.decisionNote ? <p class="pre-line">{s.decisionNote}</p> : null}
        </section>
      ) : null}

      {props.task ? (
        <>
          <TaskProgressBlock task={props.task} />
          <p>
            <a href={`/tasks/${props.task.id}`}>{`${t('initiative.page.task')}: ${props.task.code}`}</a>
          </p>
        </>
      ) : null}

      {props.canDecide && props.open ? (
        <section aria-labelledby="decide-h" class="card">
          <h2 id="decide-h">{t('initiative.decide.title')}</h2>
          <PostForm action={`/initiatives/${encodeURIComponent(s.code)}/decision`} csrfToken={props.csrfToken}>
            <SelectField
              name="decision"
              label={t('initiative.decide.decision')}
              options={[{ value: '', label: '—' }, ...INITIATIVE_DECISIONS.map((d) => ({ value: d, label: t(`feedback.decision.${d}`) }))]}
              value={props.decisionValues.decision}
              error={decisionErrors?.decision}
            />
            <TextArea name="note" label={t('initiative.decide.note')} value={props.decisionValues.note} error={decisionErrors?.note} />
            <Field
              name="leadUnitCode"
              label={t('initiative.decide.leadUnit')}
              hint={t('initiative.decide.leadUnitHint')}
              value={props.decisionValues.leadUnitCode}
              error={decisionErrors?.leadUnitCode}
              maxLength={40}
            />
            <Field
              name="deadline"
              type="date"
              label={t('initiative.decide.deadline')}
              hint={t('initiative.decide.deadlineHint')}
              value={props.decisionValues.deadline}
              error={decisionErrors?.deadline}
            />
            <div class="form-actions">
              <button type="submit">{t('initiative.decide.submit')}</button>
            </div>
          </PostForm>
        </section>
      ) : null}
    </article>
  );
}
