/**
 * Pages, the menu, the document library and component portals on a real database: who may make
 * a page public, menu links limited to safe addresses, documents with a sniffed file, date and
 * duplicate checks, scope of province editors, and a province's portal showing its own news.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode } from '../../src/org/queries';
import { article, legalDocument, portalMenuItem, portalPage } from '../../src/portal/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { DEMO_ARTICLES, seedDemoArticles } from '../../src/portal/seed-demo-articles';
import { LEGAL_DOCUMENTS, seedPortalReference } from '../../src/portal/seed-portal';
import { articleSearchColumns } from '../../src/portal/search-text';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let dataDir: string;
let editorNat: TestAgent;
let editorHN: TestAgent;
let office: TestAgent;
let vptw: string;
let hanoi: string;

function multipart(fields: [string, string][], file?: { name: string; content: Buffer }) {
  const boundary = `----nq57${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postDoc(agent: TestAgent, url: string, fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const body = multipart([['_csrf', await agent.csrf()], ...Object.entries(fields)], file);
  const res = await p.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', 'content-type': body.contentType, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nq57-portal-content-'));
  p = await createTestPlatform({ config: { dataDir } });
  const db = p.ctx.db;
  editorNat = await agentFor(p.app, db, (await makeUser(db, { role: 'editor', orgCode: 'VPTW' })).id);
  editorHN = await agentFor(p.app, db, (await makeUser(db, { role: 'editor', orgCode: '01' })).id);
  office = await agentFor(p.app, db, (await makeUser(db, { role: 'standing_office' })).id);
  vptw = (await findUnitByCode(db, 'VPTW'))!.id;
  hanoi = (await findUnitByCode(db, '01'))!.id;
});
afterAll(async () => {
  await p?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`portal pages, menu and documents on ${backend}`, () => {
  it('an editor drafts a page; only an approver makes it public', async () => {
    const draft = await editorNat.postForm('/editor/pages', { sectionUnitId: vptw, title: 'Giới thiệu cổng thông tin', body: '## Về chúng tôi', slug: '' });
    expect(draft.status).toBe(303);
    const [page] = await p.ctx.db.select().from(portalPage).where(eq(portalPage.slug, 'gioi-thieu-cong-thong-tin'));
    expect(page.published).toBe(false);
    const anon = new TestAgent(p.app);
    expect((await anon.get('/pages/gioi-thieu-cong-thong-tin')).status).toBe(404);
    const refused = await editorNat.postForm(`/editor/pages/${page.id}`, { title: page.title, body: page.body, slug: page.slug, published: 'on' });
    expect(refused.status).toBe(403);
    const ok = await office.postForm(`/editor/pages/${page.id}`, { title: page.title, body: page.body, slug: page.slug, published: 'on' });
    expect(ok.status).toBe(303);
    const shown = await anon.get('/pages/gioi-thieu-cong-thong-tin');
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('<h2>Về chúng tôi</h2>');
    const clash = await editorNat.postForm('/editor/pages', { sectionUnitId: vptw, title: 'Khác', body: 'x', slug: 'gioi-thieu-cong-thong-tin' });
    expect(clash.status).toBe(400);
    expect(clash.body).toContain('Địa chỉ trang này đã được dùng.');
  });

  it('the menu takes safe links only and is managed by root approvers', async () => {
    expect((await editorNat.postForm('/editor/menus', { label: 'Giới thiệu', href: '/pages/gioi-thieu-cong-thong-tin' })).status).toBe(403);
    const bad = await office.postForm('/editor/menus', { label: 'Độc hại', href: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Địa chỉ phải bắt đầu bằng / hoặc http(s)://.');
    expect(await p.ctx.db.select().from(portalMenuItem)).toHaveLength(0);
    expect((await office.postForm('/editor/menus', { label: 'Giới thiệu', href: '/pages/gioi-thieu-cong-thong-tin', sortOrder: '1' })).status).toBe(303);
    const home = await new TestAgent(p.app).get('/');
    expect(home.body).toContain('<a href="/pages/gioi-thieu-cong-thong-tin">Giới thiệu</a>');
    const [item] = await p.ctx.db.select().from(portalMenuItem);
    expect((await office.postForm(`/editor/menus/${item.id}/delete`, {})).status).toBe(303);
    expect(await p.ctx.db.select().from(portalMenuItem)).toHaveLength(0);
  });

  it('adds a document with a PDF; checks dates, duplicates, file type and scope', async () => {
    const pdf = Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`);
    const fields = { sectionUnitId: vptw, number: '99/KH-DEMO', docType: 'ke_hoach', title: 'Kế hoạch kiểm thử thư viện', issuer: 'Văn phòng kiểm thử', issuedOn: '2025-03-10', effectiveOn: '2025-03-01', status: 'in_force', summary: 'Tóm tắt' };
    const badDates = await postDoc(editorNat, '/editor/documents', fields, { name: 'kh.pdf', content: pdf });
    expect(badDates.status).toBe(400);
    expect(badDates.body).toContain('Ngày có hiệu lực không được trước ngày ban hành.');
    const exe = await postDoc(editorNat, '/editor/documents', { ...fields, effectiveOn: '2025-03-10' }, { name: 'kh.pdf', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]) });
    expect(exe.status).toBe(400);
    const ok = await postDoc(editorNat, '/editor/documents', { ...fields, effectiveOn: '2025-03-10' }, { name: 'Kế hoạch.pdf', content: pdf });
    expect(ok.status).toBe(303);
    const [doc] = await p.ctx.db.select().from(legalDocument).where(eq(legalDocument.number, '99/KH-DEMO'));
    expect(doc.slug).toBe('99-kh-demo');
    const anon = new TestAgent(p.app);
    const list = await anon.get('/documents?type=ke_hoach');
    expect(list.body).toContain('99/KH-DEMO');
    const file = await anon.get('/documents/99-kh-demo/file');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body).toContain('%PDF-1.4');
    const dup = await postDoc(editorNat, '/editor/documents', { ...fields, effectiveOn: '' });
    expect(dup.status).toBe(400);
    expect(dup.body).toContain('Đã có văn bản số này');
    const outside = await postDoc(editorHN, `/editor/documents/${doc.id}`, { ...fields, title: 'Sửa trộm', effectiveOn: '' });
    expect(outside.status).toBe(403);
    const [still] = await p.ctx.db.select().from(legalDocument).where(eq(legalDocument.id, doc.id));
    expect(still.title).toBe('Kế hoạch kiểm thử thư viện');
    // featuring on the national home page: root approvers only
    const feature = { ...fields, effectiveOn: '', featured: 'on' };
    expect((await postDoc(editorNat, `/editor/documents/${doc.id}`, feature)).status).toBe(403);
    expect((await postDoc(office, `/editor/documents/${doc.id}`, feature)).status).toBe(303);
    const home = await anon.get('/');
    const docsSection = home.body.slice(home.body.indexOf('id="home-docs"'));
    expect(docsSection.indexOf('99/KH-DEMO')).toBeGreaterThan(0);
    expect(docsSection.indexOf('99/KH-DEMO')).toBeLessThan(docsSection.indexOf('21/2026/QĐ-TTg'));
    // an editor's later edit keeps the flag
    expect((await postDoc(editorNat, `/editor/documents/${doc.id}`, { ...fields, effectiveOn: '', summary: 'Sửa tóm tắt' })).status).toBe(303);
    const [kept] = await p.ctx.db.select().from(legalDocument).where(eq(legalDocument.id, doc.id));
    expect(kept.featured).toBe(true);
    expect(kept.summary).toBe('Sửa tóm tắt');
  });

  it("a province's component portal shows its own news, the national news list shows all", async () => {
    const title = 'Tin riêng của Hà Nội về dữ liệu mở';
    await p.ctx.db.insert(article).values({
      sectionUnitId: hanoi,
      slug: 'tin-rieng-ha-noi',
      title,
      body: 'x',
      status: 'published',
      publishedAt: new Date(),
      ...articleSearchColumns({ title, summary: '', body: 'x', tags: [] }),
    });
    const anon = new TestAgent(p.app);
    const hn = await anon.get('/portal/01');
    expect(hn.status).toBe(200);
    expect(hn.body).toContain(title);
    const dn = await anon.get('/portal/48');
    expect(dn.body).not.toContain(title);
    expect((await anon.get('/news')).body).toContain(title);
    expect((await anon.get('/portal/khong-co')).status).toBe(404);
  });

  it('seeds the legal documents once and the demo articles marked as demo (idempotent)', async () => {
    const db = p.ctx.db;
    const count = async () => (await db.select().from(legalDocument).where(eq(legalDocument.isDemo, false))).length;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(LEGAL_DOCUMENTS.length);
    await db.transaction((tx) => seedPortalReference(tx, 'BCDTW'));
    expect(await count()).toBe(before);
    const [nq03] = await db.select().from(legalDocument).where(eq(legalDocument.number, '03/NQ-CP'));
    expect(nq03.issuedOn).toBe('2025-01-09');
    expect(nq03.issuer).toBe('Chính phủ');
    await db.transaction((tx) => seedDemoArticles(tx, { ...SYSTEM_ACTOR, label: 'test' }));
    await db.transaction((tx) => seedDemoArticles(tx, { ...SYSTEM_ACTOR, label: 'test' }));
    const demo = await db.select().from(article).where(eq(article.isDemo, true));
    expect(demo).toHaveLength(DEMO_ARTICLES.length);
    expect(demo.every((a) => a.title.startsWith('[DEMO] ') && a.status === 'published')).toBe(true);
    expect(demo.filter((a) => a.sectionUnitId === hanoi)).toHaveLength(2);
    expect(demo.filter((a) => a.featured)).toHaveLength(1);
    const home = await new TestAgent(p.app).get('/');
    expect(home.body).toContain('[DEMO] Ra mắt nền tảng theo dõi thực hiện Nghị quyết 57-NQ/TW');
  });
});
