/** Small pieces shared by the task pages. */
import { t } from '../../platform/i18n';
import { formatIsoDate } from '../dates';
import type { TaskStatus } from '../schema';

const STATUS_CHIP: Record<TaskStatus, string> = {
  not_started: 'chip chip-neutral',
  in_progress: 'chip chip-neutral',
  done_on_time: 'chip chip-success',
  done_late: 'chip chip-warning',
  overdue: 'chip chip-danger',
  paused: 'chip chip-warning',
  cancelled: 'chip chip-neutral',
};

export const statusLabel = (s: TaskStatus) => t(`task.status.${s}`);

export function TaskStatusChip(props: { status: TaskStatus }) {
  return <span class={STATUS_CHIP[props.status]}>{statusLabel(props.status)}</span>;
}

/** The deadline in force, with the original one when an extension moved it. */
export function Deadline(props: { deadline: string | null; originalDeadline?: string | null; deadlineText?: string | null; recurring?: boolean }) {
  if (!props.deadline) return <span>{props.recurring ? t('task.field.recurring') : (props.deadlineText ?? t('task.noDeadline'))}</span>;
  const moved = props.originalDeadline && props.originalDeadline !== props.deadline;
  return (
    <span>
      {formatIsoDate(props.deadline)}
      {moved ? (
        <span class="muted">
          {' '}
          ({t('task.field.originalDeadline')}: <del>{formatIsoDate(props.originalDeadline)}</del>)
        </span>
      ) : null}
    </span>
  );
}
