/**
 * The public progress read model, assembled once and shared by the page, the JSON and the CSV files.
 *
 * National figures roll every unit's approved values up the tree for each indicator, which at
 * national scale (3,600 units × ~100 indicators) is far too much work for every anonymous visitor.
 * So the routes serve it through the live cache (platform/cache/live-cache.ts): visitors get the
 * current copy while the next one is built in the background after a change, so only the very
 * first visitor after a start waits; the page says when its figures were built.
 */
import type { Executor } from '../../platform/db/client';
import { type PublicInitiative, type PublicScores, type PublicTarget, type PublicTaskProgress, publicInitiatives, publicProvinceScores, publicTargets, publicTaskProgress } from './queries';

export interface PublicProgress {
  generatedAt: Date;
  targets: PublicTarget[];
  tasks: PublicTaskProgress;
  scores: PublicScores;
  initiatives: PublicInitiative[];
}

export async function loadPublicProgress(db: Executor, now = new Date()): Promise<PublicProgress> {
  const targets = await publicTargets(db);
  const tasks = await publicTaskProgress(db);
  const scores = await publicProvinceScores(db);
  const initiatives = await publicInitiatives(db);
  return { generatedAt: now, targets, tasks, scores, initiatives };
}
