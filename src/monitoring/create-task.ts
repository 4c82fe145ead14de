/**
 * Creates a task in a plan, led by a unit the principal manages (or any, for the standing
 * office). The assigning unit is the principal's own unit that covers the lead unit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { ROLE_PERMISSIONS } from '../org/policies';
import { findUnitByCode } from '../org/queries';
import { orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database, Tx } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { optionalText, parseInput, text } from '../platform/validation';
import { canCreateTask } from './policies';
import { plan, task, taskCoordinator, taskGroup } from './schema';
import { bloc, cadence, criteriaGroup, isoDate, optionalEmail, priority, resolvePerson, taskSearchText, unitCodeList } from './task-input';

export const createTaskInput = z.object({
  planCode: text(60),
  code: text(60),
  groupNumber: optionalText(10),
  title: text(2000),
  description: optionalText(10000),
  leadUnitCode: text(40),
  coordinatingUnitCodes: unitCodeList.optional(),
  responsibleName: optionalText(200),
  accountableName: optionalText(200),
  /** e-mail of the responsible officer's account: reminders go to them */
  responsibleEmail: optionalEmail(),
  /** e-mail of the accountable unit head's account: reminders and escalations go to them */
  accountableEmail: optionalEmail(),
  output: optionalText(2000),
  deadline: isoDate().optional(),
  recurring: z.boolean().default(false),
  reportingCadence: cadence.optional(),
  priority: priority.default('normal'),
  source: optionalText(500),
  bloc: bloc.optional(),
  criteriaGroup: criteriaGroup.optional(),
});
export type CreateTaskInput = z.input<typeof createTaskInput>;

/** Resolves unit codes to ids, or VALIDATION_FAILED on `field` naming the first unknown code. */
export async function resolveUnitCodes(tx: Tx, codes: readonly string[], field: string) {
  if (codes.length === 0) return [];
  const rows = await tx.select({ id: orgUnit.id, code: orgUnit.code, path: orgUnit.path }).from(orgUnit).where(inArray(orgUnit.code, [...codes]));
  const missing = codes.find((c) => !rows.some((r) => r.code === c));
  if (missing) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { [field]: t('task.unknownUnit', { code: missing }) });
  return rows;
}

/** The principal's unit that assigns a task led at `leadPath`: the widest grant covering it. */
export function assigningGrant(p: Principal, leadPath: string) {
  const grants = p.grants
    .filter((g) => (g.role === 'standing_office' || (ROLE_PERMISSIONS[g.role].includes('task.manage') && leadPath.startsWith(g.unitPath))))
    .sort((a, b) => a.unitPath.length - b.unitPath.length);
  return grants.find((g) => leadPath.startsWith(g.unitPath)) ?? grants[0] ?? null;
}

/** The validated row a task insert needs; thrown AppErrors name the offending field. */
export type PreparedTask = Awaited<ReturnType<typeof prepareTask>>;

/**
 * Checks one parsed task input against the database and the principal's rights (plan, group, lead
 * unit and policy, co-ordinators, duplicate code in the plan, people) without writing anything.
 */
export async function prepareTask(tx: Tx, input: z.output<typeof createTaskInput>, principal: Principal) {
  const [pl] = await tx.select().from(plan).where(eq(plan.code, input.planCode));
  if (!pl) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { planCode: t('task.unknownPlan', { code: input.planCode }) });
  if (input.groupNumber) {
    const [g] = await tx.select().from(taskGroup).where(eq(taskGroup.number, input.groupNumber));
    if (!g) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { groupNumber: t('task.unknownGroup', { code: input.groupNumber }) });
  }
  const lead = await findUnitByCode(tx, input.leadUnitCode);
  if (!lead) throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { leadUnitCode: t('task.unknownUnit', { code: input.leadUnitCode }) });
  if (!canCreateTask(principal, lead.path)) throw AppError.of('FORBIDDEN', 'task.cannotEdit');
  const coordinators = await resolveUnitCodes(tx, input.coordinatingUnitCodes ?? [], 'coordinatingUnitCodes');
  const [dup] = await tx.select({ id: task.id }).from(task).where(and(eq(task.planId, pl.id), eq(task.code, input.code)));
  if (dup) throw AppError.of('CONFLICT', 'task.codeExists', undefined, { code: t('task.codeExists') });
  const responsible = await resolvePerson(tx, input.responsibleEmail, 'responsibleEmail');
  const accountable = await resolvePerson(tx, input.accountableEmail, 'accountableEmail');
  const grant = assigningGrant(principal, lead.path);
  return { input, plan: pl, lead, coordinators, responsible, accountable, grant };
}

/** Inserts a prepared task with its co-ordinators and records `task.create` (plus `auditExtra`). */
export async function insertPreparedTask(tx: Tx, prepared: PreparedTask, actor: Actor, auditExtra: Record<string, unknown> = {}) {
  const { input, plan: pl, lead, coordinators, responsible, accountable, grant } = prepared;
  const [row] = await tx
    .insert(task)
    .values({
      planId: pl.id,
      code: input.code,
      groupNumber: input.groupNumber ?? null,
      title: input.title,
      description: input.description ?? null,
      leadUnitId: lead.id,
      leadUnitCodes: [lead.code],
      coordinatingUnitCodes: coordinators.map((c) => c.code),
      leadText: lead.name,
      output: input.output ?? null,
      deadline: input.deadline ?? null,
      originalDeadline: input.deadline ?? null,
      recurring: input.recurring,
      reportingCadence: input.reportingCadence ?? null,
      priority: input.priority,
      source: input.source ?? null,
      bloc: input.bloc ?? null,
      criteriaGroup: input.criteriaGroup ?? null,
      responsibleName: input.responsibleName ?? responsible?.fullName ?? null,
      responsibleUserId: responsible?.id ?? null,
      accountableName: input.accountableName ?? accountable?.fullName ?? null,
      accountableUserId: accountable?.id ?? null,
      assigningUnitId: grant?.unitId ?? null,
      searchText: taskSearchText(input.code, input.title, input.output),
    })
    .returning();
  if (coordinators.length) await tx.insert(taskCoordinator).values(coordinators.map((c) => ({ taskId: row.id, orgUnitId: c.id })));
  await recordAudit(tx, actor, {
    action: 'task.create',
    entityType: 'task',
    entityId: row.id,
    after: { code: row.code, planCode: pl.code, leadUnitCode: lead.code, deadline: row.deadline, coordinators: coordinators.map((c) => c.code), ...auditExtra },
  });
  return row;
}

export async function createTask(db: Database, raw: CreateTaskInput, opts: { principal: Principal; actor: Actor }) {
  const input = parseInput(createTaskInput, raw);
  return db.transaction(async (tx) => insertPreparedTask(tx, await prepareTask(tx, input, opts.principal), opts.actor));
}
