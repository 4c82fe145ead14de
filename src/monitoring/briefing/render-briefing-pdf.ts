/**
 * The briefing pack as an A4 PDF: Be Vietnam Pro embedded (subset), title, generation time,
 * headline counts, the four sections as tables that break across pages (header row repeated)
 * and "Trang x/y" on every page.
 */
import PDFDocument from 'pdfkit';
import { formatDate, formatDateTime, formatNumber, t } from '../../platform/i18n';
import { formatIsoDate } from '../dates';
import { statusLabel } from '../views/common';
import type { Briefing } from './build-briefing';
import { type TextStyle, drawLine, measure, registerFonts, wrap } from './pdf-text';
import { briefingRows, briefingScopeLabel } from './sections';

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 16;
const BODY: TextStyle = { size: 8.5, weight: 400 };
const BOLD: TextStyle = { size: 8.5, weight: 700 };
const LINE = 11;
const PAD = 3;

interface Column {
  header: string;
  /** share of the content width */
  width: number;
  align?: 'right';
}

export async function renderBriefingPdf(b: Briefing): Promise<Buffer> {
  const title = `${t('briefing.title')} — ${b.weekLabel}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info: { Title: title, Author: t('app.name'), Subject: briefingScopeLabel(b) },
    lang: 'vi-VN',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  registerFonts(doc);
  let y = PAGE.margin;

  const newPage = () => {
    doc.addPage();
    y = PAGE.margin;
  };
  const paragraph = (text: string, style: TextStyle, gap = 4) => {
    const lineHeight = style.size * 1.3;
    for (const line of wrap(doc, text, CONTENT_WIDTH, style)) {
      if (y + lineHeight > BOTTOM) newPage();
      drawLine(doc, line, PAGE.margin, y, style);
      y += lineHeight;
    }
    y += gap;
  };

  const table = (columns: Column[], rows: string[][]) => {
    const widths = columns.map((c) => c.width * CONTENT_WIDTH);
    const layout = (cells: string[], style: TextStyle) => cells.map((cell, i) => wrap(doc, cell, widths[i] - 2 * PAD, style));
    const height = (lines: string[][]) => Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
    const drawRow = (lines: string[][], style: TextStyle, shaded: boolean) => {
      const h = height(lines);
      let x = PAGE.margin;
      if (shaded) doc.save().rect(PAGE.margin, y, CONTENT_WIDTH, h).fill('#EEF1F4').restore();
      doc.save().lineWidth(0.5).strokeColor('#8A9399');
      for (let i = 0; i < columns.length; i++) {
        doc.rect(x, y, widths[i], h).stroke();
        x += widths[i];
      }
      doc.restore();
      doc.fillColor('#1B1B1B');
      x = PAGE.margin;
      for (let i = 0; i < columns.length; i++) {
        lines[i].forEach((line, n) => {
          const dx = columns[i].align === 'right' ? widths[i] - PAD - measure(doc, line, style) : PAD;
          drawLine(doc, line, x + dx, y + PAD + n * LINE, style);
        });
        x += widths[i];
      }
      y += h;
    };
    const header = layout(
      columns.map((c) => c.header),
      BOLD,
    );
    if (y + height(header) + LINE + 2 * PAD > BOTTOM) newPage();
    drawRow(header, BOLD, true);
    for (const row of rows) {
      const lines = layout(row, BODY);
      if (y + height(lines) > BOTTOM) {
        newPage();
        drawRow(header, BOLD, true);
      }
      drawRow(lines, BODY, false);
    }
    y += 8;
  };
  const heading = (text: string) => {
    if (y + 60 > BOTTOM) newPage();
    y += 6;
    paragraph(text, { size: 12, weight: 700 }, 4);
  };

  // title block
  paragraph(t('briefing.title'), { size: 18, weight: 700 }, 2);
  paragraph(b.weekLabel, { size: 12, weight: 700 }, 2);
  paragraph(`${t('briefing.scope', { scope: briefingScopeLabel(b) })} · ${t('briefing.generatedAt', { time: formatDateTime(b.generatedAt) })}`, { size: 9, weight: 400 }, 8);

  const rows = briefingRows(b);
  heading(t('briefing.counts'));
  table(
    [
      { header: t('briefing.sheet.item'), width: 0.75 },
      { header: t('briefing.sheet.value'), width: 0.25, align: 'right' },
    ],
    rows.counts.map(([label, n]) => [label, formatNumber(n)]),
  );

  heading(t('briefing.section.overdue'));
  if (b.overdueByUnit.length === 0) paragraph(t('briefing.empty.overdue'), BODY);
  for (const g of b.overdueByUnit) {
    paragraph(t('briefing.unitTasks', { unit: g.unitName, count: g.tasks.length }), BOLD, 2);
    table(
      [
        { header: t('briefing.col.code'), width: 0.1 },
        { header: t('briefing.col.task'), width: 0.4 },
        { header: t('briefing.col.deadline'), width: 0.11 },
        { header: t('briefing.col.daysOverdue'), width: 0.1, align: 'right' },
        { header: t('briefing.col.percent'), width: 0.09, align: 'right' },
        { header: t('briefing.col.responsible'), width: 0.2 },
      ],
      g.tasks.map((x) => [x.code, x.title, formatIsoDate(x.deadline), formatNumber(x.daysOverdue), `${x.percentDone}`, x.responsible ?? t('briefing.none')]),
    );
  }

  heading(t('briefing.section.dueSoon', { date: formatIsoDate(b.dueSoonUntil) }));
  if (b.dueSoon.length === 0) paragraph(t('briefing.empty.dueSoon'), BODY);
  else
    table(
      [
        { header: t('briefing.col.code'), width: 0.1 },
        { header: t('briefing.col.task'), width: 0.32 },
        { header: t('briefing.col.unit'), width: 0.18 },
        { header: t('briefing.col.deadline'), width: 0.11 },
        { header: t('briefing.col.daysLeft'), width: 0.08, align: 'right' },
        { header: t('briefing.col.status'), width: 0.11 },
        { header: t('briefing.col.percent'), width: 0.1, align: 'right' },
      ],
      b.dueSoon.map((x) => [x.code, x.title, x.unitName, formatIsoDate(x.deadline), formatNumber(x.daysLeft), statusLabel(x.status), `${x.percentDone}`]),
    );

  heading(t('briefing.section.awaitingReview'));
  if (b.awaitingReview.length === 0) paragraph(t('briefing.empty.awaitingReview'), BODY);
  else
    table(
      [
        { header: t('briefing.col.task'), width: 0.3 },
        { header: t('briefing.col.reportingUnit'), width: 0.2 },
        { header: t('briefing.col.period'), width: 0.13 },
        { header: t('briefing.col.submittedAt'), width: 0.12 },
        { header: t('briefing.col.timeliness'), width: 0.13 },
        { header: t('briefing.col.daysWaiting'), width: 0.12, align: 'right' },
      ],
      rows.awaitingReview.map((r) => [`${r.taskCode} ${r.taskTitle}`, r.unitName, r.period, r.submittedAt, r.timeliness, formatNumber(r.daysWaiting)]),
    );

  heading(t('briefing.section.newBottlenecks', { date: formatDate(b.newSince) }));
  if (b.newBottlenecks.length === 0) paragraph(t('briefing.empty.newBottlenecks'), BODY);
  else
    table(
      [
        { header: t('briefing.col.bottleneck'), width: 0.4 },
        { header: t('briefing.col.ownerUnit'), width: 0.22 },
        { header: t('briefing.col.code'), width: 0.12 },
        { header: t('briefing.col.raisedAt'), width: 0.12 },
        { header: t('briefing.col.status'), width: 0.14 },
      ],
      rows.newBottlenecks.map((r) => [r.title, r.ownerUnitName, r.taskCode, r.raisedAt, r.status]),
    );

  // page numbers and a running title on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footerY = PAGE.height - PAGE.margin - 8;
    doc.fillColor('#505A5F');
    drawLine(doc, title, PAGE.margin, footerY, { size: 7.5, weight: 400 });
    const label = t('briefing.pdf.page', { page: i - range.start + 1, pages: range.count });
    drawLine(doc, label, PAGE.width - PAGE.margin - measure(doc, label, { size: 7.5, weight: 400 }), footerY, { size: 7.5, weight: 400 });
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
