/**
 * Stores a cleaned cover image once: the re-encoded bytes go to the content-addressed store and
 * get (or reuse) their `stored_file` row. Called before the article's own transaction; an unused
 * file is harmless.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/client';
import { storedFile } from '../platform/files/schema';
import { type Upload, cleanFileName, writeBlob } from '../platform/files/store';
import { cleanCover } from './cover-image';

export async function storeCover(db: Database, dataDir: string, upload: Upload, userId: string | null) {
  const clean = await cleanCover(upload);
  const hash = await writeBlob(dataDir, clean.buffer);
  await db
    .insert(storedFile)
    .values({ hash, size: clean.buffer.length, mimeType: 'image/jpeg', originalName: cleanFileName(upload.fileName), uploadedBy: userId })
    .onConflictDoNothing();
  const [file] = await db.select().from(storedFile).where(eq(storedFile.hash, hash));
  return { fileId: file.id, hash, width: clean.width, height: clean.height };
}
