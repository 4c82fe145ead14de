/**
 * Demo checklist self-assessments for the communes of Hà Nội and Đà Nẵng for 2026-Q3, about half
 * of them confirmed by the city (a few answers corrected), some left unassessed, so the national
 * and provincial pages have something true-looking to show. Marked is_demo; deterministic.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { appUser, orgUnit } from '../../org/schema';
import { SYSTEM_ACTOR, recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { checklistAnswer } from '../schema';
import { CL_CQDP2C } from './definitions';
import { CHECKLIST_UNIT_KINDS } from './policies';
import { findChecklist } from './queries';

export const DEMO_CHECKLIST_PERIOD = '2026-Q3';
const DEMO_PROVINCES = [
  { code: '01', leader: 'lanhdao.hanoi@demo.nq57.vn' },
  { code: '48', leader: 'lanhdao.danang@demo.nq57.vn' },
];

/** A stable number in [0, 1) from a text. */
function unit01(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

export async function seedDemoChecklists(db: Database): Promise<void> {
  const checklist = await findChecklist(db, CL_CQDP2C);
  if (!checklist || checklist.criteria.length === 0) return;
  const actor = { ...SYSTEM_ACTOR, label: 'seed-demo' };
  for (const prov of DEMO_PROVINCES) {
    const [province] = await db.select().from(orgUnit).where(eq(orgUnit.code, prov.code));
    if (!province) continue;
    const [leader] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.email, prov.leader));
    const communes = await db
      .select({ id: orgUnit.id, code: orgUnit.code })
      .from(orgUnit)
      .where(and(eq(orgUnit.parentId, province.id), inArray(orgUnit.kind, [...CHECKLIST_UNIT_KINDS])));
    const rows: (typeof checklistAnswer.$inferInsert)[] = [];
    let assessed = 0;
    let confirmed = 0;
    for (const c of communes) {
      const r = unit01(`${c.code}:assess`);
      if (r < 0.12) continue; // not assessed yet
      assessed++;
      // ~45% meet everything, ~30% miss one or two, the rest miss three or more
      const missing = r < 0.57 ? 0 : r < 0.87 ? 1 + Math.floor(unit01(`${c.code}:m`) * 2) : 3 + Math.floor(unit01(`${c.code}:m`) * 3);
      const missed = new Set([...checklist.criteria].sort((a, b) => unit01(`${c.code}:${a.code}`) - unit01(`${c.code}:${b.code}`)).slice(0, missing).map((x) => x.id));
      const isConfirmed = unit01(`${c.code}:confirm`) < 0.5;
      if (isConfirmed) confirmed++;
      // the city finds one claimed criterion unmet in a few communes
      const corrected = isConfirmed && unit01(`${c.code}:correct`) < 0.2 ? checklist.criteria.find((x) => !missed.has(x.id))?.id : undefined;
      for (const crit of checklist.criteria) {
        const selfMet = !missed.has(crit.id);
        rows.push({
          criterionId: crit.id,
          orgUnitId: c.id,
          period: DEMO_CHECKLIST_PERIOD,
          selfMet,
          selfComment: selfMet ? null : '[DEMO] Đang triển khai, dự kiến hoàn thành trong quý sau.',
          evidenceText: selfMet ? '[DEMO] Báo cáo của UBND xã, phường kèm danh mục thiết bị, văn bản' : null,
          assessedAt: new Date('2026-09-25T03:00:00Z'),
          confirmedMet: isConfirmed ? (crit.id === corrected ? false : selfMet) : null,
          confirmComment: crit.id === corrected ? '[DEMO] Chưa có minh chứng đầy đủ khi kiểm tra thực tế.' : null,
          confirmedBy: isConfirmed ? (leader?.id ?? null) : null,
          confirmedAt: isConfirmed ? new Date('2026-10-05T03:00:00Z') : null,
          isDemo: true,
        });
      }
    }
    if (rows.length === 0) continue;
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(checklistAnswer).values(rows.slice(i, i + 500)).onConflictDoNothing();
      await recordAudit(tx, actor, {
        action: 'checklist.seedDemo',
        entityType: 'checklist_answer',
        entityId: province.id,
        after: { checklist: checklist.code, province: province.code, period: DEMO_CHECKLIST_PERIOD, communes: communes.length, assessed, confirmed },
      });
    });
  }
}
