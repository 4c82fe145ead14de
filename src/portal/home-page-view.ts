/**
 * What the public home page and a component portal show, assembled from the portal's queries.
 * Task figures count every task of the country (or of a subtree), so they come through the live
 * cache (up to a minute old after a change) rather than from a scan per visit; the dashboards
 * read their figures the same way (dashboard-view.ts).
 */
import { liveCacheFor } from '../platform/cache/live-cache';
import type { Executor } from '../platform/db/client';
import { countTaskStatusesUnder, latestPublishedAnswers, listDocuments, listMenuItems, listPublicArticles, taskStatusCounts } from './queries';

/** Everything the public home page shows. */
export async function homePageData(db: Executor) {
  const featured = await listPublicArticles(db, { featured: true, limit: 3 });
  const [latest, docs, answers, progress, menu] = await Promise.all([
    listPublicArticles(db, { limit: 6, excludeIds: featured.map((a) => a.id) }),
    listDocuments(db, { limit: 5, featuredFirst: true }),
    latestPublishedAnswers(db, 5),
    liveCacheFor(db)
      .get(db, 'portal-task-status-counts', () => taskStatusCounts(db))
      .then((c) => c.value),
    listMenuItems(db),
  ]);
  return { featured, latest, docs, answers, progress, menu };
}

/** Tasks led by units of the subtree at `path`, by status (a component portal's progress). */
export async function taskStatusCountsUnder(db: Executor, path: string) {
  return (await liveCacheFor(db).get(db, `portal-task-status-counts:${path}`, () => countTaskStatusesUnder(db, path))).value;
}
