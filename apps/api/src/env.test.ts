import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR, parseEnv } from './env';

describe('server env', () => {
  it('defaults: 0.0.0.0:3000, PGlite with the demo city, dist folders next to apps/api', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      demo: true,
      trustProxy: false,
    });
    expect(env.adminDist).toBe(path.resolve(APP_DIR, '../admin/dist'));
    expect(env.h5Dist).toBe(path.resolve(APP_DIR, '../miniprogram/dist-h5'));
    expect(path.basename(APP_DIR)).toBe('api');
  });

  it('DATABASE_URL turns the demo off unless TJ_DEMO=1', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db', TJ_DEMO: '1' }).demo).toBe(true);
    expect(parseEnv({ TJ_DEMO: '0' }).demo).toBe(false);
  });

  it('absolute dist paths are kept; bad values are reported in Chinese', () => {
    expect(parseEnv({ ADMIN_DIST: '/srv/admin' }).adminDist).toBe('/srv/admin');
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/环境变量配置有误/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});
