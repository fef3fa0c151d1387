import { type Algorithm, hash, type Options, verify } from '@node-rs/argon2';

// @node-rs/argon2 declares `Algorithm` as an ambient const enum, whose members can't be read under
// isolatedModules; its value for Argon2id is 2.
const ARGON2ID = 2 as Algorithm;

/** OWASP-recommended argon2id parameters (19 MiB, t=2, p=1). */
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('密码不能为空');
  return hash(password, OPTIONS);
}

/** `verifyPassword(storedHash, candidate)`: false for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash.startsWith('$argon2')) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
