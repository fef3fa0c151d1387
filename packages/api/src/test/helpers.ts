/**
 * Test helpers: a demo-city database, sessions for demo users, and callers acting as them.
 */
import type { Database, PlatformDatabase, Tenant, TenantDatabase } from '@tuanjian/db';
import { createDemoTestDatabase } from '@tuanjian/db/testing';
import type { Kysely } from 'kysely';
import { createSession, SESSION_COOKIE, type SessionClient } from '../auth/session';
import { LoginThrottle } from '../auth/throttle';
import { createCaller } from '../index';
import { type ApiConfig, type Context, createContext } from '../trpc';

export const DEMO_PASSWORD = 'Tuanjian@2026';
export const TEST_CONFIG: ApiConfig = { sessionTtlMs: 12 * 3600_000, cookieSecure: false };

export type TestDatabase = Database & { url?: string };

export async function demoDatabase(): Promise<TestDatabase> {
  return (await createDemoTestDatabase()) as TestDatabase;
}

export async function tenantByCode(db: Kysely<PlatformDatabase>, code: string): Promise<Tenant> {
  return db.selectFrom('platform.tenants').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

/** Direct (superuser) access to a tenant's tables, for arranging and checking test data. */
export function tenantTables(db: Kysely<PlatformDatabase>, tenant: Tenant) {
  if (!tenant.schema_name) throw new Error(`tenant ${tenant.code} has no schema`);
  return (db as unknown as Kysely<TenantDatabase>).withSchema(tenant.schema_name);
}

export async function userByName(db: Kysely<PlatformDatabase>, username: string) {
  return db
    .selectFrom('platform.users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

export async function grantsOf(db: Kysely<PlatformDatabase>, username: string) {
  return db
    .selectFrom('platform.grants as g')
    .innerJoin('platform.users as u', 'u.id', 'g.user_id')
    .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
    .selectAll('g')
    .select(['t.code as tenant_code'])
    .where('u.username', '=', username)
    .execute();
}

/**
 * A session for a demo user, made directly (no password check, no throttle). Acts under the
 * grant in `tenantCode` (or the only grant); `grant: null` leaves it unchosen.
 */
export async function sessionFor(
  db: Kysely<PlatformDatabase>,
  username: string,
  opts: { tenantCode?: string; grant?: null; client?: SessionClient } = {},
): Promise<string> {
  const user = await userByName(db, username);
  const grants = await grantsOf(db, username);
  let grantId: string | null = null;
  if (opts.grant !== null) {
    const g = opts.tenantCode ? grants.find((x) => x.tenant_code === opts.tenantCode) : grants[0];
    if (!g) throw new Error(`${username} has no grant in ${opts.tenantCode}`);
    grantId = g.id;
  }
  const { token } = await createSession(db, {
    userId: user.id,
    grantId,
    client: opts.client ?? 'admin',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ttlMs: TEST_CONFIG.sessionTtlMs,
  });
  return token;
}

export interface TestCaller {
  caller: ReturnType<typeof createCaller>;
  ctx: Context;
  resHeaders: Headers;
}

/** A server-side caller as if a request came with this token (cookie by default) from this IP. */
export function callerWith(
  database: Pick<Database, 'db'>,
  opts: {
    token?: string;
    via?: 'cookie' | 'bearer';
    ip?: string;
    throttle?: LoginThrottle;
    config?: Partial<ApiConfig>;
    now?: () => Date;
  } = {},
): TestCaller {
  const headers = new Headers({ 'user-agent': 'vitest' });
  if (opts.token) {
    if (opts.via === 'bearer') headers.set('authorization', `Bearer ${opts.token}`);
    else headers.set('cookie', `${SESSION_COOKIE}=${opts.token}`);
  }
  const resHeaders = new Headers();
  const ctx = createContext({
    database,
    headers,
    resHeaders,
    ip: opts.ip ?? '127.0.0.1',
    throttle: opts.throttle ?? new LoginThrottle(),
    config: { ...TEST_CONFIG, ...opts.config },
    now: opts.now,
  });
  return { caller: createCaller(ctx), ctx, resHeaders };
}

/** Caller acting as a demo user (session made directly). */
export async function callerAs(
  database: Pick<Database, 'db'>,
  username: string,
  opts: { tenantCode?: string; grant?: null } = {},
): Promise<TestCaller & { token: string }> {
  const token = await sessionFor(database.db, username, opts);
  return { ...callerWith(database, { token }), token };
}

/** The tRPC error's code and appCode, or null if the promise resolved. */
export async function errorOf(
  p: Promise<unknown>,
): Promise<{ code: string; appCode?: string; message: string } | null> {
  try {
    await p;
    return null;
  } catch (e) {
    const err = e as { code?: string; message: string; cause?: { appCode?: string } };
    return { code: err.code ?? 'UNKNOWN', appCode: err.cause?.appCode, message: err.message };
  }
}
