import type { PlatformDatabase } from '@tuanjian/db';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken } from '../auth/session';
import { LoginThrottle } from '../auth/throttle';
import { asDate } from '../db-types';
import {
  callerAs,
  callerWith,
  DEMO_PASSWORD,
  demoDatabase,
  errorOf,
  grantsOf,
  sessionFor,
  TEST_CONFIG,
  type TestDatabase,
  userByName,
} from '../test/helpers';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
}, 300_000);

afterAll(async () => {
  await database?.close();
});

function cookieOf(headers: Headers): string | undefined {
  return headers.getSetCookie().find((c) => c.startsWith('tj_session='));
}

async function sessionRow(token: string) {
  return db
    .selectFrom('platform.sessions')
    .selectAll()
    .where('id', '=', sessionIdFromToken(token))
    .executeTakeFirstOrThrow();
}

describe('auth.login', () => {
  it('admin client: HttpOnly SameSite=Strict cookie, no token in the body, the only grant active', async () => {
    const { caller, resHeaders } = callerWith(database);
    const result = await caller.auth.login({ username: 'qilihe.admin', password: DEMO_PASSWORD });
    expect(result.token).toBeUndefined();
    expect(result.me.user.username).toBe('qilihe.admin');
    expect(result.me.grants).toHaveLength(1);
    expect(result.me.activeGrantId).toBe(result.me.grants[0]!.id);
    expect(result.me.grants[0]!.tenant.code).toBe('qilihe');

    const cookie = cookieOf(resHeaders)!;
    expect(cookie).toMatch(/^tj_session=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toContain('Secure');

    // The cookie authenticates; the stored id is the token's sha-256, not the token.
    const token = /^tj_session=([^;]+)/.exec(cookie)![1]!;
    const me = await callerWith(database, { token }).caller.auth.me();
    expect(me.user.username).toBe('qilihe.admin');
    const row = await sessionRow(token);
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id).not.toContain(token);
    expect(row.client).toBe('admin');
    expect(row.expires_at.getTime() - asDate(row.created_at).getTime()).toBe(TEST_CONFIG.sessionTtlMs);
  });

  it('username is case-insensitive', async () => {
    const { caller } = callerWith(database);
    const result = await caller.auth.login({ username: 'QILIHE.Admin', password: DEMO_PASSWORD });
    expect(result.me.user.username).toBe('qilihe.admin');
  });

  it('Secure cookie when COOKIE_SECURE', async () => {
    const { caller, resHeaders } = callerWith(database, { config: { cookieSecure: true } });
    await caller.auth.login({ username: 'xigu.admin', password: DEMO_PASSWORD });
    expect(cookieOf(resHeaders)).toContain('Secure');
  });

  it('mini-program client: token in the body, no cookie; the token works as a Bearer token', async () => {
    const { caller, resHeaders } = callerWith(database);
    const result = await caller.auth.login({
      username: 'chengguan.member',
      password: DEMO_PASSWORD,
      client: 'miniprogram',
    });
    expect(result.token).toMatch(/^[a-z2-7]{32}$/);
    expect(cookieOf(resHeaders)).toBeUndefined();
    const bearer = callerWith(database, { token: result.token, via: 'bearer' });
    expect((await bearer.caller.auth.me()).user.username).toBe('chengguan.member');
    expect((await sessionRow(result.token!)).client).toBe('miniprogram');
  });

  it('wrong password: UNAUTHORIZED AUTH_INVALID in Chinese, and audited', async () => {
    const { caller } = callerWith(database, { ip: '10.0.0.7' });
    const err = await errorOf(caller.auth.login({ username: 'anning.admin', password: 'wrong-password' }));
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'AUTH_INVALID', message: '用户名或密码错误' });
    const unknown = await errorOf(caller.auth.login({ username: 'nobody.here', password: 'x' }));
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'AUTH_INVALID' });

    const user = await userByName(db, 'anning.admin');
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('user_id', '=', user.id)
      .execute();
    expect(audit.some((a) => a.ip === '10.0.0.7' && JSON.stringify(a.detail).includes('failed'))).toBe(true);
  });

  it('successful login is audited with the user', async () => {
    const { caller } = callerWith(database, { ip: '10.0.0.8' });
    await caller.auth.login({ username: 'honggu.admin', password: DEMO_PASSWORD });
    const user = await userByName(db, 'honggu.admin');
    const rows = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('user_id', '=', user.id)
      .execute();
    expect(
      rows.some((r) => r.ip === '10.0.0.8' && JSON.stringify(r.detail).includes('ok') && r.tenant_id),
    ).toBe(true);
  });

  it('validation messages are Chinese and carry zod issues', async () => {
    const { caller } = callerWith(database);
    const err = await errorOf(caller.auth.login({ username: '', password: '' }));
    expect(err?.code).toBe('BAD_REQUEST');
  });
});

describe('login rate limiting', () => {
  it('5 failures per account within the window: the 6th try is refused even with the right password', async () => {
    const throttle = new LoginThrottle();
    const { caller } = callerWith(database, { throttle, ip: '10.1.0.1' });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await errorOf(caller.auth.login({ username: 'gaolan.admin', password: `bad-${i}` })))!.code,
      );
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('UNAUTHORIZED'));
    expect(codes[4]).toBe('TOO_MANY_REQUESTS');
    // Another IP does not help: the account is locked for the window.
    const other = callerWith(database, { throttle, ip: '10.1.0.2' });
    const err = await errorOf(other.caller.auth.login({ username: 'gaolan.admin', password: DEMO_PASSWORD }));
    expect(err).toMatchObject({ code: 'TOO_MANY_REQUESTS', appCode: 'AUTH_RATE_LIMITED' });
    expect(err!.message).toMatch(/登录失败次数过多，请在 1[45] 分钟后（北京时间 \d\d:\d\d 之后）重试/);
    // Other accounts are unaffected.
    await expect(
      other.caller.auth.login({ username: 'yuzhong.admin', password: DEMO_PASSWORD }),
    ).resolves.toBeTruthy();
  });

  it('a success clears the account counter', async () => {
    const throttle = new LoginThrottle();
    const { caller } = callerWith(database, { throttle, ip: '10.2.0.1' });
    for (let i = 0; i < 4; i++)
      await errorOf(caller.auth.login({ username: 'xinqu.admin', password: 'bad' }));
    await caller.auth.login({ username: 'xinqu.admin', password: DEMO_PASSWORD });
    for (let i = 0; i < 4; i++) {
      expect((await errorOf(caller.auth.login({ username: 'xinqu.admin', password: 'bad' })))!.code).toBe(
        'UNAUTHORIZED',
      );
    }
  });

  it('20 failures per IP: that IP is refused for every account, other IPs are not', async () => {
    const throttle = new LoginThrottle();
    const { caller } = callerWith(database, { throttle, ip: '10.3.0.1' });
    for (let i = 0; i < 20; i++) {
      await errorOf(caller.auth.login({ username: `ghost${i}.user`, password: 'bad' }));
    }
    const err = await errorOf(caller.auth.login({ username: 'shizhi.admin', password: DEMO_PASSWORD }));
    expect(err).toMatchObject({ code: 'TOO_MANY_REQUESTS', appCode: 'AUTH_RATE_LIMITED' });
    const other = callerWith(database, { throttle, ip: '10.3.0.2' });
    await expect(
      other.caller.auth.login({ username: 'shizhi.admin', password: DEMO_PASSWORD }),
    ).resolves.toBeTruthy();
  });
});

describe('sessions', () => {
  it('no token, a malformed token, or an unknown token: UNAUTHORIZED AUTH_REQUIRED', async () => {
    for (const token of [undefined, 'not-a-token', 'a'.repeat(32)]) {
      const err = await errorOf(callerWith(database, { token }).caller.auth.me());
      expect(err).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'AUTH_REQUIRED' });
    }
  });

  it('logout revokes the session and clears the cookie', async () => {
    const { caller, resHeaders, token } = await callerAs(database, 'qilihe.admin');
    await expect(caller.auth.logout()).resolves.toEqual({ ok: true });
    expect(cookieOf(resHeaders)).toMatch(/^tj_session=;.*Max-Age=0/);
    expect((await sessionRow(token)).revoked_at).not.toBeNull();
    const err = await errorOf(callerWith(database, { token }).caller.auth.me());
    expect(err?.code).toBe('UNAUTHORIZED');
    const audit = await db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('action', '=', 'auth.logout')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('an expired session is refused and its cookie cleared', async () => {
    const token = await sessionFor(db, 'qilihe.admin');
    await db
      .updateTable('platform.sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', sessionIdFromToken(token))
      .execute();
    const { caller, resHeaders } = callerWith(database, { token });
    expect(await errorOf(caller.auth.me())).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'AUTH_REQUIRED' });
    expect(cookieOf(resHeaders)).toMatch(/Max-Age=0/);
  });

  it('a session expires after SESSION_TTL_HOURS without use', async () => {
    const token = await sessionFor(db, 'qilihe.admin');
    const later = new Date(Date.now() + TEST_CONFIG.sessionTtlMs + 1000);
    const err = await errorOf(callerWith(database, { token, now: () => later }).caller.auth.me());
    expect(err?.code).toBe('UNAUTHORIZED');
  });

  it('sliding renewal: used in the second half of its life, the session is extended and the cookie re-sent', async () => {
    const token = await sessionFor(db, 'qilihe.admin');
    const before = await sessionRow(token);
    // Early use: no renewal, no cookie.
    const early = callerWith(database, { token, now: () => new Date(Date.now() + 10_000) });
    await early.caller.auth.me();
    expect(cookieOf(early.resHeaders)).toBeUndefined();
    expect((await sessionRow(token)).expires_at.getTime()).toBe(before.expires_at.getTime());
    // Past half-life: renewed.
    const late = new Date(asDate(before.created_at).getTime() + TEST_CONFIG.sessionTtlMs * 0.75);
    const c = callerWith(database, { token, now: () => late });
    await c.caller.auth.me();
    const after = await sessionRow(token);
    expect(after.expires_at.getTime()).toBe(late.getTime() + TEST_CONFIG.sessionTtlMs);
    expect(cookieOf(c.resHeaders)).toContain(`tj_session=${token}`);
    // A bearer session is renewed too, without a cookie.
    const bearerToken = await sessionFor(db, 'qilihe.admin', { client: 'miniprogram' });
    const b = callerWith(database, { token: bearerToken, via: 'bearer', now: () => late });
    await b.caller.auth.me();
    expect(cookieOf(b.resHeaders)).toBeUndefined();
    expect((await sessionRow(bearerToken)).expires_at.getTime()).toBe(
      late.getTime() + TEST_CONFIG.sessionTtlMs,
    );
  });

  it('last_seen_at is written at most once a minute', async () => {
    const token = await sessionFor(db, 'qilihe.admin');
    const t0 = asDate((await sessionRow(token)).last_seen_at).getTime();
    await callerWith(database, { token, now: () => new Date(t0 + 30_000) }).caller.auth.me();
    expect(asDate((await sessionRow(token)).last_seen_at).getTime()).toBe(t0);
    await callerWith(database, { token, now: () => new Date(t0 + 61_000) }).caller.auth.me();
    expect(asDate((await sessionRow(token)).last_seen_at).getTime()).toBe(t0 + 61_000);
  });

  it('a disabled user loses their sessions and cannot log in', async () => {
    const token = await sessionFor(db, 'yongdeng.admin');
    await db
      .updateTable('platform.users')
      .set({ status: 'disabled' })
      .where('username', '=', 'yongdeng.admin')
      .execute();
    try {
      expect((await errorOf(callerWith(database, { token }).caller.auth.me()))?.code).toBe('UNAUTHORIZED');
      const err = await errorOf(
        callerWith(database).caller.auth.login({ username: 'yongdeng.admin', password: DEMO_PASSWORD }),
      );
      expect(err).toMatchObject({ code: 'FORBIDDEN', appCode: 'AUTH_DISABLED' });
    } finally {
      await db
        .updateTable('platform.users')
        .set({ status: 'active' })
        .where('username', '=', 'yongdeng.admin')
        .execute();
    }
  });
});

describe('auth.switchTenant', () => {
  it('several grants: none active after login; tenant procedures ask to choose; switch to an own grant', async () => {
    const { caller, resHeaders } = callerWith(database);
    const { me } = await caller.auth.login({ username: 'multi.admin', password: DEMO_PASSWORD });
    expect(me.grants.map((g) => g.tenant.code).sort()).toEqual(['chengguan', 'qilihe']);
    expect(me.activeGrantId).toBeNull();
    const token = /^tj_session=([^;]+)/.exec(cookieOf(resHeaders)!)![1]!;
    const c = callerWith(database, { token });
    expect(await errorOf(c.caller.members.list({}))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'TENANT_REQUIRED',
    });

    const qilihe = me.grants.find((g) => g.tenant.code === 'qilihe')!;
    const switched = await c.caller.auth.switchTenant({ grantId: qilihe.id });
    expect(switched.activeGrantId).toBe(qilihe.id);
    // The switch rotates the cookie session: the old token is revoked, a new one is set.
    const token2 = /^tj_session=([^;]+)/.exec(cookieOf(c.resHeaders)!)![1]!;
    expect(token2).not.toBe(token);
    expect((await sessionRow(token)).revoked_at).not.toBeNull();
    expect(await errorOf(c.caller.auth.me())).toMatchObject({ code: 'UNAUTHORIZED' });
    const c2 = callerWith(database, { token: token2 });
    const list = await c2.caller.members.list({ pageSize: 5 });
    expect(list.total).toBeGreaterThan(0);
    const tree = await c2.caller.organisations.tree();
    expect(JSON.stringify(tree)).not.toContain('城关');

    const chengguan = me.grants.find((g) => g.tenant.code === 'chengguan')!;
    await c2.caller.auth.switchTenant({ grantId: chengguan.id });
    const token3 = /^tj_session=([^;]+)/.exec(cookieOf(c2.resHeaders)!)![1]!;
    expect((await callerWith(database, { token: token3 }).caller.auth.me()).activeGrantId).toBe(chengguan.id);
  });

  it('a bearer (mini-program) session is replaced too: the new token in the answer, the old one revoked', async () => {
    const token = await sessionFor(db, 'multi.admin', { grant: null, client: 'miniprogram' });
    const c = callerWith(database, { token, via: 'bearer' });
    const qilihe = (await grantsOf(db, 'multi.admin')).find((g) => g.tenant_code === 'qilihe')!;
    const switched = await c.caller.auth.switchTenant({ grantId: qilihe.id });
    expect(c.resHeaders.getSetCookie()).toEqual([]);
    expect(switched.token).toBeTruthy();
    expect(switched.token).not.toBe(token);
    expect((await sessionRow(token)).revoked_at).not.toBeNull();
    expect(await errorOf(c.caller.auth.me())).toMatchObject({ code: 'UNAUTHORIZED' });
    const c2 = callerWith(database, { token: switched.token!, via: 'bearer' });
    expect((await c2.caller.auth.me()).activeGrantId).toBe(qilihe.id);
    expect((await sessionRow(switched.token!)).client).toBe('miniprogram');
    // A new password replaces it again.
    const changed = await c2.caller.auth.changePassword({
      oldPassword: DEMO_PASSWORD,
      newPassword: 'Bearer2026pw',
    });
    expect(changed.token).toBeTruthy();
    expect(await errorOf(c2.caller.auth.me())).toMatchObject({ code: 'UNAUTHORIZED' });
    const c3 = callerWith(database, { token: changed.token!, via: 'bearer' });
    expect((await c3.caller.auth.me()).activeGrantId).toBe(qilihe.id);
    // (back to the demo password for the other tests)
    await c3.caller.auth.changePassword({ oldPassword: 'Bearer2026pw', newPassword: DEMO_PASSWORD });
  });

  it('only to one of the user’s own grants', async () => {
    const other = (await grantsOf(db, 'chengguan.admin'))[0]!;
    const { caller } = await callerAs(database, 'qilihe.admin');
    const err = await errorOf(caller.auth.switchTenant({ grantId: other.id }));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(caller.auth.switchTenant({ grantId: crypto.randomUUID() }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const me = await caller.auth.me();
    expect(me.grants.every((g) => g.tenant.code === 'qilihe')).toBe(true);
  });

  it('Me carries the scope organisation of an org_secretary grant', async () => {
    const { caller } = await callerAs(database, 'chengguan.branch');
    const me = await caller.auth.me();
    expect(me.grants[0]!.role).toBe('org_secretary');
    expect(me.grants[0]!.scopeOrg?.name).toBeTruthy();
  });
});

describe('auth.changePassword', () => {
  it('wrong old password refused; weak new password refused in Chinese', async () => {
    const { caller } = await callerAs(database, 'xigu.admin');
    expect(
      await errorOf(caller.auth.changePassword({ oldPassword: 'nope', newPassword: 'NewPass1234' })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'PASSWORD_WRONG',
      message: '原密码不正确',
    });
    const weak = await errorOf(
      caller.auth.changePassword({ oldPassword: DEMO_PASSWORD, newPassword: 'short' }),
    );
    expect(weak?.code).toBe('BAD_REQUEST');
  });

  it('changes the password, revokes the other sessions, keeps this one', async () => {
    const other = await sessionFor(db, 'anning.admin');
    const { caller, token, resHeaders } = await callerAs(database, 'anning.admin');
    const me = await caller.auth.changePassword({
      oldPassword: DEMO_PASSWORD,
      newPassword: 'Lanzhou2026new',
    });
    expect(me.user.mustChangePassword).toBe(false);
    expect((await sessionRow(other)).revoked_at).not.toBeNull();
    // This one goes on under a new token (rotation on a change of password).
    expect((await sessionRow(token)).revoked_at).not.toBeNull();
    const rotated = /^tj_session=([^;]+)/.exec(cookieOf(resHeaders)!)![1]!;
    expect((await sessionRow(rotated)).revoked_at).toBeNull();
    await expect(callerWith(database, { token: rotated }).caller.auth.me()).resolves.toBeTruthy();
    const fresh = callerWith(database);
    expect(
      await errorOf(fresh.caller.auth.login({ username: 'anning.admin', password: DEMO_PASSWORD })),
    ).toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      fresh.caller.auth.login({ username: 'anning.admin', password: 'Lanzhou2026new' }),
    ).resolves.toBeTruthy();
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'auth.changePassword')
      .where('user_id', '=', (await userByName(db, 'anning.admin')).id)
      .execute();
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Lanzhou2026new');
  });

  it('a user who must change the password can only reach auth procedures', async () => {
    await db
      .updateTable('platform.users')
      .set({ must_change_password: true })
      .where('username', '=', 'gaolan.admin')
      .execute();
    const { caller, resHeaders } = await callerAs(database, 'gaolan.admin');
    expect((await caller.auth.me()).user.mustChangePassword).toBe(true);
    expect(await errorOf(caller.members.list({}))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'PASSWORD_CHANGE_REQUIRED',
    });
    await caller.auth.changePassword({ oldPassword: DEMO_PASSWORD, newPassword: 'Gaolan2026pw' });
    const rotated = /^tj_session=([^;]+)/.exec(cookieOf(resHeaders)!)![1]!;
    await expect(callerWith(database, { token: rotated }).caller.members.list({})).resolves.toBeTruthy();
  });
});
