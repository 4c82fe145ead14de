/**
 * A whole platform on a fresh test database, with the HTTP app built and not listening:
 * tests drive it with `app.inject` through `TestAgent`, which keeps cookies and CSRF tokens
 * the way a browser would.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config';
import type { AppContext } from '../../src/platform/context';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { createEventBus } from '../../src/platform/events/bus';
import { buildServer } from '../../src/platform/http/server';
import { type JobQueue, startJobQueue } from '../../src/platform/jobs/queue';
import { createMailer } from '../../src/platform/mail/mailer';
import { createTestDatabase } from './db';

/** A queue that records what was sent; used where a test is about the sender, not pg-boss. */
export function recordingQueue(): JobQueue & { sent: { name: string; data: object }[] } {
  const sent: { name: string; data: object }[] = [];
  return {
    sent,
    async send(name, data = {}) {
      sent.push({ name, data });
      return String(sent.length);
    },
    async work() {},
    async schedule() {},
    async stop() {},
  };
}

export interface TestPlatform {
  ctx: AppContext;
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export async function createTestPlatform(
  opts: { config?: Partial<Config>; realJobs?: boolean; database?: DatabaseHandle } = {},
): Promise<TestPlatform> {
  const database = opts.database ?? (await createTestDatabase());
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' },
    { loginRateLimitPerMinute: 1000, ...opts.config },
  );
  const log = pino({ level: 'silent' });
  const jobs = opts.realJobs ? await startJobQueue(database, { work: true }) : recordingQueue();
  const events = await createEventBus(database);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const ctx: AppContext = { config, database, db: database.db, jobs, events, mailer, log, ready: true };
  const app = await buildServer(ctx);
  return {
    ctx,
    app,
    database,
    async close() {
      await app.close();
      await jobs.stop();
      await events.close();
      mailer.close();
      await database.close();
    },
  };
}

export interface AgentResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = any>(): T;
  location?: string;
}

/** A cookie-keeping client for `app.inject`, acting like one browser. */
export class TestAgent {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined) {
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(opts: {
    method: string;
    url: string;
    form?: Record<string, string | string[]>;
    json?: unknown;
    headers?: Record<string, string>;
  }): Promise<AgentResponse> {
    const headers: Record<string, string> = { accept: 'text/html', ...opts.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let payload: string | undefined;
    if (opts.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      payload = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      payload = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
    }
    const res = await this.app.inject({ method: opts.method as any, url: opts.url, headers, payload });
    this.remember(res.headers['set-cookie']);
    return {
      status: res.statusCode,
      headers: res.headers as any,
      body: res.body,
      json: () => JSON.parse(res.body),
      location: res.headers.location as string | undefined,
    };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'GET', url, headers });
  }

  /** The CSRF token a page would embed (the agent fetches a page first if it has none). */
  async csrf(): Promise<string> {
    if (!this.cookies.get('nq57_csrf')) await this.get('/');
    return this.cookies.get('nq57_csrf')!;
  }

  async postForm(url: string, form: Record<string, string | string[]>, opts: { csrf?: boolean } = {}) {
    const withToken = opts.csrf === false ? form : { _csrf: await this.csrf(), ...form };
    return this.request({ method: 'POST', url, form: withToken });
  }

  /** Submits the sign-in form like a browser (CSRF field included); returns the response. */
  async signIn(email: string, password: string, next?: string) {
    return this.postForm('/login', next === undefined ? { email, password } : { email, password, next });
  }

  async api(method: string, url: string, json?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (method !== 'GET' && this.cookies.get('nq57_session')) h['x-csrf-token'] = await this.csrf();
    return this.request({ method, url, json, headers: h });
  }
}
