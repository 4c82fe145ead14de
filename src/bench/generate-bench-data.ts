/**
 * `nq57 bench generate --scale N`: fills a database with synthetic data at national scale on top
 * of the real organisation tree — per unit of scale 200k tasks, 2M progress reports, 1M PAKN
 * submissions (with their agency assignments), 50k published articles and 5M KPI values (with the
 * units' period approvals and national targets per period).
 *
 * Rows are produced inside the database by INSERT … SELECT over generate_series: the text comes
 * from Vietnamese word lists indexed by a hash of the row number and the seed, so the same seed
 * always gives the same data and nothing crosses the wire but the statement (faster than COPY,
 * which would ship every byte). Work goes in chunks, each committed with its progress mark in
 * app_meta, so an interrupted run resumes where it stopped.
 */
import { GROUP_NUMBERS } from '../monitoring/schema';
import type { DatabaseHandle } from '../platform/db/client';
import { type Query, withSession } from '../platform/db/session';
import { foldText } from '../platform/text/fold';
import * as W from './words';

export const BENCH_PLAN_CODE = 'BENCH';
const META_KEY = 'bench.generated';

export interface GenerateOptions {
  scale: number;
  seed?: number;
  /** rows per committed chunk */
  chunk?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  part: string;
  done: number;
  total: number;
  /** all parts together */
  overallDone: number;
  overallTotal: number;
  elapsedMs: number;
}

interface Part {
  name: string;
  total: number;
  /** runs once before the first chunk of this part (idempotent) */
  prepare?: (q: Query) => Promise<void>;
  /** inserts rows from..to (1-based, inclusive) */
  insert: (q: Query, from: number, to: number) => Promise<void>;
}

interface Progress {
  scale: number;
  seed: number;
  done: Record<string, number>;
  codeOffset?: number;
  /** the KPI stage's plan, fixed on its first run so that a resumed run maps rows the same way */
  kpiPlan?: { units: number; extra: number };
}

/** A refusal to explain to the operator (not a crash). */
export class GenerateError extends Error {}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (list: readonly string[]) => `ARRAY[${list.map(lit).join(',')}]::text[]`;

export function benchTotals(scale: number) {
  return {
    tasks: Math.round(200_000 * scale),
    reports: Math.round(2_000_000 * scale),
    submissions: Math.round(1_000_000 * scale),
    articles: Math.round(50_000 * scale),
    kpiValues: Math.round(5_000_000 * scale),
  };
}

export async function generateBenchData(handle: DatabaseHandle, opts: GenerateOptions): Promise<Progress> {
  const seed = opts.seed ?? 57;
  const chunk = opts.chunk ?? 20_000;
  if (!(opts.scale > 0) || opts.scale > 20) throw new GenerateError('Hệ số quy mô (--scale) phải lớn hơn 0 và không quá 20.');
  const totals = benchTotals(opts.scale);
  return withSession(handle, async (q) => {
    const progress = await loadProgress(q);
    if (progress && (progress.seed !== seed || progress.scale !== opts.scale)) {
      throw new GenerateError(
        `Cơ sở dữ liệu đã có dữ liệu đo với quy mô ${progress.scale}, hạt giống ${progress.seed}. Dùng lại đúng các giá trị đó để tiếp tục, hoặc dùng một cơ sở dữ liệu mới.`,
      );
    }
    const state: Progress = progress ?? { scale: opts.scale, seed, done: {} };
    const h = (k: number) => `(hashint8(g::bigint * 64 + ${k} + ${seed}::bigint * 1000003) & 2147483647)`;
    const pick = (list: readonly string[], k: number) => `(${arr(list)})[1 + ${h(k)} % ${list.length}]`;
    const pickFolded = (list: readonly string[], k: number) => pick(list.map(foldText), k);

    const [{ n: unitCount }] = await q('SELECT count(*)::int AS n FROM org_unit');
    if (!unitCount) throw new GenerateError('Chưa có dữ liệu tham chiếu (đơn vị): hãy chạy "nq57 seed" trước.');

    const parts: Part[] = [
      {
        name: 'tasks',
        total: totals.tasks,
        async prepare(q) {
          await q(
            `INSERT INTO plan (code, title, reporting_cadence, is_demo)
             VALUES ('${BENCH_PLAN_CODE}', 'Dữ liệu đo hiệu năng (tổng hợp)', 'monthly', true)
             ON CONFLICT (code) DO NOTHING`,
          );
          await ensureBenchUnits(q);
        },
        async insert(q, from, to) {
          const title = `${pick(W.TASK_VERBS, 1)} || ' ' || ${pick(W.TASK_OBJECTS, 2)} || ' ' || ${pick(W.TASK_DOMAINS, 3)}`;
          const folded = `${pickFolded(W.TASK_VERBS, 1)} || ' ' || ${pickFolded(W.TASK_OBJECTS, 2)} || ' ' || ${pickFolded(W.TASK_DOMAINS, 3)}`;
          await q(
            `INSERT INTO task (plan_id, code, group_number, number, title, output, lead_unit_id, lead_unit_codes, assigning_unit_id,
                               deadline, original_deadline, status, status_reason, percent_done, completed_at, priority, bloc,
                               criteria_group, reporting_cadence, search_text, is_demo, created_at, updated_at)
             SELECT p.id, 'BENCH-' || lpad(g::text, 7, '0'),
                    ${pick(GROUP_NUMBERS, 4)}, g,
                    ${title}, 'Báo cáo kết quả thực hiện', u.id, ARRAY[u.code], u.parent_id,
                    d.deadline, d.deadline, s.status,
                    CASE WHEN s.status IN ('paused','cancelled') THEN 'Điều chỉnh theo chỉ đạo của cấp có thẩm quyền' END,
                    CASE s.status WHEN 'done_on_time' THEN 100 WHEN 'done_late' THEN 100 WHEN 'not_started' THEN 0 ELSE ${h(6)} % 95 END,
                    CASE s.status WHEN 'done_on_time' THEN (d.deadline - (${h(7)} % 30))::timestamptz
                                  WHEN 'done_late' THEN (d.deadline + 1 + (${h(7)} % 60))::timestamptz END,
                    (ARRAY['high','normal','normal','low'])[1 + ${h(8)} % 4],
                    (ARRAY['party','council','government','government','front'])[1 + ${h(9)} % 5],
                    (ARRAY['institutions','platforms','data','implementation'])[1 + ${h(10)} % 4],
                    'monthly',
                    'bench ' || lpad(g::text, 7, '0') || ' ' || ${folded}, true,
                    d.deadline - 180, d.deadline - 180
               FROM generate_series(${from}, ${to}) g
               JOIN plan p ON p.code = '${BENCH_PLAN_CODE}'
               JOIN bench_unit u ON u.rn = 1 + ${h(2)} % (SELECT count(*) FROM bench_unit)
               CROSS JOIN LATERAL (SELECT DATE '2025-02-01' + (${h(5)} % 1060)::int AS deadline) d
               CROSS JOIN LATERAL (SELECT CASE
                   WHEN ${h(11)} % 100 < 14 THEN 'not_started'
                   WHEN ${h(11)} % 100 < 52 THEN 'in_progress'
                   WHEN ${h(11)} % 100 < 74 THEN 'done_on_time'
                   WHEN ${h(11)} % 100 < 82 THEN 'done_late'
                   WHEN ${h(11)} % 100 < 94 THEN 'overdue'
                   WHEN ${h(11)} % 100 < 97 THEN 'paused'
                   ELSE 'cancelled' END AS status) s
             ON CONFLICT DO NOTHING`,
          );
        },
      },
      {
        name: 'reports',
        total: totals.reports,
        async prepare(q) {
          await ensureBenchUsers(q);
          await q(`DROP TABLE IF EXISTS bench_task`);
          await q(
            `CREATE TEMP TABLE bench_task AS
               SELECT row_number() OVER (ORDER BY t.code)::int AS rn, t.id, t.lead_unit_id, t.deadline
                 FROM task t JOIN plan p ON p.id = t.plan_id WHERE p.code = '${BENCH_PLAN_CODE}'`,
          );
          await q('CREATE UNIQUE INDEX ON bench_task (rn)');
          await q('ANALYZE bench_task');
        },
        async insert(q, from, to) {
          // ten reports per task: the task is (g - 1) % tasks + 1, the month is (g - 1) / tasks
          await q(
            `INSERT INTO progress_report (task_id, reporting_unit_id, author_id, kind, period_label, period_start, period_end,
                                          percent_done, done_text, obstacles_text, status, submitted_at, due_at, on_time,
                                          reviewed_at, version, created_at, updated_at)
             SELECT t.id, t.lead_unit_id, u.id, 'periodic', 'Tháng ' || extract(month FROM m.start)::int || '/' || extract(year FROM m.start)::int,
                    m.start, (m.start + interval '1 month' - interval '1 day')::date,
                    least(100, (${h(21)} % 10) * 10 + m.k * 5), ${pick(W.REPORT_DONE, 22)},
                    CASE WHEN ${h(23)} % 4 = 0 THEN ${pick(W.REPORT_OBSTACLES, 24)} END,
                    CASE WHEN m.k = 9 AND ${h(25)} % 5 = 0 THEN 'submitted' WHEN ${h(25)} % 50 = 0 THEN 'returned' ELSE 'accepted' END,
                    sub.at, due.at, sub.at <= due.at,
                    CASE WHEN NOT (m.k = 9 AND ${h(25)} % 5 = 0) THEN sub.at + interval '2 days' END,
                    1, sub.at, sub.at
               FROM generate_series(${from}, ${to}) g
               JOIN bench_task t ON t.rn = 1 + (g - 1) % (SELECT count(*) FROM bench_task)
               JOIN bench_user u ON u.rn = 1 + ${h(20)} % (SELECT count(*) FROM bench_user)
               CROSS JOIN LATERAL (SELECT ((g - 1) / (SELECT count(*) FROM bench_task))::int AS k) kk
               CROSS JOIN LATERAL (SELECT kk.k AS k, (DATE '2025-01-01' + make_interval(months => kk.k))::date AS start) m
               CROSS JOIN LATERAL (SELECT (m.start + interval '1 month' + interval '5 days')::timestamptz AS at) due
               CROSS JOIN LATERAL (SELECT due.at + make_interval(days => (${h(26)} % 12) - 8) AS at) sub`,
          );
        },
      },
      {
        name: 'submissions',
        total: totals.submissions,
        async prepare(q) {
          if (state.codeOffset === undefined) {
            const [row] = await q(`SELECT coalesce((SELECT last_number FROM feedback_code_counter WHERE year = 2025), 0)::int AS n`);
            state.codeOffset = Number(row.n);
          }
          await ensureBenchAgencies(q);
          await q(
            `INSERT INTO feedback_code_counter (year, last_number) VALUES (2025, ${state.codeOffset + totals.submissions})
             ON CONFLICT (year) DO UPDATE SET last_number = greatest(feedback_code_counter.last_number, EXCLUDED.last_number)`,
          );
        },
        async insert(q, from, to) {
          const off = state.codeOffset ?? 0;
          const title = `initcap(${pick(W.FEEDBACK_TOPICS_WORDS, 31)}) || ' ' || ${pick(W.FEEDBACK_PROBLEMS, 32)}`;
          const folded = `${pickFolded(W.FEEDBACK_TOPICS_WORDS, 31)} || ' ' || ${pickFolded(W.FEEDBACK_PROBLEMS, 32)} || ' ' || ${pickFolded(W.FEEDBACK_PLACES, 33)}`;
          const name = `${pick(W.FAMILY_NAMES, 34)} || ' ' || ${pick(W.MIDDLE_NAMES, 35)} || ' ' || ${pick(W.GIVEN_NAMES, 36)}`;
          await q(
            `INSERT INTO feedback_submission (code, kind, topic_code, title, content, submitter_type, submitter_name, submitter_email,
                                              publish_consent, channel, status, forward_due_on, answer_due_on, forwarded_at, answered_at,
                                              public_answer, published_at, search_text, is_demo, created_at, updated_at)
             SELECT 'PAKN-2025-' || lpad((${off} + g)::text, 7, '0'),
                    (ARRAY['feedback','feedback','feedback','recommendation','recommendation','initiative','solution'])[1 + ${h(37)} % 7],
                    tp.code, ${title},
                    'Tôi xin phản ánh: ' || ${pick(W.FEEDBACK_TOPICS_WORDS, 31)} || ' ' || ${pick(W.FEEDBACK_PROBLEMS, 32)} || ' ' || ${pick(W.FEEDBACK_PLACES, 33)}
                      || '. Đề nghị cơ quan có thẩm quyền xem xét, hướng dẫn và khắc phục sớm.',
                    (ARRAY['individual','individual','individual','business','expert','overseas','organisation'])[1 + ${h(38)} % 7],
                    ${name}, 'nguoigui' || (${off} + g) || '@example.vn',
                    (ARRAY['none','anonymous','anonymous','named'])[1 + ${h(39)} % 4], 'web', s.status,
                    (c.at::date + 7), (c.at::date + 28),
                    CASE WHEN s.status NOT IN ('received','rejected','merged') THEN c.at + interval '3 days' END,
                    CASE WHEN s.status = 'answered' THEN c.at + make_interval(days => 5 + ${h(40)} % 30) END,
                    CASE WHEN s.status = 'answered' THEN ${pick(W.ANSWER_TEXTS, 41)} END,
                    CASE WHEN s.status = 'answered' AND ${h(39)} % 4 <> 0 THEN c.at + make_interval(days => 6 + ${h(40)} % 30) END,
                    ${folded}, true, c.at, c.at
               FROM generate_series(${from}, ${to}) g
               JOIN (SELECT row_number() OVER (ORDER BY code)::int AS rn, code FROM feedback_topic) tp
                 ON tp.rn = 1 + ${h(30)} % (SELECT count(*) FROM feedback_topic)
               CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2025-01-01 08:00+07' + make_interval(mins => (${h(42)} % 525600)) AS at) c
               CROSS JOIN LATERAL (SELECT CASE
                   WHEN ${h(43)} % 100 < 5 THEN 'received'
                   WHEN ${h(43)} % 100 < 10 THEN 'rejected'
                   WHEN ${h(43)} % 100 < 12 THEN 'merged'
                   WHEN ${h(43)} % 100 < 22 THEN 'forwarded'
                   WHEN ${h(43)} % 100 < 40 THEN 'in_progress'
                   WHEN ${h(43)} % 100 < 43 THEN 'awaiting_info'
                   ELSE 'answered' END AS status) s
             ON CONFLICT DO NOTHING`,
          );
          await q(
            `INSERT INTO feedback_assignment (submission_id, unit_id, status, forwarded_at, accepted_at, answer_due_on, answered_at, created_at, updated_at)
             SELECT f.id, a.id,
                    CASE f.status WHEN 'forwarded' THEN 'forwarded' WHEN 'answered' THEN 'answered' ELSE 'accepted' END,
                    f.forwarded_at, CASE WHEN f.status <> 'forwarded' THEN f.forwarded_at + interval '1 day' END,
                    f.answer_due_on, f.answered_at, f.forwarded_at, f.forwarded_at
               FROM feedback_submission f
               JOIN bench_agency a ON a.rn = 1 + (hashtext(f.code) & 2147483647) % (SELECT count(*) FROM bench_agency)
              WHERE f.code BETWEEN 'PAKN-2025-' || lpad((${off} + ${from})::text, 7, '0') AND 'PAKN-2025-' || lpad((${off} + ${to})::text, 7, '0')
                AND f.forwarded_at IS NOT NULL
             ON CONFLICT DO NOTHING`,
          );
        },
      },
    ];

    parts.push({
      name: 'articles',
      total: totals.articles,
      async prepare(q) {
        await ensureBenchUnits(q);
      },
      async insert(q, from, to) {
        const title = `${pick(W.TASK_VERBS, 51)} || ' ' || ${pick(W.TASK_OBJECTS, 52)} || ' ' || ${pick(W.TASK_DOMAINS, 53)}`;
        const foldedTitle = `${pickFolded(W.TASK_VERBS, 51)} || ' ' || ${pickFolded(W.TASK_OBJECTS, 52)} || ' ' || ${pickFolded(W.TASK_DOMAINS, 53)}`;
        const para = (k: number) => `${pick(W.REPORT_DONE, k)} || ' ' || ${pick(W.ANSWER_TEXTS, k + 1)}`;
        const foldedPara = (k: number) => `${pickFolded(W.REPORT_DONE, k)} || ' ' || ${pickFolded(W.ANSWER_TEXTS, k + 1)}`;
        await q(
          `INSERT INTO article (section_unit_id, category_id, slug, title, summary, body, tags, status, published_at, version,
                               search_title, search_text, is_demo, created_at, updated_at)
           SELECT CASE WHEN ${h(54)} % 5 = 0 THEN u.id ELSE (SELECT id FROM org_unit WHERE level = 0 ORDER BY code LIMIT 1) END,
                  (SELECT id FROM portal_category ORDER BY sort_order, slug OFFSET (${h(55)} % greatest(1, (SELECT count(*) FROM portal_category))) LIMIT 1),
                  'do-hieu-nang-' || g, ${title}, ${para(56)},
                  ${para(56)} || E'\n\n' || ${para(58)} || E'\n\n' || ${para(60)},
                  ARRAY['chuyển đổi số'], 'published', pub.at, 1,
                  ${foldedTitle}, ${foldedTitle} || ' ' || ${foldedPara(56)} || ' ' || ${foldedPara(58)} || ' ' || ${foldedPara(60)}, true, pub.at, pub.at
             FROM generate_series(${from}, ${to}) g
             JOIN bench_unit u ON u.rn = 1 + ${h(57)} % (SELECT count(*) FROM bench_unit)
             CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2025-01-01 07:00+07' + make_interval(mins => (${h(59)} % 900000)) AS at) pub
           ON CONFLICT DO NOTHING`,
        );
      },
    });

    parts.push(kpiValuesPart(state, totals.kpiValues, h));

    const overallTotal = parts.reduce((n, p) => n + p.total, 0);
    const started = Date.now();
    let overallDone = parts.reduce((n, p) => n + Math.min(state.done[p.name] ?? 0, p.total), 0);
    for (const part of parts) {
      let done = state.done[part.name] ?? 0;
      if (done >= part.total) continue;
      await part.prepare?.(q);
      while (done < part.total) {
        const to = Math.min(part.total, done + chunk);
        await q('BEGIN');
        try {
          await part.insert(q, done + 1, to);
          state.done[part.name] = to;
          await saveProgress(q, state);
          await q('COMMIT');
        } catch (err) {
          await q('ROLLBACK').catch(() => {});
          throw err;
        }
        overallDone += to - done;
        done = to;
        opts.onProgress?.({ part: part.name, done, total: part.total, overallDone, overallTotal, elapsedMs: Date.now() - started });
      }
    }
    // VACUUM as well: it empties the GIN indexes' fast-update lists, which every search would
    // otherwise read, and marks pages all-visible for index-only scans
    await q('VACUUM (ANALYZE)');
    return state;
  });
}

async function loadProgress(q: Query): Promise<Progress | null> {
  const rows = await q(`SELECT value FROM app_meta WHERE key = '${META_KEY}'`);
  const v = rows[0]?.value;
  if (!v) return null;
  return typeof v === 'string' ? JSON.parse(v) : v;
}

async function saveProgress(q: Query, state: Progress) {
  await q(
    `INSERT INTO app_meta (key, value, updated_at) VALUES ('${META_KEY}', $1::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(state)],
  );
}

/** Units that lead tasks: every unit below the blocs (ministries, provinces and their bodies, communes). */
async function ensureBenchUnits(q: Query) {
  await q('DROP TABLE IF EXISTS bench_unit');
  await q(
    `CREATE TEMP TABLE bench_unit AS
       SELECT row_number() OVER (ORDER BY code)::int AS rn, id, code, parent_id FROM org_unit WHERE level >= 2`,
  );
  await q('CREATE UNIQUE INDEX ON bench_unit (rn)');
}

/** Agencies that answer PAKN: ministries and the provincial people's committees. */
async function ensureBenchAgencies(q: Query) {
  await q('DROP TABLE IF EXISTS bench_agency');
  await q(
    `CREATE TEMP TABLE bench_agency AS
       SELECT row_number() OVER (ORDER BY code)::int AS rn, id, code FROM org_unit
        WHERE kind IN ('ministry', 'ministerial_agency', 'provincial_people_committee')`,
  );
  const [row] = await q('SELECT count(*)::int AS n FROM bench_agency');
  if (!row.n) await q(`INSERT INTO bench_agency SELECT 1, id, code FROM org_unit WHERE level = 0`);
  await q('CREATE UNIQUE INDEX ON bench_agency (rn)');
}

/** Fifty report authors, one per province body and ministry; they cannot sign in (no password). */
async function ensureBenchUsers(q: Query) {
  await q(
    `INSERT INTO app_user (email, full_name, home_unit_id, is_demo, search_text)
     SELECT 'bench-' || lpad(n::text, 3, '0') || '@bench.nq57.vn', 'Cán bộ đo hiệu năng ' || n,
            (SELECT id FROM org_unit ORDER BY level, code LIMIT 1), true, 'can bo do hieu nang ' || n
       FROM generate_series(1, 50) n
     ON CONFLICT (email) DO NOTHING`,
  );
  await q('DROP TABLE IF EXISTS bench_user');
  await q(
    `CREATE TEMP TABLE bench_user AS
       SELECT row_number() OVER (ORDER BY email)::int AS rn, id FROM app_user WHERE email LIKE 'bench-%@bench.nq57.vn'`,
  );
  await q('CREATE UNIQUE INDEX ON bench_user (rn)');
}

/** Monthly operational KPIs made up for the benchmark, numbered 01…; enough to reach the planned row count. */
export const BENCH_KPI_PREFIX = 'BENCH-KPI-';
/** The months, quarters and years values are written for (fixed, so that the data never depend on the day of the run). */
const KPI_FIRST_MONTH = '2023-11-01';
const KPI_MONTHS = 36;
const KPI_QUARTERS = 12;
const KPI_YEARS = [2023, 2024, 2025];

/**
 * KPI values: every reporting unit (the root and every unit from the blocs' members down: ministries,
 * province bodies, departments, communes — 3,600 units) reports every active indicator of the
 * catalogue for each period of its frequency (36 months from 11/2023, 12 quarters from Q4/2023, the
 * years 2023–2025), plus enough synthetic monthly operational KPIs (`BENCH-KPI-nn`) to make
 * 5M rows per unit of scale. Row g is (series (g − 1) / units, unit (g − 1) % units), the series
 * being the (indicator, period) pairs in code order. Before the values: the national target of
 * every series at the root unit, and each unit's period submission — approved for 94% of the
 * older periods, a mix of approved, submitted and draft for the latest month and quarter.
 */
function kpiValuesPart(state: Progress, total: number, h: (k: number) => string): Part {
  const reporting = `level = 0 OR level >= 2`;
  const seriesCount = (col: string) => `CASE ${col} WHEN 'month' THEN ${KPI_MONTHS} WHEN 'quarter' THEN ${KPI_QUARTERS} ELSE ${KPI_YEARS.length} END`;
  return {
    name: 'kpi-values',
    total,
    async prepare(q) {
      if (!state.kpiPlan) {
        const [{ n: units }] = await q(`SELECT count(*)::int AS n FROM org_unit WHERE ${reporting}`);
        const [{ n: real }] = await q(
          `SELECT coalesce(sum(${seriesCount('frequency')}), 0)::int AS n FROM indicator
            WHERE is_active AND NOT is_header AND kind <> 'checklist' AND code NOT LIKE '${BENCH_KPI_PREFIX}%'`,
        );
        const needed = Math.ceil(total / Number(units));
        state.kpiPlan = { units: Number(units), extra: Math.max(0, Math.ceil((needed - Number(real)) / KPI_MONTHS)) };
      }
      const { units, extra } = state.kpiPlan;
      if (extra > 0) {
        await q(
          `INSERT INTO indicator (code, source, kind, frequency, aggregation, sort_order, name, unit, target_text, comparator, target_value,
                                  direction, definition, data_source, search_text)
           SELECT '${BENCH_KPI_PREFIX}' || lpad(n::text, 2, '0'), 'NQ03', 'operational', 'month', 'mean', 9000 + n,
                  'Chỉ số vận hành tổng hợp ' || lpad(n::text, 2, '0') || ' (dữ liệu đo hiệu năng)', '%', 'Đạt từ ' || (70 + n % 25) || '% trở lên',
                  '>=', 70 + n % 25, 'higher', 'Chỉ số tổng hợp dùng để đo hiệu năng, không phải số liệu thật.', 'Bộ tạo dữ liệu đo hiệu năng',
                  'bench-kpi-' || lpad(n::text, 2, '0') || ' chi so van hanh tong hop du lieu do hieu nang'
             FROM generate_series(1, ${extra}) n
           ON CONFLICT (code) DO NOTHING`,
        );
      }
      await q('DROP TABLE IF EXISTS bench_kpi_unit');
      await q(`CREATE TEMP TABLE bench_kpi_unit AS SELECT row_number() OVER (ORDER BY code)::int AS rn, id FROM org_unit WHERE ${reporting}`);
      await q('CREATE UNIQUE INDEX ON bench_kpi_unit (rn)');
      await q('DROP TABLE IF EXISTS bench_kpi_period');
      await q(
        `CREATE TEMP TABLE bench_kpi_period AS
           SELECT 'month' AS frequency, to_char(DATE '${KPI_FIRST_MONTH}' + make_interval(months => k), 'YYYY-MM') AS period, k = ${KPI_MONTHS - 1} AS latest
             FROM generate_series(0, ${KPI_MONTHS - 1}) k
           UNION ALL
           SELECT 'quarter', to_char(d, 'YYYY') || '-Q' || extract(quarter FROM d)::int, k = ${KPI_QUARTERS - 1}
             FROM generate_series(0, ${KPI_QUARTERS - 1}) k
             CROSS JOIN LATERAL (SELECT (DATE '${KPI_FIRST_MONTH}' - interval '1 month' + make_interval(months => 3 * k))::date AS d) dd
           UNION ALL
           SELECT 'year', y::text, false FROM unnest(ARRAY[${KPI_YEARS.join(',')}]) y`,
      );
      await q('DROP TABLE IF EXISTS bench_kpi_series');
      await q(
        `CREATE TEMP TABLE bench_kpi_series AS
           SELECT row_number() OVER (ORDER BY i.code, p.period)::int AS rn, i.id AS indicator_id, p.period,
                  coalesce(i.target_value, i.target_max, i.target_min, 100)::numeric AS base
             FROM indicator i JOIN bench_kpi_period p ON p.frequency = i.frequency
            WHERE i.is_active AND NOT i.is_header AND i.kind <> 'checklist'
              AND (i.code NOT LIKE '${BENCH_KPI_PREFIX}%' OR i.code <= '${BENCH_KPI_PREFIX}' || lpad(${extra}::text, 2, '0'))`,
      );
      await q('CREATE UNIQUE INDEX ON bench_kpi_series (rn)');
      await q('ANALYZE bench_kpi_series');
      // national targets: the root unit's planned value of each series (a flat trajectory at the end target)
      await q(
        `INSERT INTO indicator_target (indicator_id, org_unit_id, period, value, is_demo)
         SELECT s.indicator_id, r.id, s.period, s.base, true
           FROM bench_kpi_series s CROSS JOIN (SELECT id FROM org_unit WHERE level = 0 ORDER BY code LIMIT 1) r
         ON CONFLICT DO NOTHING`,
      );
      await q(
        `INSERT INTO indicator_submission (org_unit_id, period, status, submitted_at, decided_at, decision_message, is_demo, created_at, updated_at)
         SELECT u.id, p.period, st.status,
                CASE WHEN st.status <> 'draft' THEN at.ts END,
                CASE WHEN st.status IN ('approved', 'returned') THEN at.ts + interval '3 days' END,
                CASE WHEN st.status = 'returned' THEN 'Đề nghị rà soát lại số liệu trước khi gửi lại.' END,
                true, at.ts, at.ts
           FROM bench_kpi_unit u
           CROSS JOIN (SELECT DISTINCT period, latest FROM bench_kpi_period) p
           CROSS JOIN LATERAL (SELECT (hashint8(u.rn::bigint * 100003 + hashtext(p.period)) & 2147483647) % 100 AS r) hr
           CROSS JOIN LATERAL (SELECT CASE
               WHEN p.latest AND hr.r < 60 THEN 'approved' WHEN p.latest AND hr.r < 85 THEN 'submitted' WHEN p.latest THEN 'draft'
               WHEN hr.r < 94 THEN 'approved' WHEN hr.r < 97 THEN 'submitted' WHEN hr.r < 98 THEN 'returned' ELSE 'draft' END AS status) st
           CROSS JOIN LATERAL (SELECT (CASE WHEN length(p.period) = 4 THEN (p.period || '-12-01')::date
                                         WHEN p.period LIKE '%Q%' THEN (left(p.period, 4) || '-' || lpad((3 * right(p.period, 1)::int)::text, 2, '0') || '-01')::date
                                         ELSE (p.period || '-01')::date END + interval '1 month 5 days')::timestamptz AS ts) at
         ON CONFLICT DO NOTHING`,
      );
      state.kpiPlan = { units, extra };
    },
    async insert(q, from, to) {
      const { units } = state.kpiPlan!;
      await q(
        `INSERT INTO indicator_value (indicator_id, org_unit_id, period, value, is_demo, created_at, updated_at)
         SELECT s.indicator_id, u.id, s.period, round(s.base * (0.4 + (${h(71)} % 80) / 100.0), 2), true, now(), now()
           FROM generate_series(${from}, ${to}) g
           JOIN bench_kpi_series s ON s.rn = 1 + (g - 1) / ${units}
           JOIN bench_kpi_unit u ON u.rn = 1 + (g - 1) % ${units}
         ON CONFLICT DO NOTHING`,
      );
    },
  };
}
