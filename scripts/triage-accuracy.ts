/**
 * `npm run triage:accuracy`: the triage classifier's accuracy on the held-out fifth of the
 * starter set. Uses DATABASE_URL when set (read-only: that database must already be seeded),
 * otherwise a throw-away embedded database that is migrated and seeded for the occasion.
 */
import { measureTriageAccuracy } from '../src/feedback/triage/accuracy';
import { openDatabase } from '../src/platform/db/client';
import { migrateDatabase } from '../src/platform/db/migrate';
import { seedReferenceData } from '../src/seed/seed-reference';

const url = process.env.DATABASE_URL;
const handle = await openDatabase(url ? { databaseUrl: url, poolSize: 2 } : { dataDir: 'memory://' });
try {
  if (!url) {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
  }
  const r = await measureTriageAccuracy(handle.db);
  if (r.testCount === 0) {
    console.error('Không có ví dụ mẫu nào được giữ lại để kiểm tra (bảng triage_example trống?).');
    process.exitCode = 1;
  } else {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(`Cơ sở dữ liệu: ${handle.describe()}`);
    console.log(`Huấn luyện trên ${r.trainCount} ví dụ mẫu, kiểm tra trên ${r.testCount} ví dụ giữ lại (huấn luyện ${r.trainMs.toFixed(0)} ms).`);
    console.log(`Loại (kind):          ${r.kind.correct}/${r.kind.total} = ${pct(r.kind.accuracy)}`);
    console.log(`Lĩnh vực (topic):     ${r.topic.correct}/${r.topic.total} = ${pct(r.topic.accuracy)}`);
    console.log(`Cơ quan (agency):     ${r.agency.correct}/${r.agency.total} = ${pct(r.agency.accuracy)}`);
  }
} finally {
  await handle.close();
}
