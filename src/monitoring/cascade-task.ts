/**
 * Cascades a task to subordinate units: one child task per unit, inheriting plan, group, output
 * and deadline. Idempotent per unit (the child's code is `<parent code>.<unit code>`, unique in
 * the plan). Targets: chosen unit codes, all 34 provinces, or all communes of one province. Every
 * target must lie below the parent's lead unit, or be a unit the principal manages (the standing
 * office may cascade a central task to any unit).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Principal, can } from '../org/policies';
import { findUnitByCode } from '../org/queries';
import { orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { parseInput } from '../platform/validation';
import { isStandingOffice } from './policies';
import { task } from './schema';
import { taskFor } from './task-access';
import { taskSearchText, unitCodeList } from './task-input';

export const CASCADE_MAX_UNITS = 500;
const COMMUNE_KINDS = ['commune', 'ward', 'special_zone'] as const;

export const cascadeTaskInput = z.discriminatedUnion(
  'target',
  [
    z.object({ target: z.literal('units'), unitCodes: unitCodeList.min(1, { message: t('task.cascade.noUnits') }) }),
    z.object({ target: z.literal('provinces') }),
    z.object({ target: z.literal('communes'), provinceCode: z.string().trim().min(1, { message: t('field.required') }).max(40) }),
  ],
  { message: t('field.choose') },
);
export type CascadeTaskInput = z.input<typeof cascadeTaskInput>;

export async function cascadeTask(db: Database, parentId: string, raw: CascadeTaskInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(cascadeTaskInput, raw);
  return db.transaction(async (tx) => {
    const parent = await taskFor(tx, opts.principal, parentId, 'cascade');
    const unitCols = { id: orgUnit.id, code: orgUnit.code, path: orgUnit.path, name: orgUnit.name };
    let units: { id: string; code: string; path: string; name: string }[];
    if (input.target === 'provinces') {
      units = await tx.select(unitCols).from(orgUnit).where(eq(orgUnit.kind, 'province')).orderBy(orgUnit.sortOrder);
    } else if (input.target === 'communes') {
      const province = await findUnitByCode(tx, input.provinceCode);
      if (province?.kind !== 'province') {
        throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { provinceCode: t('task.cascade.notProvince', { code: input.provinceCode }) });
      }
      units = await tx
        .select(unitCols)
        .from(orgUnit)
        .where(and(eq(orgUnit.parentId, province.id), inArray(orgUnit.kind, [...COMMUNE_KINDS])))
        .orderBy(orgUnit.sortOrder);
    } else {
      const codes = [...new Set(input.unitCodes)];
      if (codes.length > CASCADE_MAX_UNITS) {
        throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { unitCodes: t('task.cascade.tooMany', { max: CASCADE_MAX_UNITS }) });
      }
      units = await tx.select(unitCols).from(orgUnit).where(inArray(orgUnit.code, codes));
      const missing = codes.find((c) => !units.some((u) => u.code === c));
      if (missing) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { unitCodes: t('task.unknownUnit', { code: missing }) });
    }
    // A unit below the lead unit, or one the principal manages (the standing office: any).
    const leadPath = parent.lead?.path;
    const reachable = (u: { path: string }) =>
      (leadPath ? u.path !== leadPath && u.path.startsWith(leadPath) : true) || isStandingOffice(opts.principal) || can(opts.principal, 'task.manage', u.path);
    const outside = units.find((u) => !reachable(u) || u.path === leadPath);
    if (outside) {
      throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, {
        [input.target === 'units' ? 'unitCodes' : 'target']: t('task.cascade.notSubordinate', { code: outside.code }),
      });
    }
    const p = parent.task;
    const created = units.length
      ? await tx
          .insert(task)
          .values(
            units.map((u) => {
              const code = `${p.code}.${u.code}`;
              return {
                planId: p.planId,
                code,
                groupNumber: p.groupNumber,
                number: p.number,
                title: p.title,
                description: p.description,
                leadUnitId: u.id,
                leadUnitCodes: [u.code],
                leadText: u.name,
                output: p.output,
                deadlineText: p.deadlineText,
                deadline: p.deadline,
                originalDeadline: p.deadline,
                recurring: p.recurring,
                recurrence: p.recurrence,
                reportingCadence: p.reportingCadence,
                priority: p.priority,
                source: p.source,
                bloc: p.bloc,
                criteriaGroup: p.criteriaGroup,
                parentTaskId: p.id,
                assigningUnitId: p.leadUnitId ?? p.assigningUnitId,
                searchText: taskSearchText(code, p.title, p.output),
              };
            }),
          )
          .onConflictDoNothing()
          .returning({ id: task.id, code: task.code })
      : [];
    if (created.length) {
      await recordAudit(tx, opts.actor, {
        action: 'task.cascade',
        entityType: 'task',
        entityId: p.id,
        after: { target: input.target, created: created.length, units: created.length <= 50 ? created.map((c) => c.code) : undefined },
      });
      // each child's own timeline starts with where it came from
      for (const c of created) {
        await recordAudit(tx, opts.actor, { action: 'task.create', entityType: 'task', entityId: c.id, after: { code: c.code, parentTaskId: p.id, via: 'cascade' } });
      }
      await tx.update(task).set({ updatedAt: sql`now()` }).where(eq(task.id, p.id));
    }
    return { created: created.length, skipped: units.length - created.length };
  });
}
