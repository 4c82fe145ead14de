/**
 * Per-installation secret keys kept in `app_meta` (created once, shared by every server process):
 * the intake signs its challenges with one. Same approach as the PIN key in `tracking-code.ts`.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { appMeta } from '../../platform/db/meta-schema';

const cache = new Map<string, Buffer>();

export async function installKey(db: Executor, name: string): Promise<Buffer> {
  const hit = cache.get(name);
  if (hit) return hit;
  await db
    .insert(appMeta)
    .values({ key: name, value: randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, name));
  const key = Buffer.from(String(row!.value), 'hex');
  cache.set(name, key);
  return key;
}

/** Forget cached keys (tests that switch databases in one process). */
export function resetInstallKeyCache() {
  cache.clear();
}
