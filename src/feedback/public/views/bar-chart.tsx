/**
 * A simple server-rendered horizontal bar chart (SVG, no script). Every bar carries its label and
 * number as text, so nothing is said by colour alone; the figure has a text alternative and the
 * full numbers are always in a table next to it.
 */
import { formatNumber, t } from '../../../platform/i18n';

export interface Bar {
  label: string;
  value: number;
  /** extra text after the number, e.g. "10 đã trả lời" */
  note?: string;
}

const WIDTH = 720;
const LABEL_W = 290;
const ROW_H = 26;
const BAR_MAX = WIDTH - LABEL_W - 130;

function clip(s: string, max: number) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function BarChart(props: { id: string; title: string; bars: Bar[] }) {
  if (props.bars.length === 0) return <p class="muted">{t('pub.stats.none')}</p>;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = props.bars.length * ROW_H + 8;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <figure class="bar-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{t('pub.stats.chart', { title: props.title })}</title>
        <desc id={descId}>{props.bars.map((b) => t('pub.stats.chartBar', { label: b.label, value: formatNumber(b.value) })).join('; ')}</desc>
        {props.bars.map((b, i) => {
          const y = 4 + i * ROW_H;
          const w = Math.round((b.value / max) * BAR_MAX);
          return (
            <g key={`${i}-${b.label}`}>
              <text x={LABEL_W - 8} y={y + 17} text-anchor="end" class="bar-label">
                {clip(b.label, 34)}
              </text>
              <rect x={LABEL_W} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={ROW_H - 8} class="bar" />
              <text x={LABEL_W + w + 6} y={y + 17} class="bar-value">
                {b.note ? `${formatNumber(b.value)} (${b.note})` : formatNumber(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="visually-hidden">{t('pub.stats.chartAlt', { title: props.title })}</figcaption>
    </figure>
  );
}
