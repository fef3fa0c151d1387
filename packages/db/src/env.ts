/**
 * The only place in `@tuanjian/db` that reads `process.env`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The workspace root (nearest folder with pnpm-workspace.yaml) or else the working
 * directory: a relative DATA_DIR means the repository's `./.data` whichever package
 * (apps/api, packages/db's CLI) the process was started from.
 */
function baseDir(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function base64Key(name: string) {
  return z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
      error: `${name} 必须是32字节密钥的base64编码`,
    });
}

export const envSchema = z.object({
  /** postgres://… — when absent the embedded PGlite engine is used. */
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
      .optional(),
  ),
  /** Root of local data; PGlite keeps its files in `<DATA_DIR>/pglite`. */
  DATA_DIR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('.data')
      .transform((p) => path.resolve(baseDir(), p)),
  ),
  /**
   * Key of the personal-information cipher (AES-256-GCM): base64 of 32 bytes. Unset → a key is
   * generated once and kept in `<DATA_DIR>/pii.key` (mode 0600).
   */
  TJ_PII_KEY: z.preprocess(emptyToUndefined, base64Key('TJ_PII_KEY').optional()),
  /** Earlier keys (comma-separated base64), still accepted for reading after a rotation. */
  TJ_PII_OLD_KEYS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(base64Key('TJ_PII_OLD_KEYS'))),
  ),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);
