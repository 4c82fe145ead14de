/** Small pieces shared by the case list and the case page: status chips, dates, paragraphs. */
import { formatIsoDate } from '../../../monitoring/dates';
import { type MessageKey, formatDateTime, hasMessage, t } from '../../../platform/i18n';
import type { AnswerStatus, AssignmentStatus, SubmissionStatus } from '../../schema';

const STATUS_CHIP: Record<SubmissionStatus, string> = {
  received: 'chip chip-warning',
  rejected: 'chip chip-neutral',
  merged: 'chip chip-neutral',
  forwarded: 'chip chip-warning',
  in_progress: 'chip chip-warning',
  awaiting_info: 'chip chip-neutral',
  answered: 'chip chip-success',
  closed: 'chip chip-success',
};

export function CaseStatusChip(props: { status: SubmissionStatus }) {
  return <span class={STATUS_CHIP[props.status]}>{t(`feedback.status.${props.status}`)}</span>;
}

const ASSIGNMENT_CHIP: Record<AssignmentStatus, string> = {
  forwarded: 'chip chip-warning',
  accepted: 'chip chip-warning',
  returned: 'chip chip-neutral',
  answered: 'chip chip-success',
};

export function AssignmentStatusChip(props: { status: AssignmentStatus }) {
  return <span class={ASSIGNMENT_CHIP[props.status]}>{t(`feedback.assignment.${props.status}`)}</span>;
}

const ANSWER_CHIP: Record<AnswerStatus, string> = {
  draft: 'chip chip-neutral',
  pending_approval: 'chip chip-warning',
  approved: 'chip chip-success',
  returned: 'chip chip-danger',
};

export function AnswerStatusChip(props: { status: AnswerStatus }) {
  return <span class={ANSWER_CHIP[props.status]}>{t(`feedback.answer.${props.status}`)}</span>;
}

export function OverdueChip() {
  return <span class="chip chip-danger">{t('cases.overdue')}</span>;
}

export function Paragraphs(props: { text: string | null | undefined }) {
  if (!props.text) return <p class="muted">—</p>;
  return (
    <>
      {props.text.split(/\n+/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

export const isoDate = (d: string | null | undefined) => (d ? formatIsoDate(d) : '—');
export const dateTime = (d: Date | string | null | undefined) => (d ? formatDateTime(d) : '—');

/** The Vietnamese label of one timeline step, filled from its data. */
export function eventLabel(type: string, data: Record<string, unknown>): string {
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  if (type === 'answer_drafted' && data.stage === 'submitted') return t('cases.event.answerSubmitted');
  const key = `feedback.event.${type}`;
  if (!hasMessage(key)) return type;
  const params: Record<string, string> = {
    code: s('code'),
    unit: s('unit'),
    taskCode: s('taskCode'),
    channel: hasMessage(`feedback.channel.${s('channel')}`) ? t(`feedback.channel.${s('channel')}` as MessageKey) : s('channel'),
    reason: hasMessage(`feedback.reject.${s('reason')}`) ? t(`feedback.reject.${s('reason')}` as MessageKey) : s('reason'),
    decision: hasMessage(`feedback.decision.${s('decision')}`) ? t(`feedback.decision.${s('decision')}` as MessageKey) : s('decision'),
  };
  let label = t(key as MessageKey, params);
  if (type === 'agency_returned' && data.backToTriage === true) label = `${label}. ${t('cases.event.backToTriage')}`;
  return label;
}
