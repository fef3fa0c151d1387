/**
 * Uploads through the real Hono app (PGlite, or PostgreSQL with DATABASE_URL): POST /api/files,
 * GET /api/files/:id and /thumb, sessions as tRPC's, signed links, tenants, limits.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskStorage, LoginThrottle } from '@tuanjian/api';
import type { Database } from '@tuanjian/db';
import { createDemoTestDatabase } from '@tuanjian/db/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';

const DEMO_PASSWORD = 'Tuanjian@2026';
const MAX = 300 * 1024;

let database: Database;
let tmp: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createDemoTestDatabase();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-files-http-'));
  app = createApp({
    database,
    adminDist: tmp,
    h5Dist: tmp,
    throttle: new LoginThrottle(),
    fileStorage: new LocalDiskStorage(path.join(tmp, 'uploads')),
    uploadMaxBytes: MAX,
  });
}, 300_000);

afterAll(async () => {
  await database?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function login(
  username: string,
  client: 'admin' | 'miniprogram' = 'admin',
): Promise<Record<string, string>> {
  const res = await app.request('/trpc/auth.login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client }),
  });
  expect(res.status).toBe(200);
  if (client === 'miniprogram') {
    const token = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
    return { authorization: `Bearer ${token}` };
  }
  const c = res.headers.getSetCookie().find((x) => x.startsWith('tj_session='))!;
  return { cookie: /^(tj_session=[^;]*)/.exec(c)![1]! };
}

const CSRF = { 'x-requested-with': 'tuanjian' };

function form(
  bytes: Uint8Array | string,
  name: string,
  type = 'image/jpeg',
  extra: Record<string, string> = {},
) {
  const fd = new FormData();
  fd.append('file', new File([bytes], name, { type }));
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
}

async function upload(headers: Record<string, string>, body: FormData) {
  const res = await app.request('/api/files', { method: 'POST', headers, body });
  return {
    res,
    json: (await res.json()) as Record<string, unknown> & {
      error?: { message: string; data: { appCode: string } };
    },
  };
}

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c41e3a' } })
    .jpeg()
    .withMetadata({ orientation: 8 })
    .toBuffer();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('POST /api/files', () => {
  it('admin (cookie + X-Requested-With) uploads a photo; the file and the thumbnail come back', async () => {
    const admin = await login('chengguan.admin');
    const { res, json } = await upload(
      { ...admin, ...CSRF },
      form(await photo(), '../../升旗仪式.jpg', 'text/html'),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(json).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      originalName: '升旗仪式.jpg',
      // orientation 8: shown rotated, 800×1200
      width: 800,
      height: 1200,
    });
    const id = json.id as string;
    expect(json.url).toMatch(new RegExp(`^/api/files/${id}\\?t=[0-9a-f-]{36}&e=\\d+&s=[\\w-]+$`));
    expect(json.thumbUrl).toMatch(new RegExp(`^/api/files/${id}/thumb\\?t=`));

    // The signed link works without a session (an <img> in the mini-program).
    const file = await app.request(json.url as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(file.headers.get('content-disposition')).toMatch(/^inline; /);
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([800, 1200, undefined, undefined]);

    const thumb = await app.request(json.thumbUrl as string);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const tm = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([tm.width, tm.height]).toEqual([213, 320]);

    // The plain link with the session (admin <img>, same origin, cookie).
    const plain = await app.request(`/api/files/${id}`, { headers: admin });
    expect(plain.status).toBe(200);
    // ETag revalidation.
    const again = await app.request(`/api/files/${id}`, {
      headers: { ...admin, 'if-none-match': plain.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    // Audited, in the tenant.
    const audit = await database.db
      .selectFrom('platform.audit_log')
      .select(['action', 'target_type'])
      .where('target_id', '=', id)
      .execute();
    expect(audit).toEqual([{ action: 'files.upload', target_type: 'file' }]);
    // Stored under the tenant schema with a generated key, not the name.
    const schemaDirs = readdirSync(path.join(tmp, 'uploads'));
    expect(schemaDirs).toContain('t_chengguan');
    expect(
      readdirSync(path.join(tmp, 'uploads', 't_chengguan')).every((f) => /^[0-9a-f-]{36}(\.thumb)?$/.test(f)),
    ).toBe(true);
  });

  it('a document downloads as an attachment with its Chinese name; its thumbnail is a type icon', async () => {
    const admin = await login('chengguan.admin');
    const { res, json } = await upload(
      { ...admin, ...CSRF },
      form(PDF, '2026年 团课 "记录".pdf', 'application/pdf'),
    );
    expect(res.status).toBe(201);
    // Quotes are not kept in names (sanitised metadata).
    expect(json).toMatchObject({
      kind: 'document',
      mime: 'application/pdf',
      originalName: '2026年 团课 _记录_.pdf',
      width: null,
      height: null,
    });
    const file = await app.request(`/api/files/${json.id}`, { headers: admin });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="2026_ __ ____.pdf"; filename*=UTF-8''${encodeURIComponent('2026年 团课 _记录_.pdf')}`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const icon = await app.request(json.thumbUrl as string);
    expect(icon.headers.get('content-type')).toBe('image/png');
  });

  it('the mini-program uploads with its bearer token (no extra header needed)', async () => {
    const member = await login('chengguan.member', 'miniprogram');
    const { res, json } = await upload(member, form(await photo(), 'IMG_0001.JPG'));
    expect(res.status).toBe(201);
    const file = await app.request(`/api/files/${json.id}/thumb`, { headers: member });
    expect(file.status).toBe(200);
  });

  it('refuses: no session 401, cookie without X-Requested-With 403, the city tenant 403', async () => {
    const anon = await upload({}, form(await photo(), 'a.jpg'));
    expect(anon.res.status).toBe(401);
    expect(anon.json.error).toMatchObject({ message: '请先登录', data: { appCode: 'AUTH_REQUIRED' } });

    const admin = await login('chengguan.admin');
    const csrf = await upload(admin, form(await photo(), 'a.jpg'));
    expect(csrf.res.status).toBe(403);
    expect(csrf.json.error?.message).toBe('请求来源无法确认，请在本系统页面内上传');
    const wrong = await upload(
      { ...admin, 'x-requested-with': 'XMLHttpRequest' },
      form(await photo(), 'a.jpg'),
    );
    expect(wrong.res.status).toBe(403);

    const city = await login('city.admin');
    const c = await upload({ ...city, ...CSRF }, form(await photo(), 'a.jpg'));
    expect(c.res.status).toBe(403);
    expect(c.json.error?.data.appCode).toBe('TENANT_KIND');
  });

  it('refuses by content: a .jpg that is text, HTML or SVG', async () => {
    const admin = await login('chengguan.admin');
    for (const [bytes, name] of [
      ['只是一段文字', '照片.jpg'],
      ['<html><script>alert(1)</script></html>', 'photo.jpg'],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'logo.png'],
    ] as const) {
      const { res, json } = await upload({ ...admin, ...CSRF }, form(bytes, name));
      expect(res.status).toBe(400);
      expect(json.error?.message).toMatch(/^不支持的文件类型：只能上传图片/);
    }
    const none = await upload({ ...admin, ...CSRF }, new FormData());
    expect(none.res.status).toBe(400);
    expect(none.json.error?.message).toBe('请选择要上传的文件');
  });

  it('refuses a file over the limit before reading it all (413, Chinese)', async () => {
    const admin = await login('chengguan.admin');
    const big = Buffer.alloc(MAX + 1, 0xff);
    PDF.copy(big);
    const { res, json } = await upload({ ...admin, ...CSRF }, form(big, 'big.pdf', 'application/pdf'));
    expect(res.status).toBe(413);
    expect(json.error?.message).toBe('文件过大：单个文件不能超过 0.3 MB');
    // Far over the limit: stopped by the body limit.
    const huge = await upload({ ...admin, ...CSRF }, form(Buffer.alloc(MAX * 4, 1), 'huge.pdf'));
    expect(huge.res.status).toBe(413);
    expect(huge.json.error?.message).toBe('文件过大：单个文件不能超过 0.3 MB');
  });

  it('an organisation id of another scope is refused', async () => {
    const secretary = await login('chengguan.branch');
    const { res, json } = await upload(
      { ...secretary, ...CSRF },
      form(await photo(), 'a.jpg', 'image/jpeg', { orgId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(res.status).toBe(400);
    expect(json.error?.message).toBe('所属组织不存在或无权使用');
  });
});

describe('GET /api/files/:id across tenants', () => {
  it('a file of another tenant is 404, by session or with a forged signature', async () => {
    const cg = await login('chengguan.admin');
    const { json } = await upload({ ...cg, ...CSRF }, form(await photo(), 'a.jpg'));
    const id = json.id as string;
    const qlh = await login('qilihe.admin');
    for (const p of [`/api/files/${id}`, `/api/files/${id}/thumb`]) {
      const res = await app.request(p, { headers: qlh });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        '文件不存在或无权查看',
      );
    }
    // The chengguan link with qilihe's tenant id: the signature no longer matches.
    const qilihe = await database.db
      .selectFrom('platform.tenants')
      .select('id')
      .where('code', '=', 'qilihe')
      .executeTakeFirstOrThrow();
    const url = new URL(json.url as string, 'http://x');
    url.searchParams.set('t', qilihe.id);
    const forged = await app.request(url.pathname + url.search);
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toBe('文件链接无效');
    // The link of one file does not open another.
    const other = await upload({ ...cg, ...CSRF }, form(await photo(), 'b.jpg'));
    const swapped = (json.url as string).replace(id, other.json.id as string);
    expect((await app.request(swapped)).status).toBe(403);
    // Unknown id, not a uuid, no session.
    expect(
      (await app.request('/api/files/00000000-0000-4000-8000-000000000000', { headers: cg })).status,
    ).toBe(404);
    expect((await app.request('/api/files/..%2f..%2fetc%2fpasswd', { headers: cg })).status).toBe(404);
    const anon = await app.request(`/api/files/${id}`);
    expect(anon.status).toBe(401);
    // Other paths and methods under /api/files are JSON 404s, not the admin app.
    const stray = await app.request(`/api/files/${id}/thumb/x`, { headers: cg });
    expect(stray.status).toBe(404);
    expect(((await stray.json()) as { error: { message: string } }).error.message).toBe('请求的地址不存在');
    expect(
      (await app.request(`/api/files/${id}`, { method: 'DELETE', headers: { ...cg, ...CSRF } })).status,
    ).toBe(404);
  });
});

describe('the H5 page may read chosen photos back', () => {
  it('CSP of /h5/ allows connecting to blob: (Taro.uploadFile reads the chosen file from its blob URL)', async () => {
    const h5 = await app.request('/h5/');
    expect(h5.headers.get('content-security-policy')).toContain("connect-src 'self' blob:");
    const admin = await app.request('/');
    expect(admin.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });
});
