/** The case-page panel says everything in words: names, confidence as text, links to similar cases. */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { TriagePanel } from './triage-panel';

const names = {
  topics: new Map([['an-ninh-mang', 'An ninh mạng, an toàn thông tin và dữ liệu cá nhân']]),
  agencies: new Map([['BCA', 'Bộ Công an']]),
};

describe('TriagePanel', () => {
  it('renders the suggested labels by name with their confidence and the similar cases as links', () => {
    const html = renderToString(
      <TriagePanel
        names={names}
        suggestion={{
          kind: { value: 'feedback', confidence: 0.874 },
          topic: { code: 'an-ninh-mang', confidence: 0.91 },
          agency: { code: 'BCA', confidence: 0.42 },
          similar: [
            { code: 'PAKN-2026-000012', score: 0.812 },
            { code: 'PAKN-2026-000007', score: 0.3 },
          ],
        }}
      />,
    );
    expect(html).toContain('Gợi ý phân loại tự động');
    expect(html).toContain('Phản ánh');
    expect(html).toContain('độ tin cậy 87%');
    expect(html).toContain('An ninh mạng, an toàn thông tin và dữ liệu cá nhân');
    expect(html).toContain('độ tin cậy 91%');
    expect(html).toContain('Bộ Công an');
    // low confidence is said in words, not only with the warning chip's colour
    expect(html).toContain('độ tin cậy 42%, độ tin cậy thấp, cần xem xét kỹ');
    expect(html).toContain('href="/cases/PAKN-2026-000012"');
    expect(html).toContain('mức tương đồng 81%');
    expect(html.indexOf('PAKN-2026-000012')).toBeLessThan(html.indexOf('PAKN-2026-000007'));
    expect(html).toMatch(/<section[^>]*aria-labelledby="triage-suggestion"/);
    expect(html).not.toContain('style=');
  });

  it('says when nothing is similar and when a name is unknown', () => {
    const html = renderToString(
      <TriagePanel
        names={{ topics: new Map(), agencies: new Map() }}
        suggestion={{ kind: { value: 'initiative', confidence: 0.6 }, topic: { code: 'du-lieu', confidence: 0.6 }, agency: { code: '01.UBND', confidence: 0.6 }, similar: [] }}
      />,
    );
    expect(html).toContain('Sáng kiến');
    expect(html).toContain('Không tìm thấy phản ánh, kiến nghị tương tự.');
    expect(html).toContain('Mã 01.UBND (không tìm thấy tên)');
    expect(html).not.toContain('<ul');
  });
});
