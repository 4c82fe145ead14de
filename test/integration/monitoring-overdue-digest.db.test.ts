/** The standing office hears of long-overdue tasks as one digest e-mail per run, not one mail per task. */
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/monitoring/create-task';
import { detectOverdueTasks } from '../../src/monitoring/detect-overdue-tasks';
import { taskNotice } from '../../src/monitoring/schema';
import { loadPrincipal } from '../../src/org/queries';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import { mailOutbox } from '../../src/platform/mail/schema';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { makeUser } from '../support/factories';
import { type TestPlatform, createTestPlatform } from '../support/platform';

let p: TestPlatform;
const offices: string[] = [];
const DEADLINE = '2032-06-10';
const at = (days: number) => new Date(Date.parse(`${DEADLINE}T09:00:00+07:00`) + days * 86_400_000);

beforeAll(async () => {
  p = await createTestPlatform();
  const db = p.ctx.db;
  for (const email of ['vp1@test.nq57.vn', 'vp2@test.nq57.vn']) offices.push((await makeUser(db, { role: 'standing_office', orgCode: 'VPTW', email })).id);
  const office = (await loadPrincipal(db, offices[0]!, 'session'))!;
  for (let i = 1; i <= 25; i++) {
    await createTask(
      db,
      { planCode: NQ03_PLAN_CODE, code: `DG-${String(i).padStart(2, '0')}`, title: `Số hóa hồ sơ lưu trữ đợt ${i}`, leadUnitCode: '08', deadline: DEADLINE },
      { principal: office, actor: { ...SYSTEM_ACTOR, label: 'test' } },
    );
  }
});
afterAll(async () => {
  await p?.close();
});

describe(`standing office digest on ${backend}`, () => {
  it('notices every task in the app, e-mails each officer once with the list, and sends nothing again', async () => {
    const first = await detectOverdueTasks(p.ctx.db, p.ctx.mailer, at(8));
    expect(first.markedOverdue).toBeGreaterThanOrEqual(25);
    const mails = await p.ctx.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%Quá hạn 7 ngày%'));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['vp1@test.nq57.vn', 'vp2@test.nq57.vn']);
    for (const m of mails) {
      // the seeded Resolution 03 tasks are long overdue by 2032 too: all of them are in one mail
      const count = Number(/: (\d+) nhiệm vụ/.exec(m.subject)?.[1]);
      expect(count).toBeGreaterThanOrEqual(25);
      expect(m.bodyText.match(/^- /gm)?.length).toBe(20);
      expect(m.bodyText).toContain(`và ${count - 20} nhiệm vụ khác`);
    }
    const [{ n }] = await p.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(taskNotice)
      .where(eq(taskNotice.kind, 'escalation_office'));
    expect(n).toBeGreaterThanOrEqual(50);

    await detectOverdueTasks(p.ctx.db, p.ctx.mailer, at(9));
    await Promise.all([detectOverdueTasks(p.ctx.db, p.ctx.mailer, at(10)), detectOverdueTasks(p.ctx.db, p.ctx.mailer, at(10))]);
    const again = await p.ctx.db.select().from(mailOutbox).where(like(mailOutbox.subject, '%Quá hạn 7 ngày%'));
    expect(again).toHaveLength(2);
  });
});
