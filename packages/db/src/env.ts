/**
 * The only place in `@tuanjian/db` that reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

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
      .transform((p) => path.resolve(process.cwd(), p)),
  ),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);
