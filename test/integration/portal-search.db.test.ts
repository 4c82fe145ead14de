/**
 * The one public search on a real database, with Vietnamese queries: with and without diacritics,
 * with a one-letter typo; title matches rank above body matches; drafts and unpublished PAKN
 * answers are never found; type and date filters; paging (page and API cursor); highlighting that
 * escapes everything but <mark>; bad input is a Vietnamese 400.
 * At scale (the last block, over 1,100 more articles): a common phrase is ranked over its newest
 * matches with title matches first and its total shown as "more than 1,000"; a rare phrase whose
 * matches are all older than the newest-first walk is still found in full through the index.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackSubmission } from '../../src/feedback/schema';
import { findUnitByCode } from '../../src/org/queries';
import { executeRows } from '../../src/platform/db/execute-rows';
import { foldText } from '../../src/platform/text/fold';
import { sql } from 'drizzle-orm';
import { bumpContentVersion } from '../../src/portal/content-version';
import { article } from '../../src/portal/schema';
import { COUNT_CAP, searchPortal } from '../../src/portal/search';
import { articleSearchColumns } from '../../src/portal/search-text';
import { backend } from '../support/db';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;

async function addArticle(title: string, body: string, opts: { status?: 'published' | 'draft'; daysAgo?: number } = {}) {
  const unit = (await findUnitByCode(p.ctx.db, 'VPTW'))!;
  const summary = '';
  const [a] = await p.ctx.db
    .insert(article)
    .values({
      sectionUnitId: unit.id,
      slug: `bai-${randomUUID().slice(0, 8)}`,
      title,
      summary,
      body,
      tags: [],
      status: opts.status ?? 'published',
      publishedAt: opts.status === 'draft' ? null : new Date(Date.now() - (opts.daysAgo ?? 1) * 86_400_000),
      ...articleSearchColumns({ title, summary, body, tags: [] }),
    })
    .returning();
  return a;
}

/** As the case workflow leaves it: question folded at intake, the answer added when answered. */
async function addAnswer(title: string, answer: string, published: boolean, content = 'Nội dung riêng tư của người gửi: không được tìm thấy qua cổng.') {
  const code = `PAKN-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`;
  await p.ctx.db.insert(feedbackSubmission).values({
    code,
    kind: 'feedback',
    title,
    content,
    submitterType: 'individual',
    submitterName: 'Người gửi',
    status: 'answered',
    publicAnswer: answer,
    publishedAt: published ? new Date() : null,
    searchText: foldText(`${title} ${content} ${answer}`),
  });
  return code;
}

let titleHit: { id: string };
let bodyHit: { id: string };
let draft: { id: string };
let answerCode: string;

beforeAll(async () => {
  p = await createTestPlatform();
  titleHit = await addArticle('Chuyển đổi số ở vùng cao Hà Giang', 'Bài viết kể về những bản làng đã có mạng.', { daysAgo: 10 });
  bodyHit = await addArticle('Tin tổng hợp tuần qua', 'Nhiều địa phương tiếp tục đẩy mạnh chuyển đổi số trong dịch vụ công.', { daysAgo: 1 });
  draft = await addArticle('Chuyển đổi số bản nháp bí mật', 'Chưa được công khai.', { status: 'draft' });
  await addArticle('Thử nghiệm sandbox cho fintech', 'Cơ chế thử nghiệm có kiểm soát.', { daysAgo: 2 });
  answerCode = await addAnswer('Đề nghị phủ sóng Internet vùng sâu', 'Bộ đã chỉ đạo các doanh nghiệp viễn thông lắp trạm phát sóng trong năm nay.', true, 'Xã tôi chưa có sóng điện thoại.');
  await addAnswer('Kiến nghị Internet chưa công khai', 'Câu trả lời chưa công khai về Internet vùng sâu.', false);
});
afterAll(async () => {
  await p?.close();
});

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe(`portal search on ${backend}`, () => {
  it('finds Vietnamese text with or without diacritics, and with one wrong letter', async () => {
    for (const q of ['chuyen doi so', 'Chuyển đổi số', 'CHUYỂN ĐỔI SỐ', 'chuyen doj so', 'chuyển đổi sô']) {
      const r = await searchPortal(p.ctx.db, { q, types: ['article'], limit: 10 });
      expect(ids(r.hits), q).toContain(titleHit.id);
      expect(ids(r.hits), q).toContain(bodyHit.id);
    }
    const typo = await searchPortal(p.ctx.db, { q: 'sandbx', types: ['article'], limit: 10 });
    expect(typo.hits[0]?.title).toBe('Thử nghiệm sandbox cho fintech');
    const none = await searchPortal(p.ctx.db, { q: 'khủng long bạo chúa', limit: 10 });
    expect(none.total).toBe(0);
  });

  it('ranks a title match above a body match, and never finds drafts', async () => {
    const r = await searchPortal(p.ctx.db, { q: 'chuyen doi so', types: ['article'], limit: 10 });
    const order = ids(r.hits);
    expect(order.indexOf(titleHit.id)).toBeLessThan(order.indexOf(bodyHit.id));
    expect(order).not.toContain(draft.id);
    expect(r.hits[0].titleHtml).toBe('<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> ở vùng cao Hà Giang');
    expect(r.hits.find((h) => h.id === bodyHit.id)!.snippetHtml).toContain('<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
  });

  it('finds documents and published PAKN answers only', async () => {
    const docs = await searchPortal(p.ctx.db, { q: 'nghi quyet 57', types: ['document'], limit: 5 });
    expect(docs.hits[0].url).toBe('/documents/57-nq-tw');
    const answers = await searchPortal(p.ctx.db, { q: 'internet vung sau', limit: 10 });
    const found = answers.hits.filter((h) => h.type === 'answer');
    expect(found.map((h) => h.url)).toEqual([`/feedback/answers/${answerCode}`]);
    const byAnswer = await searchPortal(p.ctx.db, { q: 'tram phat song', types: ['answer'], limit: 10 });
    expect(byAnswer.hits.map((h) => h.url)).toEqual([`/feedback/answers/${answerCode}`]);
    const privateText = await searchPortal(p.ctx.db, { q: 'noi dung rieng tu cua nguoi gui', types: ['answer'], limit: 10 });
    expect(privateText.total).toBe(0);
  });

  it('filters by type and date and pages', async () => {
    const all = await searchPortal(p.ctx.db, { q: 'chuyen doi so', limit: 50 });
    // the seeded Resolution 03 tasks on digital transformation are public and found too
    expect(new Set(all.hits.map((h) => h.type))).toEqual(new Set(['article', 'document', 'task']));
    expect(all.hits.filter((h) => h.type === 'task').every((h) => h.url.startsWith('/progress/tasks/'))).toBe(true);
    const recent = await searchPortal(p.ctx.db, { q: 'chuyen doi so', types: ['article'], from: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10), limit: 10 });
    expect(ids(recent.hits)).toEqual([bodyHit.id]);
    const first = await searchPortal(p.ctx.db, { q: 'chuyen doi so', types: ['article'], limit: 1 });
    const second = await searchPortal(p.ctx.db, { q: 'chuyen doi so', types: ['article'], limit: 1, offset: 1 });
    expect(first.total).toBe(2);
    expect(ids(first.hits)).toEqual([titleHit.id]);
    expect(ids(second.hits)).toEqual([bodyHit.id]);
    const past = await searchPortal(p.ctx.db, { q: 'chuyen doi so', types: ['article'], limit: 10, offset: 40 });
    expect(past.hits).toEqual([]);
    expect(past.total).toBe(2);
  });

  it('keeps the word list of everything searchable, and of no unpublished PAKN case', async () => {
    const kindsOf = async (word: string) =>
      (await executeRows<{ kind: string }>(p.ctx.db, sql`SELECT kind FROM search_word WHERE word = ${word} ORDER BY kind`)).map((r) => r.kind);
    const has = async (word: string) => (await kindsOf(word)).length > 0;
    expect(await kindsOf('sandbox')).toEqual(['article']);
    expect(await kindsOf('tram')).toContain('answer');
    const code = await addAnswer('Kiến nghị về quybitmanh', 'Trả lời chưa công khai.', false);
    expect(await has('quybitmanh')).toBe(false);
    expect((await searchPortal(p.ctx.db, { q: 'kien nghi quybitmanx', limit: 10 })).total).toBe(0);
    // published: searchable, and known, at once
    await p.ctx.db.update(feedbackSubmission).set({ publishedAt: new Date() }).where(sql`code = ${code}`);
    expect(await kindsOf('quybitmanh')).toEqual(['answer']);
    const typo = await searchPortal(p.ctx.db, { q: 'kien nghi quybitmanx', limit: 10 });
    expect(typo.hits.map((h) => h.url)).toEqual([`/feedback/answers/${code}`]);
    // an edited article's new words too
    const a = await addArticle('Tin vắn', 'Nội dung cũ.');
    await p.ctx.db
      .update(article)
      .set(articleSearchColumns({ title: 'Tin vắn', summary: '', body: 'Nội dung mới về zeppelinvn.', tags: [] }))
      .where(sql`id = ${a.id}`);
    expect(await has('zeppelinvn')).toBe(true);
  });

  it('serves the search page without JavaScript and the API with a cursor', async () => {
    const anon = new TestAgent(p.app);
    const page = await anon.get(`/search?q=${encodeURIComponent('chuyen doi so')}&type=article`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<mark>Chuyển</mark>');
    expect(page.body).toContain('Tìm thấy 2 kết quả');
    expect(page.body).toContain('<script src="/assets/portal-search.js" defer></script>');
    const hostile = await anon.get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.body).not.toContain('<script>alert(1)');
    const bad = await anon.get('/search?q=so&from=2025-13-40');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Ngày phải có dạng năm-tháng-ngày.');
    const api = await anon.api('GET', `/api/v1/search?q=${encodeURIComponent('chuyển đổi số')}&types=article&limit=1`);
    expect(api.status).toBe(200);
    expect(api.json().total).toBe(2);
    expect(api.json().items[0].id).toBe(titleHit.id);
    const next = await anon.api('GET', `/api/v1/search?q=${encodeURIComponent('chuyển đổi số')}&types=article&limit=1&cursor=${api.json().nextCursor}`);
    expect(next.json().items[0].id).toBe(bodyHit.id);
    expect(next.json().nextCursor).toBeNull();
    const missing = await anon.api('GET', '/api/v1/search');
    expect(missing.status).toBe(400);
    expect(missing.json().error.fields.q).toBeTruthy();
    const long = await anon.api('GET', `/api/v1/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    const openapi = (await anon.api('GET', '/api/docs/json')).json();
    for (const path of ['/api/v1/articles', '/api/v1/documents', '/api/v1/search']) expect(Object.keys(openapi.paths)).toContain(path);
  });

  it('answers a repeated search from memory until the public content changes, and never from another database', async () => {
    const anon = new TestAgent(p.app);
    const search = async (q: string) => (await anon.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}&types=article`)).json();
    await addArticle('Bản đồ số hóa đất đai ven biển', 'Lần thứ nhất.');
    const first = await search('bản đồ số hóa đất đai ven biển');
    expect(first.total).toBe(1);
    // written behind the portal's back (no version bump): the kept answer stands, for either spelling
    await addArticle('Bản đồ số hóa đất đai ven biển lần hai', 'Lần thứ hai.');
    expect((await search('ban do so hoa dat dai ven bien')).total).toBe(1);
    expect((await searchPortal(p.ctx.db, { q: 'ban do so hoa dat dai ven bien', types: ['article'], limit: 10 })).total).toBe(2);
    // a change visitors see bumps the version: the next search runs again
    await p.ctx.db.transaction((tx) => bumpContentVersion(tx));
    expect((await search('bản đồ số hóa đất đai ven biển')).total).toBe(2);
    // another database (another platform in this process) never sees this one's answers
    const other = await createTestPlatform();
    try {
      expect((await new TestAgent(other.app).api('GET', `/api/v1/search?q=${encodeURIComponent('bản đồ số hóa đất đai ven biển')}&types=article`)).json().total).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe(`portal search at scale on ${backend}`, () => {
  // "hạ tầng viễn thông nông thôn" is common (in every bulk article's body, and in two recent
  // titles); "cáp quang biên giới" is rare and only in two articles older than all the rest
  const BULK = 1100;
  let newestTitle: { id: string };
  let olderTitle: { id: string };
  let rareOld: { id: string };
  let rareOlder: { id: string };

  beforeAll(async () => {
    const unit = (await findUnitByCode(p.ctx.db, 'VPTW'))!;
    const hour = 3_600_000;
    const rows = Array.from({ length: BULK }, (_, i) => {
      const title = i === 5 || i === 17 ? `Hạ tầng viễn thông nông thôn: bản tin ${i}` : `Bản tin địa phương ${i}`;
      const body = `Tỉnh tiếp tục đầu tư hạ tầng viễn thông nông thôn, mục ${i}.`;
      return {
        sectionUnitId: unit.id,
        slug: `quy-mo-${i}-${randomUUID().slice(0, 6)}`,
        title,
        summary: '',
        body,
        tags: [],
        status: 'published' as const,
        publishedAt: new Date(Date.now() - (i + 1) * hour),
        ...articleSearchColumns({ title, summary: '', body, tags: [] }),
      };
    });
    const inserted = await p.ctx.db.insert(article).values(rows).returning({ id: article.id, title: article.title });
    newestTitle = inserted.find((a) => a.title.endsWith(' 5'))!;
    olderTitle = inserted.find((a) => a.title.endsWith(' 17'))!;
    rareOld = await addArticle('Cáp quang biên giới phía Bắc', 'Tuyến cáp mới nối các đồn biên phòng.', { daysAgo: 400 });
    rareOlder = await addArticle('Bản tin miền núi', 'Hoàn thành cáp quang biên giới ở hai xã vùng cao.', { daysAgo: 500 });
  });

  it('ranks a common phrase over its newest matches, title matches first, and caps the total', async () => {
    const first = await searchPortal(p.ctx.db, { q: 'ha tang vien thong nong thon', types: ['article'], limit: 10 });
    expect(first.totalCapped).toBe(true);
    expect(first.total).toBe(COUNT_CAP);
    expect(ids(first.hits).slice(0, 2)).toEqual([newestTitle.id, olderTitle.id]);
    // then body matches, newest first
    const bodyDates = first.hits.slice(2).map((h) => h.date!.getTime());
    expect(bodyDates).toEqual([...bodyDates].sort((a, b) => b - a));
    expect(first.hits.every((h) => h.snippetHtml.includes('<mark>viễn</mark> <mark>thông</mark>'))).toBe(true);
    const second = await searchPortal(p.ctx.db, { q: 'hạ tầng viễn thông nông thôn', types: ['article'], limit: 10, offset: 10 });
    expect(second.hits).toHaveLength(10);
    expect(ids(second.hits).filter((id) => ids(first.hits).includes(id))).toEqual([]);
    // the planner's row count (after ANALYZE) gives the estimate instead of an index count
    await p.ctx.db.execute(sql`ANALYZE article`);
    const estimated = await searchPortal(p.ctx.db, { q: 'ha tang vien thong nong thon', types: ['article'], limit: 10 });
    expect(estimated.totalCapped).toBe(true);
    expect(ids(estimated.hits)).toEqual(ids(first.hits));
  });

  it('finds a rare phrase in full when all its matches are older than the newest-first walk', async () => {
    const r = await searchPortal(p.ctx.db, { q: 'cap quang bien gioi', limit: 10 });
    expect(r.totalCapped).toBe(false);
    expect(r.total).toBe(2);
    expect(ids(r.hits)).toEqual([rareOld.id, rareOlder.id]);
    // a typo still falls back to the trigram pass
    // a typo in one word of several: the others narrow the search, the typo is one letter off
    const typo = await searchPortal(p.ctx.db, { q: 'cap quang bien gioj', types: ['article'], limit: 10 });
    expect(ids(typo.hits)).toEqual([rareOld.id, rareOlder.id]);
    const notATypo = await searchPortal(p.ctx.db, { q: 'cap quang bien xyzt', types: ['article'], limit: 10 });
    expect(notATypo.total).toBe(0);
    // and over a common phrase, the newest of its many matches come back
    const commonTypo = await searchPortal(p.ctx.db, { q: 'ha tang vien thong nong thln', types: ['article'], limit: 10 });
    expect(ids(commonTypo.hits).slice(0, 2)).toEqual([newestTitle.id, olderTitle.id]);
    expect(commonTypo.totalCapped).toBe(true);
    // the typo's results page on like any others
    const typoPage2 = await searchPortal(p.ctx.db, { q: 'ha tang vien thong nong thln', types: ['article'], limit: 10, offset: 10 });
    expect(typoPage2.hits).toHaveLength(10);
    expect(ids(typoPage2.hits).filter((id) => ids(commonTypo.hits).includes(id))).toEqual([]);
  });

  it('uses the word list: an unknown word is the typo, a typo into a real word still finds the phrase', async () => {
    const known = async (words: string[]) =>
      (await executeRows<{ word: string }>(p.ctx.db, sql`SELECT DISTINCT word FROM search_word WHERE word = ANY(${`{${words.join(',')}}`}::text[]) ORDER BY word`)).map((r) => r.word);
    expect(await known(['cap', 'quang', 'bien', 'gioi', 'gioj'])).toEqual(['bien', 'cap', 'gioi', 'quang']);
    // two unknown words: no row can lack only one of them
    expect((await searchPortal(p.ctx.db, { q: 'cap quang bienx gioj', limit: 10 })).total).toBe(0);
    // "gio" becomes a real word elsewhere: every word is known, none of the rows has them all, and
    // the one-letter-off pass still finds "gioi"
    await addArticle('Giỏ quà cho trẻ em vùng cao', 'Quà Tết đến các điểm trường.', { daysAgo: 3 });
    expect(await known(['gio'])).toEqual(['gio']);
    const intoRealWord = await searchPortal(p.ctx.db, { q: 'cap quang bien gio', types: ['article'], limit: 10 });
    expect(ids(intoRealWord.hits)).toEqual([rareOld.id, rareOlder.id]);
  });

  it('says "more than 1,000" on the page and in the API', async () => {
    const anon = new TestAgent(p.app);
    const page = await anon.get(`/search?q=${encodeURIComponent('viễn thông nông thôn')}&type=article`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Tìm thấy hơn 1.000 kết quả');
    const api = await anon.api('GET', `/api/v1/search?q=${encodeURIComponent('vien thong nong thon')}&types=article&limit=5`);
    expect(api.json()).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(api.json().items).toHaveLength(5);
    expect(api.json().nextCursor).toBeTruthy();
  });
});
