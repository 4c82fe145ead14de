/**
 * Load helpers for the reliability tests: many real HTTP requests against a server child process,
 * with a bounded number in flight, each outcome kept (status, body, or the network error) so a
 * test can tell an acknowledged write from one that never got an answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { signPowChallenge, solvePow } from '../../../src/feedback/intake/challenge';

export interface Outcome<T> {
  spec: T;
  /** HTTP status, or null when no answer came (connection refused, reset, timed out) */
  status: number | null;
  body: string;
  location: string | null;
  error?: string;
}

export interface HttpSpec {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request; a network failure becomes an outcome, never a throw. */
export async function send<T extends HttpSpec>(spec: T, timeoutMs = 30_000): Promise<Outcome<T>> {
  try {
    const res = await fetch(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body as BodyInit | undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    return { spec, status: res.status, body, location: res.headers.get('location') };
  } catch (err) {
    return { spec, status: null, body: '', location: null, error: String((err as Error).cause ?? err) };
  }
}

/** Runs every spec with at most `concurrency` in flight; `onOutcome` sees each answer as it comes. */
export async function runAll<T extends HttpSpec>(specs: T[], concurrency: number, onOutcome?: (o: Outcome<T>) => void): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = new Array(specs.length);
  let next = 0;
  const lane = async () => {
    while (next < specs.length) {
      const i = next++;
      const o = await send(specs[i]);
      outcomes[i] = o;
      onOutcome?.(o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, lane));
  return outcomes;
}

/** A public JSON submission with its own contact, idempotency key and solved proof of work. */
export function publicSubmission(base: string, challengeKey: Buffer, opts: { topicCode: string; run: string; i: number }) {
  const { challenge } = signPowChallenge(challengeKey, 1);
  const idempotencyKey = randomUUID();
  const body = {
    kind: 'feedback',
    topicCode: opts.topicCode,
    title: `Cổng dịch vụ công báo lỗi khi nộp hồ sơ số ${opts.run}-${opts.i}`,
    content: `Tôi nộp hồ sơ trực tuyến lần thứ ${opts.i} nhưng hệ thống báo lỗi ở bước ký số, đề nghị cơ quan kiểm tra và khắc phục sớm (${opts.run}).`,
    submitterType: 'individual',
    submitterName: 'Nguyễn Văn Đô',
    submitterEmail: `do-${opts.run}-${opts.i}@crash.nq57.vn`,
    publishConsent: 'anonymous',
    idempotencyKey,
    challenge,
    nonce: solvePow(challenge, 1),
  };
  return {
    kind: 'submission' as const,
    idempotencyKey,
    method: 'POST',
    url: `${base}/api/v1/public/feedback`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

/** multipart/form-data with the fields first and one file. */
export function multipartBody(fields: [string, string][], file: { field: string; name: string; type: string; content: Buffer }) {
  const boundary = `----nq57crash${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A progress report with one plain-text evidence file, posted with an API token (no cookie, no CSRF). */
export function reportUpload(base: string, token: string, opts: { taskId: string; periodDate: string; run: string; i: number }) {
  const marker = `crash-${opts.run}-${opts.i}`;
  const content = Buffer.from(`Biên bản kiểm tra tiến độ ${marker}\nNội dung minh chứng số ${opts.i}, tạo lúc ${new Date().toISOString()}.\n`, 'utf8');
  const { payload, contentType } = multipartBody(
    [
      ['kind', 'periodic'],
      ['periodDate', opts.periodDate],
      ['percentDone', String(opts.i % 100)],
      ['doneText', `Đã triển khai các nội dung theo kế hoạch, mã ${marker}.`],
    ],
    { field: 'files', name: `minh-chung-${opts.i}.txt`, type: 'text/plain', content },
  );
  return {
    kind: 'report' as const,
    marker,
    fileHash: createHash('sha256').update(content).digest('hex'),
    method: 'POST',
    url: `${base}/tasks/${opts.taskId}/reports`,
    headers: { 'content-type': contentType, authorization: `Bearer ${token}`, accept: 'text/html' },
    body: payload,
  };
}
