/** Small pieces shared by the indicator pages: status and approval chips (text, never colour alone). */
import { t } from '../../platform/i18n';
import type { ValueStatus } from '../achievement';
import type { PeriodSubmissionStatus } from '../schema';

const STATUS_CHIP: Record<ValueStatus, string> = {
  on_track: 'chip chip-success',
  at_risk: 'chip chip-warning',
  off_track: 'chip chip-danger',
};

export function StatusChip(props: { status: ValueStatus | null | undefined }) {
  if (!props.status) return <span class="chip chip-neutral">{t('indicator.status.none')}</span>;
  return <span class={STATUS_CHIP[props.status]}>{t(`indicator.status.${props.status}`)}</span>;
}

const SUBMISSION_CHIP: Record<PeriodSubmissionStatus, string> = {
  draft: 'chip chip-neutral',
  submitted: 'chip chip-warning',
  approved: 'chip chip-success',
  returned: 'chip chip-danger',
};

export function SubmissionChip(props: { status: PeriodSubmissionStatus | null | undefined }) {
  if (!props.status) return <span class="chip chip-neutral">{t('indicator.submission.none')}</span>;
  return <span class={SUBMISSION_CHIP[props.status]}>{t(`indicator.submission.${props.status}`)}</span>;
}

export function confidenceLabel(level: number): string {
  return level >= 1 && level <= 5 ? `${level} – ${t(`indicator.confidence.${level as 1 | 2 | 3 | 4 | 5}`)}` : String(level);
}
