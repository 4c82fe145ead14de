/** The briefing's week label, the font-subset runs, and the PDF and XLSX renderers on synthetic data. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Briefing, isoWeek, weekLabel } from './build-briefing';
import { inspectPdf } from './pdf-inspect';
import { splitRuns, subsetFor } from './pdf-text';
import { renderBriefingPdf } from './render-briefing-pdf';
import { renderBriefingXlsx } from './render-briefing-xlsx';

const PHRASE = 'Quá hạn chưa hoàn thành, Đà Nẵng, Thừa Thiên Huế, ưu tiên';

function sample(overdueCount = 3): Briefing {
  const now = new Date('2026-11-24T02:00:00Z');
  return {
    generatedAt: now,
    today: '2026-11-24',
    week: isoWeek('2026-11-24'),
    weekLabel: weekLabel(isoWeek('2026-11-24')),
    dueSoonUntil: '2026-12-08',
    newSince: new Date('2026-11-17T02:00:00Z'),
    scope: { roots: null, unit: null },
    counts: { overdue: overdueCount, overdueUnits: 1, dueSoon: 1, awaitingReview: 1, awaitingReviewLate: 1, newBottlenecks: 1 },
    overdueByUnit: [
      {
        unitCode: '48',
        unitName: 'Thành phố Đà Nẵng',
        tasks: Array.from({ length: overdueCount }, (_, i) => ({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          code: `DN-${i + 1}`,
          title: i === 0 ? PHRASE : `Nhiệm vụ số ${i + 1} về chuyển đổi số của Thừa Thiên Huế, ưu tiên triển khai trong quý IV`,
          status: 'overdue' as const,
          deadline: '2026-11-10',
          daysOverdue: 14,
          percentDone: 40,
          responsible: 'Nguyễn Thị Ánh',
        })),
      },
    ],
    dueSoon: [
      {
        id: '00000000-0000-4000-9000-000000000001',
        code: 'HUE-1',
        title: 'Xây dựng nền tảng dữ liệu',
        status: 'in_progress',
        deadline: '2026-12-01',
        daysLeft: 7,
        percentDone: 60,
        unitCode: '46',
        unitName: 'Thành phố Huế',
        responsible: null,
      },
    ],
    awaitingReview: [
      {
        id: '00000000-0000-4000-a000-000000000001',
        taskId: '00000000-0000-4000-9000-000000000001',
        taskCode: 'HUE-1',
        taskTitle: 'Xây dựng nền tảng dữ liệu',
        unitName: 'Thành phố Huế',
        periodLabel: 'Tháng 11/2026',
        percentDone: 60,
        isFinal: false,
        submittedAt: new Date('2026-11-20T03:00:00Z'),
        dueAt: new Date('2026-11-19T16:59:59Z'),
        onTime: false,
        daysWaiting: 4,
      },
    ],
    newBottlenecks: [
      {
        id: '00000000-0000-4000-b000-000000000001',
        title: 'Thiếu kinh phí đường truyền',
        status: 'open',
        ownerUnitName: 'Thành phố Đà Nẵng',
        taskId: null,
        taskCode: null,
        createdAt: new Date('2026-11-22T03:00:00Z'),
      },
    ],
  };
}

describe('week label', () => {
  it('names the ISO week in Vietnamese with its Monday and Sunday', () => {
    expect(weekLabel(isoWeek('2026-11-24'))).toBe('Tuần 48/2026 (23/11–29/11/2026)');
    expect(weekLabel(isoWeek('2026-11-29'))).toBe('Tuần 48/2026 (23/11–29/11/2026)');
    expect(weekLabel(isoWeek('2026-11-30'))).toBe('Tuần 49/2026 (30/11–06/12/2026)');
    expect(isoWeek('2027-01-01')).toMatchObject({ year: 2026, number: 53 });
    expect(isoWeek('2026-01-01')).toMatchObject({ year: 2026, number: 1, start: '2025-12-29' });
  });
});

describe('font subsets', () => {
  it('sends each character to the subset file that has it, after NFC', () => {
    expect(subsetFor('Q'.codePointAt(0)!)).toBe('latin');
    expect(subsetFor('á'.codePointAt(0)!)).toBe('latin');
    expect(subsetFor('ạ'.codePointAt(0)!)).toBe('vietnamese');
    expect(subsetFor('Đ'.codePointAt(0)!)).toBe('vietnamese');
    expect(subsetFor('ư'.codePointAt(0)!)).toBe('vietnamese');
    expect(splitRuns('Quạ'.normalize('NFD'))).toEqual([
      { subset: 'latin', text: 'Qu' },
      { subset: 'vietnamese', text: 'ạ' },
    ]);
  });
});

describe('briefing PDF', () => {
  it('is an A4 PDF with Be Vietnam Pro embedded and the Vietnamese text decodable', async () => {
    const pdf = await renderBriefingPdf(sample());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const info = inspectPdf(pdf);
    expect(info.embeddedFonts.length).toBeGreaterThanOrEqual(2);
    for (const f of info.embeddedFonts) expect(f).toMatch(/^[A-Z]{6}\+BeVietnamPro/);
    // a wrapped cell breaks lines where a space was
    const text = info.pages.join('\n').replace(/\n/g, ' ');
    expect(text).not.toContain('\uFFFD');
    for (const s of [PHRASE, 'Giao ban tuần', 'Tuần 48/2026 (23/11–29/11/2026)', 'Thành phố Đà Nẵng', 'Nguyễn Thị Ánh', 'Trễ hạn', 'Mới ghi nhận', 'Trang 1/1']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('10/11/2026');
  });

  it('breaks long tables across pages, repeating the header row, and numbers every page', async () => {
    const pdf = await renderBriefingPdf(sample(120));
    const info = inspectPdf(pdf);
    expect(info.pageCount).toBeGreaterThan(2);
    for (const [i, page] of info.pages.entries()) expect(page).toContain(`Trang ${i + 1}/${info.pageCount}`);
    expect(info.pages[1].replace(/\n/g, ' ')).toContain('Số ngày quá hạn');
    expect(info.pages.join('\n')).toContain('DN-120');
  });
});

describe('briefing XLSX', () => {
  it('has one sheet per section with Vietnamese headers, real dates and NFC text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBriefingXlsx(sample())) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Quá hạn', 'Đến hạn 14 ngày', 'Chờ thẩm định', 'Điểm nghẽn mới']);
    const overdue = wb.getWorksheet('Quá hạn')!;
    expect(overdue.getRow(1).values).toContain('Số ngày quá hạn');
    expect(overdue.rowCount).toBe(4);
    const title = overdue.getCell('C2').value as string;
    expect(title).toBe(PHRASE);
    expect(title.normalize('NFC')).toBe(title);
    const deadline = overdue.getCell('D2').value as Date;
    expect(deadline).toBeInstanceOf(Date);
    expect(deadline.toISOString().slice(0, 10)).toBe('2026-11-10');
    expect(overdue.getCell('D2').numFmt).toBe('dd/mm/yyyy');
    expect(overdue.getCell('E2').value).toBe(14);
    const review = wb.getWorksheet('Chờ thẩm định')!;
    expect(review.getCell('H2').value).toBe('Trễ hạn');
    // 10:00 in Hanoi
    expect((review.getCell('F2').value as Date).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(wb.getWorksheet('Tổng hợp')!.getCell('B2').value).toBe('Tuần 48/2026 (23/11–29/11/2026)');
  });
});
