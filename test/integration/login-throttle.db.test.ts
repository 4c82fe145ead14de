/**
 * The sign-in throttle is held in the shared database table: two apps on one database (two
 * `serve` processes behind a load balancer) share the per-IP and per-account budgets, and a
 * throttled attacker address or attacked account leaves every other address and account alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/platform/events/bus';
import { buildServer } from '../../src/platform/http/server';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform, recordingQueue } from '../support/platform';

const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const LIMIT = 4;
const CSRF = 'kiem-thu-csrf-token-0123456789';

let one: TestPlatform;
let two: { app: TestPlatform['app']; close(): Promise<void> };

beforeAll(async () => {
  one = await createTestPlatform({ config: { loginRateLimitPerMinute: LIMIT } });
  // A second app on the same database, as a second serve process would be.
  const events = await createEventBus(one.database);
  const jobs = recordingQueue();
  const app = await buildServer({ ...one.ctx, events, jobs });
  two = {
    app,
    async close() {
      await app.close();
      await events.close();
    },
  };
}, 60_000);

afterAll(async () => {
  await two?.close();
  await one?.close();
});

/** A form sign-in from a given address, like a browser (CSRF cookie + field). */
async function login(app: TestPlatform['app'], ip: string, email: string, password: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `nq57_csrf=${CSRF}` },
    payload: new URLSearchParams({ _csrf: CSRF, email, password }).toString(),
  });
  return { status: res.statusCode, body: res.body };
}

/** Fixed one-minute windows: start a scenario early in a window so it cannot straddle two. */
async function freshWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
}

describe(`sign-in throttle across processes on ${backend}`, () => {
  it('shares the per-IP budget between two apps and leaves other addresses alone', async () => {
    await freshWindow();
    const user = await makeUser(one.ctx.db, { role: 'officer' });
    const attacker = '203.0.113.41';
    // Different accounts each time, so only the IP budget is spent; split across both apps.
    for (let i = 0; i < LIMIT; i++) {
      const r = await login(i % 2 ? two.app : one.app, attacker, `khong-co-${i}@test.nq57.vn`, 'Sai-mật-khẩu-1');
      expect(r.status).toBe(401);
    }
    for (const app of [one.app, two.app]) {
      const r = await login(app, attacker, `khong-co-them@test.nq57.vn`, 'Sai-mật-khẩu-1');
      expect(r.status).toBe(429);
      expect(r.body).toContain('Bạn thao tác quá nhanh');
    }
    // The throttled address cannot sign in even with the right password…
    expect((await login(two.app, attacker, user.email, user.password)).status).toBe(429);
    // …but another address signs in on either app.
    expect((await login(two.app, '198.51.100.7', user.email, user.password)).status).toBe(303);
    expect((await login(one.app, '198.51.100.8', user.email, user.password)).status).toBe(303);
  });

  it('shares the per-account budget between two apps and leaves other accounts alone', async () => {
    await freshWindow();
    const victim = await makeUser(one.ctx.db, { role: 'officer' });
    const other = await makeUser(one.ctx.db, { role: 'officer' });
    // A spray from many addresses at one account, alternating apps: each address is well within its budget.
    for (let i = 0; i < LIMIT; i++) {
      const r = await login(i % 2 ? one.app : two.app, `192.0.2.${10 + i}`, victim.email, `Sai-mật-khẩu-${i}`);
      expect([401, 423]).toContain(r.status);
    }
    const limited = await login(one.app, '192.0.2.60', victim.email.toUpperCase(), 'Sai-mật-khẩu-x');
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Bạn thao tác quá nhanh');
    expect((await login(two.app, '192.0.2.61', victim.email, 'Sai-mật-khẩu-y')).status).toBe(429);
    // Another account from one of the same addresses is unaffected.
    expect((await login(two.app, '192.0.2.60', other.email, other.password)).status).toBe(303);
  });

  it('answers a throttled JSON client with the JSON error shape', async () => {
    await freshWindow();
    const ip = '203.0.113.77';
    let last = 0;
    let body: any = null;
    for (let i = 0; i <= LIMIT; i++) {
      const res = await (i % 2 ? one.app : two.app).inject({
        method: 'POST',
        url: '/password/forgot',
        remoteAddress: ip,
        headers: { accept: 'application/json', 'content-type': 'application/json', cookie: `nq57_csrf=${CSRF}`, 'x-csrf-token': CSRF },
        payload: JSON.stringify({ email: `ai-do-${i}@test.nq57.vn` }),
      });
      last = res.statusCode;
      body = res.json();
    }
    expect(last).toBe(429);
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toContain('Bạn thao tác quá nhanh');
  });
});
