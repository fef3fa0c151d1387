/**
 * Security over real HTTP (issue 9): CSRF on cookie-authenticated requests, session cookies
 * (HttpOnly, SameSite, Secure behind TLS), session rotation on login and on a change of
 * privilege, security headers on the API and the served apps, and personal data (ID numbers,
 * phones) never in the server's log output, in error messages or (PostgreSQL) in a `pg_dump`.
 * Uploads (type by content, size, names) are in files.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoginThrottle } from '@tuanjian/api';
import {
  DEMO_PASSWORD,
  demoDatabase,
  membersImportXlsx,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from '@tuanjian/api/testing';
import { idCardCheckChar } from '@tuanjian/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';

let database: TestDatabase;
let tmp: string;
let app: ReturnType<typeof createApp>;
/** Behind a trusted reverse proxy (TRUST_PROXY=1). */
let proxied: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await demoDatabase();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tj-security-'));
  mkdirSync(path.join(tmp, 'admin'));
  mkdirSync(path.join(tmp, 'h5'));
  writeFileSync(path.join(tmp, 'admin', 'index.html'), '<!doctype html><title>管理后台</title>');
  writeFileSync(path.join(tmp, 'h5', 'index.html'), '<!doctype html><title>H5</title>');
  const opts = {
    database,
    adminDist: path.join(tmp, 'admin'),
    h5Dist: path.join(tmp, 'h5'),
    throttle: new LoginThrottle(),
  };
  app = createApp(opts);
  proxied = createApp({ ...opts, trustProxy: true });
}, 300_000);

afterAll(async () => {
  await database?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const SAME = { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' };

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((x) => x.startsWith('tj_session='));
}
function tokenOf(res: Response): string {
  return /^tj_session=([^;]*)/.exec(sessionCookie(res)!)![1]!;
}

async function login(username: string, headers: Record<string, string> = SAME, a = app) {
  return a.request('/trpc/auth.login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, client: 'admin' }),
  });
}

async function post(p: string, input: unknown, headers: Record<string, string>) {
  const res = await app.request(`/trpc/${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { res, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string } } };
}

async function me(token: string) {
  return app.request('/trpc/auth.me', { headers: { cookie: `tj_session=${token}` } });
}

describe('CSRF: cookie-authenticated requests that change something come from our own pages', () => {
  it('cross-site and same-site requests with the cookie are refused in Chinese; the session stays', async () => {
    const token = tokenOf(await login('chengguan.admin'));
    const cookie = `tj_session=${token}`;
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' },
      { origin: 'https://evil.example' }, // an older browser without Sec-Fetch-*
      { origin: 'null' }, // a sandboxed frame / data: page
    ] as Record<string, string>[]) {
      const { res, body } = await post('auth.logout', undefined, { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(body.error?.message).toBe('请求来源无法确认，请在本系统页面内操作');
    }
    // A text/plain form post (no preflight) is refused the same way.
    const form = await app.request('/trpc/auth.logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(form.status).toBe(403);
    expect((await me(token)).status).toBe(200);

    // Our own page: allowed.
    const own = await post('auth.logout', undefined, { cookie, ...SAME });
    expect(own.res.status).toBe(200);
    expect((await me(token)).status).toBe(401);
  });

  it('login from another site is refused (login CSRF); reads (GET) are not affected', async () => {
    const evil = await login('chengguan.admin', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(evil.status).toBe(403);
    expect(sessionCookie(evil)).toBeUndefined();
    const token = tokenOf(await login('chengguan.admin'));
    const read = await app.request('/trpc/auth.me', {
      headers: { cookie: `tj_session=${token}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
  });

  it('bearer-token requests (mini-program) and non-browser clients (no Origin, no Sec-Fetch-Site) are exempt', async () => {
    const res = await login('chengguan.member', {});
    expect(res.status).toBe(200);
    const mp = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chengguan.member', password: DEMO_PASSWORD, client: 'miniprogram' }),
    });
    const bearer = ((await mp.json()) as { result: { data: { token: string } } }).result.data.token;
    const out = await post('auth.logout', undefined, {
      authorization: `Bearer ${bearer}`,
      origin: 'https://servicewechat.com',
      'sec-fetch-site': 'cross-site',
    });
    expect(out.res.status).toBe(200);
  });

  it('behind a trusted proxy the public origin is X-Forwarded-Proto/Host', async () => {
    const fwd = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tj.example.cn' };
    const ok = await login('chengguan.admin', { ...fwd, origin: 'https://tj.example.cn' }, proxied);
    expect(ok.status).toBe(200);
    const bad = await login('chengguan.admin', { ...fwd, origin: 'https://evil.example' }, proxied);
    expect(bad.status).toBe(403);
  });
});

describe('session cookie', () => {
  it('HttpOnly, SameSite=Strict, Path=/; no Secure over plain HTTP', async () => {
    const c = sessionCookie(await login('chengguan.admin'))!;
    expect(c).toMatch(/; HttpOnly/);
    expect(c).toMatch(/; SameSite=Strict/);
    expect(c).toMatch(/; Path=\//);
    expect(c).not.toMatch(/; Secure/);
  });

  it('Secure when the request came over TLS: directly, or X-Forwarded-Proto https from a trusted proxy', async () => {
    const direct = await app.request('https://tj.example.cn/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'chengguan.admin', password: DEMO_PASSWORD, client: 'admin' }),
    });
    expect(sessionCookie(direct)).toMatch(/; Secure/);
    const viaProxy = await login('chengguan.admin', { 'x-forwarded-proto': 'https', ...SAME }, proxied);
    expect(sessionCookie(viaProxy)).toMatch(/; Secure/);
    // Without TRUST_PROXY the header is anyone's to send: not believed.
    const forged = await login('chengguan.admin', { 'x-forwarded-proto': 'https', ...SAME });
    expect(sessionCookie(forged)).not.toMatch(/; Secure/);
  });
});

describe('session rotation', () => {
  it('login ends the session the browser still carried and sets a new token', async () => {
    const old = tokenOf(await login('chengguan.admin'));
    const again = await login('chengguan.admin', { ...SAME, cookie: `tj_session=${old}` });
    const fresh = tokenOf(again);
    expect(fresh).not.toBe(old);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
  });

  it('a tenant switch (privilege change) ends the old session and sets a new one', async () => {
    const old = tokenOf(await login('multi.admin'));
    const grants = (
      (await (await me(old)).json()) as {
        result: { data: { grants: { id: string; tenant: { code: string } }[] } };
      }
    ).result.data.grants;
    const qilihe = grants.find((g) => g.tenant.code === 'qilihe')!;
    const { res } = await post(
      'auth.switchTenant',
      { grantId: qilihe.id },
      { ...SAME, cookie: `tj_session=${old}` },
    );
    expect(res.status).toBe(200);
    const fresh = tokenOf(res);
    expect(fresh).not.toBe(old);
    expect(sessionCookie(res)).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await me(old)).status).toBe(401);
    const now = (await (await me(fresh)).json()) as { result: { data: { activeGrantId: string } } };
    expect(now.result.data.activeGrantId).toBe(qilihe.id);
  });

  it('a password change rotates this session and ends every other one', async () => {
    const other = tokenOf(await login('yuzhong.admin'));
    const old = tokenOf(await login('yuzhong.admin'));
    const { res } = await post(
      'auth.changePassword',
      { oldPassword: DEMO_PASSWORD, newPassword: 'Yuzhong2026new' },
      { ...SAME, cookie: `tj_session=${old}` },
    );
    expect(res.status).toBe(200);
    const fresh = tokenOf(res);
    expect((await me(old)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('API answers: nosniff, no framing, referrer policy, no caching', async () => {
    const res = await app.request('/trpc/auth.me');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
  });

  it('admin and H5 pages carry their CSP; the admin allows no inline script', async () => {
    const admin = await app.request('/');
    const csp = admin.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(admin.headers.get('x-frame-options')).toBe('DENY');
    const h5 = await app.request('/h5/');
    expect(h5.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(h5.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('HSTS when served over HTTPS', async () => {
    const https = createApp({ database, adminDist: tmp, h5Dist: tmp, https: true });
    expect((await https.request('/healthz')).headers.get('strict-transport-security')).toContain('max-age=');
    expect((await app.request('/healthz')).headers.get('strict-transport-security')).toBeNull();
  });
});

// ------------------------------------------------------------------ personal data

describe('ID numbers and phones: never in logs, error messages or a database dump', () => {
  it('create/edit, reveal, import, failing validations: the plaintext appears only where it is asked for', async () => {
    const logs: string[] = [];
    const capture =
      (stream: string) =>
      (...args: unknown[]) => {
        logs.push(
          `${stream} ${args.map((a) => (a instanceof Error ? `${a.stack} ${String(a.cause)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
        );
      };
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture(m)),
    );
    const errorTexts: string[] = [];
    try {
      const token = tokenOf(await login('chengguan.admin'));
      const h = { ...SAME, cookie: `tj_session=${token}` };
      const chengguan = await tenantByCode(database.db, 'chengguan');
      const t = tenantTables(database.db, chengguan);
      const member = await t
        .selectFrom('members')
        .select(['id', 'birth_date', 'gender', 'org_id'])
        .where('status', '=', 'active')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const first17 = `620102${String(member.birth_date).slice(0, 10).replaceAll('-', '')}${member.gender === 'male' ? '371' : '372'}`;
      const id = first17 + idCardCheckChar(first17);
      const badId = first17 + (id.endsWith('0') ? '1' : '0');
      const phone = '13993170417';
      const importId = (() => {
        const f = '62010220040601035';
        return f + idCardCheckChar(f);
      })();
      const importPhone = '13993175421';
      const secrets = [id, badId, phone, importId, importPhone];

      const call = async (p: string, input: unknown) => {
        const r = await post(p, input, h);
        if (r.body.error) errorTexts.push(JSON.stringify(r.body.error));
        return r;
      };
      // Failing validations with the ID / phone in the input.
      expect((await call('archive.update', { id: member.id, idCard: badId })).res.status).toBe(400);
      expect((await call('archive.update', { id: member.id, idCard: `${id}123456789012` })).res.status).toBe(
        400,
      );
      expect((await call('archive.update', { id: member.id, phone: `${phone}99999999` })).res.status).toBe(
        400,
      );
      expect((await call('archive.update', { id: crypto.randomUUID(), idCard: id, phone })).res.status).toBe(
        404,
      );
      // Edit, then reveal (the reveal answers the value: that is what it is for).
      expect((await call('archive.update', { id: member.id, idCard: id, phone })).res.status).toBe(200);
      const reveal = await call('members.revealPii', {
        id: member.id,
        field: 'idCard',
        reason: '安全测试核对',
      });
      expect((reveal.body.result!.data as { value: string }).value).toBe(id);
      // Import: a good row and a failing row, both with personal data.
      const org = await t
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', member.org_id)
        .executeTakeFirstOrThrow();
      const contentBase64 = await membersImportXlsx([
        {
          name: '安全甲',
          gender: '男',
          birthDate: '2004-06-01',
          idCard: importId,
          phone: importPhone,
          org: org.name,
        },
        {
          name: '安全乙',
          gender: '男',
          birthDate: '2004-06-01',
          idCard: badId,
          phone: '12345',
          org: org.name,
        },
      ]);
      const up = await call('imports.upload', { kind: 'members', fileName: '安全.xlsx', contentBase64 });
      expect(up.res.status).toBe(200);
      const jobId = (up.body.result!.data as { id: string }).id;
      for (let i = 0; i < 50; i++) {
        const r = await call('imports.process', { jobId });
        if ((r.body.result!.data as { status: string }).status !== 'running') break;
      }
      const job = await app.request(
        `/trpc/imports.get?input=${encodeURIComponent(JSON.stringify({ jobId }))}`,
        {
          headers: h,
        },
      );
      const jobText = await job.text();
      expect(jobText).toContain('"createdRows":1');
      for (const s of secrets) expect(jobText, 'import report').not.toContain(s);

      // Nothing in the logs, nothing in any error message.
      const logText = logs.join('\n');
      const errText = errorTexts.join('\n');
      expect(errorTexts.length).toBeGreaterThanOrEqual(4);
      for (const s of secrets) {
        expect(logText, `log output contains ${s}`).not.toContain(s);
        expect(errText, `an error message contains ${s}`).not.toContain(s);
      }
      // Nor an ID shape or a mobile number of anyone, in either.
      expect(logText).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
      expect(errText).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)/);

      // The database dump (PostgreSQL: pg_dump of the whole test database).
      if (database.url) {
        const dump = execFileSync('pg_dump', ['--no-owner', '--dbname', database.url], {
          maxBuffer: 1024 * 1024 * 1024,
        }).toString('utf8');
        expect(dump.length).toBeGreaterThan(100_000);
        expect(dump).toContain('安全甲');
        for (const s of secrets) expect(dump.includes(s), `pg_dump contains ${s}`).toBe(false);
      } else {
        // PGlite: the whole data directory is scanned by packages/db/src/pii-dump.test.ts; here the
        // same check by SQL over every text column of the tenant.
        const { sql } = await import('kysely');
        const schema = chengguan.schema_name!;
        const { rows: tables } = await sql<{
          table_name: string;
        }>`select table_name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(database.db);
        for (const { table_name } of tables)
          for (const s of secrets) {
            const { rows } = await sql<{
              n: number;
            }>`select count(*)::int as n from ${sql.id(schema, table_name)} as r
              where r::text like ${`%${s}%`}`.execute(database.db);
            expect(rows[0]!.n, `${table_name} holds ${s} in plaintext`).toBe(0);
          }
      }
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
