/**
 * Revalidating public pages on a real database. An anonymous visitor's copy of an article,
 * document or static page is checked against the content version before the item is read: this
 * proves that answering so early stays correct — archiving the article changes the version, so the
 * old ETag gets the 404 rather than a 304; a signed-in reader is never answered 304 from an
 * anonymous ETag; an ETag sent for a page that never existed gets a 404.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode } from '../../src/org/queries';
import { article } from '../../src/portal/schema';
import { articleSearchColumns } from '../../src/portal/search-text';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let approver: TestAgent;
let a: { id: string; slug: string };

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const unit = (await findUnitByCode(db, '01'))!;
  const title = 'Hà Nội mở rộng dịch vụ công trực tuyến';
  const body = 'Thêm 120 thủ tục được thực hiện hoàn toàn trực tuyến.';
  [a] = await db
    .insert(article)
    .values({
      sectionUnitId: unit.id,
      slug: `ha-noi-dvc-${randomUUID().slice(0, 8)}`,
      title,
      summary: '',
      body,
      tags: [],
      status: 'published',
      publishedAt: new Date(Date.now() - 3_600_000),
      ...articleSearchColumns({ title, summary: '', body, tags: [] }),
    })
    .returning({ id: article.id, slug: article.slug });
  const u = await makeUser(db, { role: 'leader', orgCode: '01' });
  approver = await agentFor(p.app, db, u.id);
});
afterAll(async () => {
  await p?.close();
});

describe(`revalidated public pages on ${backend}`, () => {
  it('answers 304 from the content version, and never for an item that is gone', async () => {
    const anon = new TestAgent(p.app);
    await anon.get('/news'); // the first visit sets the CSRF cookie
    const page = await anon.get(`/news/${a.slug}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(page.headers.etag);
    const again = await anon.get(`/news/${a.slug}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe('');

    // signed in: the page carries the reader's name, so it is sent in full and never stored
    const signedIn = await approver.get(`/news/${a.slug}`, { 'if-none-match': etag });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');

    // an ETag only ever comes with the page: one sent for a slug that never existed is a 404
    expect((await anon.get('/news/khong-co-bai-nay', { 'if-none-match': etag })).status).toBe(404);
    expect((await anon.get('/documents/khong-co-van-ban-nay', { 'if-none-match': etag })).status).toBe(404);
    expect((await anon.get('/pages/khong-co-trang-nay', { 'if-none-match': etag })).status).toBe(404);

    // archiving bumps the content version: the old copy is not confirmed, the article is gone
    const archived = await approver.postForm(`/editor/articles/${a.id}/transition`, { action: 'archive' });
    expect(archived.status).toBe(303);
    const gone = await anon.get(`/news/${a.slug}`, { 'if-none-match': etag });
    expect(gone.status).toBe(404);
    expect(gone.headers.etag).toBeUndefined();
  });

  it('revalidates a legal document the same way', async () => {
    const anon = new TestAgent(p.app);
    await anon.get('/documents');
    const doc = await anon.get('/documents/57-nq-tw');
    expect(doc.status).toBe(200);
    const etag = String(doc.headers.etag);
    expect((await anon.get('/documents/57-nq-tw', { 'if-none-match': etag })).status).toBe(304);
    // the ETag is per URL: another document's copy does not match
    expect((await anon.get('/documents/57-nq-tw', { 'if-none-match': 'W/"khac"' })).status).toBe(200);
  });
});
