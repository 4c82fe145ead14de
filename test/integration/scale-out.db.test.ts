/**
 * Scale-out on one PostgreSQL: two `nq57 serve` processes and one `nq57 worker`, as they would run
 * behind a load balancer. A session made on one server works on the other; a live dashboard
 * stream open on one server hears a report accepted on the other (LISTEN/NOTIFY); the PAKN and
 * sign-in limits hold across both servers (they count in the database); and mail queued through
 * either server is delivered once, by the worker, to a real SMTP server.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvePow } from '../../src/feedback/intake/challenge';
import { hcmDate } from '../../src/monitoring/dates';
import { type CliServer, type CliTarget, createCliTarget, lastLine, runCli, startCliServer } from '../support/cli';
import { type SmtpSink, type WorkerProcess, startCliWorker, startSmtpSink } from '../support/reliability/processes';
import { HttpClient } from '../support/http-client';

const skipReason = process.env.DATABASE_URL ? null : 'chỉ chạy với PostgreSQL (DATABASE_URL): chế độ nhúng là một tiến trình';
const PASSWORD = 'Mật-khẩu-mở-rộng-2026!';
const PER_IP_LIMIT = 4;
const LOGIN_LIMIT = 8;

describe.skipIf(skipReason !== null)(`scale-out: two servers and a worker${skipReason ? ` (bỏ qua: ${skipReason})` : ''}`, () => {
  let target: CliTarget;
  let a: CliServer;
  let b: CliServer;
  let worker: WorkerProcess;
  let smtp: SmtpSink;
  let officeToken: string;
  let officerToken: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const smtpPort = smtp.port;

    target = await createCliTarget();
    const env = {
      ...target.env,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      NQ57_POW_DIFFICULTY: '1',
      NQ57_PAKN_SUBMITS_PER_IP_PER_HOUR: String(PER_IP_LIMIT),
      NQ57_PAKN_SUBMITS_PER_CONTACT_PER_DAY: '100',
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
    };
    expect((await runCli(['seed', '--no-demo'], env, { timeoutMs: 240_000 })).code).toBe(0);
    for (const [email, role, org] of [
      ['thuongtruc@scale.vn', 'standing_office', null],
      ['chuyenvien@scale.vn', 'officer', '01'],
    ] as const) {
      const r = await runCli(['users', 'create', '--email', email, '--password', PASSWORD, '--role', role, ...(org ? ['--org', org] : [])], env);
      expect(r.code, r.stderr).toBe(0);
    }
    officeToken = lastLine((await runCli(['tokens', 'create', '--email', 'thuongtruc@scale.vn'], env)).stdout);
    officerToken = lastLine((await runCli(['tokens', 'create', '--email', 'chuyenvien@scale.vn'], env)).stdout);

    [a, b] = await Promise.all([startCliServer(['--no-demo'], env, { readyTimeoutMs: 120_000 }), startCliServer(['--no-demo'], env, { readyTimeoutMs: 120_000 })]);
    worker = await startCliWorker(env, 120_000);
  }, 420_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
    await smtp?.close();
    await target?.dispose();
  });

  it('keeps a session made on one server valid on the other, and a sign-out on the other ends it', async () => {
    const user = new HttpClient();
    const login = await user.postForm(`${a.url}/login`, { email: 'thuongtruc@scale.vn', password: PASSWORD });
    expect(login.status).toBe(303);
    const session = user.cookies.get('nq57_session');
    expect(session).toBeTruthy();
    const onB = await user.get(`${b.url}/app`);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('action="/logout"');
    const out = await user.postForm(`${b.url}/logout`, {});
    expect([302, 303]).toContain(out.status);
    const replayed = await new HttpClient().get(`${a.url}/app`, { cookie: `nq57_session=${session}` });
    expect([302, 303]).toContain(replayed.status);
    expect(replayed.headers.get('location')).toContain('/login');
  });

  it('holds the per-IP submission limit across both servers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP_LIMIT + 2; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      const client = new HttpClient();
      const ch = (await (await client.get(`${base}/api/v1/public/feedback/challenge`, { accept: 'application/json' })).json()) as { challenge: string; difficulty: number };
      const res = await client.postJson(`${base}/api/v1/public/feedback`, {
        kind: 'feedback',
        topicCode: 'thu-tuc-hanh-chinh',
        title: `Cổng dịch vụ công lỗi ký số lần ${i}`,
        content: `Khi nộp hồ sơ trực tuyến, bước ký số báo lỗi và không lưu được hồ sơ (lần thử ${i}, mã ${randomUUID().slice(0, 6)}).`,
        submitterType: 'individual',
        submitterName: 'Nguyễn Văn Mở Rộng',
        submitterEmail: `morong${i}@example.vn`,
        publishConsent: 'anonymous',
        challenge: ch.challenge,
        nonce: solvePow(ch.challenge, ch.difficulty),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(PER_IP_LIMIT);
    expect(statuses.slice(PER_IP_LIMIT)).toEqual([429, 429]);
  });

  it('holds the sign-in limit per IP across both servers', async () => {
    // the limit counts per one-minute window: start well inside one
    while (new Date().getSeconds() > 40) await new Promise((r) => setTimeout(r, 1000));
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
      const res = await new HttpClient().postForm(`${i % 2 === 0 ? a.url : b.url}/login`, { email: `khongco${i}@scale.vn`, password: 'sai-mat-khau' });
      statuses.push(res.status);
    }
    // per-process limits would have let all of them through (8 per server)
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('delivers mail queued through either server exactly once, from the worker', async () => {
    const before = smtp.received.length;
    const emails = ['thuongtruc@scale.vn', 'chuyenvien@scale.vn'];
    for (const [i, email] of emails.entries()) {
      const res = await new HttpClient().postForm(`${i % 2 === 0 ? a.url : b.url}/password/forgot`, { email });
      expect(res.status).toBeLessThan(400);
    }
    await waitFor(() => smtp.received.length - before >= emails.length, 90_000, () => `only ${smtp.received.length - before} of ${emails.length} mails arrived`);
    // later rounds of the worker's every-minute delivery must not send them again
    await new Promise((r) => setTimeout(r, 3_000));
    const mine = smtp.received.slice(before);
    for (const email of emails) expect(mine.filter((m) => m.to.includes(email))).toHaveLength(1);
  }, 120_000);

  it('pushes a report accepted on one server to a live dashboard stream open on the other', async () => {
    const stream = await fetch(`${a.url}/api/v1/dashboard/stream`, { headers: { authorization: `Bearer ${officeToken}`, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let seen = '';
    const heard = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        seen += decoder.decode(value, { stream: true });
        if (seen.includes('report.reviewed')) return true;
      }
    })();

    const api = (base: string, token: string, method: string, url: string, json?: unknown) =>
      fetch(`${base}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }, body: json ? JSON.stringify(json) : undefined });
    const created = await api(b.url, officeToken, 'POST', '/api/v1/tasks', {
      planCode: 'NQ03-CP-2025',
      code: `MR-${randomUUID().slice(0, 6)}`,
      title: 'Nhiệm vụ thử mở rộng quy mô',
      leadUnitCode: '01',
      deadline: '2030-06-30',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const taskId = ((await created.json()) as { id: string }).id;
    const report = await api(b.url, officerToken, 'POST', `/api/v1/tasks/${taskId}/reports`, { percentDone: 30, periodDate: hcmDate(new Date()), doneText: 'Đã hoàn thành khảo sát hiện trạng.' });
    expect(report.status, await report.clone().text()).toBe(201);
    const reportId = ((await report.json()) as { id: string }).id;
    const reviewed = await api(b.url, officeToken, 'POST', `/api/v1/reports/${reportId}/review`, { decision: 'accept' });
    expect(reviewed.status, await reviewed.clone().text()).toBe(200);

    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000));
    const ok = await Promise.race([heard, timeout]);
    await reader.cancel().catch(() => {});
    expect(ok, `stream on server A saw:\n${seen}`).toBe(true);
  }, 60_000);
});

async function waitFor(check: () => boolean, timeoutMs: number, message: () => string) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(message());
    await new Promise((r) => setTimeout(r, 100));
  }
}
