/**
 * The application's route table, read from Fastify itself (`printRoutes`), so the security tests
 * walk every route that exists rather than a list someone remembered to update.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** the route pattern as registered, e.g. `/cases/:code/notes` */
  url: string;
  /** `METHOD /url`, the key of the access map */
  key: string;
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?) \(([A-Z, ]+)\)$/;

/**
 * Parses the radix tree Fastify prints (`commonPrefix: false`): each line is a path segment under
 * its parent, with the methods of the route that ends there. HEAD routes are the ones Fastify adds
 * beside each GET and carry no policy of their own.
 */
export function listRoutes(app: FastifyInstance): RouteEntry[] {
  const printed = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out = new Map<string, RouteEntry>();
  for (const raw of printed.split('\n')) {
    const line = raw.trimEnd();
    if (!line) continue;
    const m = LINE.exec(line);
    if (!m) {
      // the root line, e.g. "└── / (GET, HEAD)" has no indent prefix and is matched above;
      // anything else is a format change we must notice
      throw new Error(`unexpected printRoutes line: ${line}`);
    }
    const depth = m[1].length / 4;
    stack.length = depth;
    stack[depth] = m[2];
    const url = stack.join('').replace(/\/{2,}/g, '/');
    for (const method of m[3].split(',').map((s) => s.trim())) {
      if (method === 'HEAD') continue;
      const key = `${method} ${url}`;
      out.set(key, { method, url, key });
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}
