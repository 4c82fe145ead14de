/**
 * The portal's editorial workflow on a real database: an editor writes (multipart form with a
 * cover image), sends for review; approvers publish, schedule, return, archive inside their own
 * section only; illegal transitions are refused with 409 and change nothing; revisions with a
 * diff; hostile Markdown is inert on the public page; the published article reaches the news
 * list, home page, feeds, sitemap and API; ETag/304 and invalidation on publish.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode } from '../../src/org/queries';
import { auditEvent } from '../../src/platform/audit/schema';
import { storedFile } from '../../src/platform/files/schema';
import { pathForHash } from '../../src/platform/files/store';
import { createArticle } from '../../src/portal/create-article';
import { loadPrincipal } from '../../src/org/queries';
import { publishScheduledArticles } from '../../src/portal/publish-scheduled-articles';
import { article, articleRevision } from '../../src/portal/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let dataDir: string;
let editorHN: TestAgent;
let editorNat: TestAgent;
let approverHN: TestAgent;
let approverDN: TestAgent;
let office: TestAgent;
let ids: { hanoi: string; danang: string; vptw: string };
let editorHNId: string;
let approverDNId: string;

function multipartBody(fields: [string, string][], files: { field: string; filename: string; content: Buffer; type: string }[]) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postArticleForm(agent: TestAgent, url: string, fields: Record<string, string>, cover?: { content: Buffer; filename?: string; type?: string }) {
  const token = await agent.csrf();
  const body = multipartBody(
    [['_csrf', token], ...Object.entries(fields)],
    cover ? [{ field: 'cover', filename: cover.filename ?? 'anh-bia.png', content: cover.content, type: cover.type ?? 'image/png' }] : [],
  );
  const res = await p.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', 'content-type': body.contentType, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

const idFrom = (location: string | undefined) => /^\/editor\/articles\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1] ?? '';
const transition = (agent: TestAgent, id: string, form: Record<string, string>) => agent.postForm(`/editor/articles/${id}/transition`, form);
async function statusOf(id: string) {
  const [a] = await p.ctx.db.select().from(article).where(eq(article.id, id));
  return a;
}

let png: Buffer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-portal-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  const mk = async (role: 'editor' | 'leader' | 'standing_office', orgCode?: string) => {
    const u = await makeUser(db, { role, orgCode });
    return { id: u.id, agent: await agentFor(p.app, db, u.id) };
  };
  const eHN = await mk('editor', '01');
  editorHN = eHN.agent;
  editorHNId = eHN.id;
  editorNat = (await mk('editor', 'VPTW')).agent;
  approverHN = (await mk('leader', '01')).agent;
  const aDN = await mk('leader', '48');
  approverDN = aDN.agent;
  approverDNId = aDN.id;
  office = (await mk('standing_office')).agent;
  ids = {
    hanoi: (await findUnitByCode(db, '01'))!.id,
    danang: (await findUnitByCode(db, '48'))!.id,
    vptw: (await findUnitByCode(db, 'VPTW'))!.id,
  };
  png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#b22222' } })
    .png()
    .withMetadata({ exif: { IFD0: { Copyright: 'bi-mat-exif' } } })
    .toBuffer();
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`portal workflow on ${backend}`, () => {
  let hnId = '';

  it('an editor writes a draft with a cover image; slug from the Vietnamese title, revision 1, cover cleaned', async () => {
    const r = await postArticleForm(
      editorHN,
      '/editor/articles',
      {
        sectionUnitId: ids.hanoi,
        title: 'Đà Nẵng và Hà Nội đẩy mạnh chuyển đổi số',
        summary: 'Tóm tắt bài viết kiểm thử.',
        body: '# Mở đầu\n\nNội dung **chuyển đổi số** <script>alert(1)</script> [x](javascript:alert(1))',
        tags: 'chuyển đổi số, Hà Nội',
        coverAlt: 'Ảnh nền màu đỏ',
        intent: 'save',
      },
      { content: png },
    );
    expect(r.status).toBe(303);
    hnId = idFrom(r.location);
    const a = await statusOf(hnId);
    expect(a.status).toBe('draft');
    expect(a.slug).toBe('da-nang-va-ha-noi-day-manh-chuyen-doi-so');
    expect(a.tags).toEqual(['chuyển đổi số', 'Hà Nội']);
    expect(a.coverWidth).toBe(1600);
    const revs = await p.ctx.db.select().from(articleRevision).where(eq(articleRevision.articleId, hnId));
    expect(revs.map((x) => x.version)).toEqual([1]);
    const [file] = await p.ctx.db.select().from(storedFile).where(eq(storedFile.id, a.coverFileId!));
    expect(file.mimeType).toBe('image/jpeg');
    const stored = fs.readFileSync(pathForHash(dataDir, file.hash));
    expect(stored.includes(Buffer.from('bi-mat-exif'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    // a second article with the same title gets -2
    const again = await postArticleForm(editorHN, '/editor/articles', { sectionUnitId: ids.hanoi, title: 'Đà Nẵng và Hà Nội đẩy mạnh chuyển đổi số', body: 'Khác.' });
    expect((await statusOf(idFrom(again.location))).slug).toBe('da-nang-va-ha-noi-day-manh-chuyen-doi-so-2');
  });

  it('refuses a cover without alt text, a fake image, and keeps the typed values', async () => {
    const noAlt = await postArticleForm(editorHN, '/editor/articles', { sectionUnitId: ids.hanoi, title: 'Bài thiếu mô tả ảnh', body: 'Nội dung' }, { content: png });
    expect(noAlt.status).toBe(400);
    expect(noAlt.body).toContain('Nhập mô tả ảnh');
    expect(noAlt.body).toContain('Bài thiếu mô tả ảnh');
    const fake = await postArticleForm(
      editorHN,
      '/editor/articles',
      { sectionUnitId: ids.hanoi, title: 'Bài ảnh giả', body: 'Nội dung', coverAlt: 'x' },
      { content: Buffer.from('<svg onload="alert(1)"></svg>'), filename: 'a.png' },
    );
    expect(fake.status).toBe(400);
    expect(fake.body).toContain('phải là ảnh PNG hoặc JPEG');
    const [{ n }] = await p.ctx.db.select({ n: sql<number>`count(*)::int` }).from(article).where(sql`${article.title} IN ('Bài thiếu mô tả ảnh', 'Bài ảnh giả')`);
    expect(n).toBe(0);
  });

  it('a province editor cannot write in the national section or another province', async () => {
    const national = await postArticleForm(editorHN, '/editor/articles', { sectionUnitId: ids.vptw, title: 'Bài vượt quyền', body: 'x' });
    expect(national.status).toBe(403);
    const dnArticle = await postArticleForm(approverDN, '/editor/articles', { sectionUnitId: ids.danang, title: 'Tin Đà Nẵng', body: 'Nội dung Đà Nẵng' });
    expect(dnArticle.status).toBe(303);
    const dnId = idFrom(dnArticle.location);
    const edit = await postArticleForm(editorHN, `/editor/articles/${dnId}`, { title: 'Sửa trộm', body: 'x' });
    expect(edit.status).toBe(403);
    expect((await statusOf(dnId)).title).toBe('Tin Đà Nẵng');
    expect((await editorHN.get(`/editor/articles/${dnId}`)).status).toBe(403);
  });

  it('an editor cannot publish; illegal transitions are 409 and change nothing', async () => {
    const publish = await transition(editorHN, hnId, { action: 'publish' });
    expect(publish.status).toBe(403);
    expect((await statusOf(hnId)).status).toBe('draft');
    // archive a draft: not allowed from draft
    const archive = await transition(approverHN, hnId, { action: 'archive' });
    expect(archive.status).toBe(409);
    expect(archive.body).toContain('Bản nháp');
    const submit = await transition(editorHN, hnId, { action: 'submit' });
    expect(submit.status).toBe(303);
    expect((await statusOf(hnId)).status).toBe('in_review');
    const again = await transition(editorHN, hnId, { action: 'submit' });
    expect(again.status).toBe(409);
    expect((await statusOf(hnId)).status).toBe('in_review');
    const bogus = await transition(approverHN, hnId, { action: 'xoa-sach' });
    expect(bogus.status).toBe(400);
  });

  it('an approver in Hà Nội cannot publish a Đà Nẵng article; returning needs a note', async () => {
    const db = p.ctx.db;
    const principal = (await loadPrincipal(db, approverDNId, 'session'))!;
    const dn = await createArticle(db, dataDir, { sectionUnitId: ids.danang, title: 'Đà Nẵng thử nghiệm sandbox', body: 'Nội dung' }, { principal, actor: { userId: principal.userId, label: 'test' } });
    await db.update(article).set({ status: 'in_review' }).where(eq(article.id, dn.id));
    const r = await transition(approverHN, dn.id, { action: 'publish' });
    expect(r.status).toBe(403);
    expect((await statusOf(dn.id)).status).toBe('in_review');
    const noNote = await transition(approverHN, hnId, { action: 'return' });
    expect(noNote.status).toBe(400);
    expect(noNote.body).toContain('Nhập ý kiến khi trả lại');
    expect((await statusOf(hnId)).status).toBe('in_review');
  });

  it('keeps revisions and shows a diff', async () => {
    // editing in review is allowed to the editor; a new revision appears
    const a = await statusOf(hnId);
    const r = await postArticleForm(editorHN, `/editor/articles/${hnId}`, {
      title: a.title,
      summary: a.summary,
      body: `${a.body}\n\nĐoạn bổ sung về đổi mới sáng tạo.`,
      tags: a.tags.join(', '),
      coverAlt: a.coverAlt ?? '',
      expectedVersion: String(a.version),
      intent: 'save',
    });
    expect(r.status).toBe(303);
    const after = await statusOf(hnId);
    expect(after.version).toBe(2);
    // a stale form is refused
    const stale = await postArticleForm(editorHN, `/editor/articles/${hnId}`, { title: 'Cũ', body: 'cũ', coverAlt: 'x', expectedVersion: '1' });
    expect(stale.status).toBe(409);
    expect((await statusOf(hnId)).title).toBe(a.title);
    const page = await editorHN.get(`/editor/articles/${hnId}/revisions?from=1&to=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<ins>.*Đoạn.*<\/ins>/s);
    // preview renders without saving
    const preview = await postArticleForm(editorHN, `/editor/articles/${hnId}`, { title: 'Tiêu đề xem trước', body: '**đậm**', coverAlt: 'x', intent: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('<strong>đậm</strong>');
    expect((await statusOf(hnId)).title).toBe(a.title);
  });

  it('publishing makes the article public everywhere and changes the ETag', async () => {
    const anon = new TestAgent(p.app);
    // the first visit sets the CSRF cookie: browser-only caching
    const first = await anon.get('/news');
    expect(first.headers['set-cookie']).toBeTruthy();
    expect(first.headers['cache-control']).toBe('private, max-age=60');
    const before = await anon.get('/news');
    expect(before.status).toBe(200);
    expect(before.headers['set-cookie']).toBeUndefined();
    expect(before.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(before.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect((await anon.get('/news', { 'if-none-match': etag })).status).toBe(304);
    const slug = (await statusOf(hnId)).slug;
    expect((await anon.get(`/news/${slug}`)).status).toBe(404);

    const r = await transition(approverHN, hnId, { action: 'publish' });
    expect(r.status).toBe(303);
    const a = await statusOf(hnId);
    expect(a.status).toBe('published');
    expect(a.publishedAt).not.toBeNull();

    const afterPublish = await anon.get('/news', { 'if-none-match': etag });
    expect(afterPublish.status).toBe(200);
    expect(afterPublish.headers.etag).not.toBe(etag);
    expect(afterPublish.body).toContain(a.title);

    const page = await anon.get(`/news/${slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:3000/news/${slug}">`);
    expect(page.body).toContain('property="og:title"');
    expect(page.body).toContain('itemtype="https://schema.org/NewsArticle"');
    expect(page.body).toMatch(/<img[^>]+srcset="\/media\/[0-9a-f]{64}\/480\.jpg 480w/);
    expect(page.body).toContain('alt="Ảnh nền màu đỏ"');
    // hostile Markdown is inert
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toContain('href="javascript:');

    const img = page.body.match(/\/media\/([0-9a-f]{64})\/480\.jpg/)!;
    const variant = await anon.get(`/media/${img[1]}/480.webp`);
    expect(variant.status).toBe(200);
    expect(variant.headers['content-type']).toBe('image/webp');
    expect((await anon.get(`/media/${img[1]}/333.webp`)).status).toBe(404);

    expect((await anon.get('/')).body).toContain(a.title);
    const atom = await anon.get('/feeds/all.atom');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain(`<link href="http://localhost:3000/news/${slug}"/>`);
    const sitemap = await anon.get('/sitemap.xml');
    expect(sitemap.body).toContain(`<loc>http://localhost:3000/news/${slug}</loc>`);
    expect(sitemap.body).toContain('<loc>http://localhost:3000/portal/01</loc>');
    expect(sitemap.body).toContain('<loc>http://localhost:3000/documents/57-nq-tw</loc>');
    const api = await anon.api('GET', '/api/v1/articles?limit=50');
    expect(api.json().items.map((x: { slug: string }) => x.slug)).toContain(slug);
    // signed-in users get private pages
    expect((await approverHN.get('/news')).headers['cache-control']).toBe('private, no-store');

    const audit = await p.ctx.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, hnId), eq(auditEvent.action, 'article.publish')));
    expect(audit).toHaveLength(1);
  });

  it('scheduled articles appear only after their time; the job publishes them', async () => {
    const db = p.ctx.db;
    const natPrincipalAgent = editorNat;
    const created = await postArticleForm(natPrincipalAgent, '/editor/articles', { sectionUnitId: ids.vptw, title: 'Tin hẹn giờ quốc gia', body: 'Nội dung hẹn giờ' });
    const id = idFrom(created.location);
    expect((await transition(editorNat, id, { action: 'submit' })).status).toBe(303);
    const past = await transition(office, id, { action: 'schedule', publishAt: '2020-01-01T08:00' });
    expect(past.status).toBe(400);
    const r = await transition(office, id, { action: 'schedule', publishAt: '2099-01-01T08:00' });
    expect(r.status).toBe(303);
    const a = await statusOf(id);
    expect(a.status).toBe('scheduled');
    expect(a.publishAt?.toISOString()).toBe('2099-01-01T01:00:00.000Z');
    const anon = new TestAgent(p.app);
    expect((await anon.get(`/news/${a.slug}`)).status).toBe(404);
    expect((await anon.get('/news')).body).not.toContain('Tin hẹn giờ quốc gia');
    // the time comes (moved into the past): visible at once, then made explicit by the job
    await db.update(article).set({ publishAt: new Date(Date.now() - 60_000) }).where(eq(article.id, id));
    expect((await anon.get(`/news/${a.slug}`)).status).toBe(200);
    expect(await publishScheduledArticles(db)).toBe(1);
    const done = await statusOf(id);
    expect(done.status).toBe('published');
    expect(await publishScheduledArticles(db)).toBe(0);
    // archive takes it down at once
    expect((await transition(office, id, { action: 'archive' })).status).toBe(303);
    expect((await anon.get(`/news/${a.slug}`)).status).toBe(404);
    expect((await transition(office, id, { action: 'archive' })).status).toBe(409);
  });

  it('only the root approver features an article', async () => {
    expect((await transition(approverHN, hnId, { action: 'feature' })).status).toBe(403);
    expect((await statusOf(hnId)).featured).toBe(false);
    expect((await transition(office, hnId, { action: 'feature' })).status).toBe(303);
    expect((await statusOf(hnId)).featured).toBe(true);
  });

  it('lists the seeded legal documents with filters, pages and API', async () => {
    const anon = new TestAgent(p.app);
    const list = await anon.get('/documents?type=nghi_quyet&issuer=Ch%C3%ADnh%20ph%E1%BB%A7');
    expect(list.status).toBe(200);
    expect(list.body).toContain('03/NQ-CP');
    expect(list.body).toContain('71/NQ-CP');
    expect(list.body).not.toContain('57-NQ/TW</a>');
    const y2024 = await anon.get('/documents?year=2024');
    expect(y2024.body).toContain('57-NQ/TW');
    expect(y2024.body).not.toContain('03/NQ-CP');
    const doc = await anon.get('/documents/57-nq-tw');
    expect(doc.status).toBe(200);
    expect(doc.body).toContain('22/12/2024');
    expect(doc.body).toContain('Bộ Chính trị');
    const qd = await anon.api('GET', '/api/v1/documents?type=quyet_dinh');
    const numbers = qd.json().items.map((d: { number: string }) => d.number);
    expect(numbers).toContain('1131/QĐ-TTg');
    expect(qd.json().items.find((d: { number: string }) => d.number === '1131/QĐ-TTg').issuedOn).toBe('2025-06-12');
    const paged = await anon.api('GET', '/api/v1/documents?limit=2');
    expect(paged.json().items).toHaveLength(2);
    const next = await anon.api('GET', `/api/v1/documents?limit=2&cursor=${paged.json().nextCursor}`);
    expect(next.json().items[0].id).not.toBe(paged.json().items[0].id);
    const bad = await anon.api('GET', '/api/v1/documents?cursor=khong-hop-le');
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const robots = await anon.get('/robots.txt');
    expect(robots.body).toContain('Sitemap: http://localhost:3000/sitemap.xml');
    expect(robots.body).toContain('Disallow: /editor');
  });

  it('keeps the editor pages closed to the public and to staff without portal roles', async () => {
    const anon = new TestAgent(p.app);
    expect((await anon.get('/editor')).status).toBe(303);
    const officer = await makeUser(p.ctx.db, { role: 'officer', orgCode: '01' });
    const o = await agentFor(p.app, p.ctx.db, officer.id);
    expect((await o.get('/editor')).status).toBe(403);
    const upload = await postArticleForm(o, '/editor/articles', { sectionUnitId: ids.hanoi, title: 'x', body: 'y' }, { content: png });
    expect(upload.status).toBe(403);
    void editorHNId;
  });
});
