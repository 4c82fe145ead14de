/**
 * Connection loss on PostgreSQL: with `nq57 serve` running on a database of its own, every backend
 * of that database is terminated again and again (pg_terminate_backend from an admin connection)
 * while public submissions flow. Each request must get an answer: a success, or 503 with a
 * Vietnamese message — never a hang, another 5xx or a crashed process. Afterwards the server has
 * recovered by itself (healthz, readyz, writes), the event bus hears NOTIFY again (a live dashboard
 * stream receives an event), the jobs queued before the cuts run once `nq57 worker` starts (cut
 * again while it runs), and the real SMTP sink receives each e-mail exactly once.
 * Then a real restart: a private PostgreSQL server (started by the test from the machine's
 * binaries) is stopped under a running nq57 — every request meanwhile gets a clean 503 — and
 * started again; nq57 recovers without being restarted and keeps every acknowledged case.
 *
 * PGlite has no connections to lose (it runs inside the server process), so there the suite is
 * skipped with that reason.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHALLENGE_KEY_NAME, challengeKey } from '../../src/feedback/intake/challenge';
import { type CliServer, type CliTarget, createCliTarget, lastLine, runCli, startCliServer } from '../support/cli';
import { type Outcome, publicSubmission, send } from '../support/reliability/load';
import { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from '../support/pg-cluster';
import { type SmtpSink, type WorkerProcess, startCliWorker, startSmtpSink, terminateBackends } from '../support/reliability/processes';

vi.setConfig({ testTimeout: 300_000 });

const onPostgres = !!process.env.DATABASE_URL;
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const PASSWORD = 'Mật-khẩu-Restart-2025!';
const OFFICE_EMAIL = 'vanphong.restart@test.nq57.vn';
/** receipts stay within one delivery run (50 messages) so the test need not wait for the cron */
const MAX_SUBMISSIONS = 40;
const CUTS = 6;

let target: CliTarget;
let smtp: SmtpSink;
let filesDir: string;
let env: Record<string, string>;
let token: string;
let key: Buffer;
let topics: string[];
let server: CliServer | undefined;
let worker: WorkerProcess | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// Skipped in the PGlite run: PGlite runs inside the server process, there is no connection to lose.
describe.skipIf(!onPostgres)('connection loss on PostgreSQL', () => {
  beforeAll(async () => {
    target = await createCliTarget();
    smtp = await startSmtpSink();
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-restart-files-'));
    env = {
      ...target.env,
      DATA_DIR: filesDir,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NQ57_POW_DIFFICULTY: '1',
      NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR: '1000000',
      NQ57_PAKN_SUBMITS_PER_CONTACT_PER_DAY: '1000000',
    };
    const seeded = await runCli(['seed', '--no-demo'], env, { timeoutMs: 180_000 });
    expect(seeded.code, seeded.stderr).toBe(0);
    const user = await runCli(['users', 'create', '--email', OFFICE_EMAIL, '--password', PASSWORD, '--role', 'standing_office', '--org', 'VPTW'], env);
    expect(user.code, user.stderr).toBe(0);
    const tok = await runCli(['tokens', 'create', '--email', OFFICE_EMAIL], env);
    expect(tok.code, tok.stderr).toBe(0);
    token = lastLine(tok.stdout);
    const db = await target.open();
    try {
      topics = (await db.executeSql('SELECT code FROM feedback_topic ORDER BY code')).rows.map((r: { code: string }) => r.code);
      key = await challengeKey(db.db);
    } finally {
      await db.close();
    }
  }, 300_000);

  afterAll(async () => {
    await worker?.stop().catch(() => {});
    await server?.stop().catch(() => {});
    await smtp?.close().catch(() => {});
    await target?.dispose().catch(() => {});
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it('answers cleanly during repeated cuts, recovers by itself, runs queued jobs and sends each e-mail once', async () => {
    const adminUrl = process.env.DATABASE_URL!;
    const database = new URL(target.databaseUrl!).pathname.slice(1);
    server = await startCliServer(['--no-demo'], env, { readyTimeoutMs: 120_000 });
    const base = server.url.replace(/\/$/, '');
    const run = Date.now().toString(36);

    // A live dashboard stream, open across the cuts (its HTTP connection does not use the database).
    const stream = await fetch(`${base}/api/v1/dashboard/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let streamed = '';
    void (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        streamed += decoder.decode(value, { stream: true });
      }
    })();

    // A job queued before the cuts, with no worker running yet: the password-reset mail.
    const forgot = await send({
      method: 'POST',
      url: `${base}/password/forgot`,
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: 'nq57_csrf=kiem-thu-csrf-token-0123456789', 'x-csrf-token': 'kiem-thu-csrf-token-0123456789' },
      body: JSON.stringify({ email: OFFICE_EMAIL }),
    });
    expect(forgot.status, forgot.body).toBe(200);

    // Submissions flow on three lanes while the backends are cut every 700 ms.
    const outcomes: Outcome<ReturnType<typeof publicSubmission>>[] = [];
    let i = 0;
    let cutting = true;
    const lane = async () => {
      while (cutting && i < MAX_SUBMISSIONS) {
        const spec = publicSubmission(base, key, { topicCode: topics[i % topics.length], run, i: i++ });
        outcomes.push(await send(spec, 15_000));
      }
    };
    const terminated: number[] = [];
    const cutter = (async () => {
      for (let c = 0; c < CUTS; c++) {
        await sleep(700);
        terminated.push(await terminateBackends(adminUrl, database));
      }
      cutting = false;
    })();
    await Promise.all([cutter, lane(), lane(), lane()]);
    expect(terminated.some((n) => n > 0)).toBe(true);
    expect(server.process.exitCode, JSON.stringify(server.output()).slice(-3000)).toBeNull();
    expect(server.process.signalCode).toBeNull();

    // Every request got an answer: a success, or a clean 503 in Vietnamese.
    const unanswered = outcomes.filter((o) => o.status === null);
    expect(unanswered.map((o) => o.error)).toEqual([]);
    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    expect(unexpected.map((o) => `${o.status} ${o.body.slice(0, 300)}`)).toEqual([]);
    for (const o of outcomes.filter((x) => x.status === 503)) {
      const error = JSON.parse(o.body).error;
      expect(error.code).toBe('DATABASE_UNAVAILABLE');
      expect(error.message).toMatch(VIETNAMESE);
    }
    // (on a busy machine every request may land in a cut: the 503s are then the whole point)
    expect(outcomes.length).toBeGreaterThan(0);
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => JSON.parse(o.spec.body).submitterEmail as string);

    // Recovered by itself: health, readiness and a write.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await until('readyz', async () => (await fetch(`${base}/readyz`)).status === 200, 20_000);
    const after = publicSubmission(base, key, { topicCode: topics[0], run, i: MAX_SUBMISSIONS + 1 });
    const afterOutcome = await until('a write after the cuts', async () => {
      const o = await send(after, 15_000);
      return o.status === 201 ? o : null;
    });
    acknowledged.push(JSON.parse(afterOutcome.spec.body).submitterEmail);

    // The event bus listens again: a NOTIFY on the database reaches the open dashboard stream.
    const notifier = new pg.Client({ connectionString: target.databaseUrl });
    await notifier.connect();
    try {
      await until(
        'the event bus to reconnect',
        async () => {
          await notifier.query('SELECT pg_notify($1, $2)', ['nq57_events', JSON.stringify({ type: 'report.connection-test', data: { unitCode: 'VPTW' } })]);
          await sleep(300);
          return streamed.includes('report.connection-test');
        },
        30_000,
        0,
      );
    } finally {
      await notifier.end();
      await reader.cancel().catch(() => {});
    }

    // The worker starts now: the job queued before the cuts runs; cut its connections too, once.
    worker = await startCliWorker(env, 120_000);
    await sleep(300);
    await terminateBackends(adminUrl, database);
    const expected = new Set([OFFICE_EMAIL, ...acknowledged]);
    await until(
      'every queued e-mail to arrive',
      async () => {
        const got = new Set(smtp.received.flatMap((m) => m.to));
        return [...expected].every((e) => got.has(e));
      },
      150_000,
      500,
    );
    // a little longer, so a second delivery would have time to show
    await sleep(3_000);
    const perRecipient = new Map<string, number>();
    for (const m of smtp.received) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const twice = [...perRecipient].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect(worker.process.exitCode).toBeNull();
    expect(server.process.exitCode).toBeNull();
    console.info(
      `[db-restart] ${outcomes.length} submissions during ${CUTS} cuts (${terminated.join('/')} backends): ${outcomes.filter((o) => o.status === 201).length} × 201, ${outcomes.filter((o) => o.status === 503).length} × 503; ${smtp.received.length} e-mails`,
    );
  });
});

// Skipped in the PGlite run (no server to restart) and where the PostgreSQL binaries are missing.
describe.skipIf(!onPostgres || !postgresBinDir())('a real PostgreSQL restart', () => {
  let pgs: PrivatePostgres;
  let own: Record<string, string>;
  let ownServer: CliServer | undefined;
  let ownFiles: string;

  beforeAll(async () => {
    pgs = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: pgs.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE nq57');
    await admin.end();
    ownFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-pgrestart-files-'));
    own = {
      DATABASE_URL: pgs.url('nq57'),
      DATA_DIR: ownFiles,
      NQ57_POW_DIFFICULTY: '1',
      NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR: '1000000',
      NQ57_PAKN_SUBMITS_PER_CONTACT_PER_DAY: '1000000',
    };
    const seeded = await runCli(['seed', '--no-demo'], own, { timeoutMs: 180_000 });
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await ownServer?.stop().catch(() => {});
    pgs?.close();
    if (ownFiles) fs.rmSync(ownFiles, { recursive: true, force: true });
  });

  it('answers 503 while the database is down, then recovers by itself once it is back', async () => {
    const admin = new pg.Client({ connectionString: pgs.url('nq57') });
    await admin.connect();
    // The challenge key of this database (the helper's cache in this process holds the other one's).
    await admin.query('INSERT INTO app_meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING', [
      CHALLENGE_KEY_NAME,
      JSON.stringify(randomBytes(32).toString('hex')),
    ]);
    const ownKey = Buffer.from(String((await admin.query('SELECT value FROM app_meta WHERE key = $1', [CHALLENGE_KEY_NAME])).rows[0].value), 'hex');
    const topic = (await admin.query('SELECT code FROM feedback_topic ORDER BY code LIMIT 1')).rows[0].code as string;
    await admin.end();
    ownServer = await startCliServer(['--no-demo'], own, { readyTimeoutMs: 120_000 });
    const base = ownServer.url.replace(/\/$/, '');
    const run = `r${Date.now().toString(36)}`;

    const outcomes: Outcome<ReturnType<typeof publicSubmission>>[] = [];
    let n = 0;
    let flowing = true;
    const lane = async () => {
      while (flowing) {
        outcomes.push(await send(publicSubmission(base, ownKey, { topicCode: topic, run, i: n++ }), 15_000));
        await sleep(50);
      }
    };
    const lanes = [lane(), lane()];
    await sleep(500);
    await pgs.stop();
    const downFrom = outcomes.length;
    await sleep(2_000);
    const whileDown = outcomes.slice(downFrom);
    await pgs.start();
    await sleep(500);
    flowing = false;
    await Promise.all(lanes);

    expect(ownServer.process.exitCode, JSON.stringify(ownServer.output()).slice(-3000)).toBeNull();
    expect(outcomes.filter((o) => o.status === null).map((o) => o.error)).toEqual([]);
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503).map((o) => `${o.status} ${o.body.slice(0, 300)}`)).toEqual([]);
    // while it was down, the answers were clean 503s in Vietnamese
    expect(whileDown.length).toBeGreaterThan(0);
    for (const o of whileDown) {
      expect(o.status).toBe(503);
      const error = JSON.parse(o.body).error;
      expect(error.code).toBe('DATABASE_UNAVAILABLE');
      expect(error.message).toMatch(VIETNAMESE);
    }

    // back by itself: readiness and a write, with no restart of nq57
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await until('readyz after the restart', async () => (await fetch(`${base}/readyz`)).status === 200, 30_000);
    await until('a write after the restart', async () => (await send(publicSubmission(base, ownKey, { topicCode: topic, run, i: n++ }), 15_000)).status === 201, 30_000);
    // every acknowledged case is stored
    const check = new pg.Client({ connectionString: pgs.url('nq57') });
    await check.connect();
    try {
      const acked = outcomes.filter((o) => o.status === 201).map((o) => JSON.parse(o.body).code as string);
      const { rows } = await check.query('SELECT count(*)::int AS n FROM feedback_submission WHERE code = ANY($1)', [acked]);
      expect(rows[0].n).toBe(acked.length);
    } finally {
      await check.end();
    }
    console.info(`[db-restart] real restart: ${outcomes.length} submissions, ${whileDown.length} while down (all 503), ${outcomes.filter((o) => o.status === 201).length} × 201`);
  });
});
