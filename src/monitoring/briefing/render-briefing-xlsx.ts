/**
 * The briefing pack as an XLSX workbook: a summary sheet and one sheet per section, Vietnamese
 * headers, real dates (calendar dates of Vietnam, formatted dd/mm/yyyy) and numbers.
 */
import ExcelJS from 'exceljs';
import { XLSX_DATE, XLSX_DATETIME, type XlsxColumn, addTableSheet, xlsxDate, xlsxDateTime } from '../../platform/xlsx';
import { t } from '../../platform/i18n';
import { statusLabel } from '../views/common';
import type { Briefing } from './build-briefing';
import { briefingRows, briefingScopeLabel, timelinessLabel } from './sections';

const A4_LANDSCAPE: Partial<ExcelJS.AddWorksheetOptions> = {
  pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
};
const sheet = (wb: ExcelJS.Workbook, name: string, cols: XlsxColumn[], rows: Record<string, unknown>[]) => addTableSheet(wb, name, cols, rows, A4_LANDSCAPE);

export async function renderBriefingXlsx(b: Briefing): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = t('app.name');
  wb.title = `${t('briefing.title')} — ${b.weekLabel}`;
  wb.created = b.generatedAt;
  const rows = briefingRows(b);

  const summary = sheet(
    wb,
    t('briefing.sheet.summary'),
    [
      { header: t('briefing.sheet.item'), key: 'item', width: 44 },
      { header: t('briefing.sheet.value'), key: 'value', width: 28 },
    ],
    [
      { item: t('briefing.sheet.week'), value: b.weekLabel },
      { item: t('briefing.sheet.scope'), value: briefingScopeLabel(b) },
      { item: t('briefing.sheet.generatedAt'), value: xlsxDateTime(b.generatedAt) },
      ...rows.counts.map(([item, value]) => ({ item, value })),
    ],
  );
  summary.getCell('B4').numFmt = XLSX_DATETIME;

  sheet(
    wb,
    t('briefing.sheet.overdue'),
    [
      { header: t('briefing.col.unit'), key: 'unit', width: 36 },
      { header: t('briefing.col.code'), key: 'code', width: 14 },
      { header: t('briefing.col.task'), key: 'title', width: 60 },
      { header: t('briefing.col.deadline'), key: 'deadline', width: 12, numFmt: XLSX_DATE },
      { header: t('briefing.col.daysOverdue'), key: 'days', width: 14 },
      { header: t('briefing.col.percent'), key: 'percent', width: 12 },
      { header: t('briefing.col.status'), key: 'status', width: 26 },
      { header: t('briefing.col.responsible'), key: 'responsible', width: 28 },
    ],
    b.overdueByUnit.flatMap((g) =>
      g.tasks.map((x) => ({
        unit: g.unitName,
        code: x.code,
        title: x.title,
        deadline: xlsxDate(x.deadline),
        days: x.daysOverdue,
        percent: x.percentDone,
        status: statusLabel(x.status),
        responsible: x.responsible ?? '',
      })),
    ),
  );

  sheet(
    wb,
    t('briefing.sheet.dueSoon'),
    [
      { header: t('briefing.col.code'), key: 'code', width: 14 },
      { header: t('briefing.col.task'), key: 'title', width: 60 },
      { header: t('briefing.col.unit'), key: 'unit', width: 36 },
      { header: t('briefing.col.deadline'), key: 'deadline', width: 12, numFmt: XLSX_DATE },
      { header: t('briefing.col.daysLeft'), key: 'days', width: 12 },
      { header: t('briefing.col.status'), key: 'status', width: 22 },
      { header: t('briefing.col.percent'), key: 'percent', width: 12 },
      { header: t('briefing.col.responsible'), key: 'responsible', width: 28 },
    ],
    b.dueSoon.map((x) => ({
      code: x.code,
      title: x.title,
      unit: x.unitName,
      deadline: xlsxDate(x.deadline),
      days: x.daysLeft,
      status: statusLabel(x.status),
      percent: x.percentDone,
      responsible: x.responsible ?? '',
    })),
  );

  sheet(
    wb,
    t('briefing.sheet.awaitingReview'),
    [
      { header: t('briefing.col.code'), key: 'code', width: 14 },
      { header: t('briefing.col.task'), key: 'title', width: 50 },
      { header: t('briefing.col.reportingUnit'), key: 'unit', width: 36 },
      { header: t('briefing.col.period'), key: 'period', width: 18 },
      { header: t('briefing.col.percent'), key: 'percent', width: 12 },
      { header: t('briefing.col.submittedAt'), key: 'submittedAt', width: 17, numFmt: XLSX_DATETIME },
      { header: t('briefing.col.dueAt'), key: 'dueAt', width: 17, numFmt: XLSX_DATETIME },
      { header: t('briefing.col.timeliness'), key: 'timeliness', width: 14 },
      { header: t('briefing.col.daysWaiting'), key: 'days', width: 12 },
    ],
    b.awaitingReview.map((r) => ({
      code: r.taskCode,
      title: r.taskTitle,
      unit: r.unitName,
      period: r.periodLabel ?? t('briefing.adHoc'),
      percent: r.percentDone,
      submittedAt: xlsxDateTime(r.submittedAt),
      dueAt: xlsxDateTime(r.dueAt),
      timeliness: timelinessLabel(r.onTime),
      days: r.daysWaiting,
    })),
  );

  sheet(
    wb,
    t('briefing.sheet.newBottlenecks'),
    [
      { header: t('briefing.col.bottleneck'), key: 'title', width: 60 },
      { header: t('briefing.col.ownerUnit'), key: 'unit', width: 36 },
      { header: t('briefing.col.code'), key: 'code', width: 14 },
      { header: t('briefing.col.raisedAt'), key: 'raisedAt', width: 17, numFmt: XLSX_DATETIME },
      { header: t('briefing.col.status'), key: 'status', width: 18 },
    ],
    rows.newBottlenecks.map((r) => ({ title: r.title, unit: r.ownerUnitName, code: r.taskCode, raisedAt: xlsxDateTime(r.createdAt), status: r.status })),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
