/**
 * A dashboard section's HTML, rendered once for what it shows. Between two changes to the data
 * many people load the same dashboard, and the sections are most of its cost: the national "by
 * unit" table alone is about 80 KB of HTML and 2 ms of rendering. A section's HTML depends on its
 * data and the unit whose dashboard it is on, nothing else (no viewer, no clock), so those are
 * the key; a change to the data is a new key, and the least recently used entries go first.
 */
import { createHash } from 'node:crypto';
import { renderToString } from 'preact-render-to-string';
import type { SectionData } from '../dashboard-view';
import { SectionView } from './sections';

/** about 100 KB an entry at most: the main dashboards, the 48 unit dashboards and some besides */
const MAX_ENTRIES = 64;
const rendered = new Map<string, string>();

export function sectionHtml(data: SectionData, unitCode: string | null): string {
  const key = createHash('sha256')
    .update(`${unitCode ?? ''}\n${JSON.stringify(data)}`)
    .digest('base64');
  const known = rendered.get(key);
  if (known !== undefined) {
    // most recently used last, so eviction takes the oldest
    rendered.delete(key);
    rendered.set(key, known);
    return known;
  }
  const html = renderToString(<SectionView data={data} unitCode={unitCode} />);
  rendered.set(key, html);
  if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value!);
  return html;
}
