import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant } from '../provision';
import type { Tenant } from '../schema';
import { withTenant } from '../tenant';
import { ENGINES, openEmpty } from '../test-engines';
import type { TestDatabase } from '../testing';
import { type MigrateProgress, MigrationFanOutError, migrateAll, migratePlatform } from './runner';
import { committeeMigrations, districtMigrations } from './tenant';
import type { TenantMigration, TenantTemplates } from './types';

async function tableExists(t: TestDatabase, schema: string, table: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
    where table_schema = ${schema} and table_name = ${table}`.execute(t.db);
  return (rows[0]?.n ?? 0) === 1;
}

/** Versions of the real templates: the injected steps come after them. */
const N = districtMigrations.length;
const C = committeeMigrations.length;

/** A next district step; `failFor` makes it throw half-way for one schema (after some DDL). */
function districtV2(failFor: string | null): TenantMigration {
  return {
    version: N + 1,
    name: 'fanout_probe',
    async up(trx, schema) {
      await trx.schema
        .withSchema(schema)
        .createTable('fanout_probe')
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .execute();
      if (schema === failFor) throw new Error(`injected failure in ${schema}`);
      await trx.schema
        .withSchema(schema)
        .alterTable('members')
        .addColumn('fanout_probe_flag', 'boolean')
        .execute();
    },
  };
}

const templates = (failFor: string | null): TenantTemplates => ({
  district: [...districtMigrations, districtV2(failFor)],
  committee: committeeMigrations,
});

describe.each(ENGINES)('migrations on %s', (engine) => {
  let t: TestDatabase;
  let tenants: Tenant[];

  beforeAll(async () => {
    t = await openEmpty(engine);
    tenants = [];
    let sort = 1;
    for (const code of ['fan_a', 'fan_b', 'fan_c', 'fan_d']) {
      tenants.push(
        await provisionTenant(t.db, { kind: 'district', code, name: `${code}区`, sortOrder: sort++ }),
      );
    }
    tenants.push(
      await provisionTenant(t.db, { kind: 'committee', code: 'fan_e', name: '委员会', sortOrder: sort++ }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is idempotent: a rerun applies nothing and reports n/total', async () => {
    expect(await migratePlatform(t.db)).toEqual([]);
    const progress: MigrateProgress[] = [];
    const r = await migrateAll(t.db, { onProgress: (p) => progress.push(p) });
    expect(r.platformApplied).toEqual([]);
    expect(r.tenants).toEqual([]);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(progress.every((p) => p.tenant?.skipped)).toBe(true);
  });

  it('a crash mid-fan-out leaves earlier tenants migrated, the failing one untouched, and a rerun completes', async () => {
    const progress: string[] = [];
    const err = await migrateAll(t.db, {
      templates: templates('t_fan_c'),
      onProgress: (p) => progress.push(p.label),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationFanOutError);
    expect((err as MigrationFanOutError).tenantCode).toBe('fan_c');
    expect((err as Error).message).toMatch(/injected failure in t_fan_c/);
    expect(progress).toEqual([`1/5 t_fan_a v${N}→v${N + 1}`, `2/5 t_fan_b v${N}→v${N + 1}`]);

    const versions = async () =>
      Object.fromEntries(
        (
          await t.db
            .selectFrom('platform.tenants')
            .select(['code', 'schema_version'])
            .where('kind', '<>', 'city')
            .execute()
        ).map((r) => [r.code, r.schema_version]),
      );
    expect(await versions()).toMatchObject({ fan_a: N + 1, fan_b: N + 1, fan_c: N, fan_d: N, fan_e: C });
    expect(await tableExists(t, 't_fan_a', 'fanout_probe')).toBe(true);
    expect(await tableExists(t, 't_fan_b', 'fanout_probe')).toBe(true);
    // The failing tenant: no half-applied DDL, no migration record.
    expect(await tableExists(t, 't_fan_c', 'fanout_probe')).toBe(false);
    expect(await tableExists(t, 't_fan_d', 'fanout_probe')).toBe(false);
    const cv = await sql<{
      version: number;
    }>`select version from t_fan_c._migrations order by version`.execute(t.db);
    expect(cv.rows.map((r) => r.version)).toEqual(districtMigrations.map((m) => m.version));

    // Fixed migration: the rerun resumes with fan_c.
    const resumed: string[] = [];
    const r = await migrateAll(t.db, {
      templates: templates(null),
      onProgress: (p) => resumed.push(p.label),
    });
    expect(r.tenants.map((x) => `${x.code}:${x.from}->${x.to}`)).toEqual([
      `fan_c:${N}->${N + 1}`,
      `fan_d:${N}->${N + 1}`,
    ]);
    expect(resumed).toEqual([
      `1/5 t_fan_a v${N + 1}（已是最新）`,
      `2/5 t_fan_b v${N + 1}（已是最新）`,
      `3/5 t_fan_c v${N}→v${N + 1}`,
      `4/5 t_fan_d v${N}→v${N + 1}`,
      `5/5 t_fan_e v${C}（已是最新）`,
    ]);
    expect(await versions()).toMatchObject({
      fan_a: N + 1,
      fan_b: N + 1,
      fan_c: N + 1,
      fan_d: N + 1,
      fan_e: C,
    });
    for (const code of ['a', 'b', 'c', 'd'])
      expect(await tableExists(t, `t_fan_${code}`, 'fanout_probe')).toBe(true);

    // Tables from the new step are usable by the tenant role (re-grant / default privileges).
    const tenant = tenants[2] as Tenant;
    const n = await withTenant(t.db, tenant, async (_tdb, trx) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from t_fan_c.fanout_probe`.execute(
        trx,
      );
      return rows[0]?.n;
    });
    expect(n).toBe(0);
  });

  it('serialises concurrent runs (advisory locks) without double-applying', async () => {
    const v3: TenantMigration = {
      version: N + 2,
      name: 'v3',
      up: (trx, schema) =>
        trx.schema.withSchema(schema).createTable('v3_marker').addColumn('x', 'integer').execute(),
    };
    const tpl: TenantTemplates = {
      district: [...templates(null).district, v3],
      committee: committeeMigrations,
    };
    const results = await Promise.all([
      migrateAll(t.db, { templates: tpl }),
      migrateAll(t.db, { templates: tpl }),
    ]);
    const applied = results.flatMap((r) => r.tenants).filter((x) => x.to === N + 2 && x.from === N + 1);
    expect(applied.map((x) => x.code).sort()).toEqual(['fan_a', 'fan_b', 'fan_c', 'fan_d']);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from t_fan_a._migrations`.execute(
      t.db,
    );
    expect(rows[0]?.n).toBe(N + 2);
  });
});
