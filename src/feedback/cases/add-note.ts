/**
 * Writes an internal note on a case, filed under the writer's unit (their agency's assignment,
 * or the standing office): only that unit's staff and the standing office will read it.
 */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Database } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { parseInput, text } from '../../platform/validation';
import { noteUnitFor } from '../policies';
import { recordFeedbackEvent } from '../record-feedback-event';
import { feedbackNote } from '../schema';
import { type CaseActionOptions, lockCase, standingOfficeUnitId } from './case-access';

export const addNoteInput = z.object({ body: text(5000) });
export type AddNoteInput = z.input<typeof addNoteInput>;

export async function addNote(db: Database, code: string, raw: AddNoteInput, opts: CaseActionOptions) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission, assignments } = await lockCase(tx, code);
    const unitId = noteUnitFor(opts.principal, assignments, await standingOfficeUnitId(tx));
    if (!unitId) throw AppError.of('FORBIDDEN', 'error.forbidden');
    const input = parseInput(addNoteInput, raw);
    const [note] = await tx
      .insert(feedbackNote)
      .values({ submissionId: submission.id, unitId, authorId: opts.principal.userId, body: input.body, createdAt: now })
      .returning({ id: feedbackNote.id });
    await recordFeedbackEvent(tx, { submissionId: submission.id, type: 'note_added', actorUserId: opts.principal.userId, unitId, data: {} });
    await recordAudit(tx, opts.actor, {
      action: 'feedback.note',
      entityType: 'feedback_note',
      entityId: note.id,
      after: { code: submission.code, unitId, length: input.body.length },
    });
    return { id: note.id, unitId };
  });
}
