import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decryptPii,
  encryptPii,
  loadOrCreateKeyFile,
  makePiiKeyring,
  piiBlindIndex,
  piiKeyIdOf,
} from './pii';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tj-pii-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PII cipher (AES-256-GCM)', () => {
  const ring = makePiiKeyring(randomBytes(32));

  it('round-trips, with a fresh IV per value and the key id in the sealed form', () => {
    const a = encryptPii('62010220050304123X', ring);
    const b = encryptPii('62010220050304123X', ring);
    expect(a).not.toBe(b);
    expect(a).not.toContain('62010220050304123X');
    expect(piiKeyIdOf(a)).toBe(ring.currentId);
    expect(decryptPii(a, ring)).toBe('62010220050304123X');
    expect(decryptPii(b, ring)).toBe('62010220050304123X');
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptPii('13812345678', ring);
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => decryptPii(parts.join('.'), ring)).toThrow();
    const other = makePiiKeyring(randomBytes(32));
    expect(() => decryptPii(sealed, other)).toThrow(/缺少解密密钥/);
  });

  it('rotation: a new key seals, the old key still opens old values', () => {
    const oldKey = randomBytes(32);
    const oldRing = makePiiKeyring(oldKey);
    const sealedOld = encryptPii('13812345678', oldRing);
    const rotated = makePiiKeyring(randomBytes(32), [oldKey]);
    expect(decryptPii(sealedOld, rotated)).toBe('13812345678');
    expect(piiKeyIdOf(encryptPii('x', rotated))).toBe(rotated.currentId);
    expect(rotated.currentId).not.toBe(oldRing.currentId);
  });

  it('blind index: deterministic per key, not the value', () => {
    expect(piiBlindIndex('62010220050304123X', ring)).toBe(piiBlindIndex('62010220050304123X', ring));
    expect(piiBlindIndex('62010220050304123X', ring)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('embedded default: generates a key file once, mode 0600', () => {
    const file = path.join(dir, 'sub', 'pii.key');
    const k1 = loadOrCreateKeyFile(file);
    expect(k1).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file).equals(k1)).toBe(true);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(k1)).toBe(true);
  });
});

describe('TJ_PII_KEY configuration', () => {
  it('accepts base64 of 32 bytes (and old keys for rotation), refuses anything else', async () => {
    const { envSchema } = await import('./env');
    const key = randomBytes(32).toString('base64');
    const old = randomBytes(32).toString('base64');
    expect(envSchema.parse({ TJ_PII_KEY: key, TJ_PII_OLD_KEYS: ` ${old} ,` })).toMatchObject({
      TJ_PII_KEY: key,
      TJ_PII_OLD_KEYS: [old],
    });
    expect(envSchema.parse({}).TJ_PII_OLD_KEYS).toEqual([]);
    expect(() => envSchema.parse({ TJ_PII_KEY: randomBytes(16).toString('base64') })).toThrow(/32字节/);
    expect(() => envSchema.parse({ TJ_PII_KEY: 'not base64!' })).toThrow();
  });
});
