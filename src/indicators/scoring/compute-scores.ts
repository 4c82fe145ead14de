/**
 * Agency scores: for every ministry-class unit and every province, five components measured over
 * its subtree as of a day, their weighted mean with the active configuration's weights, and the
 * rank within its class. The rules are written out, with a worked example, in docs/SCORING.md;
 * the SQL is in queries.ts (a few set-based statements, whatever the number of units), the
 * arithmetic in score-math.ts. Dashboards and the public progress page read scores through here.
 */
import { hcmDate, isIsoDate } from '../../monitoring/dates';
import type { Executor } from '../../platform/db/client';
import { achievement } from '../achievement';
import { aggregateIndicator } from '../aggregate-indicator';
import { parsePeriod, periodBounds } from '../periods';
import {
  activeScoreConfig,
  feedbackCounts,
  ownApprovedValues,
  pairsWithValues,
  reportCounts,
  type ScoredUnitRow,
  scoredUnits,
  scoringTargets,
  type TargetRow,
  taskCounts,
} from './queries';
import { DEFAULT_WEIGHTS, competitionRanks, inverseShare, parseStoredWeights, round2, share, weightedScore } from './score-math';
import { SCORE_COMPONENTS, type ComponentScore, type ScoreComponent, type ScoreDimension, type ScoreWeights, type ScoredUnitClass, type UnitScore } from './types';

export interface ComputeScoresOptions {
  /** count up to this day ('YYYY-MM-DD', Vietnam); today when omitted */
  asOf?: string;
  dimension?: ScoreDimension;
  unitClass?: ScoredUnitClass;
  /** the active configuration when omitted */
  weights?: ScoreWeights;
}

/** How many of an indicator's most recent target periods are searched for a unit's latest value. */
export const KPI_PERIODS_BACK = 4;

const SCORED_CLASSES: readonly ScoredUnitClass[] = ['ministry', 'province'];

export async function computeScores(db: Executor, opts: ComputeScoresOptions = {}): Promise<UnitScore[]> {
  const asOf = opts.asOf ?? hcmDate(new Date());
  if (!isIsoDate(asOf)) throw new RangeError(`computeScores: invalid asOf ${asOf}`);
  const dimension: ScoreDimension = opts.dimension ?? 'total';
  const weights = opts.weights ?? (await currentWeights(db));
  const units = await scoredUnits(db, asOf, opts.unitClass);
  if (units.length === 0) return [];
  const q = { asOf, unitClass: opts.unitClass, dimension };
  const tasks = await taskCounts(db, q);
  const reports = await reportCounts(db, q);
  // KPI values and PAKN cases are not tied to a bloc or a criteria group: only the total has them
  const taskOnly = dimension !== 'total';
  const feedback = taskOnly ? new Map() : await feedbackCounts(db, q);
  const kpi = taskOnly ? new Map<string, KpiTally>() : await kpiTallies(db, asOf, units, opts.unitClass);

  const scored: UnitScore[] = units.map((u) => {
    const t = tasks.get(u.id) ?? { due: 0, doneOnTime: 0, dueOrOpen: 0, overdue: 0 };
    const r = reports.get(u.id) ?? { due: 0, onTime: 0 };
    const components: Record<ScoreComponent, ComponentScore> = {
      tasksOnTime: { score: share(t.doneOnTime, t.due), counts: { due: t.due, doneOnTime: t.doneOnTime } },
      overdue: { score: inverseShare(t.overdue, t.dueOrOpen), counts: { dueOrOpen: t.dueOrOpen, overdue: t.overdue } },
      reportTimeliness: { score: share(r.onTime, r.due), counts: { due: r.due, onTime: r.onTime } },
      kpiAchievement: { score: null, counts: {} },
      feedbackOnTime: { score: null, counts: {} },
    };
    if (!taskOnly) {
      const k = kpi.get(u.id) ?? { indicators: 0, met: 0, sum: 0 };
      components.kpiAchievement = {
        score: k.indicators > 0 ? round2((100 * k.sum) / k.indicators) : null,
        counts: { indicators: k.indicators, met: k.met },
      };
      const f = feedback.get(u.id) ?? { due: 0, onTime: 0 };
      components.feedbackOnTime = { score: share(f.onTime, f.due), counts: { due: f.due, answeredOnTime: f.onTime } };
    }
    const componentScores = Object.fromEntries(SCORE_COMPONENTS.map((c) => [c, components[c].score])) as Record<ScoreComponent, number | null>;
    return {
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      unitClass: u.unitClass,
      dimension,
      score: weightedScore(componentScores, weights),
      rank: null,
      components,
    };
  });

  const collator = new Intl.Collator('vi');
  const out: UnitScore[] = [];
  for (const cls of SCORED_CLASSES) {
    const inClass = scored.filter((s) => s.unitClass === cls);
    const ranks = competitionRanks(inClass.map((s) => s.score));
    inClass.forEach((s, i) => {
      s.rank = ranks[i];
    });
    inClass.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || collator.compare(a.unitName, b.unitName));
    out.push(...inClass);
  }
  return out;
}

/** The active configuration's weights, or the defaults when none is active. */
export async function currentWeights(db: Executor): Promise<ScoreWeights> {
  const config = await activeScoreConfig(db);
  return config ? parseStoredWeights(config.weights) : DEFAULT_WEIGHTS;
}

interface KpiTally {
  indicators: number;
  /** indicators whose target is met (achievement ≥ 1) */
  met: number;
  /** sum of min(achievement, 1) */
  sum: number;
}

/**
 * For each unit and indicator with a target: the latest target period (begun by asOf) in which
 * the unit has an approved value — its own or rolled up from its subtree, exactly as
 * aggregateIndicator gives it — and min(achievement, 1) there. Own values of all units come in
 * one query; aggregateIndicator (one call per indicator and period, never per unit) is asked
 * only where a unit has no value of its own.
 */
async function kpiTallies(db: Executor, asOf: string, units: ScoredUnitRow[], unitClass?: ScoredUnitClass): Promise<Map<string, KpiTally>> {
  const targets = (await scoringTargets(db, { asOf, unitClass })).filter((t) => {
    const p = parsePeriod(t.period);
    return !!p && periodBounds(t.period).start <= asOf;
  });
  const byIndicator = new Map<string, TargetRow[]>();
  for (const t of targets) {
    const list = byIndicator.get(t.indicatorId);
    if (list) list.push(t);
    else byIndicator.set(t.indicatorId, [t]);
  }
  const periodsOf = new Map<string, string[]>();
  for (const [indicatorId, rows] of byIndicator) {
    periodsOf.set(indicatorId, [...new Set(rows.map((r) => r.period))].sort().reverse().slice(0, KPI_PERIODS_BACK));
  }
  const pairs = [...periodsOf].flatMap(([indicatorId, periods]) => periods.map((period) => ({ indicatorId, period })));
  const ownRows = await ownApprovedValues(db, { asOf, unitClass, pairs });
  const own = new Map(ownRows.map((v) => [`${v.indicatorId}|${v.period}|${v.orgUnitId}`, v.value]));
  // roll-ups are asked for only where some value exists to roll up
  const rollable = pairs.filter((p) => byIndicator.get(p.indicatorId)?.[0]?.aggregation !== 'latest');
  const withValues = await pairsWithValues(db, rollable);

  const tallies = new Map<string, KpiTally>();
  for (const [indicatorId, rows] of byIndicator) {
    const resolved = new Set<string>();
    for (const period of periodsOf.get(indicatorId) ?? []) {
      const inPeriod = rows.filter((r) => r.period === period);
      const national = inPeriod.find((r) => r.isNational && r.ratioType);
      const ownTargets = new Map(inPeriod.filter((r) => !r.isNational).map((r) => [r.orgUnitId, r]));
      const wanted = units.filter((u) => !resolved.has(u.id) && (ownTargets.has(u.id) || national));
      if (wanted.length === 0) continue;
      let rolled: Map<string, number> | null = null;
      for (const u of wanted) {
        let value = own.get(`${indicatorId}|${period}|${u.id}`);
        if (value === undefined && withValues.has(`${indicatorId}|${period}`)) {
          rolled ??= await aggregateIndicator(db, { indicatorId, period, approvedOnly: true });
          value = rolled.get(u.id);
        }
        if (value === undefined) continue;
        const target = ownTargets.get(u.id) ?? national!;
        const a = achievement(value, target.value, target.direction);
        if (a == null) continue;
        resolved.add(u.id);
        const tally = tallies.get(u.id) ?? { indicators: 0, met: 0, sum: 0 };
        tally.indicators += 1;
        if (a >= 1) tally.met += 1;
        tally.sum += Math.min(a, 1);
        tallies.set(u.id, tally);
      }
      if (resolved.size === units.length) break;
    }
  }
  return tallies;
}
