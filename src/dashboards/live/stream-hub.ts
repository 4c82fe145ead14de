/**
 * Server-Sent Events for open dashboards. Each connection subscribes to the event bus and forwards
 * only the dashboard events its viewer may see (policies.ts), as `{ type, unitCode }` and nothing
 * more; a comment line every 25 s keeps proxies from closing it. The number of open streams per
 * process is capped: one over the cap gets 503 with Retry-After (the page still works, it just
 * does not update by itself). Closing the client, or the server, unsubscribes and ends the stream.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../org/policies';
import type { EventBus } from '../../platform/events/bus';
import { t } from '../../platform/i18n';
import { canSeeDashboardEvent } from '../policies';

export const HEARTBEAT_MS = 25_000;
/** the client's wait before reconnecting, sent as `retry:` */
export const RETRY_MS = 5_000;
export const DEFAULT_STREAM_LIMIT = 2_000;
/** seconds a refused client is told to wait */
export const RETRY_AFTER_S = 30;

export interface StreamHub {
  /** open streams in this process */
  readonly size: number;
  limit: number;
  /** gap between keep-alive comments, for streams opened from now on */
  heartbeatMs: number;
  /** answers the request with a stream (or a 503 when over the cap) */
  open(req: FastifyRequest, reply: FastifyReply, principal: Principal): void;
  /** ends every stream (server shutdown) */
  closeAll(): void;
}

export function createStreamHub(events: EventBus, opts: { limit?: number; heartbeatMs?: number } = {}): StreamHub {
  const open = new Set<() => void>();
  const hub: StreamHub = {
    limit: opts.limit ?? DEFAULT_STREAM_LIMIT,
    heartbeatMs: opts.heartbeatMs ?? HEARTBEAT_MS,
    get size() {
      return open.size;
    },
    open(req, reply, principal) {
      if (open.size >= hub.limit) {
        reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_S))
          .header('cache-control', 'no-store')
          .send({ error: { code: 'STREAM_LIMIT', message: t('dashboard.stream.busy'), fields: {} } });
        return;
      }
      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string> = {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      };
      res.writeHead(200, headers);
      res.write(`retry: ${RETRY_MS}\n: ${t('dashboard.live.updated')}\n\n`);
      let done = false;
      const unsubscribe = events.subscribe((event) => {
        if (done || !canSeeDashboardEvent(principal, event)) return;
        const data = event.data ?? {};
        const payload = { type: event.type, unitCode: typeof data.unitCode === 'string' ? data.unitCode : null };
        res.write(`event: update\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const timer = setInterval(() => {
        if (!done) res.write(': ping\n\n');
      }, hub.heartbeatMs);
      timer.unref();
      const close = () => {
        if (done) return;
        done = true;
        clearInterval(timer);
        unsubscribe();
        open.delete(close);
        if (!res.writableEnded) res.end();
      };
      open.add(close);
      req.raw.on('close', close);
      res.on('close', close);
      res.on('error', close);
    },
    closeAll() {
      for (const close of [...open]) close();
    },
  };
  return hub;
}

const hubs = new WeakMap<EventBus, StreamHub>();

/** One hub per event bus (per running platform). */
export function streamHubFor(events: EventBus): StreamHub {
  let hub = hubs.get(events);
  if (!hub) {
    hub = createStreamHub(events);
    hubs.set(events, hub);
  }
  return hub;
}
