/**
 * The overdue control, run hourly by a job with the current time (tests pass their own `now`):
 * 1. tasks not started or in progress whose deadline (a Vietnamese calendar date) has passed
 *    become `overdue`, each change audited;
 * 2. reminders 7, 3 and 1 days before the deadline go to the people doing the work (responsible
 *    and accountable users, officers of the lead unit);
 * 3. escalations after it: from the first overdue day to the accountable user and the lead
 *    unit's leaders, from the seventh day to the standing office.
 * Every notice is a `task_notice` row, unique on (task, kind, recipient, deadline in force): it is
 * written and its e-mail queued in one transaction, so a second or concurrent run sends nothing
 * again; a deadline moved by an approved extension gets its own reminders.
 */
import { executeRows } from '../platform/db/execute-rows';
import { type SQL, and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { appUser, orgUnit, roleAssignment } from '../org/schema';
import { SYSTEM_ACTOR, recordAudits } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { t } from '../platform/i18n';
import type { Mailer } from '../platform/mail/mailer';
import { addDays, formatIsoDate, hcmDate } from './dates';
import { type NoticeKind, type TaskStatus, task, taskNotice } from './schema';

const OPEN: TaskStatus[] = ['not_started', 'in_progress'];

/** Which reminder a task due in `daysLeft` days gets (windows, so a missed hour never skips one). */
export function reminderKind(daysLeft: number): NoticeKind | null {
  if (daysLeft < 0 || daysLeft > 7) return null;
  if (daysLeft <= 1) return 'reminder_1d';
  if (daysLeft <= 3) return 'reminder_3d';
  return 'reminder_7d';
}

/** Escalations due for a task `daysLate` days past its deadline. */
export function escalationKinds(daysLate: number): NoticeKind[] {
  if (daysLate < 1) return [];
  return daysLate >= 7 ? ['escalation_leader', 'escalation_office'] : ['escalation_leader'];
}

export interface OverdueRunResult {
  markedOverdue: number;
  notices: number;
}

export async function detectOverdueTasks(db: Database, mailer: Mailer, now: Date, opts: { publicUrl?: string } = {}): Promise<OverdueRunResult> {
  const today = hcmDate(now);

  // 1. mark overdue, in one statement whatever the number: the first run over a national backlog
  // (tens of thousands of tasks) must neither send one id per bind parameter (the protocol stops at
  // 65,535) nor one audit insert per task
  const markedOverdue = await db.transaction(async (tx) => {
    const marked = await executeRows<{ id: string; before: TaskStatus; deadline: string }>(
      tx,
      sql`UPDATE ${task} SET status = 'overdue', updated_at = now()
          FROM (SELECT ${task.id} AS id, ${task.status} AS status FROM ${task}
                WHERE ${and(inArray(task.status, OPEN), isNotNull(task.deadline), lt(task.deadline, today))} FOR UPDATE) AS due
          WHERE ${task.id} = due.id
          RETURNING ${task.id} AS id, due.status AS before, ${task.deadline}::text AS deadline`,
    );
    await recordAudits(
      tx,
      SYSTEM_ACTOR,
      marked.map((m) => ({ action: 'task.overdue', entityType: 'task', entityId: m.id, before: { status: m.before }, after: { status: 'overdue', deadline: m.deadline, today } })),
    );
    return marked.length;
  });

  // 2. and 3. candidates: (task, kind) pairs not yet noticed, for tasks that have someone to tell.
  // Deciding this in SQL keeps a steady-state run proportional to what is new, not to every late task.
  const notNoticed = (kind: SQL) =>
    sql`NOT EXISTS (SELECT 1 FROM ${taskNotice} n WHERE n.task_id = ${task.id} AND n.kind = ${kind} AND n.deadline = ${task.deadline})`;
  const unitHas = (role: 'leader' | 'officer') =>
    sql`EXISTS (SELECT 1 FROM ${roleAssignment} ra JOIN ${appUser} au ON au.id = ra.user_id
                 WHERE ra.org_unit_id = ${task.leadUnitId} AND ra.role = ${role} AND au.status = 'active')`;
  const reminderKindSql = sql<NoticeKind>`CASE WHEN ${task.deadline} - ${today}::date <= 1 THEN 'reminder_1d'
                                               WHEN ${task.deadline} - ${today}::date <= 3 THEN 'reminder_3d'
                                               ELSE 'reminder_7d' END`;
  const upcoming = await db
    .select({ taskId: task.id, kind: reminderKindSql })
    .from(task)
    .where(
      and(
        inArray(task.status, OPEN),
        isNotNull(task.leadUnitId),
        sql`${task.deadline} BETWEEN ${today}::date AND ${addDays(today, 7)}::date`,
        notNoticed(reminderKindSql),
        sql`(${task.responsibleUserId} IS NOT NULL OR ${task.accountableUserId} IS NOT NULL OR ${unitHas('officer')})`,
      ),
    );
  const leaderEscalations = await db
    .select({ taskId: task.id })
    .from(task)
    .where(
      and(
        eq(task.status, 'overdue'),
        lt(task.deadline, today),
        notNoticed(sql`'escalation_leader'`),
        sql`(${task.accountableUserId} IS NOT NULL OR ${unitHas('leader')})`,
      ),
    );
  const pairs: { taskId: string; kind: NoticeKind }[] = [
    ...upcoming,
    ...leaderEscalations.map((r) => ({ taskId: r.taskId, kind: 'escalation_leader' as const })),
  ];

  let notices = 0;
  const byTask = new Map<string, NoticeKind[]>();
  for (const p of pairs) byTask.set(p.taskId, [...(byTask.get(p.taskId) ?? []), p.kind]);
  for (const [taskId, kinds] of byTask) {
    notices += await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ task, leadName: orgUnit.name })
        .from(task)
        .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
        .where(eq(task.id, taskId));
      if (!row?.task.deadline) return 0;
      const tk = row.task;
      const deadline = row.task.deadline;
      const unitPeople = tk.leadUnitId
        ? await tx
            .select({ id: appUser.id, role: roleAssignment.role })
            .from(roleAssignment)
            .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
            .where(and(eq(roleAssignment.orgUnitId, tk.leadUnitId), inArray(roleAssignment.role, ['leader', 'officer']), eq(appUser.status, 'active')))
        : [];
      let sent = 0;
      for (const kind of kinds) {
        const recipients = new Set<string>();
        if (kind.startsWith('reminder')) {
          for (const id of [tk.responsibleUserId, tk.accountableUserId]) if (id) recipients.add(id);
          for (const u of unitPeople) if (u.role === 'officer') recipients.add(u.id);
        } else {
          if (tk.accountableUserId) recipients.add(tk.accountableUserId);
          for (const u of unitPeople) if (u.role === 'leader') recipients.add(u.id);
        }
        if (recipients.size === 0) continue;
        const inserted = await tx
          .insert(taskNotice)
          .values([...recipients].map((recipientUserId) => ({ taskId, kind, recipientUserId, deadline })))
          .onConflictDoNothing()
          .returning({ recipientUserId: taskNotice.recipientUserId });
        if (inserted.length === 0) continue;
        const people = await tx
          .select({ id: appUser.id, email: appUser.email })
          .from(appUser)
          .where(inArray(appUser.id, inserted.map((i) => i.recipientUserId)));
        const kindText = t(`task.notice.${kind}`);
        for (const person of people) {
          await mailer.queueMail(tx, {
            to: person.email,
            subject: t('task.mail.subject', { kind: kindText, code: tk.code }),
            text: t('task.mail.body', {
              code: tk.code,
              title: tk.title,
              lead: row.leadName ?? tk.leadText ?? '',
              deadline: formatIsoDate(tk.deadline),
              status: t(`task.status.${tk.status}`),
              kind: kindText,
              url: `${opts.publicUrl ?? ''}/tasks/${tk.id}`,
            }),
            relatedUserId: person.id,
          });
        }
        sent += inserted.length;
      }
      return sent;
    });
  }
  notices += await escalateToStandingOffice(db, mailer, today, opts);
  return { markedOverdue, notices };
}

/** Rows listed in the standing office's digest e-mail; the in-app notices cover every task. */
const DIGEST_LIST = 20;

/**
 * Tasks a week or more past their deadline reach the standing office as in-app notices, one per
 * task, and as ONE digest e-mail per officer per run: the office follows the whole country and
 * would otherwise get a mail per task.
 */
async function escalateToStandingOffice(db: Database, mailer: Mailer, today: string, opts: { publicUrl?: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await executeRows<{ task_id: string; recipient_user_id: string }>(tx, sql`
      INSERT INTO ${taskNotice} (task_id, kind, recipient_user_id, deadline)
      SELECT t.id, 'escalation_office', au.id, t.deadline
        FROM ${task} t
        CROSS JOIN (SELECT DISTINCT u.id FROM ${roleAssignment} ra JOIN ${appUser} u ON u.id = ra.user_id
                     WHERE ra.role = 'standing_office' AND u.status = 'active') au
       WHERE t.status = 'overdue' AND t.deadline <= ${addDays(today, -7)}::date
         AND NOT EXISTS (SELECT 1 FROM ${taskNotice} n WHERE n.task_id = t.id AND n.kind = 'escalation_office' AND n.deadline = t.deadline)
      ON CONFLICT DO NOTHING
      RETURNING task_id, recipient_user_id`);
    if (rows.length === 0) return 0;
    const taskIds = [...new Set(rows.map((r) => r.task_id))];
    const listed = await tx
      .select({ id: task.id, code: task.code, title: task.title, deadline: task.deadline, leadName: orgUnit.name, leadText: task.leadText })
      .from(task)
      .leftJoin(orgUnit, eq(orgUnit.id, task.leadUnitId))
      .where(inArray(task.id, taskIds.slice(0, 5000)))
      .orderBy(task.deadline, task.code)
      .limit(DIGEST_LIST);
    const byRecipient = new Map<string, number>();
    for (const r of rows) byRecipient.set(r.recipient_user_id, (byRecipient.get(r.recipient_user_id) ?? 0) + 1);
    const people = await tx.select({ id: appUser.id, email: appUser.email }).from(appUser).where(inArray(appUser.id, [...byRecipient.keys()]));
    const lines = listed.map((x) => `- ${x.code} — ${x.title} (${x.leadName ?? x.leadText ?? ''}; hạn ${formatIsoDate(x.deadline)})`);
    const codes = listed.slice(0, 3).map((x) => x.code).join(', ');
    for (const person of people) {
      const count = byRecipient.get(person.id) ?? 0;
      await mailer.queueMail(tx, {
        to: person.email,
        subject: t('task.mail.digestSubject', { count, codes: count > 3 ? `${codes}, …` : codes }),
        text: t('task.mail.digestBody', { count, list: lines.join('\n'), more: Math.max(0, count - listed.length), url: `${opts.publicUrl ?? ''}/tasks?overdue=true` }),
        relatedUserId: person.id,
      });
    }
    return rows.length;
  });
}
