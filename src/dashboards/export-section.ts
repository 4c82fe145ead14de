/**
 * The data behind each dashboard chart or table, as rows for CSV and JSON downloads. The same
 * section loader feeds the page and the export, so a download shows exactly what the page shows,
 * under the same scope rules.
 */
import { TASK_STATUSES } from '../monitoring/schema';
import { SCORE_COMPONENTS } from '../indicators/scoring/types';
import { t } from '../platform/i18n';
import type { SectionData } from './dashboard-view';
import { scoreBand } from './unit-scores';

export interface ExportTable {
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

const statusColumns = () => TASK_STATUSES.map((s) => ({ key: s, label: t(`task.status.${s}`) }));

export function exportSection(data: SectionData): ExportTable {
  switch (data.name) {
    case 'summary':
      return {
        columns: [{ key: 'group', label: t('dashboard.col.group') }, ...statusColumns(), { key: 'total', label: t('dashboard.col.total') }],
        rows: data.summary.byGroup.map((g) => ({ group: g.groupNumber, ...g.byStatus, total: g.total })),
      };
    case 'kpis':
      return {
        columns: [
          { key: 'code', label: 'Mã' },
          { key: 'indicator', label: t('dashboard.col.indicator') },
          { key: 'unit', label: 'Đơn vị tính' },
          { key: 'period', label: t('dashboard.col.period') },
          { key: 'value', label: t('dashboard.col.value') },
          { key: 'target', label: t('dashboard.col.target') },
          { key: 'achievement', label: 'Mức đạt' },
          { key: 'status', label: t('dashboard.col.status') },
        ],
        rows: data.tiles.map((k) => ({
          code: k.code,
          indicator: k.name,
          unit: k.unit,
          period: k.period,
          value: k.value,
          target: k.target,
          achievement: k.achievement == null ? null : Math.round(k.achievement * 10000) / 10000,
          status: k.status,
        })),
      };
    case 'units':
    case 'overdue':
      return {
        columns: [{ key: 'code', label: 'Mã' }, { key: 'unit', label: t('dashboard.col.unit') }, ...statusColumns(), { key: 'total', label: t('dashboard.col.total') }, { key: 'overdue', label: t('dashboard.col.overdue') }],
        rows: data.rows.map((r) => ({ code: r.unit.code, unit: r.unit.name, ...r.counts.byStatus, total: r.counts.total, overdue: r.counts.overdue })),
      };
    case 'map':
      return {
        columns: [
          { key: 'code', label: 'Mã' },
          { key: 'unit', label: t('dashboard.col.unit') },
          { key: 'score', label: t('dashboard.col.score') },
          { key: 'rank', label: t('dashboard.col.rank') },
          { key: 'band', label: t('dashboard.col.band') },
        ],
        rows: data.provinces.map((p) => ({ code: p.unit.code, unit: p.unit.name, score: p.score?.score ?? null, rank: p.score?.rank ?? null, band: scoreBand(p.score?.score ?? null) })),
      };
    case 'score':
      return {
        columns: [
          { key: 'component', label: t('dashboard.score.component') },
          { key: 'score', label: t('dashboard.col.score') },
          { key: 'rank', label: t('dashboard.col.rank') },
        ],
        rows: data.score
          ? [{ component: 'total', score: data.score.score, rank: data.score.rank }, ...SCORE_COMPONENTS.map((c) => ({ component: c, score: data.score!.components[c]?.score ?? null, rank: null }))]
          : [],
      };
    case 'bottlenecks':
      return {
        columns: [
          { key: 'title', label: 'Điểm nghẽn' },
          { key: 'status', label: t('dashboard.col.status') },
          { key: 'unit', label: t('dashboard.col.unit') },
          { key: 'task', label: 'Nhiệm vụ' },
          { key: 'createdAt', label: 'Ngày ghi nhận' },
        ],
        rows: data.items.map((b) => ({ title: b.title, status: b.status, unit: b.ownerCode, task: b.taskCode, createdAt: b.createdAt.toISOString() })),
      };
  }
}

function csvCell(v: string | number | null): string {
  if (v == null) return '';
  const s = String(v);
  // a leading =, +, - or @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 with a BOM so Excel opens the Vietnamese text as UTF-8. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
