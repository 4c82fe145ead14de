/** Zod pieces shared by the task use-cases. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { appUser } from '../org/schema';
import type { Executor } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { foldText } from '../platform/text/fold';
import { isIsoDate } from './dates';
import { CRITERIA_GROUPS, REPORTING_CADENCES, TASK_BLOCS, TASK_PRIORITIES } from './schema';

export const isoDate = () => z.string({ message: t('task.date') }).refine(isIsoDate, { message: t('task.date') });

export const unitCodeList = z.array(z.string().trim().min(1).max(40)).max(100);

export const percent = z.coerce.number({ message: t('task.percent') }).int({ message: t('task.percent') }).min(0, { message: t('task.percent') }).max(100, { message: t('task.percent') });

export const priority = z.enum(TASK_PRIORITIES);
export const bloc = z.enum(TASK_BLOCS);
export const criteriaGroup = z.enum(CRITERIA_GROUPS);
export const cadence = z.enum(REPORTING_CADENCES);

export function taskSearchText(code: string, title: string, output: string | null | undefined): string {
  return foldText(`${code} ${title} ${output ?? ''}`);
}

/** An optional e-mail address ('' means none). */
export const optionalEmail = () =>
  z
    .string()
    .optional()
    .transform((s) => (s == null ? undefined : s.normalize('NFC').trim().toLowerCase() || undefined))
    .pipe(z.string().max(254, t('field.tooLong', { max: 254 })).email(t('field.email')).optional());

/** The active account with this e-mail, or VALIDATION_FAILED on `field`; undefined when no e-mail. */
export async function resolvePerson(db: Executor, email: string | undefined, field: string) {
  if (!email) return undefined;
  const [u] = await db.select({ id: appUser.id, fullName: appUser.fullName, status: appUser.status }).from(appUser).where(eq(appUser.email, email));
  if (u?.status !== 'active') throw AppError.of('VALIDATION_FAILED', 'error.validation', undefined, { [field]: t('task.unknownPerson', { email }) });
  return u!;
}
