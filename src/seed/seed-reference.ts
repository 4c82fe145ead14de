/**
 * Seeds reference data from `reference-data/`: the organisation tree, collective addressees,
 * Resolution 57's groups and targets, Resolution 03/NQ-CP's plan, 140 tasks and targets,
 * PAKN topics and strategic technologies. Runs once per database (recorded in app_meta).
 */
import { sql } from 'drizzle-orm';
import { seedFeedbackDeadlineDefaults } from '../feedback/deadlines/seed';
import { feedbackTopic } from '../feedback/schema';
import { seedTriageExamples } from '../feedback/triage/seed-triage-examples';
import { indicator } from '../indicators/schema';
import { plan, strategicTechnology, task, taskCoordinator, taskGroup } from '../monitoring/schema';
import { orgCollective, orgUnit } from '../org/schema';
import { SYSTEM_ACTOR, recordAudit } from '../platform/audit/record-audit';
import type { Database, Tx } from '../platform/db/client';
import { appMeta } from '../platform/db/meta-schema';
import { foldText } from '../platform/text/fold';
import { ROOT_CODE, buildOrgTree } from './build-org-tree';
import { seedPortalReference } from '../portal/seed-portal';
import { emptyToNull, readReferenceCsv, readReferenceJson, splitCodes } from './reference-data';

/** 'Đông Nam Á:<=3|Thế giới:<=50' → [{ scope, comparator, value }] */
export function parseTargetParts(text: string | undefined) {
  if (!text) return null;
  return text.split('|').map((part) => {
    const [scope, rule = ''] = part.split(':');
    const m = /^(<=|>=|<|>|=)?\s*(.+)$/.exec(rule.trim());
    return { scope: scope.trim(), comparator: m?.[1] ?? '=', value: Number(m?.[2]) };
  });
}

export const NQ03_PLAN_CODE = 'NQ03-CP-2025';

async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function isSeeded(db: Database, key: string): Promise<boolean> {
  const rows = await db.select().from(appMeta).where(sql`${appMeta.key} = ${key}`);
  return rows.length > 0;
}

export async function markSeeded(tx: Tx, key: string, value: unknown) {
  await tx.insert(appMeta).values({ key, value }).onConflictDoNothing();
}

export interface ReferenceSeedSummary {
  units: number;
  collectives: number;
  groups: number;
  tasks: number;
  indicators: number;
  topics: number;
  technologies: number;
}

export async function seedReferenceData(db: Database): Promise<ReferenceSeedSummary | null> {
  if (await isSeeded(db, 'seed.reference')) return null;
  const { units, collectives } = buildOrgTree();

  return db.transaction(async (tx) => {
    // Parents come before children in `units`, so the self-reference is satisfied row by row.
    await insertInBatches(units, 500, (b) => tx.insert(orgUnit).values(b));
    await tx.insert(orgCollective).values(collectives);
    await seedPortalReference(tx, ROOT_CODE);
    const unitIdByCode = new Map(units.map((u) => [u.code, u.id]));

    const groupsDoc = readReferenceJson<{ groups: any[] }>('nq57-groups.json');
    await tx.insert(taskGroup).values(
      groupsDoc.groups.map((g) => ({
        number: g.number,
        sortOrder: g.order,
        code: g.code,
        shortTitle: g.short_title_vi,
        title: g.title_vi,
        titleEn: g.title_en ?? null,
        resolutionSection: g.nq57_section ?? null,
      })),
    );

    const [nq03] = await tx
      .insert(plan)
      .values({
        code: NQ03_PLAN_CODE,
        title: 'Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW',
        isPublic: true,
        documentNumber: '03/NQ-CP',
        issuedOn: '2025-01-09',
        description:
          'Ban hành kèm theo Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ; Phụ lục II: 140 nhiệm vụ, Phụ lục I: các chỉ tiêu cụ thể.',
      })
      .returning();

    const taskRows = readReferenceCsv('nq03-tasks.csv').map((r) => {
      const leadCodes = splitCodes(r.lead_agency_codes);
      const singleLead = leadCodes.length === 1 ? (unitIdByCode.get(leadCodes[0]) ?? null) : null;
      return {
        planId: nq03.id,
        code: r.code,
        groupNumber: r.group,
        number: Number(r.number),
        title: r.title,
        leadUnitId: singleLead,
        leadUnitCodes: leadCodes,
        coordinatingUnitCodes: splitCodes(r.coordinating_agency_codes),
        leadText: emptyToNull(r.lead_agencies_rev) ?? emptyToNull(r.lead_agencies),
        coordinatingText: emptyToNull(r.coordinating_agencies_rev) ?? emptyToNull(r.coordinating_agencies),
        output: emptyToNull(r.output),
        deadlineText: emptyToNull(r.deadline_text),
        deadline: emptyToNull(r.deadline),
        // the deadline first set; approved extensions move `deadline` only
        originalDeadline: emptyToNull(r.deadline),
        // NQ 03 tasks are assigned by the Steering Committee; the standing office follows them
        assigningUnitId: unitIdByCode.get(ROOT_CODE) ?? null,
        recurring: r.recurring === 'true',
        recurrence: emptyToNull(r.recurrence),
        notes: emptyToNull(r.notes),
        searchText: foldText(`${r.code} ${r.title} ${r.output ?? ''}`),
      };
    });
    // Tasks led by collectives (ALL, ALL_PROVINCES, ALL_MINISTRIES) keep no lead unit: they are
    // parents to cascade from, no child tasks are made here.
    const insertedTasks: { id: string; code: string }[] = [];
    await insertInBatches(taskRows, 200, async (b) => {
      insertedTasks.push(...(await tx.insert(task).values(b).returning({ id: task.id, code: task.code })));
    });
    const taskIdByCode = new Map(insertedTasks.map((x) => [x.code, x.id]));
    const coordinatorRows = taskRows.flatMap((r) =>
      [...new Set(r.coordinatingUnitCodes)]
        .filter((code) => unitIdByCode.has(code))
        .map((code) => ({ taskId: taskIdByCode.get(r.code)!, orgUnitId: unitIdByCode.get(code)! })),
    );
    await insertInBatches(coordinatorRows, 500, (b) => tx.insert(taskCoordinator).values(b));

    const targetsDoc = readReferenceJson<{ targets: any[] }>('nq57-targets.json');
    const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    const nq57Rows = targetsDoc.targets.map((x, i) => ({
      code: x.code,
      source: 'NQ57' as const,
      number: null,
      horizon: x.horizon ?? null,
      sortOrder: i,
      name: x.name_vi,
      nameEn: x.name_en ?? null,
      unit: x.unit ?? null,
      targetText: x.target_text ?? null,
      comparator: x.comparator ?? null,
      targetValue: num(x.target_value),
      targetMin: num(x.target_min),
      targetMax: num(x.target_max),
      targetParts: x.target_parts ?? null,
      direction: x.direction ?? null,
      qualitative: !!x.qualitative,
      relatedCodes: x.nq03_target_codes ?? [],
      notes: emptyToNull(x.notes ?? ''),
      searchText: foldText(`${x.code} ${x.name_vi}`),
    }));
    const nq03Rows = readReferenceCsv('nq03-targets.csv').map((r) => ({
      code: r.code,
      source: 'NQ03' as const,
      number: r.number,
      parentNumber: emptyToNull(r.parent_number),
      isHeader: r.is_header === 'true',
      horizon: r.horizon ? Number(r.horizon) : null,
      sortOrder: Number(r.order) || 0,
      name: r.name,
      unit: emptyToNull(r.unit),
      targetText: emptyToNull(r.target_text),
      comparator: (emptyToNull(r.comparator) as any) ?? null,
      targetValue: num(r.target_value),
      targetMin: num(r.target_min),
      targetMax: num(r.target_max),
      targetParts: parseTargetParts(r.target_parts),
      direction: (emptyToNull(r.direction) as any) ?? null,
      qualitative: !r.comparator,
      monitoringUnitId: r.monitoring_agency_code ? (unitIdByCode.get(r.monitoring_agency_code) ?? null) : null,
      monitoringText: emptyToNull(r.monitoring_agency),
      notes: emptyToNull(r.notes),
      searchText: foldText(`${r.code} ${r.name}`),
    }));
    await tx.insert(indicator).values([...nq57Rows, ...nq03Rows]);

    const topics = readReferenceCsv('pakn-topics.csv').map((r, i) => ({
      code: r.code,
      name: r.name_vi,
      description: emptyToNull(r.description_vi),
      usualUnitCodes: splitCodes(r.usual_agency_codes),
      sortOrder: i,
    }));
    await tx.insert(feedbackTopic).values(topics);
    await seedTriageExamples(tx);

    const tech = readReferenceCsv('strategic-technologies.csv').map((r) => ({
      groupNumber: Number(r.group_no),
      groupName: r.group_name,
      productNumber: r.product_no ? Number(r.product_no) : null,
      productName: emptyToNull(r.product_name),
      verified: r.verified === 'yes',
      sources: emptyToNull(r.sources),
      notes: emptyToNull(r.notes),
    }));
    await tx.insert(strategicTechnology).values(tech);
    await seedFeedbackDeadlineDefaults(tx);

    const summary: ReferenceSeedSummary = {
      units: units.length,
      collectives: collectives.length,
      groups: groupsDoc.groups.length,
      tasks: taskRows.length,
      indicators: nq57Rows.length + nq03Rows.length,
      topics: topics.length,
      technologies: tech.length,
    };
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'seed.reference', entityType: 'system', after: summary });
    await markSeeded(tx, 'seed.reference', { at: new Date().toISOString(), ...summary });
    return summary;
  });
}
