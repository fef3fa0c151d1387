/**
 * Environment of `@tuanjian/api`. The only place in this package that reads `process.env`.
 */
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], {
    error: '应为 1/0、true/false、yes/no 或 on/off',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const envSchema = z.object({
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
  NODE_ENV: z.string().optional(),
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
