/**
 * Creates a staff account with its first role, hashing the password and auditing the change.
 * Used by the admin screen, the API and `nq57 users create`.
 */
import { z } from 'zod';
import { type Actor, recordAudit } from '../platform/audit/record-audit';
import type { Database } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { t } from '../platform/i18n';
import { hashPassword, passwordProblem } from '../platform/auth/password';
import { foldText } from '../platform/text/fold';
import { email, optionalText, parseInput, text } from '../platform/validation';
import { type Principal, canAssignRole } from './policies';
import { findUnitByCode, findUserByEmail, rootUnit } from './queries';
import { ROLES, appUser, roleAssignment } from './schema';

export const createUserInput = z.object({
  email: email(),
  fullName: text(200),
  password: z.string().max(200, t('auth.password.tooLong')),
  role: z.enum(ROLES, { message: t('user.unknownRole', { roles: ROLES.join(', ') }) }),
  /** unit code where the role is held; the root unit when omitted */
  orgCode: optionalText(40),
  jobTitle: optionalText(200),
  phone: optionalText(40),
  isDemo: z.boolean().optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export interface CreateUserOptions {
  /** the acting user's authority; null when run by a trusted operator (CLI, seed) */
  principal: Principal | null;
  actor: Actor;
}

export async function createUser(db: Database, raw: CreateUserInput, opts: CreateUserOptions) {
  const input = parseInput(createUserInput, raw);
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', t('error.validation'), { password: t(problem) });

  const unit = input.orgCode ? await findUnitByCode(db, input.orgCode) : await rootUnit(db);
  if (!unit) {
    throw new AppError('VALIDATION_FAILED', t('error.validation'), {
      orgCode: t('user.unknownUnit', { code: input.orgCode ?? '' }),
    });
  }
  if (opts.principal && !canAssignRole(opts.principal, input.role, unit)) {
    throw new AppError('FORBIDDEN', t('user.cannotAssign'));
  }
  if (await findUserByEmail(db, input.email)) {
    throw new AppError('CONFLICT', t('user.emailTaken'), { email: t('user.emailTaken') });
  }
  const passwordHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(appUser)
      .values({
        email: input.email,
        fullName: input.fullName,
        jobTitle: input.jobTitle,
        phone: input.phone,
        homeUnitId: unit.id,
        passwordHash,
        isDemo: input.isDemo ?? false,
        searchText: foldText(`${input.fullName} ${input.email}`),
      })
      .onConflictDoNothing()
      .returning();
    if (!user) throw new AppError('CONFLICT', t('user.emailTaken'), { email: t('user.emailTaken') });
    await tx.insert(roleAssignment).values({ userId: user.id, role: input.role, orgUnitId: unit.id });
    await recordAudit(tx, opts.actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { ...user, roles: [{ role: input.role, unitCode: unit.code }] },
    });
    return { user, unit };
  });
}
