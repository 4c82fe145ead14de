/**
 * Domain events after commit, for live views (Server-Sent Events). In-process in embedded mode;
 * with PostgreSQL the same events travel over LISTEN/NOTIFY so every web node hears them.
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

const CHANNEL = 'nq57_events';

export async function createEventBus(handle: DatabaseHandle): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let listener: pg.PoolClient | null = null;
  if (handle.kind === 'postgres' && handle.pool) {
    listener = await handle.pool.connect();
    listener.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        emitter.emit('event', JSON.parse(msg.payload));
      } catch {}
    });
    await listener.query(`LISTEN ${CHANNEL}`);
  }
  return {
    async publish(event) {
      if (handle.kind === 'postgres') {
        await handle.executeSql('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
      } else emitter.emit('event', event);
    },
    subscribe(fn) {
      emitter.on('event', fn);
      return () => emitter.off('event', fn);
    },
    async close() {
      if (listener) {
        await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        listener.release();
      }
      emitter.removeAllListeners();
    },
  };
}
