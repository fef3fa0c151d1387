import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from './audit';
import { districtMigrations } from './migrations/tenant';
import { provisionTenant } from './provision';
import type { Tenant } from './schema';
import { withTenant } from './tenant';
import { ENGINES, openEmpty } from './test-engines';
import type { TestDatabase } from './testing';

const ORG_A = '0b0b0b0b-0000-4000-8000-00000000000a';

describe.each(ENGINES)('withTenant on %s (isolation layer 2)', (engine) => {
  let t: TestDatabase;
  let a: Tenant;
  let b: Tenant;
  let c: Tenant;

  beforeAll(async () => {
    t = await openEmpty(engine);
    a = await provisionTenant(t.db, { kind: 'district', code: 'iso_a', name: '甲区团委' });
    b = await provisionTenant(t.db, { kind: 'district', code: 'iso_b', name: '乙区团委' });
    c = await provisionTenant(t.db, { kind: 'committee', code: 'iso_c', name: '丙委员会' });
    await withTenant(t.db, b, (tdb) =>
      tdb
        .insertInto('organisations')
        .values({
          id: ORG_A.replace('a', 'b'),
          path: `/${ORG_A.replace('a', 'b')}/`,
          kind: 'league_committee',
          name: '乙区团委',
        })
        .execute(),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs as the tenant role, in the tenant schema', async () => {
    const r = await withTenant(t.db, a, async (tdb, trx) => {
      await tdb
        .insertInto('organisations')
        .values({
          id: ORG_A,
          path: `/${ORG_A}/`,
          kind: 'league_committee',
          name: '甲区团委',
          founded_on: '1985-05-04',
        })
        .execute();
      const orgs = await tdb.selectFrom('organisations').select(['name', 'founded_on']).execute();
      const who = await sql<{ u: string }>`select current_user as u`.execute(trx);
      return { orgs, user: who.rows[0]?.u };
    });
    expect(r.user).toBe(a.db_role);
    expect(r.orgs).toEqual([{ name: '甲区团委', founded_on: '1985-05-04' }]);
  });

  it("refuses a read of another tenant's schema", async () => {
    await expect(
      withTenant(t.db, a, (_tdb, trx) =>
        trx
          .withSchema('t_iso_b')
          .selectFrom('organisations' as never)
          .selectAll()
          .execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(t.db, a, (_tdb, trx) => sql`select * from t_iso_b.organisations`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(t.db, c, (_tdb, trx) => sql`select * from t_iso_a.members`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses platform tables other than audit_log (insert) and rules (select)', async () => {
    for (const table of ['users', 'grants', 'sessions', 'tenants', 'settings', 'migrations', 'audit_log']) {
      await expect(
        withTenant(t.db, a, (_tdb, trx) => sql`select * from ${sql.id('platform', table)}`.execute(trx)),
        table,
      ).rejects.toThrow(/permission denied/);
    }
    await expect(
      withTenant(t.db, a, (_tdb, trx) =>
        trx.updateTable('platform.users').set({ display_name: 'x' }).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    const rules = await withTenant(t.db, a, (_tdb, trx) =>
      trx.selectFrom('platform.rules').select('key').execute(),
    );
    expect(rules.length).toBeGreaterThan(0);
    await withTenant(t.db, a, (_tdb, trx) =>
      writeAudit(trx, { userId: null, tenantId: a.id, action: 'test.inside', detail: { a: 1 } }),
    );
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .selectAll()
      .where('action', '=', 'test.inside')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toEqual({ a: 1 });
  });

  it('cannot create objects, change roles or forge migration state', async () => {
    await expect(
      withTenant(t.db, a, (_tdb, trx) => sql`create table t_iso_a.evil (x int)`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    // Note: SET ROLE is checked against the *session* user, so SQL that can say `SET ROLE`/`RESET ROLE`
    // could leave the tenant role. That is SQL injection, which layer 1 (parameterised Kysely queries)
    // rules out; layer 2 protects against queries that name the wrong schema or table.
    await expect(
      withTenant(t.db, a, (_tdb, trx) =>
        sql`insert into t_iso_a._migrations (version, name) values (99, 'x')`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    const v = await withTenant(t.db, a, (tdb) => tdb.selectFrom('_migrations').select('version').execute());
    expect(v.map((r) => r.version).sort((x, y) => x - y)).toEqual(districtMigrations.map((m) => m.version));
  });

  it('gives tables created later (default privileges) to the tenant role', async () => {
    // Bypass the runner's re-grant: create a table directly as the migrating user.
    await sql`create table t_iso_a.later_table (id serial primary key, note text)`.execute(t.db);
    const rows = await withTenant(t.db, a, async (_tdb, trx) => {
      await sql`insert into t_iso_a.later_table (note) values ('团')`.execute(trx);
      return (await sql<{ id: number; note: string }>`select id, note from t_iso_a.later_table`.execute(trx))
        .rows;
    });
    expect(rows).toEqual([{ id: 1, note: '团' }]);
    await expect(
      withTenant(t.db, b, (_tdb, trx) => sql`select * from t_iso_a.later_table`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it('ends the role with the transaction (no leak into later queries or pooled connections)', async () => {
    await withTenant(t.db, a, async () => undefined);
    await expect(withTenant(t.db, a, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    for (let i = 0; i < 6; i++) {
      const { rows } = await sql<{ u: string }>`select current_user as u`.execute(t.db);
      expect(rows[0]?.u).not.toBe(a.db_role);
    }
    const users = await t.db.selectFrom('platform.users').select('id').execute();
    expect(Array.isArray(users)).toBe(true);
  });

  it('keeps concurrent tenant transactions apart', async () => {
    const probe = (tenant: Tenant, i: number) =>
      withTenant(t.db, tenant, async (_tdb, trx) => {
        const first = (await sql<{ u: string }>`select current_user as u`.execute(trx)).rows[0]?.u;
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        const second = (await sql<{ u: string }>`select current_user as u`.execute(trx)).rows[0]?.u;
        return { expected: tenant.db_role, first, second };
      });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => probe(i % 2 === 0 ? a : b, i)));
    for (const r of results) {
      expect(r.first).toBe(r.expected);
      expect(r.second).toBe(r.expected);
    }
  });

  it('rejects registry rows that are inconsistent, inactive or city-level', async () => {
    await expect(withTenant(t.db, { ...a, db_role: b.db_role }, async () => 1)).rejects.toThrow(/不一致/);
    await expect(withTenant(t.db, { ...a, schema_name: 't_iso_b' }, async () => 1)).rejects.toThrow(/不一致/);
    await expect(withTenant(t.db, { ...a, schema_name: 'public' }, async () => 1)).rejects.toThrow(/模式名/);
    await expect(withTenant(t.db, { ...a, db_role: 'postgres' }, async () => 1)).rejects.toThrow();
    await expect(withTenant(t.db, { ...a, status: 'suspended' }, async () => 1)).rejects.toThrow(/不可用/);
    await expect(withTenant(t.db, { schema_name: null, db_role: null }, async () => 1)).rejects.toThrow();
    await expect(t.db.transaction().execute((trx) => withTenant(trx, a, async () => 1))).rejects.toThrow(
      /已有事务/,
    );
  });

  it('lets the connecting user switch to tenant roles', async () => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_has_role(current_user, ${a.db_role}, 'MEMBER') as ok`.execute(t.db);
    expect(rows[0]?.ok).toBe(true);
  });
});
