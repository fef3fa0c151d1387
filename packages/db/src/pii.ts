/**
 * Personal information at rest (MEM-1): ID-card numbers and phones are stored only as
 * AES-256-GCM ciphertext (node:crypto), each value with its own random 96-bit IV and the id of the
 * key that sealed it, so keys can rotate (old keys stay readable via `TJ_PII_OLD_KEYS`).
 *
 * Stored form (text): `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 * A blind index (HMAC-SHA256 with a key derived from the current key by HKDF) lets the import
 * find a member by ID number without storing it in clear.
 *
 * The key comes from configuration (`TJ_PII_KEY`, base64 of 32 bytes); without one, a key is
 * generated once and kept in `<DATA_DIR>/pii.key` (mode 0600). Tests use a generated key
 * (`usePiiKeys`, set by `@tuanjian/db/testing`).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from './env';

const VERSION = 'v1';
const IV_BYTES = 12;

export interface PiiKeyring {
  currentId: string;
  keys: Map<string, Buffer>;
  indexKey: Buffer;
}

export class PiiKeyError extends Error {}

/** Short stable id of a key: first 8 hex digits of its SHA-256 (never the key itself). */
export function piiKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function makePiiKeyring(current: Buffer, old: Buffer[] = []): PiiKeyring {
  for (const k of [current, ...old]) if (k.length !== 32) throw new PiiKeyError('PII 密钥必须为32字节');
  const keys = new Map<string, Buffer>();
  for (const k of old) keys.set(piiKeyId(k), k);
  const currentId = piiKeyId(current);
  keys.set(currentId, current);
  const indexKey = Buffer.from(hkdfSync('sha256', current, Buffer.alloc(0), 'tuanjian pii blind index', 32));
  return { currentId, keys, indexKey };
}

let keyring: PiiKeyring | null = null;

/** The key file of the embedded default: read it, or create it (0600) on first use. */
export function loadOrCreateKeyFile(file: string): Buffer {
  try {
    return decodeKeyFile(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return key;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return decodeKeyFile(readFileSync(file, 'utf8'), file);
    throw err;
  }
}

function decodeKeyFile(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new PiiKeyError(`${file} 不是有效的32字节密钥（base64）`);
  return key;
}

/** The keyring in force: configured keys, else the key file under DATA_DIR. */
export function getPiiKeyring(): PiiKeyring {
  if (keyring) return keyring;
  const current = env.TJ_PII_KEY
    ? Buffer.from(env.TJ_PII_KEY, 'base64')
    : loadOrCreateKeyFile(path.join(env.DATA_DIR, 'pii.key'));
  keyring = makePiiKeyring(
    current,
    env.TJ_PII_OLD_KEYS.map((k) => Buffer.from(k, 'base64')),
  );
  return keyring;
}

/** Replace the keyring of this process (tests; a rotation tool). */
export function usePiiKeys(current: Buffer, old: Buffer[] = []): PiiKeyring {
  keyring = makePiiKeyring(current, old);
  return keyring;
}

export function encryptPii(plain: string, ring: PiiKeyring = getPiiKeyring()): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is bound to the ciphertext as additional authenticated data.
  cipher.setAAD(Buffer.from(`${VERSION}.${ring.currentId}`));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    ring.currentId,
    iv.toString('base64url'),
    ct.toString('base64url'),
    tag.toString('base64url'),
  ].join('.');
}

export function decryptPii(sealed: string, ring: PiiKeyring = getPiiKeyring()): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiKeyError('密文格式无效');
  const [, keyId, iv, ct, tag] = parts as [string, string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new PiiKeyError(`缺少解密密钥（编号 ${keyId}），请检查 TJ_PII_KEY / TJ_PII_OLD_KEYS 配置`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** The id of the key that sealed a value (to find values to re-encrypt after a rotation). */
export function piiKeyIdOf(sealed: string): string | null {
  const parts = sealed.split('.');
  return parts.length === 5 ? (parts[1] ?? null) : null;
}

/** Deterministic lookup token of a normalised value (HMAC-SHA256, hex). */
export function piiBlindIndex(value: string, ring: PiiKeyring = getPiiKeyring()): string {
  return createHmac('sha256', ring.indexKey).update(value).digest('hex');
}
