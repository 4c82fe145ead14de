/**
 * Per-installation secret keys kept in `app_meta`: created once by whichever process asks first,
 * then shared by every server process of that database (the PIN key, the intake's challenge key).
 * Cached by name for the life of the process: a server process serves one database, and the
 * lookup sits on hot paths (every submission and lookup derives a PIN), often inside a transaction.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from './client';
import { appMeta } from './meta-schema';

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
