/** Public task pages ("3 công khai"): only public plans, only public fields, found by the portal search. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { plan, task } from '../../src/monitoring/schema';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { searchPortal } from '../../src/portal/search';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { TestAgent, type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
let publicId: string;
let internalId: string;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  const office = await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' });
  const principal = (await loadPrincipal(db, office.id, 'session'))!;
  await db.insert(plan).values({ code: 'KH-NOI-BO', title: 'Kế hoạch nội bộ của Văn phòng' });
  const pub = await createTask(
    db,
    { planCode: NQ03_PLAN_CODE, code: 'CK-01', title: 'Xây dựng nền tảng số đo lường kinh tế số cấp tỉnh', leadUnitCode: '48', deadline: '2027-06-30', responsibleName: 'Trần Văn Phụ Trách' },
    { principal, actor: SYSTEM_ACTOR },
  );
  const internal = await createTask(
    db,
    { planCode: 'KH-NOI-BO', code: 'NB-01', title: 'Xây dựng nền tảng số đo lường nội bộ', leadUnitCode: '48', deadline: '2027-06-30' },
    { principal, actor: SYSTEM_ACTOR },
  );
  publicId = pub.id;
  internalId = internal.id;
  await db.update(task).set({ status: 'in_progress', percentDone: 40 }).where(eq(task.id, publicId));
});
afterAll(async () => {
  await p?.close();
});

describe(`public tasks on ${backend}`, () => {
  it('lists the public plans’ tasks to anyone, found without diacritics, never an internal plan’s', async () => {
    const anon = new TestAgent(p.app);
    // the first visit sets the CSRF cookie: no shared cache may keep that response
    expect((await anon.get('/progress/tasks')).headers['cache-control']).toBe('private, max-age=60');
    const r = await anon.get(`/progress/tasks?q=${encodeURIComponent('nen tang so do luong')}`);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.body).toContain(`/progress/tasks/${publicId}`);
    expect(r.body).not.toContain(internalId);
    expect(r.body).toContain('Tìm thấy 1 nhiệm vụ');
    const all = (await anon.api('GET', '/api/v1/public/tasks?page=1')).json();
    expect(all.total).toBe(141);
    expect(all.items.every((x: { planCode: string }) => x.planCode === NQ03_PLAN_CODE)).toBe(true);
  });

  it('shows a public task without the people behind it; an internal task is not found', async () => {
    const anon = new TestAgent(p.app);
    const page = await anon.get(`/progress/tasks/${publicId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Đang thực hiện');
    expect(page.body).toContain('40%');
    expect(page.body).not.toContain('Trần Văn Phụ Trách');
    const hidden = await anon.get(`/progress/tasks/${internalId}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toContain('Không tìm thấy nhiệm vụ công khai này.');
    const bad = await anon.api('GET', '/api/v1/public/tasks?status=dang-lam');
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toMatch(/[ăâđêôơư]/);
  });

  it('is found by the portal search, with a typo, and the internal one is not', async () => {
    const r = await searchPortal(p.ctx.db, { q: 'nen tang so do luong kinh te so cap tinh', types: ['task'], limit: 10 });
    expect(r.hits.map((h) => h.url)).toEqual([`/progress/tasks/${publicId}`]);
    const typo = await searchPortal(p.ctx.db, { q: 'kinh te so cap tihn', types: ['task'], limit: 10 });
    expect(typo.hits.map((h) => h.url)).toContain(`/progress/tasks/${publicId}`);
    expect(typo.hits.map((h) => h.url)).not.toContain(`/progress/tasks/${internalId}`);
  });
});
