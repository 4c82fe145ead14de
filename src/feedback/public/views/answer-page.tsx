/**
 * One published case as the public sees it: the question (or the proposal), the approved
 * answer(s) with the answering agencies, the public timeline, and for an adopted initiative the
 * monitoring task's status and progress. Contact data never reaches this component.
 */
import { formatIsoDate } from '../../../monitoring/dates';
import { Breadcrumbs, SummaryRow } from '../../../org/views/common';
import { type MessageKey, formatDate, t } from '../../../platform/i18n';
import type { PublishedCase, publicTaskProgress } from '../queries';
import { PublicTimeline } from './timeline';

type TaskProgress = NonNullable<Awaited<ReturnType<typeof publicTaskProgress>>>;

/** The task an adopted initiative became: status in words, percent as text and a bar. */
export function TaskProgressBlock(props: { task: TaskProgress }) {
  const x = props.task;
  return (
    <section aria-labelledby="task-title" class="card">
      <h2 id="task-title">{t('pub.case.task')}</h2>
      <p>
        <span class="mono">{x.code}</span> {x.title}
      </p>
      <dl class="summary-list">
        <SummaryRow label={t('pub.case.taskStatus')}>
          <span class="chip chip-neutral">{t(`task.status.${x.status}` as MessageKey)}</span>
        </SummaryRow>
        <SummaryRow label={t('pub.case.taskPercent')}>
          <span>{`${x.percentDone}%`}</span>{' '}
          <progress class="percent-bar" max={100} value={x.percentDone} aria-label={t('pub.case.percentBar', { percent: x.percentDone })}>
            {`${x.percentDone}%`}
          </progress>
        </SummaryRow>
        {x.leadName ? <SummaryRow label={t('pub.case.taskLead')}>{x.leadName}</SummaryRow> : null}
        {x.deadline ? <SummaryRow label={t('pub.case.taskDeadline')}>{formatIsoDate(x.deadline)}</SummaryRow> : null}
        <SummaryRow label={t('pub.case.latestProgress')}>
          {x.latest ? (
            <span>
              {x.latest.periodLabel ? `${x.latest.periodLabel}: ` : ''}
              {`${x.latest.percentDone}% — ${x.latest.doneText}`}
            </span>
          ) : (
            t('pub.case.noProgress')
          )}
        </SummaryRow>
      </dl>
    </section>
  );
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text.split(/\n{2,}/).map((p, i) => (
        <p key={i} class="pre-line">
          {p}
        </p>
      ))}
    </>
  );
}

export function AnswerPage(props: { c: PublishedCase }) {
  const { c } = props;
  const isProposal = c.kind === 'initiative' || c.kind === 'solution';
  return (
    <article>
      <Breadcrumbs label={t('pub.case.breadcrumb')} items={[{ href: '/feedback/answers', label: t('pub.case.back') }, { label: c.code }]} />
      <h1>{c.title}</h1>
      <p class="muted">
        <span class="mono">{c.code}</span> · <span class="chip chip-neutral">{t(`feedback.kind.${c.kind}`)}</span>
        {c.topicName ? ` · ${c.topicName}` : ''} · <span class="chip chip-neutral">{t(`feedback.status.${c.status}`)}</span>
      </p>
      <dl class="summary-list">
        <SummaryRow label={t('pub.case.submitter')}>
          {c.submitterName ? `${c.submitterName}${c.organisationName ? ` (${c.organisationName})` : ''}` : t('pub.case.anonymous')}
        </SummaryRow>
        <SummaryRow label={t('pub.answers.receivedOn')}>{formatDate(c.createdAt)}</SummaryRow>
        {c.answeredAt ? (
          <SummaryRow label={t('pub.answers.answeredOn')}>
            {formatDate(c.answeredAt)}{' '}
            {c.answerDueOn ? <span class={c.onTime ? 'chip chip-success' : 'chip chip-warning'}>{c.onTime ? t('pub.case.onTime') : t('pub.case.late')}</span> : null}
          </SummaryRow>
        ) : null}
        {c.publishedAt ? <SummaryRow label={t('pub.answers.publishedOn')}>{formatDate(c.publishedAt)}</SummaryRow> : null}
        {c.agencies.length ? <SummaryRow label={t('pub.answers.agency')}>{c.agencies.map((a) => a.name).join('; ')}</SummaryRow> : null}
      </dl>

      <section aria-labelledby="question-title">
        <h2 id="question-title">{isProposal ? t('pub.case.proposal') : t('pub.case.question')}</h2>
        <Paragraphs text={c.content} />
        {isProposal ? (
          <dl class="summary-list">
            {c.problem ? <SummaryRow label={t('pub.case.problem')}>{c.problem}</SummaryRow> : null}
            {c.proposal ? <SummaryRow label={t('pub.case.proposalText')}>{c.proposal}</SummaryRow> : null}
            {c.expectedImpact ? <SummaryRow label={t('pub.case.expectedImpact')}>{c.expectedImpact}</SummaryRow> : null}
            {c.estimatedCost ? <SummaryRow label={t('pub.case.estimatedCost')}>{c.estimatedCost}</SummaryRow> : null}
            {c.feasibility ? <SummaryRow label={t('pub.case.feasibility')}>{c.feasibility}</SummaryRow> : null}
          </dl>
        ) : null}
      </section>

      <section aria-labelledby="answer-title">
        <h2 id="answer-title">{t('pub.case.answer')}</h2>
        {c.answers.map((a, i) => (
          <div key={i} class="card">
            <h3>{t('pub.case.answerBy', { unit: a.unitName, date: formatDate(a.approvedAt) })}</h3>
            <Paragraphs text={a.body} />
          </div>
        ))}
        {c.answers.length === 0 && c.publicAnswer ? (
          <div class="card">
            <h3>{t('pub.case.summaryAnswer')}</h3>
            <Paragraphs text={c.publicAnswer} />
          </div>
        ) : null}
      </section>

      {c.decision ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{t('pub.case.decision')}</h2>
          <p>
            <span class="chip chip-neutral">{t(`feedback.decision.${c.decision}`)}</span> {c.decidedAt ? formatDate(c.decidedAt) : ''}
          </p>
          {c.decisionNote ? <Paragraphs text={c.decisionNote} /> : null}
        </section>
      ) : null}

      {c.linkedTask ? <TaskProgressBlock task={c.linkedTask} /> : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('pub.case.timeline')}</h2>
        <PublicTimeline events={c.events} />
      </section>
    </article>
  );
}
