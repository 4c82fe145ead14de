/**
 * The overdue control's first run over a national backlog: more late tasks than the wire protocol
 * has bind parameters (65,535) are marked in one run, each with its audit event, and a second run
 * finds nothing left to mark.
 */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectOverdueTasks } from '../../src/monitoring/detect-overdue-tasks';
import { task } from '../../src/monitoring/schema';
import { auditEvent } from '../../src/platform/audit/schema';
import { NQ03_PLAN_CODE } from '../../src/seed/seed-reference';
import { backend } from '../support/db';
import { type TestPlatform, createTestPlatform } from '../support/platform';

const BACKLOG = 70_000;
let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
  // late tasks of a commune without users (no notices to write), straight in SQL: the test is the job, not task creation
  await p.database.executeSql(
    `INSERT INTO task (plan_id, code, title, lead_unit_id, deadline, status)
     SELECT (SELECT id FROM plan WHERE code = $1), 'TON-DONG-' || n, 'Việc tồn đọng số ' || n,
            (SELECT id FROM org_unit WHERE kind = 'commune' ORDER BY code LIMIT 1), DATE '2030-01-01' + (n % 300), CASE WHEN n % 2 = 0 THEN 'in_progress' ELSE 'not_started' END
     FROM generate_series(1, $2::int) AS n`,
    [NQ03_PLAN_CODE, BACKLOG],
  );
}, 300_000);
afterAll(async () => {
  await p?.close();
});

describe(`overdue control over a backlog on ${backend}`, () => {
  it(`marks ${BACKLOG.toLocaleString('en')} late tasks in one run, each audited, and leaves nothing for the next`, async () => {
    const now = new Date('2031-06-01T02:00:00Z');
    const first = await detectOverdueTasks(p.ctx.db, p.ctx.mailer, now);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(BACKLOG);
    const backlog = like(task.code, 'TON-DONG-%');
    expect(await p.ctx.db.$count(task, and(backlog, eq(task.status, 'overdue')))).toBe(BACKLOG);
    const [audited] = await p.ctx.db
      .select({ n: sql<number>`count(*)::int`, before: sql<string[]>`array_agg(DISTINCT ${auditEvent.before}->>'status' ORDER BY ${auditEvent.before}->>'status')` })
      .from(auditEvent)
      .innerJoin(task, sql`${task.id}::text = ${auditEvent.entityId}`)
      .where(and(eq(auditEvent.action, 'task.overdue'), backlog));
    expect(audited).toEqual({ n: BACKLOG, before: ['in_progress', 'not_started'] });
    const second = await detectOverdueTasks(p.ctx.db, p.ctx.mailer, new Date(now.getTime() + 3_600_000));
    expect(second.markedOverdue).toBe(0);
    expect(await p.ctx.db.$count(auditEvent, and(eq(auditEvent.action, 'task.overdue'), inArray(auditEvent.entityType, ['task'])))).toBe(first.markedOverdue);
  }, 300_000);
});
