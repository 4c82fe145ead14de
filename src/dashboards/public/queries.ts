/**
 * Reads behind the public progress page ("3 công khai"): what was promised (targets), how far the
 * public programme has come (tasks of PUBLIC plans only), how the provinces score (the latest
 * FROZEN snapshot, never live numbers) and what became of adopted initiatives. Only approved
 * indicator values are read (through aggregateIndicator with approvedOnly, the rule every screen
 * uses), and only columns meant for the public: no notes, comments, evidence, people or messages.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ValueStatus } from '../../indicators/achievement';
import { indicatorStatus } from '../../indicators/indicator-status';
import { indicator, scoreSnapshot, scoreSnapshotRow, type Frequency } from '../../indicators/schema';
import { SCORE_COMPONENTS, type ScoreComponent } from '../../indicators/scoring/types';
import { feedbackSubmission } from '../../feedback/schema';
import { isPublished } from '../../feedback/public/queries';
import { GROUP_NUMBERS, TASK_STATUSES, type TaskStatus, plan, task, taskGroup } from '../../monitoring/schema';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { ROOT_CODE } from '../../seed/build-org-tree';

export interface PublicTarget {
  code: string;
  source: (typeof indicator.$inferSelect)['source'];
  kind: string;
  name: string;
  unit: string | null;
  targetText: string | null;
  targetValue: number | null;
  horizon: number | null;
  direction: 'higher' | 'lower' | null;
  frequency: Frequency;
  /** the latest national figure built from approved values only, or null when none yet */
  latest: {
    period: string;
    value: number;
    /** the national target of that period, when one is set */
    target: number | null;
    achievement: number | null;
    status: ValueStatus | null;
  } | null;
}

/** Indicators whose national figure is built at the same time (each holds one connection). */
const CONCURRENCY = 4;

/**
 * NQ57 strategic targets and the operational KPIs, each with its latest national figure: the root
 * unit's value (reported or rolled up) for the newest period that has approved values.
 */
export async function publicTargets(db: Executor): Promise<PublicTarget[]> {
  const [root] = await db.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.code, ROOT_CODE));
  const rows = await db
    .select({
      id: indicator.id,
      code: indicator.code,
      source: indicator.source,
      kind: indicator.kind,
      name: indicator.name,
      unit: indicator.unit,
      targetText: indicator.targetText,
      targetValue: indicator.targetValue,
      horizon: indicator.horizon,
      direction: indicator.direction,
      frequency: indicator.frequency,
      baselineValue: indicator.baselineValue,
      onTrackRatio: indicator.onTrackRatio,
      atRiskRatio: indicator.atRiskRatio,
      aggregation: indicator.aggregation,
      responsibleUnitId: indicator.responsibleUnitId,
    })
    .from(indicator)
    .where(and(eq(indicator.isActive, true), eq(indicator.isHeader, false), inArray(indicator.kind, ['strategic', 'operational'])))
    .orderBy(desc(indicator.source), asc(indicator.sortOrder), asc(indicator.code));
  // the same national figure and status as the indicator pages and the dashboards show
  const one = async (r: (typeof rows)[number]): Promise<PublicTarget> => {
    const latest = root ? await indicatorStatus(db, r) : null;
    return {
      code: r.code,
      source: r.source,
      kind: r.kind,
      name: r.name,
      unit: r.unit,
      targetText: r.targetText,
      targetValue: r.targetValue === null ? null : Number(r.targetValue),
      horizon: r.horizon,
      direction: r.direction,
      frequency: r.frequency,
      latest,
    };
  };
  const out: PublicTarget[] = new Array(rows.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, rows.length) }, async () => {
      while (next < rows.length) {
        const i = next++;
        out[i] = await one(rows[i]!);
      }
    }),
  );
  return out;
}

export type StatusCounts = Record<TaskStatus, number>;
const zeroes = () => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;

export interface PublicTaskProgress {
  total: number;
  byStatus: StatusCounts;
  byGroup: { groupNumber: string | null; title: string | null; total: number; byStatus: StatusCounts }[];
}

/** Task counts by status and by group of Resolution 57, over the tasks of public plans only. */
export async function publicTaskProgress(db: Executor): Promise<PublicTaskProgress> {
  const grouped = await db
    .select({ groupNumber: task.groupNumber, status: task.status, n: sql<number>`count(*)::int` })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .where(eq(plan.isPublic, true))
    .groupBy(task.groupNumber, task.status);
  const titles = new Map((await db.select({ number: taskGroup.number, title: taskGroup.shortTitle }).from(taskGroup)).map((g) => [g.number, g.title]));
  const byStatus = zeroes();
  const groups = new Map<string | null, PublicTaskProgress['byGroup'][number]>();
  for (const r of grouped) {
    byStatus[r.status] += r.n;
    let g = groups.get(r.groupNumber);
    if (!g) {
      g = { groupNumber: r.groupNumber, title: r.groupNumber ? (titles.get(r.groupNumber) ?? null) : null, total: 0, byStatus: zeroes() };
      groups.set(r.groupNumber, g);
    }
    g.byStatus[r.status] += r.n;
    g.total += r.n;
  }
  const order = (g: string | null) => {
    const i = g ? (GROUP_NUMBERS as readonly string[]).indexOf(g) : -1;
    return i < 0 ? 99 : i;
  };
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byGroup: [...groups.values()].sort((a, b) => order(a.groupNumber) - order(b.groupNumber)),
  };
}

export interface PublicProvinceScore {
  code: string;
  name: string;
  rank: number | null;
  score: number | null;
  /** places gained since the previous snapshot (positive = up), null when not ranked in both */
  movement: number | null;
  components: Partial<Record<ScoreComponent, number | null>>;
}

export interface PublicScores {
  /** null when no snapshot has been frozen yet */
  snapshot: { period: string; asOf: string; frozenAt: Date; previousPeriod: string | null } | null;
  rows: PublicProvinceScore[];
}

/** Component scores only (0–100): the counts behind them stay on the staff side. */
function componentScores(raw: unknown): PublicProvinceScore['components'] {
  const out: PublicProvinceScore['components'] = {};
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  for (const c of SCORE_COMPONENTS) {
    const v = obj[c];
    const score = v && typeof v === 'object' ? (v as { score?: unknown }).score : v;
    out[c] = typeof score === 'number' && Number.isFinite(score) ? score : score != null && Number.isFinite(Number(score)) ? Number(score) : null;
  }
  return out;
}

/** The provinces' total scores in the latest frozen snapshot, with movement since the one before. */
export async function publicProvinceScores(db: Executor): Promise<PublicScores> {
  const snaps = await db
    .select({ id: scoreSnapshot.id, period: scoreSnapshot.period, asOf: scoreSnapshot.asOf, createdAt: scoreSnapshot.createdAt })
    .from(scoreSnapshot)
    .orderBy(desc(scoreSnapshot.period))
    .limit(2);
  const [latest, previous] = snaps;
  if (!latest) return { snapshot: null, rows: [] };
  const rowsOf = (snapshotId: string) =>
    db
      .select({ code: orgUnit.code, name: orgUnit.name, rank: scoreSnapshotRow.rank, score: scoreSnapshotRow.score, components: scoreSnapshotRow.components })
      .from(scoreSnapshotRow)
      .innerJoin(orgUnit, eq(orgUnit.id, scoreSnapshotRow.orgUnitId))
      .where(and(eq(scoreSnapshotRow.snapshotId, snapshotId), eq(scoreSnapshotRow.dimension, 'total'), eq(orgUnit.kind, 'province')))
      .orderBy(sql`${scoreSnapshotRow.rank} asc nulls last`, asc(orgUnit.code));
  const current = await rowsOf(latest.id);
  const before = previous ? new Map((await rowsOf(previous.id)).map((r) => [r.code, r.rank])) : new Map<string, number | null>();
  const rows = current.map((r) => {
    const prevRank = before.get(r.code);
    return {
      code: r.code,
      name: r.name,
      rank: r.rank,
      score: r.score === null ? null : Number(r.score),
      movement: r.rank != null && prevRank != null ? prevRank - r.rank : null,
      components: componentScores(r.components),
    };
  });
  return { snapshot: { period: latest.period, asOf: latest.asOf, frozenAt: latest.createdAt, previousPeriod: previous?.period ?? null }, rows };
}

export interface PublicInitiative {
  /** the tracking code the initiative was received under */
  code: string;
  title: string;
  agency: string | null;
  decidedOn: Date | null;
  taskId: string;
  taskCode: string;
  status: TaskStatus;
  percentDone: number;
  deadline: string | null;
  /** the published answer page exists (the submitter consented to publication) */
  answerPublished: boolean;
}

/**
 * Initiatives adopted and turned into tasks of a public plan. The task's title (the initiative's,
 * as adopted) and lead agency are public; the submitter is never read.
 */
export async function publicInitiatives(db: Executor, limit = 200): Promise<PublicInitiative[]> {
  const rows = await db
    .select({
      code: feedbackSubmission.code,
      title: task.title,
      agency: orgUnit.name,
      decidedOn: feedbackSubmission.decidedAt,
      taskId: task.id,
      taskCode: task.code,
      status: task.status,
      percentDone: task.percentDone,
      deadline: task.deadline,
      answerPublished: sql<boolean>`${isPublished}`,
    })
    .from(feedbackSubmission)
    .innerJoin(task, eq(task.id, feedbackSubmission.linkedTaskId))
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
    .where(and(eq(feedbackSubmission.decision, 'adopt'), isNotNull(feedbackSubmission.linkedTaskId), eq(plan.isPublic, true)))
    .orderBy(desc(feedbackSubmission.decidedAt), asc(feedbackSubmission.code))
    .limit(limit);
  return rows.map((r) => ({ ...r, answerPublished: !!r.answerPublished }));
}
