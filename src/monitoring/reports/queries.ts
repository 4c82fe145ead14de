/** Reads for reports, the review queue and the bottleneck register. */
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appUser, orgUnit } from '../../org/schema';
import { underAnyPath } from '../../org/queries';
import type { Executor } from '../../platform/db/client';
import { storedFile } from '../../platform/files/schema';
import { plan, task, taskCoordinator } from '../schema';
import type { Cadence } from './periods';
import type { TaskPlacement } from './policies';
import { type BottleneckStatus, bottleneck, progressReport, reportEvidence } from './schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

const leadUnit = alias(orgUnit, 'lead_unit');
const assigningUnit = alias(orgUnit, 'assigning_unit');

export interface ReportTask {
  id: string;
  code: string;
  title: string;
  status: (typeof task.$inferSelect)['status'];
  percentDone: number;
  deadline: string | null;
  cadence: Cadence;
  leadUnitName: string | null;
  placement: TaskPlacement;
}

/** A task with what decides access to its reports, or null. */
export async function loadReportTask(db: Executor, taskId: string): Promise<ReportTask | null> {
  if (!isUuid(taskId)) return null;
  const [row] = await db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      percentDone: task.percentDone,
      deadline: task.deadline,
      taskCadence: task.reportingCadence,
      planCadence: plan.reportingCadence,
      leadUnitId: task.leadUnitId,
      leadUnitName: leadUnit.name,
      leadUnitPath: leadUnit.path,
      assigningUnitPath: assigningUnit.path,
    })
    .from(task)
    .innerJoin(plan, eq(plan.id, task.planId))
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId))
    .where(eq(task.id, taskId));
  if (!row) return null;
  const coordinators = await db
    .select({ id: orgUnit.id, path: orgUnit.path })
    .from(taskCoordinator)
    .innerJoin(orgUnit, eq(orgUnit.id, taskCoordinator.orgUnitId))
    .where(eq(taskCoordinator.taskId, taskId));
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    status: row.status,
    percentDone: row.percentDone,
    deadline: row.deadline,
    cadence: row.taskCadence ?? row.planCadence,
    leadUnitName: row.leadUnitName,
    placement: {
      leadUnitId: row.leadUnitId,
      leadUnitPath: row.leadUnitPath,
      assigningUnitPath: row.assigningUnitPath,
      coordinators,
    },
  };
}

export async function unitNames(db: Executor, ids: string[]): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

export type ReportRow = typeof progressReport.$inferSelect;

export async function findReport(db: Executor, id: string): Promise<ReportRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(progressReport).where(eq(progressReport.id, id));
  return row ?? null;
}

export async function reportEvidenceFiles(db: Executor, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db
    .select({
      reportId: reportEvidence.reportId,
      fileId: storedFile.id,
      fileName: reportEvidence.fileName,
      size: storedFile.size,
      mimeType: storedFile.mimeType,
      hash: storedFile.hash,
    })
    .from(reportEvidence)
    .innerJoin(storedFile, eq(storedFile.id, reportEvidence.fileId))
    .where(inArray(reportEvidence.reportId, reportIds))
    .orderBy(asc(reportEvidence.createdAt), asc(reportEvidence.fileName));
}

/** Every report of the task by the same unit in the same version chain, oldest first. */
export async function reportHistory(db: Executor, report: ReportRow): Promise<ReportRow[]> {
  const rows = await db
    .select()
    .from(progressReport)
    .where(and(eq(progressReport.taskId, report.taskId), eq(progressReport.reportingUnitId, report.reportingUnitId)))
    .orderBy(asc(progressReport.createdAt));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bySupersedes = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r]));
  let first = report;
  while (first.supersedesId && byId.has(first.supersedesId)) first = byId.get(first.supersedesId)!;
  const chain = [first];
  while (bySupersedes.has(chain[chain.length - 1].id)) chain.push(bySupersedes.get(chain[chain.length - 1].id)!);
  return chain;
}

/** Every report of a task (all versions), newest first. */
export async function taskReportRows(db: Executor, taskId: string, limit = 500): Promise<ReportRow[]> {
  return db.select().from(progressReport).where(eq(progressReport.taskId, taskId)).orderBy(desc(progressReport.createdAt), desc(progressReport.id)).limit(limit);
}

/** The reports of a task, newest first, with unit and author names. */
export async function taskReports(db: Executor, taskId: string, limit = 200) {
  return db
    .select({
      id: progressReport.id,
      kind: progressReport.kind,
      periodLabel: progressReport.periodLabel,
      percentDone: progressReport.percentDone,
      isFinal: progressReport.isFinal,
      status: progressReport.status,
      version: progressReport.version,
      supersedesId: progressReport.supersedesId,
      submittedAt: progressReport.submittedAt,
      dueAt: progressReport.dueAt,
      onTime: progressReport.onTime,
      reviewComment: progressReport.reviewComment,
      reportingUnitCode: orgUnit.code,
      reportingUnitName: orgUnit.name,
      authorName: appUser.fullName,
    })
    .from(progressReport)
    .innerJoin(orgUnit, eq(orgUnit.id, progressReport.reportingUnitId))
    .innerJoin(appUser, eq(appUser.id, progressReport.authorId))
    .where(eq(progressReport.taskId, taskId))
    .orderBy(desc(progressReport.createdAt))
    .limit(limit);
}

export async function userName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: appUser.fullName }).from(appUser).where(eq(appUser.id, id));
  return row?.name ?? null;
}

/**
 * Submitted reports the reviewer may decide, oldest first. `roots` null = everything (standing
 * office); otherwise the task's assigning unit must lie under one of the roots.
 */
export async function reviewQueue(db: Executor, roots: string[] | null, limit = 200) {
  const scope = roots === null ? sql`true` : underAnyPath(assigningUnit.path, roots);
  const rows = await db
    .select({
      id: progressReport.id,
      taskId: task.id,
      taskCode: task.code,
      taskTitle: task.title,
      unitCode: orgUnit.code,
      unitName: orgUnit.name,
      kind: progressReport.kind,
      periodLabel: progressReport.periodLabel,
      percentDone: progressReport.percentDone,
      isFinal: progressReport.isFinal,
      version: progressReport.version,
      submittedAt: progressReport.submittedAt,
      dueAt: progressReport.dueAt,
      onTime: progressReport.onTime,
    })
    .from(progressReport)
    .innerJoin(task, eq(task.id, progressReport.taskId))
    .innerJoin(orgUnit, eq(orgUnit.id, progressReport.reportingUnitId))
    .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId))
    .where(and(eq(progressReport.status, 'submitted'), scope))
    .orderBy(asc(progressReport.submittedAt), asc(progressReport.id))
    .limit(limit);
  return rows;
}

export interface BottleneckFilter {
  /** null = everything (standing office) */
  roots: string[] | null;
  status?: BottleneckStatus;
  unitPath?: string;
  taskId?: string;
  id?: string;
  limit: number;
}

export async function listBottlenecks(db: Executor, f: BottleneckFilter) {
  const conds: SQL[] = [];
  if (f.roots !== null) {
    // inside the viewer's subtrees: the owner unit, or the linked task's lead unit
    conds.push(or(underAnyPath(orgUnit.path, f.roots), underAnyPath(leadUnit.path, f.roots))!);
  }
  if (f.status) conds.push(eq(bottleneck.status, f.status));
  if (f.unitPath) conds.push(underAnyPath(orgUnit.path, [f.unitPath]));
  if (f.taskId) conds.push(eq(bottleneck.taskId, f.taskId));
  if (f.id) conds.push(eq(bottleneck.id, f.id));
  const rows = await db
    .select({
      id: bottleneck.id,
      title: bottleneck.title,
      description: bottleneck.description,
      status: bottleneck.status,
      resolution: bottleneck.resolution,
      taskId: bottleneck.taskId,
      taskCode: task.code,
      taskTitle: task.title,
      reportId: bottleneck.reportId,
      ownerUnitId: bottleneck.ownerUnitId,
      ownerUnitCode: orgUnit.code,
      ownerUnitName: orgUnit.name,
      ownerUnitPath: orgUnit.path,
      taskAssigningUnitPath: assigningUnit.path,
      createdAt: bottleneck.createdAt,
      resolvedAt: bottleneck.resolvedAt,
    })
    .from(bottleneck)
    .innerJoin(orgUnit, eq(orgUnit.id, bottleneck.ownerUnitId))
    .leftJoin(task, eq(task.id, bottleneck.taskId))
    .leftJoin(leadUnit, eq(leadUnit.id, task.leadUnitId))
    .leftJoin(assigningUnit, eq(assigningUnit.id, task.assigningUnitId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(bottleneck.createdAt), desc(bottleneck.id))
    .limit(f.limit);
  return rows;
}
export type BottleneckRow = Awaited<ReturnType<typeof listBottlenecks>>[number];

export async function findBottleneck(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ b: bottleneck, ownerUnitPath: orgUnit.path })
    .from(bottleneck)
    .innerJoin(orgUnit, eq(orgUnit.id, bottleneck.ownerUnitId))
    .where(eq(bottleneck.id, id));
  return row ?? null;
}

export async function findTaskByCode(db: Executor, code: string) {
  const rows = await db.select({ id: task.id }).from(task).where(eq(task.code, code)).limit(2);
  return rows.length === 1 ? rows[0].id : null;
}
