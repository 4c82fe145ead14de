/**
 * The map of the 34 provinces coloured by score band. Each band has its own fill pattern as well
 * as its colour, each province shows its rank and links to its dashboard with a <title>, and the
 * Hoàng Sa and Trường Sa archipelagos are drawn and labelled as Vietnam's. The geometry is the
 * in-memory projection from province-shapes.ts.
 */
import { formatScore } from '../../indicators/scoring/presenters';
import { t } from '../../platform/i18n';
import type { UnitScore } from '../../indicators/scoring/types';
import { provinceMapData } from '../map/province-shapes';
import type { DashboardUnit } from '../queries';
import { scoreBand } from '../unit-scores';

/** fill colour and pattern mark colour per band (0 = no score) */
const BAND_COLOURS: Record<number, [string, string]> = {
  0: ['#eceef0', '#eceef0'],
  1: ['#0b5d2a', '#7fbf95'],
  2: ['#5fa86f', '#0b5d2a'],
  3: ['#f2d37a', '#6b4500'],
  4: ['#ee9a55', '#6b2f00'],
  5: ['#c8102e', '#fde7ea'],
};

function BandPatterns() {
  const mark = (band: number) => BAND_COLOURS[band][1];
  return (
    <defs>
      <pattern id="band-1" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={BAND_COLOURS[1][0]} />
        <circle cx="3" cy="3" r="0.9" fill={mark(1)} />
      </pattern>
      <pattern id="band-2" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={BAND_COLOURS[2][0]} />
        <line x1="0" y1="0" x2="0" y2="6" stroke={mark(2)} stroke-width="1.2" />
      </pattern>
      <pattern id="band-3" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={BAND_COLOURS[3][0]} />
      </pattern>
      <pattern id="band-4" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <rect width="6" height="6" fill={BAND_COLOURS[4][0]} />
        <line x1="0" y1="0" x2="0" y2="6" stroke={mark(4)} stroke-width="1.2" />
        <line x1="0" y1="3" x2="6" y2="3" stroke={mark(4)} stroke-width="1.2" />
      </pattern>
      <pattern id="band-5" width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill={BAND_COLOURS[5][0]} />
        <line x1="0" y1="2.5" x2="5" y2="2.5" stroke={mark(5)} stroke-width="1" />
      </pattern>
      <pattern id="band-0" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={BAND_COLOURS[0][0]} />
      </pattern>
    </defs>
  );
}

export function bandLabel(band: number): string {
  return t(`dashboard.map.band.${band}` as 'dashboard.map.band.0');
}

export function ProvinceMap(props: { provinces: { unit: DashboardUnit; score: UnitScore | null }[] }) {
  const map = provinceMapData();
  const byCode = new Map(props.provinces.map((p) => [p.unit.code, p]));
  return (
    <figure class="dash-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} aria-label={t('dashboard.map')} class="dash-map-svg">
        <BandPatterns />
        {map.provinces.map((shape) => {
          const entry = byCode.get(shape.code);
          const score = entry?.score ?? null;
          const band = scoreBand(score?.score ?? null);
          const name = entry?.unit.name ?? shape.name;
          const title = t('dashboard.map.title', {
            name,
            score: score?.score == null ? t('dashboard.map.noScore') : t('dashboard.map.points', { score: formatScore(score.score) }),
            rank: score?.rank == null ? '—' : t('dashboard.map.rank', { rank: score.rank }),
            band: bandLabel(band),
          });
          return (
            <a key={shape.code} href={`/dashboard/units/${encodeURIComponent(shape.code)}`} aria-label={title} data-province={shape.code} data-band={band}>
              <title>{title}</title>
              <path d={shape.d} fill={`url(#band-${band})`} stroke="#1b1f22" stroke-width="0.6" />
              {score?.rank != null ? (
                <text x={shape.cx} y={shape.cy} class="dash-map-rank" text-anchor="middle" dominant-baseline="central">
                  {score.rank}
                </text>
              ) : null}
            </a>
          );
        })}
        {map.archipelagos.map((a) => (
          <g key={a.name} class="dash-map-islands">
            {a.islands.map((p) => (
              <circle key={`${p.x},${p.y}`} cx={p.x} cy={p.y} r="2.2" fill="#1b1f22" />
            ))}
            <text x={a.labelX} y={a.labelY} class="dash-map-label">
              {a.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <p id="dash-map-legend-h" class="dash-legend-title">
          {t('dashboard.map.legend')}
        </p>
        <ul class="dash-legend" aria-labelledby="dash-map-legend-h">
          {[1, 2, 3, 4, 5, 0].map((band) => (
            <li key={band}>
              <svg width="28" height="18" viewBox="0 0 28 18" aria-hidden="true" focusable="false">
                <rect width="28" height="18" fill={`url(#band-${band})`} stroke="#1b1f22" stroke-width="1" />
              </svg>{' '}
              {bandLabel(band)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
