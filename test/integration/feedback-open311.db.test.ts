/**
 * Open311 GeoReport v2 on a real database: services are the topics, requests are published cases
 * (filters, limits, Open311-shaped errors), POST files a submission with channel 'api' through
 * submitFeedback and is rate-limited per IP; unpublished cases and personal data never show.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN311_POST_LIMIT } from '../../src/feedback/open311/routes';
import { feedbackAssignment, feedbackSubmission, feedbackTopic } from '../../src/feedback/schema';
import { submitFeedback } from '../../src/feedback/submit-feedback';
import { orgUnit } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
const codes: Record<string, string> = {};
const PUBLISHED_EMAIL = 'cong.khai@example.vn';
const HIDDEN_EMAIL = 'an.giau@example.vn';

async function inject(method: 'GET' | 'POST', url: string, opts: { json?: unknown; form?: Record<string, string>; ip?: string } = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(opts.form).toString();
  }
  const res = await p.app.inject({ method, url, headers, payload, remoteAddress: opts.ip ?? '203.0.113.1' });
  return { status: res.statusCode, body: res.body, headers: res.headers, json: () => JSON.parse(res.body) };
}

async function makeCase(key: string, opts: { title: string; email: string; consent: 'none' | 'anonymous'; published: boolean; status: 'answered' | 'in_progress'; daysAgo: number }) {
  const created = new Date(Date.now() - opts.daysAgo * 86_400_000);
  const r = await submitFeedback(
    p.ctx.db,
    {
      kind: 'feedback',
      topicCode: 'ha-tang-so',
      title: opts.title,
      content: `${opts.title}. Nội dung chi tiết.`,
      submitterType: 'individual',
      submitterName: 'Người Gửi Riêng Tư',
      submitterEmail: opts.email,
      submitterPhone: '0955555555',
      publishConsent: opts.consent,
    },
    { actor: SYSTEM_ACTOR, now: created },
  );
  await p.ctx.db
    .update(feedbackSubmission)
    .set({ status: opts.status, answerDueOn: '2026-12-31', answeredAt: opts.published ? created : null, publishedAt: opts.published ? created : null })
    .where(eq(feedbackSubmission.id, r.id));
  const [unit] = await p.ctx.db.select().from(orgUnit).where(eq(orgUnit.code, 'BKHCN'));
  await p.ctx.db.insert(feedbackAssignment).values({ submissionId: r.id, unitId: unit!.id, status: 'accepted' });
  codes[key] = r.code;
}

beforeAll(async () => {
  p = await createTestPlatform();
  await makeCase('old', { title: 'Sóng di động yếu ở xã miền núi', email: PUBLISHED_EMAIL, consent: 'anonymous', published: true, status: 'answered', daysAgo: 60 });
  await makeCase('recent', { title: 'Cáp quang chưa tới thôn bản', email: PUBLISHED_EMAIL, consent: 'anonymous', published: true, status: 'in_progress', daysAgo: 5 });
  await makeCase('hidden', { title: 'Trường hợp chưa công khai', email: HIDDEN_EMAIL, consent: 'anonymous', published: false, status: 'answered', daysAgo: 3 });
  await makeCase('noConsent', { title: 'Trường hợp không đồng ý công khai', email: HIDDEN_EMAIL, consent: 'none', published: true, status: 'answered', daysAgo: 2 });
});
afterAll(async () => {
  await p?.close();
});

describe('Open311 services', () => {
  it('lists the topics as services with the GeoReport fields', async () => {
    const res = await inject('GET', '/open311/v2/services.json');
    expect(res.status).toBe(200);
    const list = res.json();
    const topics = await p.ctx.db.select().from(feedbackTopic);
    expect(list).toHaveLength(topics.length);
    const s = list.find((x: any) => x.service_code === 'ha-tang-so');
    expect(s).toMatchObject({ service_code: 'ha-tang-so', service_name: 'Hạ tầng số và viễn thông', metadata: false, type: 'realtime' });
    expect(typeof s.keywords).toBe('string');
    expect(typeof s.group).toBe('string');
    const def = await inject('GET', '/open311/v2/services/ha-tang-so.json');
    expect(def.json()).toEqual({ service_code: 'ha-tang-so', attributes: [] });
    const missing = await inject('GET', '/open311/v2/services/khong-co.json');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'Không tìm thấy yêu cầu hoặc dịch vụ với mã này.' }]);
    const xml = await inject('GET', '/open311/v2/services/ha-tang-so.xml');
    expect(xml.status).toBe(400);
    expect(xml.json()[0].description).toContain('JSON');
    const discovery = await inject('GET', '/open311/v2/discovery.json');
    expect(discovery.json().endpoints[0].formats).toEqual(['application/json']);
  });
});

describe('Open311 requests', () => {
  it('lists only published consented cases, newest first, with the GeoReport fields and no personal data', async () => {
    const res = await inject('GET', '/open311/v2/requests.json');
    expect(res.status).toBe(200);
    const list = res.json();
    expect(list.map((x: any) => x.service_request_id)).toEqual([codes.recent, codes.old]);
    const recent = list[0];
    expect(recent).toMatchObject({
      service_request_id: codes.recent,
      status: 'open',
      service_code: 'ha-tang-so',
      service_name: 'Hạ tầng số và viễn thông',
      description: 'Cáp quang chưa tới thôn bản',
      agency_responsible: 'Bộ Khoa học và Công nghệ',
      expected_datetime: '2026-12-31T23:59:59+07:00',
    });
    expect(recent.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(list[1].status).toBe('closed');
    for (const k of ['address', 'lat', 'long', 'media_url', 'email', 'phone']) expect(recent).not.toHaveProperty(k);
    for (const secret of [PUBLISHED_EMAIL, HIDDEN_EMAIL, '0955555555', 'Người Gửi Riêng Tư', codes.hidden, codes.noConsent]) expect(res.body).not.toContain(secret);
  });

  it('filters by ids, service code, dates, status and limit', async () => {
    const ids = await inject('GET', `/open311/v2/requests.json?service_request_id=${codes.old},${codes.hidden}`);
    expect(ids.json().map((x: any) => x.service_request_id)).toEqual([codes.old]);
    const status = await inject('GET', '/open311/v2/requests.json?status=closed');
    expect(status.json().map((x: any) => x.service_request_id)).toEqual([codes.old]);
    const start = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const since = await inject('GET', `/open311/v2/requests.json?start_date=${encodeURIComponent(start)}`);
    expect(since.json().map((x: any) => x.service_request_id)).toEqual([codes.recent]);
    const until = await inject('GET', `/open311/v2/requests.json?end_date=${encodeURIComponent(start)}`);
    expect(until.json().map((x: any) => x.service_request_id)).toEqual([codes.old]);
    const other = await inject('GET', '/open311/v2/requests.json?service_code=du-lieu');
    expect(other.json()).toEqual([]);
    const limited = await inject('GET', '/open311/v2/requests.json?limit=1');
    expect(limited.json()).toHaveLength(1);
    for (const bad of ['limit=0', 'limit=1001', 'status=pending', 'start_date=hôm-qua']) {
      const res = await inject('GET', `/open311/v2/requests.json?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json()[0].code).toBe(400);
      expect(res.json()[0].description.length).toBeGreaterThan(10);
    }
  });

  it('shows one published request and 404s for unpublished ones', async () => {
    const one = await inject('GET', `/open311/v2/requests/${codes.old}.json`);
    expect(one.status).toBe(200);
    expect(one.json()[0].service_request_id).toBe(codes.old);
    for (const code of [codes.hidden, codes.noConsent, 'PAKN-2000-000001']) {
      const res = await inject('GET', `/open311/v2/requests/${code}.json`);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual([{ code: 404, description: 'Không tìm thấy yêu cầu hoặc dịch vụ với mã này.' }]);
    }
  });
});

describe('Open311 POST requests.json', () => {
  it('creates a submission with channel api from a form-encoded request, and resolves its token', async () => {
    const res = await inject('POST', '/open311/v2/requests.json', {
      ip: '198.51.100.7',
      form: {
        service_code: 'ha-tang-so',
        description: 'Trạm phát sóng ở thôn Nà Hang bị hỏng từ tuần trước, người dân không gọi được cấp cứu.',
        first_name: 'Lò Văn',
        last_name: 'Páo',
        email: 'lo.pao@example.vn',
        phone: '0966 123 456',
      },
    });
    expect(res.status).toBe(201);
    const [out] = res.json();
    expect(out.service_request_id).toMatch(/^PAKN-\d{4}-\d{6}$/);
    expect(out.service_notice).toContain(out.service_request_id);
    const [row] = await p.ctx.db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, out.service_request_id));
    expect(row).toMatchObject({ channel: 'api', kind: 'feedback', topicCode: 'ha-tang-so', submitterName: 'Lò Văn Páo', submitterEmail: 'lo.pao@example.vn', publishConsent: 'none', status: 'received' });
    expect(row!.title.startsWith('Trạm phát sóng ở thôn Nà Hang')).toBe(true);
    const token = await inject('GET', `/open311/v2/tokens/${out.token}.json`);
    expect(token.json()).toEqual([{ token: out.token, service_request_id: out.service_request_id }]);
    // not published: invisible in the lists
    const list = await inject('GET', `/open311/v2/requests.json?service_request_id=${out.service_request_id}`);
    expect(list.json()).toEqual([]);
  });

  it('accepts JSON and refuses bad input in Open311 form, in Vietnamese, writing nothing', async () => {
    const before = await p.ctx.db.$count(feedbackSubmission);
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ description: 'Thiếu mã dịch vụ', email: 'a@example.vn' }, 400, /service_code/],
      [{ service_code: 'ha-tang-so', email: 'a@example.vn' }, 400, /description/],
      [{ service_code: 'ha-tang-so', description: 'Không có liên hệ' }, 400, /email|điện thoại/],
      [{ service_code: 'khong-co', description: 'Mã dịch vụ lạ', email: 'a@example.vn' }, 400, /Lĩnh vực/],
      [{ service_code: 'ha-tang-so', description: 'Số điện thoại sai', phone: '123' }, 400, /điện thoại/],
    ];
    for (const [json, status, msg] of cases) {
      const res = await inject('POST', '/open311/v2/requests.json', { json, ip: '198.51.100.8' });
      expect(res.status, JSON.stringify(json)).toBe(status);
      const body = res.json();
      expect(body[0].code).toBe(status);
      expect(body[0].description).toMatch(msg);
    }
    expect(await p.ctx.db.$count(feedbackSubmission)).toBe(before);
    const ok = await inject('POST', '/open311/v2/requests.json', { json: { service_code: 'ha-tang-so', description: 'Gửi bằng JSON', email: 'json@example.vn' }, ip: '198.51.100.8' });
    expect(ok.status).toBe(201);
    expect(await p.ctx.db.$count(feedbackSubmission)).toBe(before + 1);
  });

  it('rate-limits POSTs per IP address with a 429 in Open311 form', async () => {
    const ip = '198.51.100.99';
    const body = { service_code: 'ha-tang-so', description: 'Kiểm tra giới hạn', email: 'gioihan@example.vn' };
    for (let i = 0; i < OPEN311_POST_LIMIT.max; i++) {
      const res = await inject('POST', '/open311/v2/requests.json', { json: body, ip });
      expect(res.status).toBe(201);
    }
    const before = await p.ctx.db.$count(feedbackSubmission);
    const limited = await inject('POST', '/open311/v2/requests.json', { json: body, ip });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()[0]).toMatchObject({ code: 429 });
    expect(limited.json()[0].description).toContain('Gửi quá nhiều');
    expect(await p.ctx.db.$count(feedbackSubmission)).toBe(before);
    // another address is not affected
    const other = await inject('POST', '/open311/v2/requests.json', { json: body, ip: '198.51.100.100' });
    expect(other.status).toBe(201);
  });
});
