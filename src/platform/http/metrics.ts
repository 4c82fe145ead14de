/**
 * Prometheus metrics: process defaults plus request counts and latency by route and status. Who may
 * scrape them: a scraper presenting METRICS_TOKEN, or, without a token configured, only a client on
 * this machine that came straight in (no proxy header), because route timings and process figures
 * help an attacker pace a flood and need not be public.
 */
import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function mayScrapeMetrics(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } }, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'nq57_' });
  const requests = new client.Histogram({
    name: 'nq57_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests };
}
