/**
 * Stored XSS sweep: hostile markup (`<script>`, `<img onerror>`, `javascript:` links, an attribute
 * break-out `"><svg onload>`) is written into every free-text field that gets rendered — task
 * title, description, output, responsible name and extension reason; report texts and the
 * reviewer's comment; bottleneck;
 * PAKN title, content, submitter name, forwarding instruction, note, status update, information
 * request and answer; article title, summary, tags and Markdown body; document title, summary
 * and note; a user's full name — through the real HTTP routes. Then every staff and public page
 * that shows them is fetched and checked with a tag tokenizer: the payload must be there only as
 * text (no inline script, no event-handler attribute, no script URL). The Content-Security-Policy
 * must forbid inline script on every page as a second line of defence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackAssignment, feedbackSubmission } from '../../src/feedback/schema';
import { plan } from '../../src/monitoring/schema';
import { findUnitByCode } from '../../src/org/queries';
import { article, legalDocument } from '../../src/portal/schema';
import { hcmDate } from '../../src/monitoring/dates';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';
import { findLiveScript } from '../support/security/html-check';

let p: TestPlatform;
let dataDir: string;
const tag = randomUUID().slice(0, 6);

/** The payload for one field: every classic vector, and a marker that names the field. */
function payload(field: string) {
  return `"><svg onload=alert(1)><script>alert("${tag}")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">X${tag}-${field}</a>`;
}
const marker = (field: string) => `X${tag}-${field}`;

const MARKDOWN = [
  `Bài viết kiểm thử ${marker('article-body')}`,
  '',
  '<script>alert(1)</script>',
  '',
  '<img src=x onerror=alert(1)> <iframe src="https://example.com"></iframe>',
  '',
  '[bấm vào đây](javascript:alert(1)) và [lần nữa](JaVaScRiPt:alert(1)) và [mã hoá](&#106;avascript:alert(1))',
  '',
  '![ảnh](javascript:alert(1)) <a href="javascript:alert(1)" onclick="alert(1)">liên kết</a>',
  '',
  '<svg><script>alert(1)</script></svg> <math><mtext><script>alert(1)</script></mtext></math>',
].join('\n');

/** Enough ordinary Vietnamese for the intake's language rule to accept a payload beside it. */
const VIETNAMESE_TEXT =
  'Khi nộp hồ sơ trực tuyến trên cổng dịch vụ công của thành phố, bước thanh toán báo lỗi và không lưu được hồ sơ của tôi. ' +
  'Tôi đã thử lại nhiều lần vào các ngày khác nhau nhưng vẫn gặp lỗi như vậy, đề nghị cơ quan có thẩm quyền xem xét và khắc phục sớm để người dân không phải đi lại nhiều lần. ' +
  'Xin cảm ơn cơ quan đã tiếp nhận phản ánh này và mong sớm nhận được trả lời.';

const world: {
  agents: Record<string, TestAgent>;
  taskId?: string;
  reportId?: string;
  caseCode?: string;
  casePin?: string;
  infoCode?: string;
  infoPin?: string;
  articleId?: string;
  articleSlug?: string;
  documentId?: string;
  documentSlug?: string;
  userId?: string;
} = { agents: {} };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-xss-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  const mk = async (role: Parameters<typeof makeUser>[1]['role'], orgCode?: string) => agentFor(p.app, db, (await makeUser(db, { role, orgCode })).id);
  world.agents = {
    office: await mk('standing_office', 'VPTW'),
    admin: await mk('admin'),
    leader: await mk('leader', '01'),
    officer: await mk('officer', '01'),
    editor: await mk('editor', '01'),
    anon: new TestAgent(p.app),
  };
}, 120_000);
afterAll(async () => {
  await p?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function ok(r: { status: number; body: string }, ...want: number[]) {
  expect(want, r.body.slice(0, 800)).toContain(r.status);
}

/** GETs a page and returns the live-script findings, after checking it answered. */
async function sweep(agent: TestAgent, url: string, expectMarkers: string[] = []) {
  const r = await agent.get(url);
  expect(r.status, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
  const found = findLiveScript(r.body).map((f) => `${url}: ${f.what}: ${f.snippet}`);
  for (const m of expectMarkers) if (!r.body.includes(m)) found.push(`${url}: does not show ${m} (the sweep would be vacuous)`);
  return found;
}

describe(`stored XSS sweep on ${backend}`, () => {
  it('stores hostile text in every rendered field through the HTTP routes', async () => {
    const { office, officer, leader, editor, admin } = world.agents;
    const db = p.ctx.db;
    const hanoi = (await findUnitByCode(db, '01'))!;

    // monitoring: a public plan, a task, an extension request, a report, a bottleneck
    const [pl] = await db.insert(plan).values({ code: `KH-XSS-${tag}`, title: `Kế hoạch XSS ${tag}`, reportingCadence: 'monthly', isPublic: true }).returning();
    let r = await office.api('POST', '/api/v1/tasks', {
      planCode: pl.code,
      code: `NV-XSS-${tag}`,
      title: payload('task-title'),
      description: payload('task-description'),
      output: payload('task-output'),
      responsibleName: payload('task-responsible'),
      leadUnitCode: '01',
      deadline: '2030-06-30',
    });
    ok(r, 201);
    world.taskId = r.json().id;
    r = await officer.api('POST', `/api/v1/tasks/${world.taskId}/extensions`, { requestedDeadline: '2030-12-31', reason: payload('extension-reason') });
    ok(r, 200, 201);
    r = await officer.api('POST', `/api/v1/tasks/${world.taskId}/reports`, {
      percentDone: 40,
      periodDate: hcmDate(new Date()),
      doneText: payload('report-done'),
      obstaclesText: payload('report-obstacles'),
      proposalsText: payload('report-proposals'),
    });
    ok(r, 201);
    world.reportId = r.json().id;
    ok(await office.api('POST', `/api/v1/reports/${world.reportId}/review`, { decision: 'return', comment: payload('review-comment') }), 200);
    r = await officer.api('POST', '/api/v1/bottlenecks', { taskId: world.taskId, title: payload('bottleneck-title'), description: payload('bottleneck-description') });
    ok(r, 201);

    // PAKN: a case recorded by staff, forwarded with an instruction, noted, updated, answered, published
    r = await office.api('POST', '/api/v1/feedback', {
      channel: 'phone',
      kind: 'feedback',
      topicCode: 'thu-tuc-hanh-chinh',
      title: `Cổng dịch vụ công lỗi ${payload('case-title')}`.slice(0, 200),
      content: `${VIETNAMESE_TEXT} ${payload('case-content')}`,
      submitterType: 'individual',
      submitterName: payload('case-name'),
      submitterEmail: `xss-${tag}@example.vn`,
      publishConsent: 'named',
    });
    ok(r, 201);
    world.caseCode = r.json().code;
    world.casePin = r.json().pin;
    const code = world.caseCode!;
    ok(await office.api('POST', `/api/v1/feedback/${code}/accept`, { kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh' }), 200);
    ok(await office.api('POST', `/api/v1/feedback/${code}/forward`, { unitCodes: ['01.UBND'], instruction: payload('case-instruction') }), 200);
    const [sub] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, code));
    const [asg] = await db.select().from(feedbackAssignment).where(eq(feedbackAssignment.submissionId, sub.id));
    const a = `/api/v1/feedback/${code}/assignments/${asg.id}`;
    ok(await officer.api('POST', `${a}/accept`, {}), 200);
    ok(await officer.api('POST', `/api/v1/feedback/${code}/notes`, { body: payload('case-note') }), 200);
    ok(await officer.api('POST', `${a}/status-update`, { message: payload('case-status-update') }), 200);

    // a user whose name is hostile, made the case's officer
    r = await admin.api('POST', '/api/v1/users', {
      email: `xss-user-${tag}@test.nq57.vn`,
      fullName: payload('user-name'),
      password: 'Mật-khẩu-dài-2026!',
      role: 'officer',
      orgCode: '01.UBND',
    });
    ok(r, 201);
    world.userId = r.json().id;
    ok(await leader.api('POST', `${a}/officer`, { userId: world.userId }), 200);

    ok(await officer.api('POST', `${a}/answer`, { body: payload('case-answer') }), 200);
    ok(await officer.api('POST', `${a}/answer/submit`, {}), 200);
    ok(await leader.api('POST', `${a}/answer/approve`, {}), 200);

    // a second case waiting on an information request (the submitter reads the question)
    r = await office.api('POST', '/api/v1/feedback', {
      channel: 'email',
      kind: 'feedback',
      topicCode: 'thu-tuc-hanh-chinh',
      title: 'Hỏi về thủ tục cấp phép trực tuyến',
      content: 'Tôi muốn hỏi thủ tục cấp phép trực tuyến cần những giấy tờ gì và nộp ở đâu.',
      submitterType: 'individual',
      submitterName: 'Phạm Thị Hỏi',
      submitterEmail: `hoi-${tag}@example.vn`,
      publishConsent: 'none',
    });
    ok(r, 201);
    world.infoCode = r.json().code;
    world.infoPin = r.json().pin;
    ok(await office.api('POST', `/api/v1/feedback/${world.infoCode}/accept`, { kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh' }), 200);
    ok(await office.api('POST', `/api/v1/feedback/${world.infoCode}/forward`, { unitCodes: ['01.UBND'] }), 200);
    const [sub2] = await db.select().from(feedbackSubmission).where(eq(feedbackSubmission.code, world.infoCode!));
    const [asg2] = await db.select().from(feedbackAssignment).where(eq(feedbackAssignment.submissionId, sub2.id));
    const a2 = `/api/v1/feedback/${world.infoCode}/assignments/${asg2.id}`;
    ok(await officer.api('POST', `${a2}/accept`, {}), 200);
    ok(await officer.api('POST', `${a2}/info-request`, { question: payload('info-question') }), 200);

    // portal: an article written by the editor, published by the leader; a document
    r = await editor.postForm('/editor/articles', {
      sectionUnitId: hanoi.id,
      categoryId: '',
      title: payload('article-title'),
      summary: payload('article-summary'),
      body: MARKDOWN,
      tags: `an toàn, ${marker('article-tag')}<script>alert(1)</script>`,
      coverAlt: '',
    });
    ok(r, 303);
    world.articleId = /\/editor\/articles\/([0-9a-f-]{36})/.exec(r.location ?? '')?.[1];
    expect(world.articleId).toBeTruthy();
    ok(await editor.postForm(`/editor/articles/${world.articleId}/transition`, { action: 'submit' }), 303);
    ok(await leader.postForm(`/editor/articles/${world.articleId}/transition`, { action: 'publish' }), 303);
    const [art] = await db.select().from(article).where(eq(article.id, world.articleId!));
    expect(art.status).toBe('published');
    world.articleSlug = art.slug;

    r = await leader.postForm('/editor/documents', {
      sectionUnitId: hanoi.id,
      number: `${tag}/QĐ-UBND`,
      docType: 'quyet_dinh',
      title: payload('document-title'),
      issuer: 'UBND thành phố Hà Nội',
      issuedOn: '2026-01-15',
      summary: payload('document-summary'),
      status: 'in_force',
      note: payload('document-note'),
    });
    ok(r, 303);
    const [doc] = await db.select().from(legalDocument).where(eq(legalDocument.number, `${tag}/QĐ-UBND`));
    expect(doc).toBeTruthy();
    world.documentId = doc.id;
    world.documentSlug = doc.slug;
  }, 180_000);

  it('renders every stored payload as inert text on the staff pages', async () => {
    const { office, officer, leader, editor, admin } = world.agents;
    const found: string[] = [];
    const t = world.taskId!;
    const c = world.caseCode!;
    found.push(...(await sweep(office, `/tasks?q=${encodeURIComponent(`X${tag}`)}`, [marker('task-title')])));
    found.push(...(await sweep(office, '/tasks')));
    found.push(...(await sweep(office, `/tasks/${t}`, [marker('task-title'), marker('task-description'), marker('task-output'), marker('task-responsible'), marker('extension-reason')])));
    found.push(...(await sweep(officer, `/tasks/${t}`, [marker('task-title')])));
    found.push(...(await sweep(office, `/reports/${world.reportId}`, [marker('report-done'), marker('report-obstacles'), marker('report-proposals'), marker('review-comment')])));
    found.push(...(await sweep(office, '/reviews')));
    found.push(...(await sweep(office, '/bottlenecks', [marker('bottleneck-title')])));
    found.push(...(await sweep(office, '/dashboard')));
    found.push(...(await sweep(office, '/briefing')));
    found.push(...(await sweep(office, '/tasks/calendar')));
    found.push(...(await sweep(office, '/cases?tab=all')));
    found.push(...(await sweep(office, `/cases/${c}`, [marker('case-content'), marker('case-name'), marker('case-note'), marker('case-answer'), marker('user-name')])));
    // (the status update's message is kept in the case's event data but not shown on the pages)
    found.push(...(await sweep(officer, `/cases/${c}`, [marker('case-instruction')])));
    found.push(...(await sweep(officer, '/cases?tab=unit')));
    found.push(...(await sweep(officer, `/cases/${world.infoCode}`, [marker('info-question')])));
    found.push(...(await sweep(editor, '/editor', [marker('article-title')])));
    found.push(...(await sweep(editor, `/editor/articles/${world.articleId}`, [marker('article-title')])));
    found.push(...(await sweep(editor, `/editor/articles/${world.articleId}/revisions`)));
    found.push(...(await sweep(leader, '/editor/documents', [marker('document-title')])));
    found.push(...(await sweep(leader, `/editor/documents/${world.documentId}`, [marker('document-note')])));
    found.push(...(await sweep(admin, '/admin/users?q=xss-user', [marker('user-name')])));
    found.push(...(await sweep(admin, `/admin/users/${world.userId}`, [marker('user-name')])));
    found.push(...(await sweep(leader, '/org/01.UBND', [marker('user-name')])));
    found.push(...(await sweep(admin, '/admin/outbox')));
    expect(found).toEqual([]);
  }, 180_000);

  it('renders every stored payload as inert text on the public pages', async () => {
    const { anon } = world.agents;
    const found: string[] = [];
    found.push(...(await sweep(anon, '/')));
    found.push(...(await sweep(anon, '/news', [marker('article-title')])));
    found.push(...(await sweep(anon, `/news/${world.articleSlug}`, [marker('article-title'), marker('article-summary'), marker('article-body')])));
    found.push(...(await sweep(anon, `/search?q=${encodeURIComponent(`X${tag}`)}`)));
    found.push(...(await sweep(anon, '/documents', [marker('document-title')])));
    found.push(...(await sweep(anon, `/documents/${world.documentSlug}`, [marker('document-title'), marker('document-summary')])));
    found.push(...(await sweep(anon, '/feedback/answers')));
    found.push(...(await sweep(anon, `/feedback/answers/${world.caseCode}`, [marker('case-answer')])));
    found.push(...(await sweep(anon, '/progress/tasks', [marker('task-title')])));
    found.push(...(await sweep(anon, `/progress/tasks/${world.taskId}`, [marker('task-title')])));
    found.push(...(await sweep(anon, '/portal/01')));
    // the submitter's look-up pages, opened with code and PIN
    for (const [code, pin, markers] of [
      [world.caseCode!, world.casePin!, [marker('case-answer')]],
      [world.infoCode!, world.infoPin!, [marker('info-question')]],
    ] as const) {
      const r = await anon.postForm('/feedback/lookup', { code, pin });
      expect(r.status, r.body.slice(0, 300)).toBe(200);
      found.push(...findLiveScript(r.body).map((f) => `lookup ${code}: ${f.what}: ${f.snippet}`));
      for (const m of markers) if (!r.body.includes(m)) found.push(`lookup ${code}: does not show ${m}`);
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('keeps the payload out of the markup of feeds and JSON', async () => {
    const { anon } = world.agents;
    for (const url of ['/feeds/all.rss', '/feeds/all.atom']) {
      const r = await anon.get(url);
      expect(r.status, url).toBe(200);
      expect(r.body, url).toContain(marker('article-title'));
      // inside XML the payload must be escaped text or CDATA, never a live element
      expect(r.body, url).not.toMatch(/<script[\s>]/i);
      expect(r.body, url).not.toMatch(/<img\s+src=x/i);
    }
    const api = await anon.api('GET', '/api/v1/articles?limit=50');
    expect(api.status).toBe(200);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });

  it('sends a Content-Security-Policy without inline script on staff, public and error pages', async () => {
    const { anon, office } = world.agents;
    for (const [agent, url] of [
      [anon, '/'],
      [anon, `/news/${world.articleSlug}`],
      [anon, '/feedback/new'],
      [anon, '/khong-ton-tai'],
      [office, `/cases/${world.caseCode}`],
      [office, `/tasks/${world.taskId}`],
    ] as const) {
      const r = await agent.get(url);
      const csp = String(r.headers['content-security-policy'] ?? '');
      const scriptSrc = /(?:^|;)\s*script-src\s+([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src\s+([^;]*)/.exec(csp)?.[1];
      expect(scriptSrc, `${url}: ${csp}`).toBeTruthy();
      expect(scriptSrc, url).not.toContain("'unsafe-inline'");
      expect(scriptSrc, url).not.toContain("'unsafe-eval'");
      expect(scriptSrc, url).not.toMatch(/(^|\s)(\*|https?:|data:)(\s|$)/);
      expect(csp, url).toMatch(/object-src 'none'/);
      expect(csp, url).toMatch(/base-uri 'none'/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('would catch a live payload: the checker itself is not blind', () => {
    expect(findLiveScript('<p>ok</p><script>alert(1)</script>').length).toBeGreaterThan(0);
    expect(findLiveScript('<input value=""><svg onload=alert(1)>">').length).toBeGreaterThan(0);
    expect(findLiveScript('<a href=" jav&#x61;script:alert(1)">x</a>').length).toBeGreaterThan(0);
    expect(findLiveScript('<input value="&quot;&gt;&lt;svg onload=alert(1)&gt;">')).toEqual([]);
    expect(findLiveScript('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script src="/assets/app.js"></script>')).toEqual([]);
  });
});
