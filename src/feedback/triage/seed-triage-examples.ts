/**
 * Loads the starter set into triage_example during reference seeding. Idempotent: rows already
 * present (same title and content) are kept, new rows in the file are added, and starter rows no
 * longer in the file are removed, so editing the CSV and re-seeding converges. Officer examples
 * are never touched.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { triageExample } from '../schema';
import { loadStarterExamples } from './starter-examples';

const key = (e: { title: string; content: string }) => `${e.title}\u0000${e.content}`;

export async function seedTriageExamples(db: Executor): Promise<{ inserted: number; removed: number }> {
  const wanted = loadStarterExamples();
  const existing = await db
    .select({ id: triageExample.id, title: triageExample.title, content: triageExample.content })
    .from(triageExample)
    .where(eq(triageExample.source, 'starter'));
  const have = new Set(existing.map(key));
  const want = new Set(wanted.map(key));
  const toInsert = wanted.filter((e) => !have.has(key(e)));
  const toRemove = existing.filter((e) => !want.has(key(e))).map((e) => e.id);
  for (let i = 0; i < toInsert.length; i += 200) {
    await db.insert(triageExample).values(toInsert.slice(i, i + 200).map((e) => ({ ...e, source: 'starter' as const })));
  }
  if (toRemove.length > 0) {
    await db.delete(triageExample).where(and(eq(triageExample.source, 'starter'), inArray(triageExample.id, toRemove)));
  }
  return { inserted: toInsert.length, removed: toRemove.length };
}
