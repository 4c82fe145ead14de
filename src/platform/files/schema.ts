/** Stored files: one row per distinct content (sha256), the bytes live under DATA_DIR/files. */
import { bigint, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../../org/schema';
import { createdAt, id } from '../db/columns';

export const storedFile = pgTable(
  'stored_file',
  {
    id: id(),
    /** sha256 of the bytes, lower-case hex: also the path on disk (ab/cd/<hash>) */
    hash: text('hash').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** sniffed from the bytes, never taken from the client */
    mimeType: text('mime_type').notNull(),
    /** the name of the first upload (NFC) */
    originalName: text('original_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('stored_file_hash_uq').on(t.hash)],
);
