/** The national-scale data generator at a tiny scale: exact counts, deterministic, resumable, realistic text. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchTotals, GenerateError, generateBenchData } from '../../src/bench/generate-bench-data';
import type { DatabaseHandle } from '../../src/platform/db/client';
import { backend, createTestDatabase } from '../support/db';

const SCALE = 0.002;
let a: DatabaseHandle;
let b: DatabaseHandle;

beforeAll(async () => {
  a = await createTestDatabase();
  b = await createTestDatabase();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function one(db: DatabaseHandle, sqlText: string) {
  const { rows } = await db.executeSql(sqlText, []);
  return rows[0];
}

async function fingerprint(db: DatabaseHandle) {
  return one(
    db,
    `SELECT (SELECT md5(string_agg(code || title || status || deadline::text, ',' ORDER BY code)) FROM task WHERE code LIKE 'BENCH-%') AS tasks,
            (SELECT md5(string_agg(code || title || status, ',' ORDER BY code)) FROM feedback_submission WHERE is_demo) AS submissions,
            (SELECT count(*)::int FROM progress_report) AS reports`,
  );
}

describe(`bench generate on ${backend}`, () => {
  it('stops part-way and resumes to exactly the requested counts, the same as an uninterrupted run', async () => {
    const totals = benchTotals(SCALE);
    let chunks = 0;
    const interrupted = await generateBenchData(a, {
      scale: SCALE,
      chunk: 150,
      onProgress() {
        chunks++;
        if (chunks === 2) throw new Error('simulated crash');
      },
    }).catch((e) => e);
    expect(interrupted.message).toBe('simulated crash');
    const partial = await one(a, `SELECT count(*)::int AS n FROM task WHERE code LIKE 'BENCH-%'`);
    expect(partial.n).toBe(300);

    await generateBenchData(a, { scale: SCALE, chunk: 150 });
    await generateBenchData(b, { scale: SCALE, chunk: 1000 });
    const counts = await one(
      a,
      `SELECT (SELECT count(*)::int FROM task WHERE code LIKE 'BENCH-%') AS tasks,
              (SELECT count(*)::int FROM progress_report) AS reports,
              (SELECT count(*)::int FROM feedback_submission WHERE is_demo) AS submissions,
              (SELECT count(DISTINCT code)::int FROM feedback_submission) AS codes,
              (SELECT count(*)::int FROM article WHERE slug LIKE 'do-hieu-nang-%' AND status = 'published') AS articles,
              (SELECT count(*)::int FROM feedback_submission) AS all_submissions`,
    );
    expect(counts).toEqual({
      tasks: totals.tasks,
      reports: totals.reports,
      submissions: totals.submissions,
      articles: totals.articles,
      codes: counts.all_submissions,
      all_submissions: counts.all_submissions,
    });
    expect(await fingerprint(a)).toEqual(await fingerprint(b));
  });

  it('writes Vietnamese text with folded search columns, statuses spread, reports on every task', async () => {
    const sample = await one(a, `SELECT title, search_text FROM task WHERE code = 'BENCH-0000001'`);
    expect(sample.title).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i);
    expect(sample.search_text).not.toMatch(/[^\x20-\x7e]/);
    const statuses = await one(a, `SELECT count(DISTINCT status)::int AS n FROM task WHERE code LIKE 'BENCH-%'`);
    expect(statuses.n).toBeGreaterThanOrEqual(6);
    const orphans = await one(a, `SELECT count(*)::int AS n FROM task t WHERE t.code LIKE 'BENCH-%' AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = t.id)`);
    expect(orphans.n).toBe(0);
    const published = await one(a, `SELECT count(*)::int AS n FROM feedback_submission WHERE published_at IS NOT NULL AND publish_consent = 'none'`);
    expect(published.n).toBe(0);
  });

  it('refuses to mix scales or seeds in one database', async () => {
    const err = await generateBenchData(a, { scale: SCALE * 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(GenerateError);
    expect(err.message).toMatch(/quy mô/);
  });
});
