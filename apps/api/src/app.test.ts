import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoginThrottle } from '@tuanjian/api';
import type { Database } from '@tuanjian/db';
import { createDemoTestDatabase } from '@tuanjian/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';

const DEMO_PASSWORD = 'Tuanjian@2026';

let database: Database;
let tmp: string;
let app: ReturnType<typeof createApp>;
let bare: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createDemoTestDatabase();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-app-'));
  const admin = path.join(tmp, 'admin');
  const h5 = path.join(tmp, 'h5');
  mkdirSync(path.join(admin, 'assets'), { recursive: true });
  mkdirSync(path.join(h5, 'js'), { recursive: true });
  writeFileSync(
    path.join(admin, 'index.html'),
    '<!doctype html><title>管理后台</title><div id="root"></div>',
  );
  writeFileSync(path.join(admin, 'assets', 'index-BXk2c9aF.js'), 'console.log("admin")');
  writeFileSync(path.join(admin, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>H5</title><div id="app"></div>');
  writeFileSync(path.join(h5, 'js', 'app.3f9a2c1d.js'), 'console.log("h5")');
  app = createApp({ database, adminDist: admin, h5Dist: h5, throttle: new LoginThrottle() });
  bare = createApp({
    database,
    adminDist: path.join(tmp, 'missing-admin'),
    h5Dist: path.join(tmp, 'missing-h5'),
  });
}, 300_000);

afterAll(async () => {
  await database?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function cookieToken(res: Response): string | undefined {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('tj_session='));
  return c ? /^tj_session=([^;]*)/.exec(c)![1] : undefined;
}

async function login(username: string, client: 'admin' | 'miniprogram' = 'admin') {
  return app.request('/trpc/auth.login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client }),
  });
}

describe('health', () => {
  it('/healthz answers without the database', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', tenants: 16 });
  });

  it('/readyz is 503 when the database is gone', async () => {
    const broken = createApp({
      database: {
        engine: 'postgres',
        db: {
          getExecutor: () => {
            throw new Error('down');
          },
        } as unknown as Database['db'],
      },
      adminDist: tmp,
      h5Dist: tmp,
    });
    const res = await broken.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', message: '数据库暂不可用' });
  });
});

describe('tRPC over HTTP', () => {
  it('admin login sets the HttpOnly SameSite=Strict cookie; the cookie authenticates', async () => {
    const res = await login('chengguan.admin');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: { data: { token?: string; me: { user: { username: string } } } };
    };
    expect(body.result.data.token).toBeUndefined();
    expect(body.result.data.me.user.username).toBe('chengguan.admin');
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/tj_session=[a-z2-7]{32}; .*HttpOnly/);
    expect(setCookie).toContain('SameSite=Strict');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const token = cookieToken(res)!;
    const me = await app.request('/trpc/auth.me', { headers: { cookie: `tj_session=${token}` } });
    expect(me.status).toBe(200);
    expect(
      ((await me.json()) as { result: { data: { user: { username: string } } } }).result.data.user.username,
    ).toBe('chengguan.admin');
    const list = await app.request(
      `/trpc/members.list?input=${encodeURIComponent(JSON.stringify({ pageSize: 3 }))}`,
      { headers: { cookie: `tj_session=${token}` } },
    );
    expect(list.status).toBe(200);
    const data = ((await list.json()) as { result: { data: { items: unknown[]; total: number } } }).result
      .data;
    expect(data.items).toHaveLength(3);
    expect(data.total).toBeGreaterThan(3);

    const out = await app.request('/trpc/auth.logout', {
      method: 'POST',
      headers: { cookie: `tj_session=${token}`, 'content-type': 'application/json' },
    });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/tj_session=;.*Max-Age=0/);
    const after = await app.request('/trpc/auth.me', { headers: { cookie: `tj_session=${token}` } });
    expect(after.status).toBe(401);
  });

  it('mini-program login returns a token; Authorization: Bearer authenticates', async () => {
    const res = await login('chengguan.member', 'miniprogram');
    expect(res.headers.getSetCookie()).toEqual([]);
    const token = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const home = await app.request('/trpc/home.summary', { headers: { authorization: `Bearer ${token}` } });
    expect(home.status).toBe(200);
    const data = ((await home.json()) as { result: { data: { profile: { id: string } | null } } }).result
      .data;
    expect(data.profile).not.toBeNull();
  });

  it('errors carry appCode and a Chinese message', async () => {
    const res = await app.request('/trpc/auth.me');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { message: string; data: { appCode: string } } };
    expect(body.error.message).toBe('请先登录');
    expect(body.error.data.appCode).toBe('AUTH_REQUIRED');
  });

  it('rejects oversized bodies', async () => {
    const res = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('the Excel upload gets its own, larger limit (TJ_IMPORT_MAX_BYTES)', async () => {
    const body = JSON.stringify({
      kind: 'members',
      fileName: 'a.xlsx',
      contentBase64: 'A'.repeat(2 * 1024 * 1024),
    });
    const upload = await app.request('/trpc/imports.upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(upload.status).toBe(401); // past the body limit, stopped by the session check
    const huge = await app.request('/trpc/imports.upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'A'.repeat(10 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});

describe('static clients', () => {
  it('admin index at / with no caching, security headers and a CSP', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('管理后台');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('SPA fallback to index.html for client routes; a missing asset is 404', async () => {
    const res = await app.request('/organisations/abc?tab=members');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('管理后台');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect((await app.request('/assets/missing-12345678.js')).status).toBe(404);
  });

  it('hashed assets are cached for a year, other files revalidate', async () => {
    const res = await app.request('/assets/index-BXk2c9aF.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('admin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('cache-control')).toContain('must-revalidate');
  });

  it('the H5 build at /h5/ with its own fallback', async () => {
    expect((await app.request('/h5')).headers.get('location')).toBe('/h5/');
    const index = await app.request('/h5/');
    expect(await index.text()).toContain('H5');
    expect(index.headers.get('cache-control')).toContain('no-store');
    const route = await app.request('/h5/pages/home/index');
    expect(await route.text()).toContain('<div id="app">');
    const js = await app.request('/h5/js/app.3f9a2c1d.js');
    expect(await js.text()).toContain('h5');
    expect(js.headers.get('cache-control')).toContain('immutable');
  });

  it('no path traversal out of the build folder', async () => {
    const res = await app.request('/h5/..%2f..%2fetc%2fpasswd');
    expect(await res.text()).not.toContain('root:');
    const res2 = await app.request('/../../etc/passwd');
    expect(await res2.text()).not.toContain('root:');
  });

  it('a missing build gets a Chinese page saying how to build it', async () => {
    const admin = await bare.request('/');
    expect(admin.status).toBe(503);
    const text = await admin.text();
    expect(text).toContain('管理后台尚未构建');
    expect(text).toContain('pnpm --filter @tuanjian/admin build');
    const h5 = await bare.request('/h5/');
    expect(await h5.text()).toContain('build:h5');
    // The API still works.
    expect((await bare.request('/healthz')).status).toBe(200);
  });
});
