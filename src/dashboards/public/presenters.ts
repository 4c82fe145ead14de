/**
 * The public progress model as open data: the JSON document of `GET /api/v1/public/progress` and
 * the three CSV files. One shape for both, so a figure on the page, in the JSON and in the CSV is
 * the same figure. CSV files carry a UTF-8 BOM (Excel in Vietnamese locales) and neutralise cells
 * that a spreadsheet would read as a formula.
 */
import { periodLabel } from '../../indicators/periods';
import { SCORE_COMPONENTS } from '../../indicators/scoring/types';
import { hcmDate } from '../../monitoring/dates';
import { t } from '../../platform/i18n';
import type { PublicProgress } from './public-progress';

export const OPEN_DATA_LICENCE = 'CC BY 4.0';
export const OPEN_DATA_LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/deed.vi';

export function progressJson(m: PublicProgress, baseUrl: string) {
  return {
    generatedAt: m.generatedAt.toISOString(),
    licence: { name: OPEN_DATA_LICENCE, url: OPEN_DATA_LICENCE_URL, note: t('publicProgress.licence.note') },
    targets: m.targets.map((x) => ({
      code: x.code,
      source: x.source,
      kind: x.kind,
      name: x.name,
      unit: x.unit,
      targetText: x.targetText,
      targetValue: x.targetValue,
      horizon: x.horizon,
      direction: x.direction,
      frequency: x.frequency,
      latest: x.latest,
    })),
    tasks: m.tasks,
    scores: {
      snapshot: m.scores.snapshot ? { period: m.scores.snapshot.period, asOf: m.scores.snapshot.asOf, frozenAt: m.scores.snapshot.frozenAt.toISOString(), previousPeriod: m.scores.snapshot.previousPeriod } : null,
      provinces: m.scores.rows,
    },
    initiatives: m.initiatives.map((i) => ({
      code: i.code,
      title: i.title,
      agency: i.agency,
      decidedOn: i.decidedOn ? hcmDate(i.decidedOn) : null,
      task: { code: i.taskCode, status: i.status, percentDone: i.percentDone, deadline: i.deadline, url: `${baseUrl}/progress/tasks/${i.taskId}` },
      answerUrl: i.answerPublished ? `${baseUrl}/feedback/answers/${i.code}` : null,
    })),
    downloads: {
      targets: `${baseUrl}/api/v1/public/progress/targets.csv`,
      provinces: `${baseUrl}/api/v1/public/progress/provinces.csv`,
      initiatives: `${baseUrl}/api/v1/public/progress/initiatives.csv`,
    },
  };
}

type Cell = string | number | null | undefined;

/** One CSV cell: numbers as they are; text quoted when needed and never starting like a formula. */
export function csvCell(v: Cell): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v.normalize('NFC');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Cell[][]): string {
  const lines = [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function targetsCsv(m: PublicProgress): string {
  return toCsv(
    ['code', 'source', 'kind', 'name', 'unit', 'target_text', 'target_value', 'horizon', 'direction', 'latest_period', 'latest_period_label', 'latest_value', 'period_target', 'achievement', 'status'],
    m.targets.map((x) => [
      x.code,
      x.source,
      x.kind,
      x.name,
      x.unit,
      x.targetText,
      x.targetValue,
      x.horizon,
      x.direction,
      x.latest?.period,
      x.latest ? periodLabel(x.latest.period) : null,
      x.latest?.value,
      x.latest?.target,
      x.latest?.achievement == null ? null : Math.round(x.latest.achievement * 1000) / 1000,
      x.latest?.status,
    ]),
  );
}

export function provincesCsv(m: PublicProgress): string {
  const snap = m.scores.snapshot;
  return toCsv(
    ['snapshot_period', 'as_of', 'rank', 'province_code', 'province_name', 'score', 'movement', ...SCORE_COMPONENTS.map((c) => `score_${c}`)],
    m.scores.rows.map((r) => [snap?.period, snap?.asOf, r.rank, r.code, r.name, r.score, r.movement, ...SCORE_COMPONENTS.map((c) => r.components[c])]),
  );
}

export function initiativesCsv(m: PublicProgress, baseUrl: string): string {
  return toCsv(
    ['code', 'title', 'agency', 'decided_on', 'task_code', 'task_status', 'percent_done', 'deadline', 'task_url', 'answer_url'],
    m.initiatives.map((i) => [
      i.code,
      i.title,
      i.agency,
      i.decidedOn ? hcmDate(i.decidedOn) : null,
      i.taskCode,
      i.status,
      i.percentDone,
      i.deadline,
      `${baseUrl}/progress/tasks/${i.taskId}`,
      i.answerPublished ? `${baseUrl}/feedback/answers/${i.code}` : null,
    ]),
  );
}
