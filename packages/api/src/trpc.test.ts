/**
 * The procedure ladder itself: what a tenant procedure's context holds, that it runs under the
 * tenant's database role, that mutations are audited (and failed ones rolled back), and the
 * error shape clients branch on.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { PlatformDatabase, Tenant } from '@tuanjian/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from './root';
import {
  callerWith,
  demoDatabase,
  errorOf,
  sessionFor,
  type TestDatabase,
  tenantByCode,
  tenantTables,
} from './test/helpers';
import { createCallerFactory, createContext, createTRPCRouter, tenantProcedure } from './trpc';

let database: TestDatabase;
let db: Kysely<PlatformDatabase>;
let qilihe: Tenant;

const probeRouter = createTRPCRouter({
  context: tenantProcedure.query(async ({ ctx }) => {
    const row = await ctx.tdb.selectNoFrom(sql<string>`current_user`.as('role')).executeTakeFirstOrThrow();
    return {
      hasDb: (ctx as { db?: unknown }).db !== undefined,
      role: row.role,
      tenant: ctx.scope.tenant.code,
    };
  }),
  readOther: tenantProcedure.input(z.object({ schema: z.string() })).query(async ({ ctx, input }) => {
    return ctx.tdb.withSchema(input.schema).selectFrom('organisations').select('id').execute();
  }),
  renameThenFail: tenantProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    await ctx.tdb.updateTable('organisations').set({ name: '不应保存' }).where('id', '=', input.id).execute();
    ctx.audit.target('organisation', input.id);
    throw new Error('boom');
  }),
  rename: tenantProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    await ctx.tdb.updateTable('organisations').set({ name: '已保存' }).where('id', '=', input.id).execute();
    ctx.audit.target('organisation', input.id, { note: 'probe' });
    return { ok: true };
  }),
});
const probe = createCallerFactory(probeRouter);

beforeAll(async () => {
  database = await demoDatabase();
  db = database.db;
  qilihe = await tenantByCode(db, 'qilihe');
}, 300_000);

afterAll(async () => {
  await database?.close();
});

async function probeAs(username: string) {
  const token = await sessionFor(db, username);
  return probe(callerWith(database, { token }).ctx);
}

describe('tenantProcedure', () => {
  it('has the schema-scoped handle under the tenant role, and no platform handle', async () => {
    const p = await probeAs('qilihe.admin');
    const r = await p.context();
    expect(r).toEqual({ hasDb: false, role: qilihe.db_role, tenant: 'qilihe' });
  });

  it('the database refuses another tenant’s schema even if code asks for it', async () => {
    const p = await probeAs('qilihe.admin');
    const chengguan = await tenantByCode(db, 'chengguan');
    const err = await errorOf(p.readOther({ schema: chengguan.schema_name! }));
    expect(err?.code).toBe('INTERNAL_SERVER_ERROR');
    await expect(p.readOther({ schema: qilihe.schema_name! })).resolves.toBeTruthy();
  });

  it('a failed mutation is rolled back and not audited; a successful one is audited in the tenant', async () => {
    const p = await probeAs('qilihe.admin');
    const org = await tenantTables(db, qilihe)
      .selectFrom('organisations')
      .selectAll()
      .executeTakeFirstOrThrow();
    await errorOf(p.renameThenFail({ id: org.id }));
    const after = await tenantTables(db, qilihe)
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(after.name).toBe(org.name);
    const failedAudit = await db
      .selectFrom('platform.audit_log')
      .select('id')
      .where('action', '=', 'renameThenFail')
      .execute();
    expect(failedAudit).toHaveLength(0);

    await p.rename({ id: org.id });
    const audit = await db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'rename')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ tenant_id: qilihe.id, target_type: 'organisation', target_id: org.id });
    expect(audit.user_id).toBeTruthy();
    expect(audit.at).toBeInstanceOf(Date);
    await tenantTables(db, qilihe)
      .updateTable('organisations')
      .set({ name: org.name })
      .where('id', '=', org.id)
      .execute();
  });

  it('a suspended tenant is unavailable', async () => {
    const xigu = await tenantByCode(db, 'xigu');
    const token = await sessionFor(db, 'xigu.admin');
    await db.updateTable('platform.tenants').set({ status: 'suspended' }).where('id', '=', xigu.id).execute();
    try {
      const { caller } = callerWith(database, { token });
      const err = await errorOf(caller.members.list({}));
      expect(err?.code).toBe('FORBIDDEN');
    } finally {
      await db.updateTable('platform.tenants').set({ status: 'active' }).where('id', '=', xigu.id).execute();
    }
  });
});

describe('error shape over HTTP', () => {
  async function call(path: string, init: { method?: string; body?: unknown; token?: string }) {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    const url =
      init.method === 'POST'
        ? `http://x/trpc/${path}`
        : `http://x/trpc/${path}${init.body === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(init.body))}`}`;
    const req = new Request(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
    });
    const res = await fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router: appRouter,
      createContext: ({ req, resHeaders }) => createContext({ database, headers: req.headers, resHeaders }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { message: string; data: Record<string, unknown> } },
    };
  }

  it('zod errors: BAD_REQUEST, appCode INVALID_INPUT, zodIssues, a Chinese message', async () => {
    const r = await call('auth.login', { method: 'POST', body: { username: '', password: '' } });
    expect(r.status).toBe(400);
    expect(r.body.error?.data).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    const issues = r.body.error?.data.zodIssues as { path: string[]; message: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => /[\u4e00-\u9fff]/.test(i.message))).toBe(true);
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('default zod messages are Chinese too', async () => {
    const token = await sessionFor(db, 'qilihe.admin');
    const r = await call('members.list', { body: { page: 'x' }, token });
    expect(r.body.error?.data.appCode).toBe('INVALID_INPUT');
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('UNAUTHORIZED without a session: appCode AUTH_REQUIRED, Chinese message, no stack', async () => {
    const r = await call('auth.me', {});
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({
      message: '请先登录',
      data: { appCode: 'AUTH_REQUIRED', zodIssues: null },
    });
    expect(r.body.error?.data.stack).toBeUndefined();
  });

  it('an unknown procedure: NOT_FOUND with a Chinese message', async () => {
    const r = await call('nope.nothing', {});
    expect(r.status).toBe(404);
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
