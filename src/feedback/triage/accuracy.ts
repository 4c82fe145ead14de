/**
 * Measures the classifier on the starter set's held-out fifth: train on the other starter rows
 * only (officer decisions left out, so the figure is reproducible), predict each held-out
 * example, count the heads that got it right.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { triageExample } from '../schema';
import { type HeadAccuracy, type LabelledExample, evaluateTriageModel, trainTriageModel } from './classifier';

export interface TriageAccuracy {
  trainCount: number;
  testCount: number;
  kind: HeadAccuracy;
  topic: HeadAccuracy;
  agency: HeadAccuracy;
  trainMs: number;
}

async function starterRows(db: Executor, heldOut: boolean): Promise<LabelledExample[]> {
  return db
    .select({
      title: triageExample.title,
      content: triageExample.content,
      kind: triageExample.kind,
      topicCode: triageExample.topicCode,
      agencyCode: triageExample.agencyCode,
    })
    .from(triageExample)
    .where(and(eq(triageExample.source, 'starter'), eq(triageExample.heldOut, heldOut)))
    .orderBy(triageExample.title, triageExample.content);
}

export async function measureTriageAccuracy(db: Executor): Promise<TriageAccuracy> {
  const train = await starterRows(db, false);
  const test = await starterRows(db, true);
  const started = performance.now();
  const model = trainTriageModel(train);
  const trainMs = performance.now() - started;
  return { trainCount: train.length, testCount: test.length, ...evaluateTriageModel(model, test), trainMs };
}
