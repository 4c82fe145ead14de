/**
 * Reference data of the deadline control, written during reference seeding and safe to run again:
 * the default SLA per kind (5 working days to forward, 20 working days to answer, an update every
 * 7 days) and the Government's known decisions on days off (calendar overrides).
 */
import type { Executor } from '../../platform/db/client';
import { SUBMISSION_KINDS, feedbackSla } from '../schema';
import { DEFAULT_SLA } from './index';
import { calendarDay } from './schema';

/**
 * Tết Bính Ngọ 2026 for civil servants: Saturday 14/02 to Sunday 22/02/2026 (nine days; the five
 * statutory days 16–20/02 fall on weekdays, so no day is swapped). Stored as decisions so the
 * admin page shows them and a later change of the rules cannot move them.
 */
export const KNOWN_DECISIONS: { date: string; isWorkingDay: boolean; name: string; note: string }[] = [
  '2026-02-14',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
].map((date) => ({ date, isWorkingDay: false, name: 'Nghỉ Tết Nguyên đán Bính Ngọ 2026', note: 'Lịch nghỉ Tết 2026 của cán bộ, công chức, viên chức: từ 14/02 đến hết 22/02/2026' }));

export async function seedFeedbackDeadlineDefaults(db: Executor): Promise<void> {
  await db
    .insert(feedbackSla)
    .values(SUBMISSION_KINDS.map((kind) => ({ kind, ...DEFAULT_SLA })))
    .onConflictDoNothing();
  await db.insert(calendarDay).values(KNOWN_DECISIONS).onConflictDoNothing();
}
