/**
 * Domain events after commit, for live views (Server-Sent Events). In-process in embedded mode;
 * with PostgreSQL the same events travel over LISTEN/NOTIFY so every web node hears them.
 *
 * The LISTEN connection is held for the life of the bus; when it breaks (server restart, killed
 * backend) the bus reconnects by itself. A listener that throws never stops the others.
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { DatabaseHandle } from '../db/client';

export interface DomainEvent {
  type: string;
  /** organisation unit path the event concerns, for scope filtering */
  unitPath?: string;
  data?: Record<string, unknown>;
}

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  subscribe(listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** told about listener failures and lost LISTEN connections */
  onError?: (err: Error) => void;
}

export const EVENT_CHANNEL = 'nq57_events';
/** NOTIFY refuses payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;

export async function createEventBus(handle: DatabaseHandle, opts: EventBusOptions = {}): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const report = (err: unknown) => {
    try {
      opts.onError?.(err instanceof Error ? err : new Error(String(err)));
    } catch {}
  };
  const deliver = (event: DomainEvent) => {
    for (const fn of emitter.listeners('event') as ((e: DomainEvent) => void)[]) {
      try {
        fn(event);
      } catch (err) {
        report(err);
      }
    }
  };

  let closed = false;
  /** the live LISTEN connection and how to give it back */
  let current: { client: pg.PoolClient; detach(): void } | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let retryDelay = 250;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== EVENT_CHANNEL || !msg.payload) return;
    let event: DomainEvent;
    try {
      event = JSON.parse(msg.payload);
    } catch {
      return;
    }
    deliver(event);
  };

  const connect = async (): Promise<void> => {
    const client = await handle.pool!.connect();
    let done = false;
    const onError = (err: Error) => drop(err);
    const onEnd = () => drop(new Error('LISTEN connection ended'));
    // The error/end handlers stay attached (inert once done): a client emitting 'error' with no
    // handler would crash the process.
    const detach = () => {
      done = true;
      client.off('notification', onNotification);
      if (current?.client === client) current = null;
    };
    const drop = (err: Error) => {
      if (done) return;
      detach();
      client.release(err);
      if (!closed) {
        report(err);
        scheduleReconnect();
      }
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    client.on('end', onEnd);
    try {
      await client.query(`LISTEN ${EVENT_CHANNEL}`);
    } catch (err) {
      if (!done) {
        detach();
        client.release(err as Error);
      }
      throw err;
    }
    if (done) throw new Error('LISTEN connection lost');
    if (closed) {
      detach();
      client.release();
      return;
    }
    current = { client, detach };
    retryDelay = 250;
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((err) => {
        report(err);
        retryDelay = Math.min(retryDelay * 2, 30_000);
        scheduleReconnect();
      });
    }, retryDelay);
    reconnectTimer.unref();
  };

  if (handle.kind === 'postgres' && handle.pool) {
    try {
      await connect();
    } catch (err) {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      throw err;
    }
  }

  return {
    async publish(event) {
      if (handle.kind === 'postgres') {
        const payload = JSON.stringify(event);
        if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
          throw new Error(`Sự kiện ${event.type} quá lớn để gửi qua NOTIFY (${Buffer.byteLength(payload)} byte): chỉ gửi mã, không gửi cả nội dung.`);
        }
        await handle.executeSql('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, payload]);
      } else deliver(event);
    },
    subscribe(fn) {
      emitter.on('event', fn);
      return () => emitter.off('event', fn);
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const live = current;
      if (live) {
        live.detach();
        // A broken connection is destroyed rather than returned to the pool.
        const ok = await live.client.query(`UNLISTEN ${EVENT_CHANNEL}`).then(
          () => true,
          () => false,
        );
        live.client.release(ok ? undefined : true);
      }
      emitter.removeAllListeners();
    },
  };
}
