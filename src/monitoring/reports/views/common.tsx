/** Small pieces shared by the report and bottleneck pages. */
import { t } from '../../../platform/i18n';
import type { BottleneckStatus, ReportStatus } from '../schema';

const REPORT_CHIP: Record<ReportStatus, string> = {
  draft: 'chip chip-neutral',
  submitted: 'chip chip-warning',
  accepted: 'chip chip-success',
  returned: 'chip chip-danger',
};

export function ReportStatusChip(props: { status: ReportStatus }) {
  return <span class={REPORT_CHIP[props.status]}>{t(`report.status.${props.status}`)}</span>;
}

export function TimelinessChip(props: { onTime: boolean | null }) {
  if (props.onTime === null) return <span class="chip chip-neutral">{t('report.noDue')}</span>;
  return props.onTime ? <span class="chip chip-success">{t('report.onTime')}</span> : <span class="chip chip-danger">{t('report.late')}</span>;
}

const BOTTLENECK_CHIP: Record<BottleneckStatus, string> = {
  open: 'chip chip-danger',
  in_progress: 'chip chip-warning',
  resolved: 'chip chip-success',
};

export function BottleneckStatusChip(props: { status: BottleneckStatus }) {
  return <span class={BOTTLENECK_CHIP[props.status]}>{t(`bottleneck.status.${props.status}`)}</span>;
}

/** Multi-line text field: the shared form component. */
export { TextArea } from '../../../web/components/forms';

export function Checkbox(props: { name: string; label: string; checked?: boolean; error?: string }) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      {props.error ? (
        <p class="error-message" id={`f-${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <label>
        <input id={`f-${props.name}`} type="checkbox" name={props.name} value="on" checked={props.checked} /> {props.label}
      </label>
    </div>
  );
}

/** 1234567 → "1,2 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
