/**
 * `npm run bench` (`nq57 bench`): measures the platform's hot paths at national scale, each beside
 * its baselines in the same run — the same SQL sent straight through the driver, and a bare
 * Fastify process — so results are ratios that survive a noisy machine. The server and the load
 * generator are separate processes; results go to bench/results/<time>-<backend>.json and are
 * compared with the previous result of the same backend and scale (regressions beyond 15% flagged).
 *
 * Options: --scale N (default 1 on PostgreSQL, 0.1 embedded), --duration S (10), --connections C (16),
 * --only name,name; --soak MINUTES [--rate R] runs every scenario mixed at R requests/s instead;
 * --profile DIR writes the measured server's V8 CPU profile there (open it in Chrome DevTools). PostgreSQL: DATABASE_URL names the server; the data go to its database
 * `nq57_bench` (created when missing). Embedded: DATA_DIR bench/data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import pino from 'pino';
import type { Config } from '../../src/config';
import { BENCH_PLAN_CODE, generateBenchData } from '../../src/bench/generate-bench-data';
import { detectOverdueTasks } from '../../src/monitoring/detect-overdue-tasks';
import { challengeKey, challengeUse, signPowChallenge, solvePow } from '../../src/feedback/intake/challenge';
import { pinForCode } from '../../src/feedback/tracking-code';
import { receiveFeedback } from '../../src/feedback/intake/receive-feedback';
import type { SubmitFeedbackInput } from '../../src/feedback/submit-feedback';
import { searchPortal } from '../../src/portal/search';
import { TASK_DOMAINS, TASK_OBJECTS, TASK_VERBS } from '../../src/bench/words';
import { foldText } from '../../src/platform/text/fold';
import { listTasks } from '../../src/monitoring/queries';
import { createUser } from '../../src/org/create-user';
import { findUserByEmail, loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { createApiToken } from '../../src/platform/auth/api-tokens';
import type { Database, DatabaseHandle } from '../../src/platform/db/client';
import * as schema from '../../src/platform/db/schema';
import { type RunningPlatform, startPlatform } from '../../src/platform/start';
import { buildServer } from '../../src/platform/http/server';
import { SERVER_NODE_FLAGS } from '../../src/platform/memory-budget';
import { computeScores } from '../../src/indicators/scoring/compute-scores';
import { loadPublicProgress } from '../../src/dashboards/public/public-progress';
import { regressions, type Summary, summarise } from './stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/nq57.js');
const PASSWORD = 'Đo-hiệu-năng-2026!';
/** distinct submission bodies prepared for one run (more than 1,500/s for 13 s) */
const SUBMISSION_BODIES = 20_000;

interface Statement {
  text: string;
  values: unknown[];
  /** the name the app prepared it under: the baseline then prepares it too */
  name?: string;
}

interface HttpScenario {
  name: string;
  label: string;
  requests: { method: string; path: string; headers?: Record<string, string>; body?: string; kind?: string }[];
  /** concurrent connections; the run's --connections when not set */
  connections?: number;
  /** the SQL the route runs for its answer, replayed directly */
  sql?: Statement[];
  /** statements that must differ per call (inserts): built from a call number */
  sqlFor?: (i: number) => Statement[];
  /** learns `sql` when the scenario is selected (capturing it costs a run of the route) */
  captureSql?: () => Promise<Statement[] | null>;
  /** fills `requests` once the server runs (e.g. to learn the ETags a returning browser sends) */
  prepare?: (baseUrl: string) => Promise<void>;
  /** targets from the performance issue, checked and reported */
  target?: { p95Ms?: number; p99Ms?: number; minRps?: number; /** app ÷ the SQL baseline's rate */ minRatioToSql?: number };
}

export interface ScenarioResult {
  label: string;
  app: Summary;
  bare?: Summary;
  sql?: Summary;
  /** app ÷ baseline throughput */
  ratioToBare?: number;
  ratioToSql?: number;
  serverRssMb?: number;
  target?: HttpScenario['target'];
  meetsTarget?: boolean;
  notes?: string;
}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

export async function runBenchmarks(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      only: { type: 'string' },
      out: { type: 'string', default: path.join(ROOT, 'bench/results') },
      soak: { type: 'string' },
      rate: { type: 'string', default: '100' },
      profile: { type: 'string' },
    },
  });
  const backend = config.databaseUrl ? 'postgres' : 'pglite';
  const scale = Number(values.scale ?? (backend === 'postgres' ? 1 : 0.1));
  const durationSec = Number(values.duration);
  const connections = Number(values.connections);
  const only = values.only ? new Set(values.only.split(',')) : null;
  if (!(scale > 0) || !(durationSec > 0) || !(connections > 0)) {
    process.stderr.write('Giá trị --scale, --duration hoặc --connections không hợp lệ.\n');
    return 1;
  }

  const benchConfig: Config = { ...config };
  if (backend === 'postgres') benchConfig.databaseUrl = await ensureBenchDatabase(config.databaseUrl!);
  else benchConfig.dataDir = path.join(ROOT, 'bench/data');
  say(`Đo hiệu năng trên ${backend === 'postgres' ? 'PostgreSQL' : 'cơ sở dữ liệu nhúng (PGlite)'}, quy mô ${scale}, ${durationSec} giây mỗi phép đo, ${connections} kết nối.`);

  // 1. data, accounts and the in-process measurements (embedded: the server cannot run meanwhile)
  const platform = await startPlatform(benchConfig, { work: false, jobs: false, seed: { demo: false }, logger: pino({ level: 'warn' }) });
  const results: Record<string, ScenarioResult> = {};
  let scenarios: HttpScenario[];
  try {
    let lastLine = 0;
    await generateBenchData(platform.database, {
      scale,
      onProgress(p) {
        if (Date.now() - lastLine < 5000 && p.overallDone < p.overallTotal) return;
        lastLine = Date.now();
        say(`  dữ liệu: ${p.part} ${p.done}/${p.total} (${((p.overallDone / p.overallTotal) * 100).toFixed(0)}%)`);
      },
    });
    const office = await benchUser(platform.db, 'bench-office@bench.nq57.vn', 'standing_office', 'VPTW');
    const province = await benchUser(platform.db, 'bench-hanoi@bench.nq57.vn', 'officer', '01');
    scenarios = await buildScenarios(platform.database, office, province, platform);
    if (values.soak) {
      await platform.shutdown();
      return await runSoak(backend, benchConfig, scale, scenarios, { minutes: Number(values.soak), rate: Number(values.rate), connections, out: values.out! });
    }
    for (const s of scenarios) {
      if (only && !only.has(s.name)) continue;
      if (s.captureSql) s.sql = (await s.captureSql()) ?? undefined;
      if (s.sql || s.sqlFor) {
        const sql = await replaySql(platform.database, s.sqlFor ?? (() => s.sql!), s.connections ?? connections, durationSec);
        results[s.name] = { label: s.label, app: emptySummary(), sql };
      }
    }
    if (!only || only.has('overdue-job')) results['overdue-job'] = await measureOverdueJob(platform.database, platform.db, platform.mailer);
    if (!only || only.has('rankings-compute')) {
      results['rankings-compute'] = await measureInProcess(platform.database, 'Xếp hạng 34 tỉnh tính trực tiếp (computeScores, trong tiến trình)', (db) =>
        computeScores(db, { unitClass: 'province' }),
      );
    }
    if (!only || only.has('public-progress-build')) {
      results['public-progress-build'] = await measureInProcess(platform.database, 'Dựng lại số liệu trang công khai tiến độ (trong tiến trình)', (db) => loadPublicProgress(db), 3);
    }
  } finally {
    await platform.shutdown();
  }

  // 2. the server and the bare baseline as their own processes, loaded from a third
  const appPort = await freePort();
  const barePort = await freePort();
  const env = serverEnv(backend, benchConfig, appPort);
  const profileArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  // started as `npm start` starts it: with the memory budget
  const server = await startProcess(process.execPath, [...SERVER_NODE_FLAGS, ...profileArgs, BIN, 'serve', '--no-demo'], env, /nq57 đang chạy tại/);
  const bare = await startProcess(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/bare-server.ts'), String(barePort), '2000'], env, /ready/);
  try {
    for (const s of scenarios) {
      if (only && !only.has(s.name)) continue;
      const rss = sampleRss(server.child.pid!);
      await s.prepare?.(`http://127.0.0.1:${appPort}`);
      const c = s.connections ?? connections;
      const app = await load(`http://127.0.0.1:${appPort}`, s.requests, c, durationSec);
      const rssMb = rss.stop();
      const bareRun = await load(`http://127.0.0.1:${barePort}`, s.requests, c, durationSec);
      const prev = results[s.name];
      const r: ScenarioResult = {
        label: s.label,
        app: app.summary,
        bare: bareRun.summary,
        sql: prev?.sql,
        ratioToBare: ratio(app.summary.rps, bareRun.summary.rps),
        ratioToSql: prev?.sql ? ratio(app.summary.rps, prev.sql.rps) : undefined,
        serverRssMb: rssMb,
        target: s.target,
        notes: Object.keys(app.statusCodes).length ? `mã trạng thái: ${JSON.stringify(app.statusCodes)}` : undefined,
      };
      r.meetsTarget = meets(r);
      results[s.name] = r;
      say(formatLine(s.name, r));
    }
  } finally {
    server.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await Promise.all([server.exited, bare.exited]);
  }
  for (const name of ['overdue-job', 'rankings-compute', 'public-progress-build']) if (results[name]) say(formatLine(name, results[name]));

  // 3. record and compare
  fs.mkdirSync(values.out!, { recursive: true });
  const previous = latestResult(values.out!, backend, scale);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(values.out!, `${stamp}-${backend}.json`);
  const record = { createdAt: new Date().toISOString(), backend, scale, durationSec, connections, machine: machineInfo(), results };
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  say(`Kết quả: ${path.relative(ROOT, file)}`);
  const worse = previous ? regressions(previous.results, results) : [];
  for (const w of worse) say(`  HỒI QUY ${w.scenario} ${w.metric}: ${w.previous} → ${w.current} (${(w.change * 100).toFixed(0)}%, quy về tốc độ máy của lần đo trước)`);
  const failed = Object.entries(results).filter(([, r]) => r.app.errors > 0);
  for (const [name] of failed) say(`  LỖI: ${name} có yêu cầu thất bại.`);
  return worse.length || failed.length ? 2 : 0;
}

function emptySummary(): Summary {
  return { requests: 0, errors: 0, durationMs: 0, rps: 0, p50: 0, p95: 0, p99: 0, max: 0 };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : undefined);

function meets(r: ScenarioResult): boolean | undefined {
  if (!r.target) return undefined;
  if (r.app.errors > 0) return false;
  if (r.target.p95Ms !== undefined && r.app.p95 > r.target.p95Ms) return false;
  if (r.target.p99Ms !== undefined && r.app.p99 > r.target.p99Ms) return false;
  if (r.target.minRps !== undefined && r.app.rps < r.target.minRps) return false;
  if (r.target.minRatioToSql !== undefined && !((r.ratioToSql ?? 0) >= r.target.minRatioToSql)) return false;
  return true;
}

function formatLine(name: string, r: ScenarioResult): string {
  const parts = [
    `${name.padEnd(22)} ${String(r.app.rps).padStart(8)} req/s  p50 ${r.app.p50} ms  p95 ${r.app.p95} ms  p99 ${r.app.p99} ms  lỗi ${r.app.errors}`,
  ];
  if (r.ratioToSql !== undefined) parts.push(`÷SQL ${r.ratioToSql}`);
  if (r.ratioToBare !== undefined) parts.push(`÷Fastify ${r.ratioToBare}`);
  if (r.serverRssMb !== undefined) parts.push(`RSS ${r.serverRssMb} MB`);
  if (r.meetsTarget !== undefined) parts.push(r.meetsTarget ? 'đạt mục tiêu' : 'CHƯA ĐẠT mục tiêu');
  return parts.join('  ');
}

/** The bench database beside the one DATABASE_URL names, so measurements never touch real data. */
async function ensureBenchDatabase(url: string): Promise<string> {
  const u = new URL(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'nq57_bench'`);
    if (!rows.length) await admin.query('CREATE DATABASE nq57_bench');
  } finally {
    await admin.end();
  }
  u.pathname = '/nq57_bench';
  return u.toString();
}

async function benchUser(db: Database, email: string, role: 'standing_office' | 'officer', orgCode: string) {
  let user = await findUserByEmail(db, email);
  if (!user) {
    await createUser(db, { email, fullName: `Tài khoản đo hiệu năng ${orgCode}`, password: PASSWORD, role, orgCode }, { principal: null, actor: SYSTEM_ACTOR });
    user = await findUserByEmail(db, email);
  }
  const { token } = await createApiToken(db, user!.id, 'bench', SYSTEM_ACTOR);
  const principal = (await loadPrincipal(db, user!.id, 'token'))!;
  return { token, principal };
}

/**
 * Runs `fn` with a Drizzle instance that records the SQL instead of trusting what we think it
 * sends, and on PostgreSQL the name of each statement the app sends as a prepared one, so the
 * baseline gets the same saving.
 */
async function captureSql(handle: DatabaseHandle, fn: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const names = new Map<string, string>();
  const logger = { logQuery: (text: string, values: unknown[]) => statements.push({ text, values }) };
  const db = (handle.kind === 'pglite' ? drizzlePglite(handle.pglite!, { schema, logger }) : drizzlePg(handle.pool!, { schema, logger })) as unknown as Database;
  const pool = handle.pool as (pg.Pool & { query: (...args: any[]) => any }) | undefined;
  const query = pool?.query;
  if (pool && query) {
    pool.query = (config: unknown, ...rest: unknown[]) => {
      const c = config as { name?: string; text?: string };
      if (c && typeof c === 'object' && c.name && c.text) names.set(c.text, c.name);
      return query.call(pool, config, ...rest);
    };
  }
  try {
    await fn(db);
  } finally {
    if (pool && query) pool.query = query;
  }
  return statements.map((st) => (names.has(st.text) ? { ...st, name: names.get(st.text) } : st));
}

async function buildScenarios(
  handle: DatabaseHandle,
  office: Awaited<ReturnType<typeof benchUser>>,
  province: Awaited<ReturnType<typeof benchUser>>,
  platform: RunningPlatform,
): Promise<HttpScenario[]> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const taskListSql = await captureSql(handle, (db) => listTasks(db, office.principal, { status: 'in_progress', groupNumber: 'III', sort: 'deadline', limit: 51 }));
  const provinceSql = await captureSql(handle, (db) => listTasks(db, province.principal, { overdue: true, sort: 'deadline', limit: 51 }));
  const paknSubmit = await submissionScenario(handle, platform);
  const paknLookup = await lookupScenario(handle);
  return [
    paknSubmit,
    paknLookup,
    ...(await portalScenarios(handle)),
    {
      name: 'task-list',
      label: 'Danh sách nhiệm vụ có lọc (toàn quốc)',
      requests: [{ method: 'GET', path: '/api/v1/tasks?status=in_progress&group=III&limit=50', headers: bearer(office.token) }],
      sql: taskListSql,
      target: { p95Ms: 50 },
    },
    {
      name: 'task-list-province',
      label: 'Nhiệm vụ quá hạn của một tỉnh',
      requests: [{ method: 'GET', path: '/api/v1/tasks?overdue=true&limit=50', headers: bearer(province.token) }],
      sql: provinceSql,
      target: { p95Ms: 50 },
    },
    ...indicatorScenarios(platform, bearer(office.token)),
  ];
}

/**
 * Indicators, dashboards and rankings over 5M KPI values (issue 5). Their SQL baselines are
 * captured from the routes themselves (see captureRouteSql), so they follow the read models as
 * those change: every statement the request sends, authentication included.
 */
function indicatorScenarios(platform: RunningPlatform, auth: Record<string, string>): HttpScenario[] {
  // issue 5 sets no absolute targets here: the measure is the p95 beside the same SQL sent directly
  const scenario = (name: string, label: string, path: string, headers: Record<string, string>): HttpScenario => {
    const request = { method: 'GET', path, headers };
    return { name, label, requests: [request], captureSql: () => captureRouteSql(platform, request) };
  };
  // cheapest first: a request still running in the server when its scenario ends slows the next one
  return [
    {
      name: 'public-progress',
      label: 'Trang công khai tiến độ (ẩn danh)',
      requests: [{ method: 'GET', path: '/progress' }],
      // served from the in-memory read model (its rebuild is measured as public-progress-build), so
      // there is no SQL to replay; the first build happens here, before the measurement
      async prepare(baseUrl) {
        await fetch(`${baseUrl}/progress`);
      },
    },
    scenario('national-dashboard-api', 'Tổng hợp toàn quốc (API /dashboard/national)', '/api/v1/dashboard/national', auth),
    scenario('rankings', 'Xếp hạng tỉnh, tính trực tiếp (API /rankings?class=province)', '/api/v1/rankings?class=province', auth),
    scenario('national-dashboard', 'Bảng điều hành toàn quốc (trang, Cơ quan thường trực)', '/dashboard', auth),
  ];
}

/**
 * The SQL a route runs for one answer: the request is served in this process by an app whose
 * database logs every statement, once to warm what the process keeps in memory (as the measured
 * server has, after its warm-up) and once to record. Null, with a line saying why, when the route
 * does not answer 200.
 */
async function captureRouteSql(platform: RunningPlatform, request: { method: string; path: string; headers?: Record<string, string> }): Promise<Statement[] | null> {
  const statements: Statement[] = [];
  const logger = { logQuery: (text: string, values: unknown[]) => statements.push({ text, values }) };
  const handle = platform.database;
  const db = (handle.kind === 'pglite' ? drizzlePglite(handle.pglite!, { schema, logger }) : drizzlePg(handle.pool!, { schema, logger })) as unknown as Database;
  const app = await buildServer({ ...platform, db });
  try {
    const inject = () => app.inject({ method: request.method as 'GET', url: request.path, headers: request.headers });
    let res = await inject();
    statements.length = 0;
    if (res.statusCode === 200) res = await inject();
    if (res.statusCode !== 200) {
      say(`  ${request.path}: ${res.statusCode}, không có đường cơ sở SQL (${res.body.slice(0, 200)})`);
      return null;
    }
    return statements;
  } finally {
    await app.close();
  }
}

/** An in-process computation over the bench data, against the same statements replayed one after another. */
async function measureInProcess(handle: DatabaseHandle, label: string, fn: (db: Database) => Promise<unknown>, runs = 5): Promise<ScenarioResult> {
  let statements: Statement[];
  try {
    statements = await captureSql(handle, fn);
  } catch (err) {
    return { label, app: emptySummary(), notes: `lỗi: ${(err as Error).message}` };
  }
  const times: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(handle.db);
    times.push(performance.now() - t0);
    const t1 = performance.now();
    for (const st of statements) await handle.executeSql(st.text, st.values as any[]);
    baseline.push(performance.now() - t1);
  }
  const app = summarise(times, 0, times.reduce((a, b) => a + b, 0));
  const sql = summarise(baseline, 0, baseline.reduce((a, b) => a + b, 0));
  return { label, app, sql, ratioToSql: ratio(app.rps, sql.rps), notes: `${statements.length} câu lệnh SQL mỗi lần` };
}

/** Distinct submissions, each with its own signed proof-of-work (difficulty 1) and contact. */
async function submissionScenario(handle: DatabaseHandle, platform: RunningPlatform): Promise<HttpScenario> {
  const key = await challengeKey(handle.db);
  const topics = (await handle.executeSql('SELECT code FROM feedback_topic ORDER BY code')).rows.map((r: { code: string }) => r.code);
  const run = Date.now().toString(36);
  const requests = Array.from({ length: SUBMISSION_BODIES }, (_, i) => {
    // signed as if half an hour from now, so a soak's late submissions are not refused as expired
    const { challenge } = signPowChallenge(key, 1, new Date(Date.now() + 30 * 60_000));
    return {
      method: 'POST',
      path: '/api/v1/public/feedback',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'feedback',
        topicCode: topics[i % topics.length],
        title: `Cổng dịch vụ công báo lỗi khi nộp hồ sơ số ${run}-${i}`,
        content: `Tôi nộp hồ sơ trực tuyến lần thứ ${i} nhưng hệ thống báo lỗi ở bước ký số, đề nghị cơ quan kiểm tra và khắc phục sớm.`,
        submitterType: 'individual',
        submitterName: 'Nguyễn Văn Đo',
        submitterEmail: `do-${run}-${i}@bench.nq57.vn`,
        publishConsent: 'anonymous',
        challenge,
        nonce: solvePow(challenge, 1),
      }),
    };
  });
  // the app's own statements for one submission, captured from receiveFeedback and replayed with
  // each replay's own case id, tracking code and contact (so every replay writes a new case)
  const probe = { id: '', code: '', email: `sql-${run}@bench.nq57.vn`, ip: '', challengeKey: '' };
  const submitOnce = (db: Database, email: string) => {
    const { challenge } = signPowChallenge(key, 1, new Date(Date.now() + 30 * 60_000));
    // an address of its own each time (documentation range), so no run meets an earlier run's limit
    const ip = `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;
    Object.assign(probe, { ip, challengeKey: challengeUse(challenge, new Date()).key });
    return receiveFeedback(
      { ...platform, db },
      { ...(JSON.parse(requests[0]!.body) as SubmitFeedbackInput), submitterEmail: email, title: `Cổng dịch vụ công báo lỗi (đo SQL ${email})` },
      { actor: SYSTEM_ACTOR, channel: 'api', ip, proofOfWork: { challenge, nonce: solvePow(challenge, 1) } },
    );
  };
  // a first submission warms what a server keeps in memory (keys, the working calendar), so the
  // capture holds only what every submission sends
  await submitOnce(handle.db, `sql-am-${run}@bench.nq57.vn`);
  const statements = await captureSql(handle, async (db) => {
    const r = await submitOnce(db, probe.email);
    probe.id = r.id;
    probe.code = r.code;
  });
  // strings and the arrays of keys the limits are counted under: every replay counts its own
  // address, contact and challenge, so each stays under its limit and takes a code, as the app does
  const swap = (v: unknown, map: [string, string][]): unknown =>
    typeof v === 'string' ? map.reduce((out, [from, to]) => out.replaceAll(from, to), v) : Array.isArray(v) ? v.map((x) => swap(x, map)) : v;
  let n = 0;
  return {
    name: 'pakn-submit',
    label: 'Gửi phản ánh, kiến nghị (API công khai)',
    requests,
    connections: 32,
    // what one submission sends to the database — the admission statement (the limits with the
    // challenge's use, the duplicate rule's candidates, the tracking code, the SLA and calendar) and
    // the one statement writing the case, its timeline step, the confirmation e-mail and the audit
    // event — straight through the driver, each committed as the app commits it
    sqlFor: (i) => {
      const map: [string, string][] = [
        [probe.id, randomUUID()],
        [probe.code, `${probe.code}-${run}${i}-${n++}`],
        [probe.email, `sql-${run}-${i}-${n}@bench.nq57.vn`],
        [probe.ip, `2001:db8:${n.toString(16)}::${run}`],
        [probe.challengeKey, `pakn:challenge:bench-${run}-${n}`],
      ];
      return statements.map((st) => ({ ...st, values: st.values.map((v) => swap(v, map)) }));
    },
    target: { minRps: 800, p99Ms: 150, minRatioToSql: 0.5 },
  };
}

/** Public pages: an article and the home page rendered, the same revalidated by a returning browser, and search. */
async function portalScenarios(handle: DatabaseHandle): Promise<HttpScenario[]> {
  const slugs = (await handle.executeSql(`SELECT slug FROM article WHERE slug LIKE 'do-hieu-nang-%' AND status = 'published' ORDER BY slug LIMIT 500`)).rows.map(
    (r: { slug: string }) => r.slug,
  );
  if (slugs.length === 0) return [];
  const articleRequests = slugs.map((s: string) => ({ method: 'GET', path: `/news/${s}` }));
  // a returning visitor holds the CSRF cookie and the page's ETag: the answer is 304
  const revalidate = (paths: string[]) => {
    const scenario: HttpScenario['requests'] = [];
    return {
      requests: scenario,
      async prepare(baseUrl: string) {
        scenario.length = 0;
        for (const path of paths) {
          const first = await fetch(`${baseUrl}${path}`);
          const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
          const again = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
          const etag = again.headers.get('etag');
          if (etag) scenario.push({ method: 'GET', path, headers: { cookie, 'if-none-match': etag } });
        }
      },
    };
  };
  const cachedArticles = revalidate(slugs.slice(0, 50).map((s: string) => `/news/${s}`));
  const cachedHome = revalidate(['/']);
  // common phrases, plus one with a typo (the fallback pass) and one matching nothing
  const queries = [
    'chuyen doi so',
    'nen tang so nganh y te',
    'du lieu dung chung',
    'chu ky so va dinh danh dien tu',
    'ha tang trung tam du lieu',
    'chuyen doj so',
    'cap quang bien gioi',
  ];
  const searchSql = await captureSql(handle, (db) => searchPortal(db, { q: queries[0]!, limit: 10 }));
  return [
    { name: 'article-page', label: 'Trang tin bài (dựng mới)', requests: articleRequests },
    { name: 'article-page-cached', label: 'Trang tin bài (trình duyệt đã có, 304)', ...cachedArticles, target: { minRps: 3000 } },
    { name: 'home-page', label: 'Trang chủ (dựng mới)', requests: [{ method: 'GET', path: '/' }] },
    { name: 'home-page-cached', label: 'Trang chủ (trình duyệt đã có, 304)', ...cachedHome, target: { minRps: 3000 } },
    {
      // the same phrases again and again, as after a news story: answered from the search cache
      name: 'search',
      label: 'Tìm kiếm toàn cổng (không dấu, cụm từ phổ biến lặp lại)',
      requests: queries.map((q) => ({ method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(q)}&limit=10` })),
      target: { p95Ms: 50 },
    },
    {
      // every request a phrase not searched before in the run: each one reaches the database
      name: 'search-distinct',
      label: 'Tìm kiếm toàn cổng (không dấu, mỗi lần một cụm từ mới)',
      requests: distinctSearchPhrases(4_000).map((q) => ({ method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(q)}&limit=10` })),
      sql: searchSql,
      target: { p95Ms: 50 },
    },
  ];
}

/**
 * Phrases as people type them on a phone (no diacritics) from the generator's own vocabulary:
 * an object with a field, an action on an object, or all three; in a fixed spread order so that
 * no phrase repeats within `n`. Like the popular set, a fifth are hard: a typo, or no whole match.
 */
function distinctSearchPhrases(n: number): string[] {
  const phrases: string[] = [];
  for (const o of TASK_OBJECTS) {
    for (const d of TASK_DOMAINS) phrases.push(`${o} ${d}`);
    for (const v of TASK_VERBS) {
      phrases.push(`${v} ${o}`);
      for (const d of TASK_DOMAINS) phrases.push(`${v} ${o} ${d}`);
    }
  }
  // a stride coprime with the count walks every phrase once, mixing the three shapes
  const stride = 7919;
  return Array.from({ length: Math.min(n, phrases.length) }, (_, i) => {
    const words = foldText(phrases[(i * stride) % phrases.length]!.replace(',', '')).split(' ');
    // one in ten with a wrong letter in its longest word, one in ten with words nothing has together
    if (i % 10 === 3) {
      const at = words.reduce((best, w, j) => (w.length > words[best]!.length ? j : best), 0);
      words[at] = `${words[at]!.slice(0, -1)}j`;
    }
    if (i % 10 === 7) words.push('bien', 'gioi');
    return words.join(' ');
  });
}

/** Lookups of generated cases by code and PIN, spread over many codes. */
async function lookupScenario(handle: DatabaseHandle): Promise<HttpScenario> {
  // generated cases only: the submission baseline's own rows (PAKN-1999-…) have codes no lookup accepts
  const rows = (await handle.executeSql(`SELECT code FROM feedback_submission WHERE is_demo AND code ~ '^PAKN-20[0-9]{2}-[0-9]{6,}$' ORDER BY code LIMIT 2000`)).rows as {
    code: string;
  }[];
  const requests = [];
  for (const r of rows) requests.push({ method: 'GET', path: `/api/v1/public/feedback/${r.code}?pin=${await pinForCode(handle.db, r.code)}` });
  const first = (await handle.executeSql('SELECT id FROM feedback_submission WHERE code = $1', [rows[0]!.code])).rows[0] as { id: string };
  // what a lookup reads: the case by its code, then its public timeline
  const sql: Statement[] = [
    { text: 'SELECT * FROM feedback_submission WHERE code = $1', values: [rows[0]!.code] },
    { text: 'SELECT * FROM feedback_event WHERE submission_id = $1 AND is_public ORDER BY created_at', values: [first.id] },
  ];
  return {
    name: 'pakn-lookup',
    label: 'Tra cứu phản ánh bằng mã và mã bí mật',
    requests,
    sql,
    target: { p95Ms: 50 },
  };
}

/** The same statements straight through the driver, with the same concurrency (PGlite: one connection). */
async function replaySql(handle: DatabaseHandle, statementsFor: (i: number) => Statement[], connections: number, durationSec: number): Promise<Summary> {
  const latencies: number[] = [];
  let errors = 0;
  let calls = 0;
  const started = performance.now();
  const until = started + durationSec * 1000;
  const once = async (exec: (s: Statement) => Promise<unknown>) => {
    while (performance.now() < until) {
      const statements = statementsFor(calls++);
      const t0 = performance.now();
      try {
        for (const s of statements) await exec(s);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  if (handle.kind === 'pglite') {
    await once((s) => handle.pglite!.query(s.text, s.values as any[]));
  } else {
    const pool = new pg.Pool({ connectionString: (handle.pool as any).options.connectionString, options: (handle.pool as any).options.options, max: connections });
    try {
      await Promise.all(
        Array.from({ length: connections }, async () => {
          const client = await pool.connect();
          try {
            await once((s) => client.query(s.name ? { name: s.name, text: s.text, values: s.values as any[] } : { text: s.text, values: s.values as any[] }));
          } finally {
            client.release();
          }
        }),
      );
    } finally {
      await pool.end();
    }
  }
  return summarise(latencies, errors, performance.now() - started);
}

/** The hourly overdue control over the whole bench data set, against a scan of its candidates. */
async function measureOverdueJob(handle: DatabaseHandle, db: Database, mailer: Parameters<typeof detectOverdueTasks>[1]): Promise<ScenarioResult> {
  const runs: number[] = [];
  const baseline: number[] = [];
  const now = new Date();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await detectOverdueTasks(db, mailer, now);
    runs.push(performance.now() - t0);
    const t1 = performance.now();
    await handle.executeSql(
      `SELECT count(*) FROM task t JOIN plan p ON p.id = t.plan_id
        WHERE p.code = $1 AND t.status IN ('not_started', 'in_progress') AND t.deadline < CURRENT_DATE`,
      [BENCH_PLAN_CODE],
    );
    baseline.push(performance.now() - t1);
  }
  const total = runs.reduce((a, b) => a + b, 0);
  const app = summarise(runs, 0, total);
  const sql = summarise(baseline, 0, baseline.reduce((a, b) => a + b, 0));
  return {
    label: 'Kiểm soát quá hạn (chạy một lần trên toàn bộ dữ liệu)',
    app,
    sql,
    ratioToSql: ratio(app.rps, sql.rps),
    notes: `lần đầu ${Math.round(runs[0]!)} ms (đánh dấu quá hạn), các lần sau ổn định`,
  };
}

function load(url: string, requests: HttpScenario['requests'], connections: number, durationSec: number, overallRate?: number) {
  return new Promise<{ summary: Summary; statusCodes: Record<string, number>; statusByKind: Record<string, Record<string, number>> }>((resolve, reject) => {
    const specFile = path.join(os.tmpdir(), `nq57-load-${process.pid}-${Date.now()}.json`);
    fs.writeFileSync(specFile, JSON.stringify({ url, connections, durationSec, warmupSec: Math.min(3, durationSec), requests, overallRate }));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/load.ts'), specFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    child.on('close', (code) => {
      fs.rmSync(specFile, { force: true });
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

/** The measured server's environment: production mode, abuse limits out of the way of one load generator. */
function serverEnv(backend: string, benchConfig: Config, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    // one load generator, one address: the per-IP abuse limits would measure themselves
    NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR: '100000000',
    NQ57_PAKN_FAILED_LOOKUPS_PER_IP_PER_HOUR: '100000000',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(backend === 'postgres' ? { DATABASE_URL: benchConfig.databaseUrl } : { DATA_DIR: benchConfig.dataDir, DATABASE_URL: '' }),
  };
}

/**
 * `--soak MINUTES [--rate R]`: every scenario's requests mixed round-robin (reads, lookups,
 * revalidations, submissions) at a fixed overall rate for the whole time, the server's RSS sampled
 * every 10 s. It passes with no failed request and memory flat: the mean RSS of the last tenth of
 * the run at most 10% above the mean of the tenth after the warm-up (the first fifth).
 */
async function runSoak(
  backend: string,
  benchConfig: Config,
  scale: number,
  scenarios: HttpScenario[],
  opts: { minutes: number; rate: number; connections: number; out: string },
): Promise<number> {
  if (!(opts.minutes > 0) || !(opts.rate > 0)) {
    process.stderr.write('Giá trị --soak hoặc --rate không hợp lệ.\n');
    return 1;
  }
  const durationSec = Math.round(opts.minutes * 60);
  const appPort = await freePort();
  const server = await startProcess(process.execPath, [...SERVER_NODE_FLAGS, BIN, 'serve', '--no-demo'], serverEnv(backend, benchConfig, appPort), /nq57 đang chạy tại/);
  const base = `http://127.0.0.1:${appPort}`;
  try {
    for (const s of scenarios) await s.prepare?.(base);
    // every kind of request is tried once first: a kind that cannot succeed is a broken scenario, not load
    const broken: string[] = [];
    for (const s of scenarios) {
      const first = s.name === 'pakn-submit' ? s.requests.shift() : s.requests[0];
      if (!first) continue;
      const res = await fetch(`${base}${first.path}`, { method: first.method, headers: first.headers, body: first.body });
      await res.arrayBuffer();
      if (res.status >= 400) broken.push(`${s.name} ${first.method} ${first.path.slice(0, 80)} → ${res.status}`);
    }
    if (broken.length) {
      say(`Không chạy bền được: ${broken.length} loại yêu cầu không thành công ngay từ lần đầu:\n  ${broken.join('\n  ')}`);
      return 2;
    }
    // as many entries as the run sends (plus warm-up), so single-use submissions are never repeated
    const needed = Math.ceil(opts.rate * (durationSec + 5) * 1.1);
    const kinds = scenarios.filter((s) => s.requests.length > 0);
    const mixed: HttpScenario['requests'] = [];
    for (let i = 0; mixed.length < needed; i++) {
      for (const s of kinds) {
        // a submission body is sent once; once they run out the mix carries on with reads
        if (s.name === 'pakn-submit' && i >= s.requests.length) continue;
        mixed.push({ ...s.requests[i % s.requests.length]!, kind: s.name });
      }
    }
    say(`Chạy bền ${opts.minutes} phút, ${opts.rate} yêu cầu/giây, ${kinds.length} loại yêu cầu trộn đều.`);
    const samples: { atSec: number; rssMb: number }[] = [];
    const started = Date.now();
    const readRss = () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8'));
        if (m) samples.push({ atSec: Math.round((Date.now() - started) / 1000), rssMb: Math.round(Number(m[1]) / 1024) });
      } catch {}
    };
    readRss();
    const timer = setInterval(readRss, 10_000);
    const result = await load(base, mixed, opts.connections, durationSec, opts.rate);
    clearInterval(timer);
    readRss();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const window = (from: number, to: number) => mean(samples.filter((x) => x.atSec >= from * durationSec && x.atSec <= to * durationSec).map((x) => x.rssMb));
    const afterWarmup = window(0.2, 0.3);
    const atEnd = window(0.9, 1.01);
    const growth = afterWarmup > 0 ? (atEnd - afterWarmup) / afterWarmup : 0;
    // the load generator counts a request as an error for a 4xx/5xx answer or no answer at all
    const failed = result.summary.errors;
    const record = {
      createdAt: new Date().toISOString(),
      backend,
      scale,
      soak: { minutes: opts.minutes, rate: opts.rate, connections: opts.connections, requests: result.summary, statusCodes: result.statusCodes, statusByKind: result.statusByKind, rssSamples: samples, rssAfterWarmupMb: Math.round(afterWarmup), rssAtEndMb: Math.round(atEnd), growth },
      machine: machineInfo(),
    };
    fs.mkdirSync(opts.out, { recursive: true });
    const file = path.join(opts.out, `${new Date().toISOString().replace(/[:.]/g, '-')}-${backend}-soak.json`);
    fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    say(
      `Chạy bền: ${result.summary.rps} yêu cầu/giây, p95 ${result.summary.p95} ms, lỗi ${failed}; RSS sau khởi động ${Math.round(afterWarmup)} MB, cuối ${Math.round(atEnd)} MB (${(growth * 100).toFixed(1)}%).`,
    );
    for (const [kind, counts] of Object.entries(result.statusByKind)) {
      const bad = Object.entries(counts).filter(([status]) => Number(status) >= 400);
      if (bad.length) say(`  ${kind}: ${bad.map(([status, n]) => `${n} × ${status}`).join(', ')}`);
    }
    say(`Kết quả: ${path.relative(ROOT, file)}`);
    return failed > 0 || growth > 0.1 ? 2 : 0;
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

function sampleRss(pid: number) {
  let max = 0;
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) max = Math.max(max, Number(m[1]) / 1024);
    } catch {
      // the process may be gone; the last reading stands
    }
  };
  read();
  const timer = setInterval(read, 250);
  return {
    stop() {
      clearInterval(timer);
      read();
      return Math.round(max);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  return new Promise<{ child: ChildProcess; exited: Promise<void> }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start\n${out}`)), 120_000);
    const onData = (s: Buffer) => {
      out += s.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}\n${out}`));
    });
  });
}

function latestResult(dir: string, backend: string, scale: number): { results: Record<string, ScenarioResult> } | null {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`-${backend}.json`))
    .sort();
  for (const f of files.reverse()) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (r.scale === scale) return r;
    } catch {
      // an unreadable old result is skipped
    }
  }
  return null;
}

function machineInfo() {
  return { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}
