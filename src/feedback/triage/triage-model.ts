/**
 * The trained classifier, cached in memory per database. Training reads every non-held-out
 * example (starter and officer); the cache carries a version (row count + newest created_at) and
 * is rebuilt lazily when the table has changed. The version is checked at most every few seconds,
 * or at once after this process recorded a decision, so several server processes converge on the
 * same model without a message bus.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { triageExample } from '../schema';
import { type LabelledExample, type TriageModel, trainTriageModel } from './classifier';

/** An officer's decision outweighs a starter example: it is how this installation really works. */
export const OFFICER_WEIGHT = 2;
export const VERSION_CHECK_MS = 5_000;

interface CacheEntry {
  version: string;
  model: TriageModel;
  checkedAt: number;
  /** the local generation this entry has seen (see markTriageExamplesChanged) */
  generation: number;
}

const cache = new WeakMap<object, CacheEntry>();
const building = new WeakMap<object, Promise<CacheEntry>>();
let generation = 0;

/** Called after this process wrote an example: the next suggestion checks the version at once. */
export function markTriageExamplesChanged(): void {
  generation++;
}

async function currentVersion(db: Database): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, latest: sql<string | null>`max(${triageExample.createdAt})::text` })
    .from(triageExample)
    .where(eq(triageExample.heldOut, false));
  return `${row?.n ?? 0}@${row?.latest ?? ''}`;
}

export async function loadTrainingExamples(db: Database): Promise<LabelledExample[]> {
  const rows = await db
    .select({
      title: triageExample.title,
      content: triageExample.content,
      kind: triageExample.kind,
      topicCode: triageExample.topicCode,
      agencyCode: triageExample.agencyCode,
      source: triageExample.source,
    })
    .from(triageExample)
    .where(eq(triageExample.heldOut, false))
    // a stable order keeps training deterministic across processes
    .orderBy(triageExample.createdAt, triageExample.id);
  return rows.map((r) => ({ ...r, weight: r.source === 'officer' ? OFFICER_WEIGHT : 1 }));
}

/** The model for `db`, retrained when the examples changed. */
export async function getTriageModel(db: Database, now = Date.now()): Promise<TriageModel> {
  const entry = cache.get(db);
  if (entry && entry.generation === generation && now - entry.checkedAt < VERSION_CHECK_MS) return entry.model;
  const pending = building.get(db);
  if (pending) return (await pending).model;
  const seenGeneration = generation;
  const work = (async () => {
    const version = await currentVersion(db);
    if (entry && entry.version === version) {
      const refreshed = { ...entry, checkedAt: now, generation: seenGeneration };
      cache.set(db, refreshed);
      return refreshed;
    }
    const model = trainTriageModel(await loadTrainingExamples(db));
    const fresh = { version, model, checkedAt: now, generation: seenGeneration };
    cache.set(db, fresh);
    return fresh;
  })();
  building.set(db, work);
  try {
    return (await work).model;
  } finally {
    building.delete(db);
  }
}
