/**
 * The public progress read model, assembled once and shared by the page, the JSON and the CSV files.
 *
 * National figures roll every unit's approved values up the tree for each indicator, which at
 * national scale (3,600 units × ~100 indicators) is far too much work for every anonymous visitor.
 * So the model is kept in memory per process and rebuilt when something it shows changes — an
 * approved or reopened indicator period, a frozen score snapshot, a reviewed report (events on
 * the bus, which crosses processes on PostgreSQL) — and at the latest after `ttlMs`. Visitors are
 * served the current copy while the next one is built in the background (one build at a time), so
 * only the very first visitor after a start waits; the page says when its figures were built.
 */
import type { EventBus } from '../../platform/events/bus';
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

/** Event types after which the public figures may differ. */
const CHANGES = /^(indicator\.|scores\.|report\.reviewed|task\.|initiative\.)/;

export interface PublicProgressCache {
  get(): Promise<PublicProgress>;
  close(): void;
}

export function createPublicProgressCache(db: Executor, events: EventBus | null, opts: { ttlMs?: number; onError?: (err: unknown) => void } = {}): PublicProgressCache {
  const ttlMs = opts.ttlMs ?? 60_000;
  let current: PublicProgress | null = null;
  /** the change count `current` was built after */
  let currentGeneration = -1;
  /** bumped by every change event */
  let generation = 0;
  let building: Promise<PublicProgress> | null = null;
  const unsubscribe = events?.subscribe((e) => {
    if (CHANGES.test(e.type)) generation++;
  });
  // one build at a time; a build that started before a later one finished is not kept
  const rebuild = () => {
    if (building) return building;
    const started = generation;
    const build = loadPublicProgress(db)
      .then((model) => {
        if (started >= currentGeneration) {
          current = model;
          currentGeneration = started;
        }
        return model;
      })
      .finally(() => {
        building = null;
      });
    building = build;
    return build;
  };
  return {
    async get() {
      if (!current) return rebuild();
      if (currentGeneration !== generation || Date.now() - current.generatedAt.getTime() > ttlMs) rebuild().catch((err) => opts.onError?.(err));
      return current;
    },
    close() {
      unsubscribe?.();
    },
  };
}
