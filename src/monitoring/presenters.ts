/** JSON shapes of the plans and tasks API. */
import { z } from 'zod';
import type { LoadedTask, TaskListRow, listPlans, taskExtensions, taskRollup } from './queries';
import { EXTENSION_STATUSES, TASK_STATUSES } from './schema';

const unitRef = z.object({ code: z.string(), name: z.string() });

export const planOut = z.object({
  code: z.string(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  reportingCadence: z.string(),
});
export const planListOut = z.object({ items: z.array(planOut) });

export const taskSummaryOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  planCode: z.string(),
  group: z.string().nullable(),
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  percentDone: z.number().int(),
  deadline: z.string().nullable().describe('deadline in force (YYYY-MM-DD)'),
  originalDeadline: z.string().nullable(),
  recurring: z.boolean(),
  priority: z.string(),
  leadUnit: unitRef.nullable(),
  leadText: z.string().nullable(),
  parentTaskId: z.string().uuid().nullable(),
});
export const taskPageOut = z.object({ items: z.array(taskSummaryOut), nextCursor: z.string().nullable() });

export const rollupOut = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  averagePercent: z.number().int(),
});

export const extensionOut = z.object({
  id: z.string().uuid(),
  previousDeadline: z.string().nullable(),
  requestedDeadline: z.string(),
  reason: z.string(),
  status: z.enum(EXTENSION_STATUSES),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const taskDetailOut = taskSummaryOut.extend({
  description: z.string().nullable(),
  output: z.string().nullable(),
  deadlineText: z.string().nullable(),
  statusReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  source: z.string().nullable(),
  bloc: z.string().nullable(),
  criteriaGroup: z.string().nullable(),
  reportingCadence: z.string().nullable(),
  responsibleName: z.string().nullable(),
  accountableName: z.string().nullable(),
  assigningUnit: unitRef.nullable(),
  coordinatingUnits: z.array(unitRef),
  coordinatingText: z.string().nullable(),
  rollup: rollupOut.nullable(),
  extensions: z.array(extensionOut),
});

export function presentPlan(p: Awaited<ReturnType<typeof listPlans>>[number]) {
  return { code: p.code, title: p.title, documentNumber: p.documentNumber, issuedOn: p.issuedOn, reportingCadence: p.reportingCadence };
}

export function presentTaskRow(r: TaskListRow): z.infer<typeof taskSummaryOut> {
  return {
    id: r.id,
    code: r.code,
    planCode: r.planCode,
    group: r.groupNumber,
    title: r.title,
    status: r.status,
    percentDone: r.percentDone,
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    recurring: r.recurring,
    priority: r.priority,
    leadUnit: r.leadUnitCode ? { code: r.leadUnitCode, name: r.leadUnitName ?? '' } : null,
    leadText: r.leadText,
    parentTaskId: r.parentTaskId,
  };
}

export function presentTask(
  l: LoadedTask,
  rollup: Awaited<ReturnType<typeof taskRollup>> | null,
  extensions: Awaited<ReturnType<typeof taskExtensions>>,
): z.infer<typeof taskDetailOut> {
  const x = l.task;
  return {
    id: x.id,
    code: x.code,
    planCode: l.planCode,
    group: x.groupNumber,
    title: x.title,
    status: x.status,
    percentDone: x.percentDone,
    deadline: x.deadline,
    originalDeadline: x.originalDeadline,
    recurring: x.recurring,
    priority: x.priority,
    leadUnit: l.lead ? { code: l.lead.code, name: l.lead.name } : null,
    leadText: x.leadText,
    parentTaskId: x.parentTaskId,
    description: x.description,
    output: x.output,
    deadlineText: x.deadlineText,
    statusReason: x.statusReason,
    completedAt: x.completedAt ? x.completedAt.toISOString() : null,
    source: x.source,
    bloc: x.bloc,
    criteriaGroup: x.criteriaGroup,
    reportingCadence: x.reportingCadence,
    responsibleName: x.responsibleName,
    accountableName: x.accountableName,
    assigningUnit: l.assigning ? { code: l.assigning.code, name: l.assigning.name } : null,
    coordinatingUnits: l.coordinators.map((c) => ({ code: c.code, name: c.name })),
    coordinatingText: x.coordinatingText,
    rollup: rollup && rollup.total > 0 ? rollup : null,
    extensions: extensions.map(({ ext }) => ({
      id: ext.id,
      previousDeadline: ext.previousDeadline,
      requestedDeadline: ext.requestedDeadline,
      reason: ext.reason,
      status: ext.status,
      decisionNote: ext.decisionNote,
      decidedAt: ext.decidedAt ? ext.decidedAt.toISOString() : null,
      createdAt: ext.createdAt.toISOString(),
    })),
  };
}
