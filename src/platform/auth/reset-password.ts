/**
 * Sets a new password from a reset link: the link must be unused and unexpired, the password must
 * meet the rules and be typed twice alike. The link is spent, every other open link of the user
 * too, the lockout is cleared and all the user's sessions end.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { appUser } from '../../org/schema';
import { type Actor, recordAudit } from '../audit/record-audit';
import type { Database } from '../db/client';
import { AppError, type FieldErrors } from '../errors';
import { t } from '../i18n';
import { hashPassword, passwordProblem } from './password';
import { findUsableResetToken } from './queries';
import { passwordReset } from './schema';
import { destroyUserSessions } from './sessions';
import { sha256 } from './tokens';

export interface ResetPasswordInput {
  token: unknown;
  password: unknown;
  confirmPassword: unknown;
}

const invalidLink = () => AppError.of('BAD_REQUEST', 'auth.reset.invalidToken');

export async function resetPassword(db: Database, input: ResetPasswordInput, meta: { requestId?: string } = {}): Promise<{ userId: string }> {
  const found = await findUsableResetToken(db, input.token);
  if (!found) throw invalidLink();
  const password = typeof input.password === 'string' ? input.password : '';
  const confirm = typeof input.confirmPassword === 'string' ? input.confirmPassword : '';
  const fields: FieldErrors = {};
  if (!password) fields.password = t('field.required');
  else {
    const problem = passwordProblem(password);
    if (problem) fields.password = t(problem);
  }
  if (!fields.password && password !== confirm) fields.confirmPassword = t('auth.reset.mismatch');
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', t('error.validation'), fields);

  const passwordHash = await hashPassword(password);
  const actor: Actor = { userId: found.userId, label: found.email, requestId: meta.requestId };
  await db.transaction(async (tx) => {
    const now = new Date();
    // Spend the link atomically: of two concurrent submissions only one gets the row.
    const [spent] = await tx
      .update(passwordReset)
      .set({ usedAt: now })
      .where(and(eq(passwordReset.tokenHash, sha256(String(input.token))), isNull(passwordReset.usedAt), gt(passwordReset.expiresAt, now)))
      .returning({ userId: passwordReset.userId });
    if (!spent) throw invalidLink();
    const [user] = await tx
      .update(appUser)
      .set({ passwordHash, failedLoginCount: 0, lockedUntil: null, updatedAt: now })
      .where(and(eq(appUser.id, spent.userId), eq(appUser.status, 'active')))
      .returning({ id: appUser.id, email: appUser.email });
    if (!user) throw invalidLink();
    await tx
      .update(passwordReset)
      .set({ usedAt: now })
      .where(and(eq(passwordReset.userId, user.id), isNull(passwordReset.usedAt)));
    await destroyUserSessions(tx, user.id);
    await recordAudit(tx, actor, { action: 'auth.password_reset', entityType: 'user', entityId: user.id, after: { via: 'reset_link' } });
  });
  return { userId: found.userId };
}
