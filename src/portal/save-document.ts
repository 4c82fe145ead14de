/**
 * Adds or edits a legal document in the library of a section: number (e.g. 57-NQ/TW), type,
 * issuer, dates issued and in force, summary, status, optional file (PDF or DOCX, sniffed from its
 * bytes, stored once). Documents are public at once, so the content version is bumped. Root
 * approvers may feature a document on the national home page.
 */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../org/policies';
import { rootUnit } from '../org/queries';
import { orgUnit } from '../org/schema';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError, validationFailed } from '../platform/errors';
import { storedFile } from '../platform/files/schema';
import { ALLOWED_TYPES } from '../platform/files/sniff';
import { type Upload, checkUpload, cleanFileName, writeBlob } from '../platform/files/store';
import { t } from '../platform/i18n';
import { optionalText, parseInput, text } from '../platform/validation';
import { bumpContentVersion } from './content-version';
import { canFeature, canWriteIn } from './policies';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, legalDocument } from './schema';
import { documentSearchColumns } from './search-text';
import { slugify, uniqueSlug } from './slug';

const optionalDate = z.preprocess(
  (v) => (v === '' || v == null ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, t('portal.search.dateInvalid'))
    .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), t('portal.search.dateInvalid'))
    .optional(),
);

export const documentInput = z.object({
  sectionUnitId: z.string().uuid(t('field.choose')),
  number: text(100),
  docType: z.enum(DOCUMENT_TYPES, { message: t('field.choose') }),
  title: text(500),
  issuer: text(200),
  issuedOn: optionalDate,
  effectiveOn: optionalDate,
  summary: optionalText(5000),
  status: z.enum(DOCUMENT_STATUSES, { message: t('field.choose') }),
  note: optionalText(2000),
  /** shown first on the national home page; root approvers only */
  featured: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false),
});
export type DocumentInput = z.input<typeof documentInput>;

const DOC_TYPES = [ALLOWED_TYPES.pdf, ALLOWED_TYPES.docx];

export async function saveDocument(db: Database, dataDir: string, docId: string | null, raw: DocumentInput, opts: { principal: Principal; actor: Actor; file?: Upload | null }) {
  const existing = docId ? (await db.select().from(legalDocument).where(eq(legalDocument.id, docId)))[0] : null;
  if (docId && !existing) throw AppError.of('NOT_FOUND', 'portal.doc.notFound');
  const input = parseInput(documentInput, { ...raw, sectionUnitId: existing?.sectionUnitId ?? raw.sectionUnitId });
  const [section] = await db.select().from(orgUnit).where(eq(orgUnit.id, input.sectionUnitId));
  if (!section) throw validationFailed({ sectionUnitId: t('field.choose') });
  if (!canWriteIn(opts.principal, section.path)) throw AppError.of('FORBIDDEN', 'portal.cannotWrite');
  const root = await rootUnit(db);
  const mayFeature = !!root && canFeature(opts.principal, root.path);
  if (input.featured && !mayFeature) throw AppError.of('FORBIDDEN', 'portal.cannotFeature');
  if (input.issuedOn && input.effectiveOn && input.effectiveOn < input.issuedOn) throw validationFailed({ effectiveOn: t('portal.docForm.dateOrder') });
  const [dup] = await db
    .select({ id: legalDocument.id })
    .from(legalDocument)
    .where(
      existing
        ? and(eq(legalDocument.number, input.number), eq(legalDocument.issuer, input.issuer), ne(legalDocument.id, existing.id))
        : and(eq(legalDocument.number, input.number), eq(legalDocument.issuer, input.issuer)),
    );
  if (dup) throw validationFailed({ number: t('portal.docForm.numberTaken') });
  let file: { id: string; name: string } | null = null;
  if (opts.file) {
    const mime = await checkUpload(opts.file, 'file', { accept: DOC_TYPES });
    const hash = await writeBlob(dataDir, opts.file.buffer);
    await db
      .insert(storedFile)
      .values({ hash, size: opts.file.buffer.length, mimeType: mime, originalName: cleanFileName(opts.file.fileName), uploadedBy: opts.principal.userId })
      .onConflictDoNothing();
    const [row] = await db.select().from(storedFile).where(eq(storedFile.hash, hash));
    file = { id: row.id, name: cleanFileName(opts.file.fileName) };
  }

  return db.transaction(async (tx) => {
    const values = {
      number: input.number,
      docType: input.docType,
      title: input.title,
      issuer: input.issuer,
      issuedOn: input.issuedOn ?? null,
      effectiveOn: input.effectiveOn ?? null,
      summary: input.summary ?? '',
      status: input.status,
      note: input.note ?? null,
      // only a root approver changes the flag; others keep what is there
      featured: mayFeature ? input.featured : (existing?.featured ?? false),
      ...(file ? { fileId: file.id, fileName: file.name } : {}),
      ...documentSearchColumns({ ...input, summary: input.summary ?? '' }),
      updatedAt: new Date(),
    };
    let after: typeof legalDocument.$inferSelect;
    if (existing) {
      [after] = await tx.update(legalDocument).set(values).where(eq(legalDocument.id, existing.id)).returning();
    } else {
      const base = slugify(input.number);
      const taken = await tx.select({ slug: legalDocument.slug }).from(legalDocument);
      [after] = await tx
        .insert(legalDocument)
        .values({ ...values, sectionUnitId: section.id, slug: uniqueSlug(base, new Set(taken.map((r) => r.slug))) })
        .returning();
    }
    await bumpContentVersion(tx);
    await recordAudit(tx, opts.actor, { action: existing ? 'document.update' : 'document.create', entityType: 'legal_document', entityId: after.id, before: existing, after });
    return after;
  });
}
