/**
 * One small world for the security tests: unit A, Đà Nẵng's People's Committee ('48.UBND'), owns
 * a task with a progress report, a PAKN case forwarded to it with an internal note and a draft
 * answer, and an unpublished article; accounts of every role sit at A itself, under A (its
 * Department of Science and Technology), at the sibling province's People's Committee (TP HCM,
 * '79.UBND') and above A (the province '48'). Every private text carries a unique
 * tag so a test can prove it never reaches someone who should not read it.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { feedbackAssignment } from '../../../src/feedback/schema';
import { submitFeedback } from '../../../src/feedback/submit-feedback';
import { ROLE_PERMISSIONS, type Permission } from '../../../src/org/policies';
import { findUnitByCode, loadPrincipal, rootUnit } from '../../../src/org/queries';
import { ROLES, type Role } from '../../../src/org/schema';
import { hcmDate } from '../../../src/monitoring/dates';
import { plan, task } from '../../../src/monitoring/schema';
import { SYSTEM_ACTOR } from '../../../src/platform/audit/record-audit';
import { createArticle } from '../../../src/portal/create-article';
import { makeUser } from '../factories';
import { TestAgent, type TestPlatform } from '../platform';
import { agentFor } from '../sessions';

export const UNIT_A = '48.UBND';
export const RELATIONS = { own: '48.UBND', child: '48.SKHCN', sibling: '79.UBND', parent: '48' } as const;
export type Relation = keyof typeof RELATIONS;

export interface Actor {
  name: string;
  role: Role;
  relation: Relation;
  unitCode: string;
  userId: string;
  agent: TestAgent;
}

export interface World {
  actors: Actor[];
  anon: TestAgent;
  unitAId: string;
  taskId: string;
  reportId: string;
  caseCode: string;
  assignmentId: string;
  articleId: string;
  /** an officer of A: the user the admin routes are asked about */
  userId: string;
  /** texts only A's handlers (and national oversight) may read */
  secrets: Record<string, string>;
}

export function rolePerms(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export async function buildWorld(p: TestPlatform, dataDir: string): Promise<World> {
  const db = p.ctx.db;
  const tag = randomUUID().slice(0, 8);
  const secrets = {
    taskTitle: `Nhiệm vụ nội bộ Đà Nẵng ${tag}`,
    reportText: `Báo cáo tiến độ nội bộ ${tag}`,
    submitterEmail: `bimat-${tag}@example.vn`,
    submitterPhone: `09${String(randomInt(10_000_000, 99_999_999))}`,
    idNumber: `0481${String(randomInt(10_000_000, 99_999_999))}`,
    note: `Ghi chú nội bộ bí mật ${tag}`,
    draft: `Dự thảo trả lời chưa duyệt ${tag}`,
    articleTitle: `Bài viết chưa xuất bản ${tag}`,
  };

  const actors: Actor[] = [];
  for (const role of ROLES) {
    for (const [relation, unitCode] of Object.entries(RELATIONS) as [Relation, string][]) {
      const u = await makeUser(db, { role, orgCode: unitCode, fullName: `Kiểm thử ${role} ${relation}` });
      actors.push({ name: `${role}@${relation}`, role, relation, unitCode, userId: u.id, agent: await agentFor(p.app, db, u.id) });
    }
  }
  const find = (role: Role, relation: Relation) => actors.find((a) => a.role === role && a.relation === relation)!;
  const officeAgent = await agentFor(p.app, db, (await makeUser(db, { role: 'standing_office', orgCode: 'VPTW' })).id);

  const unitA = (await findUnitByCode(db, UNIT_A))!;
  const root = (await rootUnit(db))!;

  // a task led by A, assigned by the Steering Committee, in a plan that is not public
  const [pl] = await db.insert(plan).values({ code: `KH-BM-${tag}`, title: `Kế hoạch kiểm thử bảo mật ${tag}`, reportingCadence: 'monthly' }).returning();
  const [t] = await db
    .insert(task)
    .values({ planId: pl.id, code: `NV-BM-${tag}`, title: secrets.taskTitle, leadUnitId: unitA.id, assigningUnitId: root.id, deadline: '2030-12-31' })
    .returning();

  // A's officer reports on it
  const officerA = find('officer', 'own');
  const rep = await officerA.agent.api('POST', `/api/v1/tasks/${t.id}/reports`, { percentDone: 30, periodDate: hcmDate(new Date()), doneText: secrets.reportText });
  expect(rep.status, rep.body).toBe(201);

  // a case forwarded to A, accepted, with an internal note and a draft answer
  const sub = await submitFeedback(
    db,
    {
      kind: 'feedback',
      topicCode: 'thu-tuc-hanh-chinh',
      title: `Cổng dịch vụ công thành phố báo lỗi khi nộp hồ sơ ${tag}`,
      content: `Khi nộp hồ sơ trực tuyến, bước thanh toán báo lỗi và không lưu được hồ sơ của tôi (${tag}).`,
      submitterType: 'individual',
      submitterName: 'Nguyễn Văn Kiểm',
      submitterEmail: secrets.submitterEmail,
      submitterPhone: secrets.submitterPhone,
      submitterIdNumber: secrets.idNumber,
      publishConsent: 'anonymous',
    },
    { actor: SYSTEM_ACTOR },
  );
  let r = await officeAgent.postForm(`/cases/${sub.code}/accept`, { kind: 'feedback', topicCode: 'thu-tuc-hanh-chinh', agencyCode: UNIT_A });
  expect(r.status, r.body).toBe(303);
  r = await officeAgent.postForm(`/cases/${sub.code}/forward`, { otherUnitCodes: UNIT_A, instruction: 'Đề nghị xem xét, trả lời theo thẩm quyền.' });
  expect(r.status, r.body).toBe(303);
  const [assignment] = await db.select().from(feedbackAssignment).where(eq(feedbackAssignment.submissionId, sub.id));
  expect(assignment?.unitId).toBe(unitA.id);
  const base = `/cases/${sub.code}/assignments/${assignment.id}`;
  r = await officerA.agent.postForm(`${base}/accept`, {});
  expect(r.status, r.body).toBe(303);
  r = await officerA.agent.postForm(`/cases/${sub.code}/notes`, { body: secrets.note });
  expect(r.status, r.body).toBe(303);
  r = await officerA.agent.postForm(`${base}/answer`, { body: secrets.draft });
  expect(r.status, r.body).toBe(303);

  // an unpublished article of A's section
  const editorA = find('editor', 'own');
  const principal = (await loadPrincipal(db, editorA.userId, 'session'))!;
  const art = await createArticle(
    db,
    dataDir,
    { sectionUnitId: unitA.id, title: secrets.articleTitle, summary: 'Tóm tắt nháp.', body: 'Nội dung nháp của bài viết.' },
    { principal, actor: { ...SYSTEM_ACTOR, label: 'test' } },
  );

  return {
    actors,
    anon: new TestAgent(p.app),
    unitAId: unitA.id,
    taskId: t.id,
    reportId: rep.json().id,
    caseCode: sub.code,
    assignmentId: assignment.id,
    articleId: art.id,
    userId: officerA.userId,
    secrets,
  };
}
