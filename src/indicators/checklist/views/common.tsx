/** Pieces shared by the checklist pages: the colour chip (icon + word, never colour alone) and the period picker. */
import { t } from '../../../platform/i18n';
import { periodLabel } from '../../periods';
import type { ChecklistColour } from '../colour';

const CHIP: Record<ChecklistColour | 'none', { cls: string; icon: string }> = {
  green: { cls: 'chip chip-success', icon: '✓' },
  yellow: { cls: 'chip chip-warning', icon: '!' },
  red: { cls: 'chip chip-danger', icon: '✕' },
  none: { cls: 'chip chip-neutral', icon: '–' },
};

export function colourLabel(colour: ChecklistColour | null): string {
  return t(`checklist.colour.${colour ?? 'none'}`);
}

export function ColourChip(props: { colour: ChecklistColour | null }) {
  const c = CHIP[props.colour ?? 'none'];
  return (
    <span class={c.cls} data-colour={props.colour ?? 'none'}>
      <span aria-hidden="true" class="checklist-icon">
        {c.icon}
      </span>
      {colourLabel(props.colour)}
    </span>
  );
}

export function ConfirmationText(props: { assessed: boolean; confirmed: boolean }) {
  if (!props.assessed) return <span class="muted">—</span>;
  return props.confirmed ? (
    <span data-confirmed="true">{t('checklist.state.confirmed')}</span>
  ) : (
    <strong class="checklist-unconfirmed" data-confirmed="false">
      {t('checklist.state.unconfirmed')}
    </strong>
  );
}

/** A GET form choosing the period; keeps the other query parameters as hidden fields. */
export function PeriodPicker(props: { action: string; period: string; periods: string[]; keep?: Record<string, string> }) {
  const periods = props.periods.includes(props.period) ? props.periods : [props.period, ...props.periods];
  return (
    <form method="get" action={props.action} class="checklist-period">
      {Object.entries(props.keep ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div class="field">
        <label for="f-period">{t('checklist.period')}</label>
        <select id="f-period" name="period">
          {periods.map((p) => (
            <option key={p} value={p} selected={p === props.period}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-secondary">
        {t('checklist.show')}
      </button>
    </form>
  );
}

export function thresholdsText(green: number, yellow: number): string {
  const pct = (r: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(r * 100);
  return t('checklist.thresholds', { green: pct(green), yellow: pct(yellow) });
}
