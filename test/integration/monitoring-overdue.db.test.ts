/** The overdue control job with a controlled clock: overdue marking, reminders and escalations, each sent once. */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { decideExtension } from '../../src/monitoring/decide-extension';
import { requestExtension } from '../../src/monitoring/request-extension';
import { detectOverdueTasks } from '../../src/monitoring/detect-overdue-tasks';
import { task, taskNotice } from '../../src/monitoring/schema';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { auditEvent } from '../../src/platform/audit/schema';
import { mailOutbox } from '../../src/platform/mail/schema';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';
import { agentFor } from '../support/sessions';

let p: TestPlatform;
let taskId: string;
const users: Record<string, string> = {};
const DEADLINE = '2031-03-20';
/** 09:00 in Hanoi, `days` from the deadline */
const at = (days: number) => new Date(Date.parse(`${DEADLINE}T09:00:00+07:00`) + days * 86_400_000);

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  users.officer = (await makeUser(db, { role: 'officer', orgCode: '04' })).id;
  users.leader = (await makeUser(db, { role: 'leader', orgCode: '04' })).id;
  users.office = (await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' })).id;
  users.other = (await makeUser(db, { role: 'officer', orgCode: '48' })).id;
  const office = (await loadPrincipal(db, users.office, 'session'))!;
  const created = await createTask(
    db,
    { planCode: NQ03_PLAN_CODE, code: 'CB-OVD', title: 'Hoàn thành cơ sở dữ liệu đất đai Cao Bằng', leadUnitCode: '04', deadline: DEADLINE },
    { principal: office, actor: { ...SYSTEM_ACTOR, label: 'test' } },
  );
  taskId = created.id;
});
afterAll(async () => {
  await p?.close();
});

async function noticesOfTask() {
  const rows = await p.ctx.db.select().from(taskNotice).where(eq(taskNotice.taskId, taskId));
  return rows.map((r) => `${r.kind}:${Object.keys(users).find((k) => users[k] === r.recipientUserId)}`).sort();
}
async function mailsOfTask() {
  const rows = await p.ctx.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%CB-OVD%'));
  return rows.map((r) => `${r.subject.split(':')[0]}:${Object.keys(users).find((k) => users[k] === r.relatedUserId)}`).sort();
}
const run = (days: number) => detectOverdueTasks(p.ctx.db, p.ctx.mailer, at(days), { publicUrl: 'https://nq57.example.vn' });

describe(`overdue control on ${backend}`, () => {
  it('does nothing for a task far from its deadline', async () => {
    await run(-30);
    expect(await noticesOfTask()).toEqual([]);
  });

  it('reminds 7, 3 and 1 days before, once each, even when run twice or concurrently', async () => {
    await run(-7);
    await run(-7);
    expect(await noticesOfTask()).toEqual(['reminder_7d:officer']);
    await Promise.all([run(-3), run(-3)]);
    await run(-2);
    expect(await noticesOfTask()).toEqual(['reminder_3d:officer', 'reminder_7d:officer']);
    await run(-1);
    await run(0);
    expect(await noticesOfTask()).toEqual(['reminder_1d:officer', 'reminder_3d:officer', 'reminder_7d:officer']);
    const mails = await mailsOfTask();
    expect(mails).toHaveLength(3);
    const [one] = await p.ctx.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%Còn 1 ngày%CB-OVD%'));
    expect(one.bodyText).toContain('https://nq57.example.vn/tasks/');
    expect(one.bodyText).toContain('20/03/2031');
    const [t] = await p.ctx.db.select().from(task).where(eq(task.id, taskId));
    expect(t.status).toBe('not_started');
  });

  it('marks the task overdue the day after the deadline (Hanoi time) and escalates to the leader', async () => {
    // 23:30 on the deadline day in Hanoi is still on time
    await detectOverdueTasks(p.ctx.db, p.ctx.mailer, new Date(`${DEADLINE}T23:30:00+07:00`));
    expect((await p.ctx.db.select().from(task).where(eq(task.id, taskId)))[0].status).toBe('not_started');
    const first = await run(1);
    await run(1);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);
    const [t] = await p.ctx.db.select().from(task).where(eq(task.id, taskId));
    expect(t.status).toBe('overdue');
    expect(await noticesOfTask()).toContain('escalation_leader:leader');
    expect((await noticesOfTask()).filter((n) => n.startsWith('escalation_office'))).toEqual([]);
    const audits = await p.ctx.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, taskId), eq(auditEvent.action, 'task.overdue')));
    expect(audits).toHaveLength(1);
    // the API finds it with overdue=true and with status=overdue
    const office = await agentFor(p.app, p.ctx.db, users.office);
    for (const q of ['overdue=true&leadUnit=04', 'status=overdue&leadUnit=04']) {
      const r = await office.api('GET', `/api/v1/tasks?${q}`);
      expect(r.json().items.map((x: any) => x.code)).toEqual(['CB-OVD']);
    }
    expect((await office.api('GET', '/api/v1/tasks?status=in_progress&leadUnit=04')).json().items).toEqual([]);
  });

  it('escalates to the standing office from day 7, once', async () => {
    await run(6);
    expect((await noticesOfTask()).filter((n) => n.startsWith('escalation_office'))).toEqual([]);
    await run(7);
    await run(8);
    await Promise.all([run(9), run(9)]);
    expect(await noticesOfTask()).toEqual([
      'escalation_leader:leader',
      'escalation_office:office',
      'reminder_1d:officer',
      'reminder_3d:officer',
      'reminder_7d:officer',
    ]);
    expect(await mailsOfTask()).toHaveLength(5);
    const [{ n }] = await p.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(taskNotice)
      .where(inArray(taskNotice.recipientUserId, [users.other]));
    expect(n).toBe(0);
  });

  it('after an approved extension, the new deadline gets its own reminders, once', async () => {
    const officer = (await loadPrincipal(p.ctx.db, users.officer, 'session'))!;
    const office = (await loadPrincipal(p.ctx.db, users.office, 'session'))!;
    const actor = { ...SYSTEM_ACTOR, label: 'test' };
    const ext = await requestExtension(p.ctx.db, taskId, { requestedDeadline: '2031-05-20', reason: 'Chờ số liệu' }, { principal: officer, actor });
    const decided = await decideExtension(p.ctx.db, ext.id, { decision: 'approved' }, { principal: office, actor, now: at(10) });
    expect(decided.task).toMatchObject({ status: 'in_progress', deadline: '2031-05-20', originalDeadline: DEADLINE });
    const newDeadline = Date.parse('2031-05-20T09:00:00+07:00');
    await detectOverdueTasks(p.ctx.db, p.ctx.mailer, new Date(newDeadline - 7 * 86_400_000));
    await detectOverdueTasks(p.ctx.db, p.ctx.mailer, new Date(newDeadline - 6 * 86_400_000));
    const rows = await p.ctx.db.select().from(taskNotice).where(and(eq(taskNotice.taskId, taskId), eq(taskNotice.kind, 'reminder_7d')));
    expect(rows.map((r) => r.deadline).sort()).toEqual([DEADLINE, '2031-05-20']);
    expect(await mailsOfTask()).toHaveLength(6);
  });

  it('shows the task and its notices on “My work”', async () => {
    const agent = await agentFor(p.app, p.ctx.db, users.leader);
    const r = await agent.get('/app');
    expect(r.status).toBe(200);
    expect(r.body).toContain('CB-OVD');
    expect(r.body).toContain('Quá hạn: báo lãnh đạo đơn vị');
    // the task is back in progress after the extension, no longer due within 14 days of today
    const other = await agentFor(p.app, p.ctx.db, users.other);
    expect((await other.get('/app')).body).not.toContain('CB-OVD');
  });
});
