/**
 * The storage and limits in force, from the environment (`src/env.ts`): S3-compatible storage when
 * `TJ_S3_BUCKET` is set, else local disk under `<DATA_DIR>/uploads`.
 */
import path from 'node:path';
import { env as dbEnv } from '@tuanjian/db';
import { env } from '../../env';
import { type FileStorage, LocalDiskStorage, S3Storage } from './storage';

/** Largest file accepted, in bytes (TJ_UPLOAD_MAX_BYTES). */
export function uploadMaxBytes(): number {
  return env.TJ_UPLOAD_MAX_BYTES;
}

/** Largest request body of an upload: the file plus the multipart envelope. */
export function uploadMaxBodyBytes(maxBytes = uploadMaxBytes()): number {
  return maxBytes + 64 * 1024;
}

let storage: FileStorage | null = null;

/** The configured storage (created once per process). */
export function defaultFileStorage(): FileStorage {
  if (storage) return storage;
  storage = env.TJ_S3_BUCKET
    ? new S3Storage({
        bucket: env.TJ_S3_BUCKET,
        endpoint: env.TJ_S3_ENDPOINT,
        region: env.TJ_S3_REGION,
        accessKeyId: env.TJ_S3_ACCESS_KEY_ID,
        secretAccessKey: env.TJ_S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.TJ_S3_FORCE_PATH_STYLE,
        prefix: env.TJ_S3_PREFIX,
      })
    : new LocalDiskStorage(path.join(dbEnv.DATA_DIR, 'uploads'));
  return storage;
}

/** A megabyte figure for messages (10485760 → "10 MB"). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
