/** Cross-cutting checks of the running platform on a real database: health, errors, headers, audit chain. */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditEvent } from '../../src/platform/audit/schema';
import { SYSTEM_ACTOR, recordAudit } from '../../src/platform/audit/record-audit';
import { chainAuditEvents } from '../../src/platform/audit/chain-audit-events';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain';
import { orgUnit } from '../../src/org/schema';
import { task } from '../../src/monitoring/schema';
import { indicator } from '../../src/indicators/schema';
import { executeRows } from '../../src/platform/db/execute-rows';
import { backend } from '../support/db';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

describe(`platform on ${backend}`, () => {
  it('answers health and readiness', async () => {
    const a = new TestAgent(p.app);
    expect((await a.get('/healthz')).status).toBe(200);
    const ready = await a.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it.runIf(backend === 'postgres')('opens its PostgreSQL sessions without JIT (short statements, compiled for nothing)', async () => {
    const rows = await executeRows<{ jit: string }>(p.ctx.db, sql`SHOW jit`);
    expect(rows[0]?.jit).toBe('off');
  });

  it('serves a strict CSP without inline script', async () => {
    const r = await new TestAgent(p.app).get('/');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('returns the JSON error shape in Vietnamese for unknown API paths and bad JSON', async () => {
    const a = new TestAgent(p.app);
    const nf = await a.api('GET', '/api/v1/khong-co');
    expect(nf.status).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
    expect(nf.json().error.message).toMatch(/Không tìm thấy/);
    const bad = await p.app.inject({ method: 'POST', url: '/api/v1/users', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(JSON.parse(bad.body).error.message).toBeTruthy();
  });

  it('exposes Prometheus metrics', async () => {
    const r = await new TestAgent(p.app).get('/metrics');
    expect(r.status).toBe(200);
    expect(r.body).toContain('nq57_http_request_duration_seconds');
  });

  it('keeps metrics from the public: a remote or proxied caller needs METRICS_TOKEN', async () => {
    const scrape = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => p.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });
    for (const r of [await scrape({}, '203.0.113.7'), await scrape({ 'x-forwarded-for': '203.0.113.7' })]) {
      expect(r.statusCode).toBe(403);
      expect(r.body).toContain('Số liệu vận hành chỉ dành cho hệ thống giám sát');
      expect(r.body).not.toContain('nq57_');
    }
    const token = 'bi-mat-cua-prometheus-0123456789';
    p.ctx.config.metricsToken = token;
    try {
      expect((await scrape()).statusCode).toBe(403);
      expect((await scrape({ authorization: `Bearer ${token}x` }, '203.0.113.7')).statusCode).toBe(403);
      const ok = await scrape({ authorization: `Bearer ${token}` }, '203.0.113.7');
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('nq57_http_request_duration_seconds');
    } finally {
      p.ctx.config.metricsToken = undefined;
    }
  });

  it('gzips pages and JSON for clients that accept it, and leaves small answers as they are', async () => {
    const page = await p.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    const html = gunzipSync(page.rawPayload).toString('utf8');
    expect(html).toContain('<html');
    expect(html.length).toBeGreaterThan(page.rawPayload.length * 2);
    const plain = await p.app.inject({ method: 'GET', url: '/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const health = await p.app.inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('serves OpenAPI 3.1', async () => {
    const r = await new TestAgent(p.app).get('/api/docs/json');
    expect(r.json().openapi).toBe('3.1.0');
  });

  it('has the reference data seeded', async () => {
    const [units] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(orgUnit).where(sql`${orgUnit.kind} = 'province'`);
    expect(Number(units.n)).toBe(34);
    const [communes] = await p.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgUnit)
      .where(sql`${orgUnit.kind} in ('commune','ward','special_zone')`);
    expect(Number(communes.n)).toBe(3321);
    const [tasks] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(task);
    expect(Number(tasks.n)).toBe(140);
    const [nq57] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(indicator).where(sql`${indicator.source} = 'NQ57'`);
    expect(Number(nq57.n)).toBe(41);
  });
});

describe(`audit chain on ${backend}`, () => {
  it('verifies an intact chain and names the first tampered row', async () => {
    for (let i = 0; i < 3; i++) {
      await p.ctx.db.transaction((tx) =>
        recordAudit(tx, SYSTEM_ACTOR, { action: 'test.event', entityType: 'test', entityId: String(i), after: { i, tên: 'Đà Nẵng' } }),
      );
    }
    // written unchained; the chainer links them after commit
    const before = (await verifyAuditChain(p.ctx.db)) as { ok: boolean; checked: number; pending: number };
    expect(before).toMatchObject({ ok: true, checked: 0 });
    expect(before.pending).toBeGreaterThanOrEqual(3);
    expect(await chainAuditEvents(p.ctx.db)).toBe(before.pending);
    const ok = await verifyAuditChain(p.ctx.db);
    expect(ok).toMatchObject({ ok: true, checked: before.pending, pending: 0 });
    const rows = await p.ctx.db.select({ seq: auditEvent.seq }).from(auditEvent).orderBy(auditEvent.seq);
    const target = rows[rows.length - 2].seq;
    await p.ctx.db.execute(sql`UPDATE audit_event SET after = '{"i": 99}'::jsonb WHERE seq = ${target}`);
    const broken = await verifyAuditChain(p.ctx.db);
    expect(broken).toMatchObject({ ok: false, brokenAtSeq: target, reason: 'content_hash_mismatch' });
  });

  it('catches a deleted row at the row after it', async () => {
    const db = p.ctx.db;
    // restore a clean chain first: the previous test left a tampered row
    await db.execute(sql`DELETE FROM audit_event`);
    for (let i = 0; i < 4; i++) {
      await db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: 'test.event', entityType: 'test', entityId: String(i) }));
    }
    await chainAuditEvents(db);
    const rows = await db.select({ seq: auditEvent.seq }).from(auditEvent).orderBy(auditEvent.seq);
    await db.execute(sql`DELETE FROM audit_event WHERE seq = ${rows[1].seq}`);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, brokenAtSeq: rows[2].seq, reason: 'prev_hash_mismatch' });
  });

  it('keeps the chain linear under concurrent writers', async () => {
    const db = p.ctx.db;
    await db.execute(sql`DELETE FROM audit_event`);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: 'test.concurrent', entityType: 'test', entityId: String(i) })),
      ),
    );
    await chainAuditEvents(db);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: true, checked: 12, pending: 0 });
  });

  it('extends the chain after rows chained earlier, across chainer rounds, and never links a row twice', async () => {
    const db = p.ctx.db;
    await db.execute(sql`DELETE FROM audit_event`);
    const write = (i: number) => db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: 'test.rounds', entityType: 'test', entityId: String(i) }));
    await Promise.all([0, 1, 2].map(write));
    // two chainers at once: one links, the other finds the lock taken or nothing left
    const [a, b] = await Promise.all([chainAuditEvents(db), chainAuditEvents(db)]);
    expect(a + b).toBe(3);
    await Promise.all([3, 4].map(write));
    expect(await chainAuditEvents(db)).toBe(2);
    expect(await chainAuditEvents(db)).toBe(0);
    const positions = await db.select({ c: auditEvent.chainSeq }).from(auditEvent).orderBy(auditEvent.chainSeq);
    expect(positions.map((r) => r.c)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 5, pending: 0 });
  });
});
