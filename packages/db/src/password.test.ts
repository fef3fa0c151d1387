import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Tuanjian@2026');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Tuanjian@2026')).toBe(true);
    expect(await verifyPassword(h, 'tuanjian@2026')).toBe(false);
    expect(await hashPassword('Tuanjian@2026')).not.toBe(h); // salted
  });

  it('returns false for malformed hashes instead of throwing', async () => {
    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$garbage', 'x')).toBe(false);
    expect(await verifyPassword('plain-text', 'plain-text')).toBe(false);
  });
});
