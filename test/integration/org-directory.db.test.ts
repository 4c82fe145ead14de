/** The organisation directory on a real database: tree, search, unit pages, member visibility and the org-units API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { searchUnits } from '../../src/org/queries';
import { TIER, matchTier, prepareSearch } from '../../src/org/search';
import { orgUnit } from '../../src/org/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let hanoiOfficer: TestAgent;
let danangOfficer: TestAgent;
let viewer: TestAgent;
let hoanKiemUser: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const officer01 = await makeUser(db, { role: 'officer', orgCode: '01', fullName: 'Trần Thị Hà Nội' });
  const officer48 = await makeUser(db, { role: 'officer', orgCode: '48', fullName: 'Lê Văn Đà Nẵng' });
  const viewerUser = await makeUser(db, { role: 'viewer', orgCode: '01' });
  hoanKiemUser = await makeUser(db, { role: 'officer', orgCode: '00070', fullName: 'Nguyễn Văn Phường Hoàn Kiếm' });
  hanoiOfficer = await agentFor(p.app, db, officer01.id);
  danangOfficer = await agentFor(p.app, db, officer48.id);
  viewer = await agentFor(p.app, db, viewerUser.id);
});
afterAll(async () => {
  await p?.close();
});

const resultsSection = (html: string) => html.slice(html.indexOf('id="results-title"'));

describe(`directory on ${backend}`, () => {
  it('requires sign-in: HTML redirects to /login, the API answers 401 JSON', async () => {
    const anon = new TestAgent(p.app);
    const page = await anon.get('/org');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login?next=%2Forg');
    const unit = await anon.get('/org/01');
    expect(unit.status).toBe(303);
    const api = await anon.api('GET', '/api/v1/org-units');
    expect(api.status).toBe(401);
    expect(api.json().error.code).toBe('UNAUTHENTICATED');
    expect(api.json().error.message).toMatch(/đăng nhập/);
    expect((await anon.api('GET', '/api/v1/org-units/01')).status).toBe(401);
  });

  it('shows the tree with nested details: root, blocs, ministries and provinces', async () => {
    const r = await viewer.get('/org');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<details open');
    expect(r.body).toContain('<summary>');
    expect(r.body).toContain('href="/org/BCDTW"');
    expect(r.body).toContain('href="/org/VPTW"');
    expect(r.body).toContain('href="/org/BKHCN"');
    expect(r.body).toContain('href="/org/48"');
    expect(r.body).toContain('href="/org/01"');
    // communes are not in the overview
    expect(r.body).not.toContain('href="/org/00070"');
    expect(r.body).not.toMatch(/style=/);
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('searches without diacritics and ranks the best matches first', async () => {
    const daNang = await viewer.get('/org?q=da%20nang');
    expect(daNang.status).toBe(200);
    const section = resultsSection(daNang.body);
    expect(section).toContain('Thành phố Đà Nẵng');
    // the province itself comes before its party committee and council
    expect(section.indexOf('href="/org/48"')).toBeGreaterThan(-1);
    expect(section.indexOf('href="/org/48"')).toBeLessThan(section.indexOf('href="/org/48.TU"'));

    const hoanKiem = resultsSection((await viewer.get('/org?q=hoan+kiem')).body);
    expect(hoanKiem).toContain('Phường Hoàn Kiếm');
    expect(hoanKiem).toContain('href="/org/00070"');
    // shown with its province for context
    expect(hoanKiem).toContain('Thành phố Hà Nội');

    const ministry = resultsSection((await viewer.get('/org?q=bo%20khoa%20hoc')).body);
    const first = /<li><a href="\/org\/([^"]+)"/.exec(ministry);
    expect(first?.[1]).toBe('BKHCN');

    const withMarks = resultsSection((await viewer.get(`/org?q=${encodeURIComponent('Hoàn Kiếm')}`)).body);
    expect(withMarks).toContain('href="/org/00070"');

    const byCode = resultsSection((await viewer.get('/org?q=01.SKHCN')).body);
    expect(/<li><a href="\/org\/([^"]+)"/.exec(byCode)?.[1]).toBe('01.SKHCN');
  });

  it('ranks in SQL exactly as the JS mirror of the rules says, and tolerates typos', async () => {
    for (const q of ['da nang', 'hoan kiem', 'bo khoa hoc', '01.skhcn', 'kiem hoan', 'ha noi', 'hoan kiemm']) {
      const search = prepareSearch(q)!;
      const rows = await searchUnits(p.ctx.db, { search, limit: 200 });
      expect(rows.length, q).toBeGreaterThan(0);
      const texts = await p.ctx.db
        .select({ code: orgUnit.code, searchText: orgUnit.searchText })
        .from(orgUnit)
        .where(
          inArray(
            orgUnit.code,
            rows.map((r) => r.code),
          ),
        );
      for (const r of rows) {
        const text = texts.find((x) => x.code === r.code)!.searchText;
        expect(r.tier, `${q} → ${r.code}`).toBe(matchTier(text, r.code, search) ?? TIER.fuzzy);
      }
      const tiers = rows.map((r) => r.tier);
      expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    }
    const typo = await searchUnits(p.ctx.db, { search: prepareSearch('hoan kiemm')!, limit: 10 });
    expect(typo.map((r) => r.code)).toContain('00070');
  });

  it('caps search results at 50 and treats LIKE wildcards literally', async () => {
    const many = resultsSection((await viewer.get('/org?q=xa')).body);
    const count = (many.match(/<li><a href="\/org\//g) ?? []).length;
    expect(count).toBe(50);
    const wild = resultsSection((await viewer.get('/org?q=%25')).body);
    // "%" folds to nothing: no search is run, the tree is shown
    expect(wild).not.toContain('<li><a href="/org/');
    const underscore = await viewer.get('/org?q=_a_');
    expect(underscore.status).toBe(200);
  });

  it('shows a unit page with breadcrumbs, summary and all children', async () => {
    const r = await viewer.get('/org/01');
    expect(r.status).toBe(200);
    expect(r.body).toContain('class="breadcrumbs"');
    expect(r.body).toContain('href="/org/BCDTW"');
    expect(r.body).toContain('href="/org/KHOI_DIA_PHUONG"');
    expect(r.body).toContain('Thành phố Hà Nội');
    expect(r.body).toContain('Tỉnh, thành phố');
    expect(r.body).toContain('01/07/2025');
    const [{ n }] = await p.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgUnit)
      .where(sql`${orgUnit.parentId} = (SELECT id FROM org_unit WHERE code = '01')`);
    expect(Number(n)).toBeGreaterThan(100);
    const childLinks = r.body.slice(r.body.indexOf('id="unit-children"'), r.body.indexOf('id="unit-members"')).match(/<li><a href="\/org\//g) ?? [];
    expect(childLinks.length).toBe(Number(n));
  });

  it('answers 404 with a Vietnamese message for an unknown code', async () => {
    const r = await viewer.get('/org/KHONG_CO');
    expect(r.status).toBe(404);
    expect(r.body).toContain('Không tìm thấy đơn vị có mã KHONG_CO.');
    const api = await viewer.api('GET', '/api/v1/org-units/KHONG_CO');
    expect(api.status).toBe(404);
    expect(api.json().error.message).toBe('Không tìm thấy đơn vị có mã KHONG_CO.');
  });

  it('shows members only to those entitled in the subtree', async () => {
    const mine = await hanoiOfficer.get('/org/00070');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(hoanKiemUser.email);
    expect(mine.body).toContain('Nguyễn Văn Phường Hoàn Kiếm');

    const sibling = await danangOfficer.get('/org/01');
    expect(sibling.status).toBe(200);
    expect(sibling.body).toContain('Thành phố Hà Nội');
    expect(sibling.body).not.toContain('Trần Thị Hà Nội');
    expect(sibling.body).toContain('chỉ hiển thị cho cán bộ có thẩm quyền');
    const siblingCommune = await danangOfficer.get('/org/00070');
    expect(siblingCommune.status).toBe(200);
    expect(siblingCommune.body).not.toContain(hoanKiemUser.email);

    // a viewer has no org.readMembers even at their own unit
    const v = await viewer.get('/org/01');
    expect(v.body).not.toContain('Trần Thị Hà Nội');
  });
});

describe(`org-units API on ${backend}`, () => {
  it('walks every child of a province with a small page size, without duplicates', async () => {
    const detail = await viewer.api('GET', '/api/v1/org-units/01');
    expect(detail.status).toBe(200);
    const d = detail.json();
    expect(d).toMatchObject({ code: '01', kind: 'province', parentCode: 'KHOI_DIA_PHUONG' });
    expect(d.ancestors.map((a: { code: string }) => a.code)).toEqual(['BCDTW', 'KHOI_DIA_PHUONG']);
    expect(d.childCount).toBeGreaterThan(100);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/org-units?parent=01&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const r = await viewer.api('GET', url);
      expect(r.status).toBe(200);
      const body = r.json();
      expect(body.items.length).toBeLessThanOrEqual(7);
      for (const u of body.items) {
        expect(u.parentCode).toBe('01');
        seen.push(u.code);
      }
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(d.childCount);
    expect(seen.slice(0, 5)).toEqual(['01.TU', '01.HDND', '01.UBND', '01.MTTQ', '01.BCD57']);
  });

  it('pages search results the same way', async () => {
    const all = (await viewer.api('GET', '/api/v1/org-units?q=ha%20noi&limit=200')).json();
    expect(all.items[0].code).toBe('01');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await viewer.api('GET', `/api/v1/org-units?q=ha%20noi&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.json().items.map((u: { code: string }) => u.code));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((u: { code: string }) => u.code));
  });

  it('filters by kind', async () => {
    const r = await viewer.api('GET', '/api/v1/org-units?kind=province&limit=200');
    expect(r.json().items).toHaveLength(34);
    expect(r.json().nextCursor).toBeNull();
  });

  it('rejects bad parameters with the JSON error shape in Vietnamese', async () => {
    for (const limit of ['0', '201', 'abc', '2.5']) {
      const r = await viewer.api('GET', `/api/v1/org-units?limit=${limit}`);
      expect(r.status).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.fields.limit).toBe('Số bản ghi mỗi trang phải là số nguyên từ 1 đến 200.');
    }
    const kind = await viewer.api('GET', '/api/v1/org-units?kind=planet');
    expect(kind.status).toBe(400);
    expect(kind.json().error.fields.kind).toBeTruthy();
    const cursor = await viewer.api('GET', '/api/v1/org-units?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect(cursor.json().error.fields.cursor).toMatch(/Con trỏ phân trang/);
    // a cursor made for another listing is refused too
    const first = (await viewer.api('GET', '/api/v1/org-units?parent=01&limit=2')).json();
    const other = await viewer.api('GET', `/api/v1/org-units?parent=48&limit=2&cursor=${first.nextCursor}`);
    expect(other.status).toBe(400);
    const parent = await viewer.api('GET', '/api/v1/org-units?parent=NOPE');
    expect(parent.status).toBe(400);
    expect(parent.json().error.fields.parent).toBe('Không có đơn vị mã NOPE.');
  });

  it('publishes the endpoints in OpenAPI under the org-units tag', async () => {
    const doc = (await viewer.get('/api/docs/json')).json();
    expect(doc.paths['/api/v1/org-units'].get.tags).toEqual(['org-units']);
    expect(doc.paths['/api/v1/org-units/{code}'].get.tags).toEqual(['org-units']);
  });
});
