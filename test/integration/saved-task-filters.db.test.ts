/** Saved filters of the task list: save with CSRF, list on /tasks, open, refuse duplicates, delete own only, audited. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedTaskFilter } from '../../src/monitoring/saved-filters/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import type { TestAgent, TestPlatform } from '../support/platform';
import { createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let hanoi: TestAgent;
let danang: TestAgent;
let hanoiId: string;

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  hanoiId = (await makeUser(db, { role: 'officer', orgCode: '01' })).id;
  hanoi = await agentFor(p.app, db, hanoiId);
  danang = await agentFor(p.app, db, (await makeUser(db, { role: 'officer', orgCode: '48' })).id);
});
afterAll(async () => {
  await p?.close();
});

async function auditCount(action: string, entityId: string) {
  const [r] = await p.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvent)
    .where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)));
  return Number(r.n);
}

describe(`saved task filters on ${backend}`, () => {
  it('saves the current filter, lists it on /tasks, refuses a duplicate name, and deletes only the owner’s filter', async () => {
    const list = await hanoi.get('/tasks?status=overdue&q=d%E1%BB%AF+li%E1%BB%87u&sort=code');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Bộ lọc đã lưu');
    expect(list.body).toContain('Bạn chưa lưu bộ lọc nào.');
    const hidden = /name="query" value="([^"]*)"/.exec(list.body)?.[1] ?? '';
    expect(hidden.replace(/&amp;/g, '&')).toBe('q=d%E1%BB%AF+li%E1%BB%87u&status=overdue&sort=code');

    // without the CSRF field nothing is saved
    expect((await hanoi.postForm('/tasks/filters', { filterName: 'x', query: 'status=overdue' }, { csrf: false })).status).toBe(403);

    const saved = await hanoi.postForm('/tasks/filters', { filterName: 'Quá hạn – dữ liệu', query: `${hidden.replace(/&amp;/g, '&')}&cursor=abc&evil=1` });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/tasks?q=d%E1%BB%AF+li%E1%BB%87u&status=overdue&sort=code');
    const [row] = await p.ctx.db.select().from(savedTaskFilter).where(eq(savedTaskFilter.userId, hanoiId));
    expect(row).toMatchObject({ name: 'Quá hạn – dữ liệu', query: 'q=d%E1%BB%AF+li%E1%BB%87u&status=overdue&sort=code' });
    expect(await auditCount('task_filter.save', row.id)).toBe(1);

    const after = await hanoi.get('/tasks');
    expect(after.body).toContain('Đã lưu bộ lọc.');
    expect(after.body).toContain(`href="/tasks?q=d%E1%BB%AF+li%E1%BB%87u&amp;status=overdue&amp;sort=code"`);
    expect(after.body).toContain(`action="/tasks/filters/${row.id}/delete"`);
    // another user does not see it
    expect((await danang.get('/tasks')).body).not.toContain('Quá hạn – dữ liệu');

    const dup = await hanoi.postForm('/tasks/filters', { filterName: 'Quá hạn – dữ liệu', query: 'status=overdue' });
    expect(dup.status).toBe(400);
    expect(dup.body).toContain('Bạn đã có bộ lọc cùng tên.');
    const empty = await hanoi.postForm('/tasks/filters', { filterName: '  ', query: 'status=overdue' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('error-summary');

    // another user cannot delete it; a bad id is 404
    expect((await danang.postForm(`/tasks/filters/${row.id}/delete`, {})).status).toBe(404);
    expect((await hanoi.postForm('/tasks/filters/not-a-uuid/delete', {})).status).toBe(404);
    expect((await hanoi.postForm(`/tasks/filters/${row.id}/delete`, {}, { csrf: false })).status).toBe(403);
    const del = await hanoi.postForm(`/tasks/filters/${row.id}/delete`, {});
    expect(del.status).toBe(303);
    expect(del.location).toBe('/tasks');
    expect(await p.ctx.db.select().from(savedTaskFilter).where(eq(savedTaskFilter.userId, hanoiId))).toEqual([]);
    expect(await auditCount('task_filter.delete', row.id)).toBe(1);
    expect((await hanoi.get('/tasks')).body).toContain('Đã xóa bộ lọc.');
  });
});
