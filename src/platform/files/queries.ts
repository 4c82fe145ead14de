/** Stored-file lookups: the only SQL on `stored_file` outside the modules that write it. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { storedFile } from './schema';
import type { StoredFile } from './store';

export async function findStoredFile(db: Executor, id: string): Promise<StoredFile | null> {
  const [row] = await db.select().from(storedFile).where(eq(storedFile.id, id));
  return row ?? null;
}
