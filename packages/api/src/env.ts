/**
 * Environment of `@tuanjian/api`. The only place in this package that reads `process.env`.
 */
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], {
    error: '应为 1/0、true/false、yes/no 或 on/off',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z
  .object({
    /** Session lifetime; a session used in the second half of its life is renewed (sliding). */
    SESSION_TTL_HOURS: z.coerce
      .number({ error: 'SESSION_TTL_HOURS 应为数字（小时）' })
      .positive({ error: 'SESSION_TTL_HOURS 应为正数' })
      .max(24 * 30, { error: 'SESSION_TTL_HOURS 不能超过 720 小时' })
      .default(12),
    /** Mark the session cookie `Secure` (set it when served over HTTPS). */
    COOKIE_SECURE: booleanish.default(false),
    /** Largest Excel file an import accepts, in bytes (MEM-7). */
    TJ_IMPORT_MAX_BYTES: z.coerce
      .number({ error: 'TJ_IMPORT_MAX_BYTES 应为数字（字节）' })
      .int({ error: 'TJ_IMPORT_MAX_BYTES 应为整数' })
      .positive({ error: 'TJ_IMPORT_MAX_BYTES 应为正数' })
      .max(100 * 1024 * 1024, { error: 'TJ_IMPORT_MAX_BYTES 不能超过 100MB' })
      .default(5 * 1024 * 1024),
    /** Largest uploaded file (POST /api/files), in bytes. */
    TJ_UPLOAD_MAX_BYTES: z.coerce
      .number({ error: 'TJ_UPLOAD_MAX_BYTES 应为数字（字节）' })
      .int({ error: 'TJ_UPLOAD_MAX_BYTES 应为整数' })
      .positive({ error: 'TJ_UPLOAD_MAX_BYTES 应为正数' })
      .max(100 * 1024 * 1024, { error: 'TJ_UPLOAD_MAX_BYTES 不能超过 100MB' })
      .default(10 * 1024 * 1024),
    /**
     * Key of the signed file links (HMAC-SHA256): base64 of 32 bytes. Unset → a key is generated once
     * and kept in `<DATA_DIR>/file-url.key` (mode 0600). Several server instances must share one.
     */
    TJ_FILE_URL_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
          error: 'TJ_FILE_URL_KEY 必须是32字节密钥的base64编码',
        })
        .optional(),
    ),
    /** How long a signed file link stays valid, in seconds (links are reissued with every answer). */
    TJ_FILE_URL_TTL_SECONDS: z.coerce
      .number({ error: 'TJ_FILE_URL_TTL_SECONDS 应为数字（秒）' })
      .int({ error: 'TJ_FILE_URL_TTL_SECONDS 应为整数' })
      .min(60, { error: 'TJ_FILE_URL_TTL_SECONDS 不能少于 60 秒' })
      .max(7 * 24 * 3600, { error: 'TJ_FILE_URL_TTL_SECONDS 不能超过 7 天' })
      .default(3600),
    /** S3-compatible storage of uploads: set the endpoint or the bucket to use it (else local disk). */
    TJ_S3_ENDPOINT: z.preprocess(
      emptyToUndefined,
      z.url({ error: 'TJ_S3_ENDPOINT 应为 http(s):// 开头的地址' }).optional(),
    ),
    TJ_S3_BUCKET: z.preprocess(emptyToUndefined, z.string().optional()),
    TJ_S3_REGION: z.preprocess(emptyToUndefined, z.string().default('us-east-1')),
    TJ_S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    TJ_S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    /** Path-style addressing (MinIO and most self-hosted S3-compatible servers need it). */
    TJ_S3_FORCE_PATH_STYLE: z.preprocess(emptyToUndefined, booleanish.default(false)),
    /** Optional prefix of every object key in the bucket. */
    TJ_S3_PREFIX: z.preprocess(emptyToUndefined, z.string().optional()),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.TJ_S3_ENDPOINT && !e.TJ_S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TJ_S3_BUCKET'],
        message: '设置了 TJ_S3_ENDPOINT 时须同时设置 TJ_S3_BUCKET',
      });
    }
    if (!e.TJ_S3_ACCESS_KEY_ID !== !e.TJ_S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['TJ_S3_SECRET_ACCESS_KEY'],
        message: 'TJ_S3_ACCESS_KEY_ID 与 TJ_S3_SECRET_ACCESS_KEY 须同时设置',
      });
    }
  });

export type ApiEnv = z.infer<typeof envSchema>;

function loadEnv(): ApiEnv {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`环境变量配置有误：\n${lines}`);
  }
  return parsed.data;
}

export const env: ApiEnv = loadEnv();
