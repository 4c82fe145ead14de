/**
 * Exports the tasks a principal may see under the task list's filters to XLSX: every page (keyset
 * walk, capped at MAX_EXPORT_ROWS), Vietnamese headers, real dates shown dd/mm/yyyy, status in
 * words, an autofilter and a frozen header row.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { XLSX_DATE, XLSX_DATETIME, type XlsxColumn, addTableSheet, xlsxDate, xlsxDateTime } from '../../platform/xlsx';
import type { Principal } from '../../org/policies';
import { orgUnit } from '../../org/schema';
import type { Executor } from '../../platform/db/client';
import { t } from '../../platform/i18n';
import { type TaskListFilter, type TaskListKey, type TaskListRow, type TaskSort, listTasks } from '../queries';
import { task, taskCoordinator } from '../schema';
import { CHOICES } from './columns';

export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 2000;

/** All visible tasks under the filter, in list order, at most MAX_EXPORT_ROWS. */
export async function exportableTasks(db: Executor, p: Principal, filter: TaskListFilter, sort: TaskSort) {
  const rows: TaskListRow[] = [];
  let after: TaskListKey | null = null;
  while (rows.length < MAX_EXPORT_ROWS) {
    const page = await listTasks(db, p, { ...filter, sort, limit: Math.min(PAGE, MAX_EXPORT_ROWS - rows.length), after });
    rows.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1].key;
  }
  return rows;
}

async function details(db: Executor, ids: string[]) {
  const extra = new Map<string, { description: string | null; output: string | null; responsibleName: string | null; bloc: string | null; criteriaGroup: string | null; coordinators: string[] }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await db
      .select({ id: task.id, description: task.description, output: task.output, responsibleName: task.responsibleName, bloc: task.bloc, criteriaGroup: task.criteriaGroup })
      .from(task)
      .where(inArray(task.id, chunk));
    for (const r of rows) extra.set(r.id, { ...r, coordinators: [] });
    const coords = await db
      .select({ taskId: taskCoordinator.taskId, code: orgUnit.code })
      .from(taskCoordinator)
      .innerJoin(orgUnit, eq(orgUnit.id, taskCoordinator.orgUnitId))
      .where(inArray(taskCoordinator.taskId, chunk))
      .orderBy(asc(orgUnit.code));
    for (const c of coords) extra.get(c.taskId)?.coordinators.push(c.code);
  }
  return extra;
}


export async function buildTasksXlsx(db: Executor, p: Principal, filter: TaskListFilter, sort: TaskSort): Promise<{ buffer: Buffer; count: number }> {
  const rows = await exportableTasks(db, p, filter, sort);
  const extra = await details(
    db,
    rows.map((r) => r.id),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nq57';
  const columns: XlsxColumn[] = [
    { header: t('task.field.code'), key: 'code', width: 16 },
    { header: t('taskImport.export.plan'), key: 'plan', width: 14 },
    { header: t('task.field.group'), key: 'group', width: 8 },
    { header: t('task.field.title'), key: 'title', width: 60 },
    { header: t('task.field.description'), key: 'description', width: 40 },
    { header: t('taskImport.export.leadCode'), key: 'leadCode', width: 14 },
    { header: t('task.field.lead'), key: 'lead', width: 30 },
    { header: t('taskImport.export.coordinators'), key: 'coordinators', width: 24 },
    { header: t('task.field.output'), key: 'output', width: 30 },
    { header: t('task.field.deadline'), key: 'deadline', width: 14, numFmt: XLSX_DATE },
    { header: t('task.field.originalDeadline'), key: 'originalDeadline', width: 14, numFmt: XLSX_DATE },
    { header: t('task.field.recurring'), key: 'recurring', width: 12 },
    { header: t('taskImport.export.status'), key: 'status', width: 24 },
    { header: t('task.field.percent'), key: 'percent', width: 10 },
    { header: t('task.field.priority'), key: 'priority', width: 12 },
    { header: t('task.field.bloc'), key: 'bloc', width: 10 },
    { header: t('task.field.criteria'), key: 'criteria', width: 18 },
    { header: t('task.field.responsible'), key: 'responsible', width: 22 },
    { header: t('taskImport.export.updated'), key: 'updated', width: 18, numFmt: XLSX_DATETIME },
  ];
  const sheetRows = rows.map((r) => {
    const x = extra.get(r.id);
    return {
      code: r.code,
      plan: r.planCode,
      group: r.groupNumber ?? '',
      title: r.title,
      description: x?.description ?? '',
      leadCode: r.leadUnitCode ?? '',
      lead: r.leadUnitName ?? r.leadText ?? '',
      coordinators: x?.coordinators.join('; ') ?? '',
      output: x?.output ?? '',
      deadline: xlsxDate(r.deadline) ?? r.deadlineText ?? '',
      originalDeadline: xlsxDate(r.originalDeadline),
      recurring: r.recurring ? t('taskImport.help.yes') : t('taskImport.help.no'),
      status: t(`task.status.${r.status}`),
      percent: r.percentDone,
      priority: CHOICES.priority[r.priority] ?? r.priority,
      bloc: x?.bloc ? (CHOICES.bloc[x.bloc] ?? x.bloc) : '',
      criteria: x?.criteriaGroup ? (CHOICES.criteriaGroup[x.criteriaGroup] ?? x.criteriaGroup) : '',
      responsible: x?.responsibleName ?? '',
      updated: xlsxDateTime(r.updatedAt),
    };
  });
  addTableSheet(wb, t('taskImport.sheet.tasks'), columns, sheetRows);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), count: rows.length };
}
