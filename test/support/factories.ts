/** Test data builders: staff accounts with a role at a unit, ready to sign in. */
import { randomUUID } from 'node:crypto';
import { createUser } from '../../src/org/create-user';
import type { Role } from '../../src/org/schema';
import { SYSTEM_ACTOR } from '../../src/platform/audit/record-audit';
import type { Database } from '../../src/platform/db/client';

export const TEST_PASSWORD = 'Kiểm-thử-2025!';

export async function makeUser(db: Database, opts: { role: Role; orgCode?: string; email?: string; fullName?: string; password?: string }) {
  const email = opts.email ?? `${opts.role}-${randomUUID().slice(0, 8)}@test.nq57.vn`;
  const { user } = await createUser(
    db,
    {
      email,
      fullName: opts.fullName ?? `Người dùng ${opts.role}`,
      password: opts.password ?? TEST_PASSWORD,
      role: opts.role,
      orgCode: opts.orgCode,
    },
    { principal: null, actor: { ...SYSTEM_ACTOR, label: 'test' } },
  );
  return { ...user, password: opts.password ?? TEST_PASSWORD };
}
