import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database';
import { env } from './env';
import { migrateAll } from './migrations/runner';
import { districtMigrations } from './migrations/tenant';
import { provisionTenant, TenantConflictError } from './provision';
import { getRolePrefix } from './roles';
import { withTenant } from './tenant';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';

async function schemaExists(t: TestDatabase, schema: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_namespace where nspname = ${schema}`.execute(t.db);
  return rows[0]?.n === 1;
}

describe.each(ENGINES)('provisionTenant on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openEmpty(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates schema, role and tables and registers the tenant as active', async () => {
    const tenant = await provisionTenant(t.db, { kind: 'district', code: 'prov_a', name: '  测试区团委 ' });
    const prefix = await getRolePrefix(t.db);
    expect(tenant).toMatchObject({
      kind: 'district',
      code: 'prov_a',
      name: '测试区团委',
      schema_name: 't_prov_a',
      db_role: `${prefix}t_prov_a`,
      status: 'active',
      // migrated to the latest district template
      schema_version: districtMigrations.length,
    });
    expect(prefix).toMatch(/^tj[0-9a-f]{6}_$/);
    const { rows } = await sql<{
      rolcanlogin: boolean;
    }>`select rolcanlogin from pg_roles where rolname = ${tenant.db_role}`.execute(t.db);
    expect(rows).toEqual([{ rolcanlogin: false }]);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = 't_prov_a' order by table_name`.execute(t.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['_migrations', 'members', 'organisations']),
    );
  });

  it('is idempotent and finishes an interrupted provisioning', async () => {
    const first = await provisionTenant(t.db, { kind: 'committee', code: 'prov_b', name: '测试委员会' });
    const again = await provisionTenant(t.db, { kind: 'committee', code: 'prov_b', name: '测试委员会' });
    expect(again.id).toBe(first.id);

    // Simulate a crash right after registration: row 'provisioning', nothing else exists.
    const prefix = await getRolePrefix(t.db);
    await t.db
      .insertInto('platform.tenants')
      .values({
        kind: 'district',
        code: 'prov_c',
        name: '中断区',
        schema_name: 't_prov_c',
        db_role: `${prefix}t_prov_c`,
        status: 'provisioning',
      })
      .execute();
    expect(await schemaExists(t, 't_prov_c')).toBe(false);
    // Either a re-run of provisionTenant or migrateAll completes it.
    const r = await migrateAll(t.db);
    expect(r.tenants).toContainEqual({ code: 'prov_c', from: 0, to: districtMigrations.length });
    const c = await t.db
      .selectFrom('platform.tenants')
      .selectAll()
      .where('code', '=', 'prov_c')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ status: 'active', schema_version: districtMigrations.length });
    expect(await withTenant(t.db, c, (tdb) => tdb.selectFrom('members').select('id').execute())).toEqual([]);
    const again2 = await provisionTenant(t.db, { kind: 'district', code: 'prov_c', name: '中断区' });
    expect(again2.id).toBe(c.id);
  });

  it('validates input and refuses a code of another kind', async () => {
    await expect(provisionTenant(t.db, { kind: 'district', code: 'Bad-Code', name: 'x' })).rejects.toThrow(
      /单位代码/,
    );
    await expect(
      provisionTenant(t.db, { kind: 'district', code: 'x"; drop schema platform; --', name: 'x' }),
    ).rejects.toThrow();
    await expect(provisionTenant(t.db, { kind: 'district', code: 'okcode', name: '   ' })).rejects.toThrow(
      /名称/,
    );
    await expect(
      provisionTenant(t.db, { kind: 'other' as 'district', code: 'okcode', name: 'x' }),
    ).rejects.toThrow(/类型/);
    await expect(
      provisionTenant(t.db, { kind: 'committee', code: 'prov_a', name: 'x' }),
    ).rejects.toBeInstanceOf(TenantConflictError);
  });

  it('registers a city tenant without a schema', async () => {
    const city = await provisionTenant(t.db, { kind: 'city', code: 'prov_city', name: '测试市团委' });
    expect(city).toMatchObject({
      kind: 'city',
      schema_name: null,
      db_role: null,
      status: 'active',
      schema_version: 0,
    });
    expect(await schemaExists(t, 't_prov_city')).toBe(false);
    await expect(withTenant(t.db, city, async () => 1)).rejects.toThrow(/没有独立的数据空间/);
  });
});

describe.runIf(env.DATABASE_URL)('PostgreSQL with a non-superuser application role', () => {
  const suffix = randomBytes(4).toString('hex');
  const appRole = `tj_app_${suffix}`;
  const dbName = `tj_test_app_${suffix}`;
  const admin = postgres(env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
  let prefix: string | null = null;

  afterAll(async () => {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    if (prefix) {
      const roles = await admin.unsafe<{ rolname: string }[]>(
        `select rolname from pg_roles where starts_with(rolname, $1) order by rolname like '%tenant_base'`,
        [prefix],
      );
      for (const r of roles) await admin.unsafe(`drop role if exists "${r.rolname}"`);
    }
    await admin.unsafe(`drop role if exists "${appRole}"`);
    await admin.end();
  });

  it('grants each tenant role to the application user so it can SET ROLE', async () => {
    await admin.unsafe(`create role "${appRole}" login createrole`);
    await admin.unsafe(`create database "${dbName}" owner "${appRole}"`);
    const u = new URL(env.DATABASE_URL as string);
    u.username = appRole;
    u.password = '';
    u.pathname = `/${dbName}`;
    const database = await createDatabase({ url: u.toString(), poolSize: 2 });
    try {
      await migrateAll(database.db);
      prefix = await getRolePrefix(database.db);
      const a = await provisionTenant(database.db, { kind: 'district', code: 'app_a', name: '甲' });
      const b = await provisionTenant(database.db, { kind: 'district', code: 'app_b', name: '乙' });
      const who = await withTenant(
        database.db,
        a,
        async (_tdb, trx) => (await sql<{ u: string }>`select current_user as u`.execute(trx)).rows[0]?.u,
      );
      expect(who).toBe(a.db_role);
      await expect(
        withTenant(database.db, a, (_tdb, trx) => sql`select * from t_app_b.members`.execute(trx)),
      ).rejects.toThrow(/permission denied/);
      expect(b.status).toBe('active');
    } finally {
      await database.close();
    }
  });
});
