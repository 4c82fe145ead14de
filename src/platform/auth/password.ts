/** Password hashing (argon2id) and the password rules staff accounts must meet. */
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifyPassword(hashValue: string | null, password: string): Promise<boolean> {
  if (!hashValue) return false;
  try {
    return await verify(hashValue, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('nq57-dummy-password-for-timing');
  return dummyHash;
}

/** Returns a message key when the password is unacceptable, null when it is fine. */
export function passwordProblem(password: string): 'auth.password.tooShort' | 'auth.password.tooLong' | 'auth.password.tooSimple' | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'auth.password.tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'auth.password.tooLong';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  if (classes < 3 || new Set(password).size < 5) return 'auth.password.tooSimple';
  return null;
}
