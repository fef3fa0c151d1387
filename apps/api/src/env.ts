/**
 * Environment of the server process. The only place in apps/api that reads `process.env`
 * (`@tuanjian/api` reads SESSION_TTL_HOURS / COOKIE_SECURE in its own env.ts; they are
 * validated here too so a typo stops the server at start-up with a clear message).
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The apps/api folder (this file is apps/api/src/env.ts). */
export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], {
    error: '应为 1/0、true/false、yes/no 或 on/off',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT 应为端口号' })
    .int({ error: 'PORT 应为整数' })
    .min(0, { error: 'PORT 应在 0–65535 之间' })
    .max(65535, { error: 'PORT 应在 0–65535 之间' })
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL 应以 postgres:// 或 postgresql:// 开头' })
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Load the demo city. Default: on for PGlite, off for DATABASE_URL. */
  TJ_DEMO: z.preprocess(emptyToUndefined, booleanish.optional()),
  /** First password of `admin` on an empty deployment (DATABASE_URL, no demo). */
  TJ_ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().optional()),
  SESSION_TTL_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'SESSION_TTL_HOURS 应为数字（小时）' }).positive().optional(),
  ),
  COOKIE_SECURE: z.preprocess(emptyToUndefined, booleanish.optional()),
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For / X-Real-IP. */
  TRUST_PROXY: z.preprocess(emptyToUndefined, booleanish.default(false)),
  ADMIN_DIST: z.preprocess(emptyToUndefined, z.string().default('../admin/dist')),
  H5_DIST: z.preprocess(emptyToUndefined, z.string().default('../miniprogram/dist-h5')),
  /** LIFT-1: seconds between refreshes of the changed tenants' rollups (all tenants at start). */
  TJ_ROLLUP_INTERVAL_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'TJ_ROLLUP_INTERVAL_SECONDS 应为数字（秒）' })
      .int({ error: 'TJ_ROLLUP_INTERVAL_SECONDS 应为整数' })
      .min(5, { error: 'TJ_ROLLUP_INTERVAL_SECONDS 不能少于5秒' })
      .max(86_400, { error: 'TJ_ROLLUP_INTERVAL_SECONDS 不能超过86400秒' })
      .default(60),
  ),
  /** LIFT-1: at start, recompute only tenants whose rollups are older than this many seconds. */
  TJ_ROLLUP_STALE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'TJ_ROLLUP_STALE_SECONDS 应为数字（秒）' })
      .int({ error: 'TJ_ROLLUP_STALE_SECONDS 应为整数' })
      .min(0, { error: 'TJ_ROLLUP_STALE_SECONDS 不能为负数' })
      .default(21_600),
  ),
});

export interface ServerEnv {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string | undefined;
  demo: boolean;
  adminPassword: string | undefined;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** Absolute paths (relative values are resolved against the apps/api folder). */
  adminDist: string;
  h5Dist: string;
  rollupIntervalSeconds: number;
  rollupStaleSeconds: number;
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`环境变量配置有误：\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demo: e.TJ_DEMO ?? !e.DATABASE_URL,
    adminPassword: e.TJ_ADMIN_PASSWORD,
    cookieSecure: e.COOKIE_SECURE ?? false,
    trustProxy: e.TRUST_PROXY,
    adminDist: path.resolve(APP_DIR, e.ADMIN_DIST),
    h5Dist: path.resolve(APP_DIR, e.H5_DIST),
    rollupIntervalSeconds: e.TJ_ROLLUP_INTERVAL_SECONDS,
    rollupStaleSeconds: e.TJ_ROLLUP_STALE_SECONDS,
  };
}

let cached: ServerEnv | undefined;
/** The process environment, parsed once. */
export function getEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
