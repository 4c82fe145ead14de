/**
 * The load generator, run as its own process so it never shares a CPU queue with the server it
 * measures: autocannon drives the requests; we keep every response time ourselves, because
 * autocannon's own summary has no 95th percentile.
 *
 * argv[2]: a file holding JSON { url, connections, durationSec, warmupSec, requests: [{ method, path, headers, body }] }
 * (a file, not the argument itself: thousands of distinct submission bodies do not fit in argv)
 * stdout: JSON { latencies: Summary, statusCodes, statusByKind }
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { summarise } from './stats';

interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** the scenario it belongs to, when several are mixed (a soak): statuses are then counted per kind */
  kind?: string;
}

interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  requests: LoadRequest[];
  /** requests per second across all connections (a soak); as fast as possible when absent */
  overallRate?: number;
}

/** Shared by the warm-up and the measured run: single-use bodies (submissions) are never sent twice. */
let next = 0;

function run(spec: LoadSpec, durationSec: number, record: boolean) {
  return new Promise<{ latencies: number[]; errors: number; statusCodes: Record<string, number>; statusByKind: Record<string, Record<string, number>>; ms: number }>((resolve, reject) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    const statusByKind: Record<string, Record<string, number>> = {};
    let errors = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: durationSec,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            setupRequest(req, context) {
              const r = spec.requests[next++ % spec.requests.length]!;
              // one request in flight per connection, so the connection's context names the kind of its answer
              (context as { kind?: string }).kind = r.kind;
              return { ...req, method: r.method as autocannon.Request['method'], path: r.path, headers: { ...(r.headers ?? {}) }, body: r.body };
            },
            onResponse(status, _body, context) {
              const kind = (context as { kind?: string }).kind;
              if (!record || !kind) return;
              const counts = statusByKind[kind] ?? {};
              counts[status] = (counts[status] ?? 0) + 1;
              statusByKind[kind] = counts;
            },
          },
        ],
      },
      (err: Error | null) => {
        if (err) reject(err);
        else resolve({ latencies, errors, statusCodes, statusByKind, ms: performance.now() - started });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (!record) return;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 400) errors++;
      latencies.push(responseTime);
    });
    instance.on('reqError', () => {
      if (record) errors++;
    });
  });
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
if (spec.warmupSec > 0) await run(spec, spec.warmupSec, false);
const r = await run(spec, spec.durationSec, true);
process.stdout.write(`${JSON.stringify({ summary: summarise(r.latencies, r.errors, r.ms), statusCodes: r.statusCodes, statusByKind: r.statusByKind })}\n`);
