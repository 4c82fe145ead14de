/**
 * Crash test: the real server (`nq57 serve`, a child process) takes about 2,000 concurrent public
 * submissions and progress-report uploads with a file; it is killed with SIGKILL in the middle,
 * restarted on the same data, and every request that was acknowledged (201 with a tracking code,
 * 303 to the new report) must be there exactly once, its file on disk with the right hash, and the
 * audit chain must verify. Runs on PGlite (a data directory) and on PostgreSQL (a fresh database).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { challengeKey } from '../../src/feedback/intake/challenge';
import { hcmDate } from '../../src/monitoring/dates';
import { pathForHash } from '../../src/platform/files/store';
import { type CliTarget, createCliTarget, lastLine, runCli, startCliServer } from '../support/cli';
import { backend } from '../support/db';
import { type Outcome, publicSubmission, reportUpload, runAll } from '../support/reliability/load';

// About 3 minutes alone on PGlite (seed, two starts, the load, audit verify); room for a busy machine.
vi.setConfig({ testTimeout: 420_000 });

const SUBMISSIONS = 1_600;
const REPORTS = 400;
/** in flight at once: enough to keep every core busy, few enough for PGlite's single thread */
const CONCURRENCY = 48;
/** the kill comes once this share of all requests has been answered */
const KILL_AFTER = 0.4;
const PASSWORD = 'Mật-khẩu-Crash-2025!';

let target: CliTarget;
let filesDir: string;
let env: Record<string, string>;
let taskId: string;
let topics: string[];
let key: Buffer;
let token: string;

beforeAll(async () => {
  target = await createCliTarget();
  // Files live under DATA_DIR on both backends; on PostgreSQL give it a directory of its own.
  filesDir = target.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-crash-files-'));
  env = {
    ...target.env,
    DATA_DIR: filesDir,
    NQ57_POW_DIFFICULTY: '1',
    NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR: '1000000',
    NQ57_PAKN_SUBMITS_PER_CONTACT_PER_DAY: '1000000',
  };
  const seeded = await runCli(['seed', '--no-demo'], env, { timeoutMs: 180_000 });
  expect(seeded.code, seeded.stderr).toBe(0);
  const db = await target.open();
  let unitCode: string;
  try {
    const { rows } = await db.executeSql(
      `SELECT t.id, o.code FROM task t JOIN org_unit o ON o.id = t.lead_unit_id
        WHERE t.status NOT IN ('done_on_time', 'done_late', 'cancelled') ORDER BY t.code LIMIT 1`,
    );
    taskId = rows[0].id;
    unitCode = rows[0].code;
    topics = (await db.executeSql('SELECT code FROM feedback_topic ORDER BY code')).rows.map((r: { code: string }) => r.code);
    // The installation key the server will use too: challenges are signed here, not fetched.
    key = await challengeKey(db.db);
  } finally {
    await db.close();
  }
  const email = 'chuyenvien.crash@test.nq57.vn';
  const user = await runCli(['users', 'create', '--email', email, '--password', PASSWORD, '--role', 'officer', '--org', unitCode], env);
  expect(user.code, user.stderr).toBe(0);
  const tok = await runCli(['tokens', 'create', '--email', email], env);
  expect(tok.code, tok.stderr).toBe(0);
  token = lastLine(tok.stdout);
}, 420_000);

afterAll(async () => {
  await target?.dispose().catch(() => {});
  if (filesDir && filesDir !== target?.dataDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

type Submission = ReturnType<typeof publicSubmission>;
type Report = ReturnType<typeof reportUpload>;

describe(`kill -9 in the middle of a load on ${backend}`, () => {
  it('keeps every acknowledged submission and report exactly once, files intact, audit chain valid', async () => {
    const server = await startCliServer(['--no-demo'], env, { readyTimeoutMs: 120_000 });
    const base = server.url.replace(/\/$/, '');
    const run = Date.now().toString(36);
    const periodDate = hcmDate(new Date());

    // Interleave the two kinds so both are in flight when the kill comes.
    const specs: (Submission | Report)[] = [];
    for (let i = 0, s = 0, r = 0; i < SUBMISSIONS + REPORTS; i++) {
      if (r < REPORTS && i % Math.round((SUBMISSIONS + REPORTS) / REPORTS) === 0) specs.push(reportUpload(base, token, { taskId, periodDate, run, i: r++ }));
      else specs.push(publicSubmission(base, key, { topicCode: topics[s % topics.length], run, i: s++ }));
    }
    // One of each first: a broken setup should fail here, not look like crash damage.
    const warm = await runAll(specs.splice(0, 2), 2);
    for (const o of warm) expect(o.status, o.body).toBe(o.spec.kind === 'report' ? 303 : 201);

    let answered = 0;
    let killed = false;
    const killAt = Math.floor(specs.length * KILL_AFTER);
    const outcomes = await runAll(specs, CONCURRENCY, (o) => {
      if (o.status !== null) answered++;
      if (!killed && answered >= killAt) {
        killed = true;
        server.process.kill('SIGKILL');
      }
    });
    const exit = await server.stop('SIGKILL');
    expect(killed).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
    outcomes.unshift(...warm);

    const acked = outcomes.filter((o) => o.status !== null);
    const lost = outcomes.filter((o) => o.status === null);
    // the kill really was in the middle: some answered, some never did
    expect(acked.length).toBeGreaterThan(killAt * 0.9);
    expect(lost.length).toBeGreaterThan(0);
    // every answer before the kill was a success (no 5xx under load)
    const failures = acked.filter((o) => o.status !== (o.spec.kind === 'report' ? 303 : 201));
    expect(failures.map((o) => `${o.status} ${o.body.slice(0, 200)}`)).toEqual([]);

    const okSubmissions = acked.filter((o) => o.spec.kind === 'submission') as Outcome<Submission>[];
    const okReports = acked.filter((o) => o.spec.kind === 'report') as Outcome<Report>[];
    expect(okSubmissions.length).toBeGreaterThan(0);
    expect(okReports.length).toBeGreaterThan(0);

    // Restart on the same data: it must come up by itself and take new work.
    const again = await startCliServer(['--no-demo'], env, { readyTimeoutMs: 120_000 });
    let afterCode: string;
    try {
      const ready = await fetch(`${again.url.replace(/\/$/, '')}/readyz`);
      expect(ready.status).toBe(200);
      const [after] = await runAll([publicSubmission(again.url.replace(/\/$/, ''), key, { topicCode: topics[0], run, i: SUBMISSIONS + 1 })], 1);
      expect(after.status, after.body).toBe(201);
      afterCode = JSON.parse(after.body).code;
    } finally {
      expect((await again.stop()).code).toBe(0);
    }

    const db = await target.open();
    try {
      // Submissions: each acknowledged code is stored once, under the idempotency key it was sent with.
      const byKey = new Map<string, { code: string; n: number }>();
      const { rows: subRows } = await db.executeSql(
        `SELECT idempotency_key AS key, min(code) AS code, count(*)::int AS n FROM feedback_submission
          WHERE submitter_email LIKE $1 GROUP BY idempotency_key`,
        [`do-${run}-%@crash.nq57.vn`],
      );
      for (const r of subRows) byKey.set(r.key, { code: r.code, n: r.n });
      for (const o of okSubmissions) {
        const { code } = JSON.parse(o.body) as { code: string };
        expect(byKey.get(o.spec.idempotencyKey), `acknowledged ${code} is missing`).toEqual({ code, n: 1 });
      }
      const { rows: codeRows } = await db.executeSql(
        `SELECT count(*)::int AS n, count(DISTINCT code)::int AS d FROM feedback_submission WHERE submitter_email LIKE $1`,
        [`do-${run}-%@crash.nq57.vn`],
      );
      expect(codeRows[0].n).toBe(codeRows[0].d);
      // the code counter did not go back: the case taken after the restart has a code of its own
      expect(okSubmissions.map((o) => JSON.parse(o.body).code)).not.toContain(afterCode);
      // each acknowledged case has its receipt e-mail in the outbox (same transaction)
      const { rows: mailRows } = await db.executeSql(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address LIKE $1`, [`do-${run}-%@crash.nq57.vn`]);
      expect(mailRows[0].n).toBeGreaterThanOrEqual(okSubmissions.length);

      // Reports: the id in the redirect exists once, with its text and its file, bytes intact.
      const { rows: reportRows } = await db.executeSql(
        `SELECT r.id, r.done_text, f.hash, f.size FROM progress_report r
           LEFT JOIN report_evidence e ON e.report_id = r.id LEFT JOIN stored_file f ON f.id = e.file_id
          WHERE r.task_id = $1 AND r.done_text LIKE $2`,
        [taskId, `%crash-${run}-%`],
      );
      const byMarker = new Map<string, { id: string; hash: string | null }[]>();
      for (const r of reportRows) {
        const marker = /crash-[a-z0-9]+-\d+/.exec(r.done_text)![0];
        byMarker.set(marker, [...(byMarker.get(marker) ?? []), { id: r.id, hash: r.hash }]);
      }
      for (const o of okReports) {
        const id = /\/reports\/([0-9a-f-]{36})$/.exec(o.location ?? '')?.[1];
        expect(id, `no report id in ${o.location}`).toBeDefined();
        expect(byMarker.get(o.spec.marker), `acknowledged report ${o.spec.marker}`).toEqual([{ id, hash: o.spec.fileHash }]);
        const bytes = fs.readFileSync(pathForHash(filesDir, o.spec.fileHash));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(o.spec.fileHash);
      }
      for (const [marker, rows] of byMarker) expect(rows.length, marker).toBe(1);
    } finally {
      await db.close();
    }

    const verified = await runCli(['audit', 'verify'], env, { timeoutMs: 180_000 });
    expect(verified.code, verified.stderr).toBe(0);
    console.info(
      `[crash ${backend}] sent ${outcomes.length}, acknowledged ${okSubmissions.length} submissions + ${okReports.length} reports, unanswered ${lost.length}`,
    );
  });
});
