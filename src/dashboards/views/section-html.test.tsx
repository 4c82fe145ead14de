/**
 * A dashboard section's HTML is rendered once for what it shows: the same data on the same unit's
 * dashboard gives the very same HTML as rendering it afresh, and any change to the data or the
 * unit gives a new rendering.
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../../monitoring/schema';
import type { SectionData } from '../dashboard-view';
import { sectionHtml } from './section-html';
import { SectionView } from './sections';

const counts = (done: number) => ({ ...Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])), done_on_time: done }) as Record<(typeof TASK_STATUSES)[number], number>;
const summary = (done: number): SectionData => ({
  name: 'summary',
  summary: {
    roots: null,
    tasks: { total: 140, byStatus: counts(done) },
    overdue: 3,
    byGroup: [{ groupNumber: '1', byStatus: counts(done), total: 140 }],
    reports: { awaitingReview: 2, acceptedRecently: 5, dueReported: 10, onTime: 9 },
    openBottlenecks: 1,
  },
});

describe('sectionHtml', () => {
  it('is the section rendered afresh, and changes with the data and the unit', () => {
    const fresh = renderToString(<SectionView data={summary(12)} unitCode={null} />);
    expect(sectionHtml(summary(12), null)).toBe(fresh);
    // the second time from memory, still the same
    expect(sectionHtml(summary(12), null)).toBe(fresh);
    const changed = sectionHtml(summary(13), null);
    expect(changed).not.toBe(fresh);
    expect(changed).toBe(renderToString(<SectionView data={summary(13)} unitCode={null} />));
    expect(sectionHtml(summary(12), 'BKHCN')).toBe(renderToString(<SectionView data={summary(12)} unitCode="BKHCN" />));
  });
});
