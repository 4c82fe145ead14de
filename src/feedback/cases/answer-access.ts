/** The latest answer of an assignment (answers are kept, newest last), locked for update. */
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { feedbackAnswer } from '../schema';

export type AnswerRow = typeof feedbackAnswer.$inferSelect;

export async function latestAnswer(tx: Executor, assignmentId: string): Promise<AnswerRow | null> {
  const [row] = await tx
    .select()
    .from(feedbackAnswer)
    .where(eq(feedbackAnswer.assignmentId, assignmentId))
    .orderBy(desc(feedbackAnswer.createdAt), desc(feedbackAnswer.id))
    .limit(1)
    .for('update');
  return row ?? null;
}
