/**
 * Links to files. An `<img>` in the admin app sends the session cookie, but the mini-program's
 * `<Image>` (and `Taro.downloadFile` previews) cannot send `Authorization`, so every link the API
 * hands out carries a short-lived signature bound to the tenant and the file:
 *
 *   /api/files/<id>?t=<tenant id>&e=<expiry, unix seconds>&s=<HMAC-SHA256, base64url>
 *
 * (node:crypto's HMAC — a library primitive; the key is TJ_FILE_URL_KEY or, unset, a key generated
 * once into `<DATA_DIR>/file-url.key`). The expiry is rounded up to a whole window, so a link stays
 * the same for a while (browsers and the mini-program can cache the image) and is valid for between
 * one and two windows (TJ_FILE_URL_TTL_SECONDS). A link grants reading that one file and nothing
 * else; a signed GET needs no session.
 *
 * `fileUrls(id)` signs for the tenant the current request acts in: tenant procedures and the
 * upload route run inside `runWithFileTenant` (set by `tenantProcedure`). Outside one, the links
 * are plain and need the session (cookie or bearer).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env as dbEnv } from '@tuanjian/db';
import { env } from '../../env';

export const FILES_BASE_PATH = '/api/files';

export interface FileRef {
  id: string;
  /** the file (images: the stripped original; documents: a download) */
  url: string;
  /** a thumbnail (images: ≤ 320 px WebP; documents: an icon with the file type) */
  thumbUrl: string;
}

interface FileTenant {
  tenantId: string;
}

const fileTenant = new AsyncLocalStorage<FileTenant>();

/** Run `fn` with links signed for `tenantId` (the request's acting tenant). */
export function runWithFileTenant<T>(tenantId: string, fn: () => T): T {
  return fileTenant.run({ tenantId }, fn);
}

let key: Buffer | null = null;
let ttlSeconds = env.TJ_FILE_URL_TTL_SECONDS;
let clock: () => number = () => Date.now();

function loadKey(): Buffer {
  if (key) return key;
  if (env.TJ_FILE_URL_KEY) {
    key = Buffer.from(env.TJ_FILE_URL_KEY, 'base64');
    return key;
  }
  const file = path.join(dbEnv.DATA_DIR, 'file-url.key');
  try {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = randomBytes(32);
    try {
      writeFileSync(file, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      key = fresh;
    } catch (e2) {
      // Another process created it first: use theirs.
      if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') throw e2;
      key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    }
  }
  if (key.length !== 32) throw new Error(`${file} 不是有效的32字节密钥（base64）`);
  return key;
}

/** Tests: a given key, link lifetime and clock (milliseconds). */
export function useFileUrlSigning(opts: { key?: Buffer; ttlSeconds?: number; now?: () => number }): void {
  if (opts.key) key = opts.key;
  if (opts.ttlSeconds) ttlSeconds = opts.ttlSeconds;
  if (opts.now) clock = opts.now;
}

function signature(tenantId: string, fileId: string, exp: number): string {
  return createHmac('sha256', loadKey())
    .update(`tj-file:v1\n${tenantId}\n${fileId}\n${exp}`)
    .digest('base64url');
}

/** The signed query of a file link for a tenant. */
export function signFileQuery(tenantId: string, fileId: string): string {
  const nowSec = Math.floor(clock() / 1000);
  const exp = (Math.floor(nowSec / ttlSeconds) + 2) * ttlSeconds;
  return `t=${encodeURIComponent(tenantId)}&e=${exp}&s=${signature(tenantId, fileId, exp)}`;
}

export type SignedCheck =
  | { ok: true; tenantId: string; expiresAt: number }
  | { ok: false; reason: 'absent' | 'invalid' | 'expired' };

/** Checks the `t`, `e`, `s` query parameters of a file link. */
export function verifyFileQuery(
  fileId: string,
  q: { t?: string | undefined; e?: string | undefined; s?: string | undefined },
): SignedCheck {
  if (!q.t && !q.e && !q.s) return { ok: false, reason: 'absent' };
  if (!q.t || !q.e || !q.s || !/^\d{1,12}$/.test(q.e)) return { ok: false, reason: 'invalid' };
  const exp = Number(q.e);
  const expected = Buffer.from(signature(q.t, fileId, exp));
  const given = Buffer.from(q.s);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'invalid' };
  }
  if (exp * 1000 <= clock()) return { ok: false, reason: 'expired' };
  return { ok: true, tenantId: q.t, expiresAt: exp };
}

/** The links of a file for the current request (signed when it acts in a tenant). */
export function fileUrls(id: string): FileRef {
  const base = `${FILES_BASE_PATH}/${encodeURIComponent(id)}`;
  const t = fileTenant.getStore();
  const query = t ? `?${signFileQuery(t.tenantId, id)}` : '';
  return { id, url: `${base}${query}`, thumbUrl: `${base}/thumb${query}` };
}
