/**
 * The shapes scores leave the server in: labels and movement text for pages, the JSON of
 * GET /api/v1/rankings, and the CSV export (same columns as the table on the page).
 */
import { z } from 'zod';
import { formatNumber, t } from '../../platform/i18n';
import type { LeagueRow, LeagueTable } from './load-league-table';
import { SCORE_COMPONENTS, type ScoreComponent, type ScoreDimension, type ScoredUnitClass } from './types';

export function componentLabel(c: ScoreComponent): string {
  return t(`scoring.component.${c}` as 'scoring.component.overdue');
}

export function dimensionLabel(d: ScoreDimension): string {
  return t(`scoring.dimension.${d}` as 'scoring.dimension.total');
}

export function classLabel(c: ScoredUnitClass): string {
  return t(`scoring.class.${c}` as 'scoring.class.ministry');
}

/** KPI values and PAKN cases belong to no bloc or criteria group: only the total measures them. */
export function componentApplies(dimension: ScoreDimension, c: ScoreComponent): boolean {
  return dimension === 'total' || (c !== 'kpiAchievement' && c !== 'feedbackOnTime');
}

/** A component's score as shown: the number, 'no data', or 'not applicable' in this dimension. */
export function componentScoreLabel(dimension: ScoreDimension, c: ScoreComponent, score: number | null): string {
  return componentApplies(dimension, c) ? scoreLabel(score) : t('scoring.notApplicable');
}

/** A score as dashboards and the public page show it: one decimal, vi-VN. */
export function formatScore(score: number): string {
  return formatNumber(Math.round(score * 10) / 10);
}

export function scoreLabel(score: number | null): string {
  return score == null ? t('scoring.noScore') : formatNumber(score);
}

/** Movement in words as well as arrows, so it never rests on colour or a glyph alone. */
export function movementText(row: Pick<LeagueRow, 'movement' | 'rank' | 'previousRank'>, hasPrevious: boolean): string {
  if (!hasPrevious || row.rank == null) return t('scoring.movement.none');
  if (row.previousRank == null) return t('scoring.movement.new');
  const m = row.movement ?? 0;
  if (m > 0) return t('scoring.movement.up', { n: m });
  if (m < 0) return t('scoring.movement.down', { n: -m });
  return t('scoring.movement.same');
}

const componentOut = z.object({ score: z.number().nullable(), counts: z.record(z.string(), z.number()) });

export const rankingsOut = z.object({
  class: z.enum(['ministry', 'province']),
  dimension: z.string(),
  snapshot: z.string().nullable().describe("the frozen month 'YYYY-MM', or null when computed live"),
  asOf: z.string().describe("the day counted up to, 'YYYY-MM-DD'"),
  previousSnapshot: z.string().nullable(),
  rows: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      previousRank: z.number().int().nullable(),
      movement: z.number().int().nullable().describe('places gained since the previous snapshot (negative: lost)'),
      components: z.object(Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, componentOut])) as Record<ScoreComponent, typeof componentOut>),
    }),
  ),
});

export function presentRankings(table: LeagueTable): z.infer<typeof rankingsOut> {
  return {
    class: table.unitClass,
    dimension: table.dimension,
    snapshot: table.snapshot,
    asOf: table.asOf,
    previousSnapshot: table.previousSnapshot,
    rows: table.rows.map((r) => ({
      unitCode: r.unitCode,
      unitName: r.unitName,
      rank: r.rank,
      score: r.score,
      previousRank: r.previousRank,
      movement: r.movement,
      components: r.components,
    })),
  };
}

function csvCell(v: string | number | null): string {
  if (v == null) return '';
  const s = String(v);
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 with a BOM (Excel opens the Vietnamese as UTF-8); scores with a dot decimal for machines. */
export function rankingsCsv(table: LeagueTable): string {
  const head = [t('scoring.col.rank'), 'Mã', t('scoring.col.unit'), t('scoring.col.score'), ...SCORE_COMPONENTS.map(componentLabel), 'Hạng kỳ trước', t('scoring.col.movement')];
  const lines = [head.map(csvCell).join(',')];
  for (const r of table.rows) {
    lines.push(
      [
        r.rank,
        r.unitCode,
        r.unitName,
        r.score,
        ...SCORE_COMPONENTS.map((c) => r.components[c]?.score ?? null),
        r.previousRank,
        movementText(r, table.previousSnapshot != null),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
