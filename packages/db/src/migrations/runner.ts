/**
 * Hand-written migration runner.
 *
 * Not Kysely's Migrator: that introspects every schema and takes one global lock, which made a
 * 500-tenant fan-out take minutes. Here:
 *  - platform: all pending platform migrations in one transaction under a platform advisory lock;
 *  - tenants: read the registry once, then per tenant one transaction under an advisory lock keyed
 *    by the schema — create schema/role if missing, apply that tenant's pending steps, record them
 *    in `<schema>._migrations` and `platform.tenants.schema_version`, grant, mark active.
 *    A crash leaves every tenant either fully at its old version or fully at its new one; a rerun
 *    resumes with the first tenant that is behind.
 */
import { type Kysely, sql } from 'kysely';
import { assertSchemaName, tenantRoleName } from '../identifiers';
import { ensureTenantRole, getRolePrefix, grantTenantObjects } from '../roles';
import { seedRuleDefaults } from '../rules';
import type { PlatformDatabase, Tenant } from '../schema';
import { platformMigrations } from './platform';
import { tenantTemplates } from './tenant';
import type { PlatformMigration, TenantTemplates } from './types';

type Db = Kysely<PlatformDatabase>;

export interface MigrateProgress {
  /** Tenants handled so far (including this one) … */
  done: number;
  /** … out of this many. */
  total: number;
  /** e.g. `3/15 t_xigu v0→v1` */
  label: string;
  tenant?: { code: string; schema: string; from: number; to: number; skipped: boolean };
}

export interface MigrateAllOptions {
  onProgress?: (p: MigrateProgress) => void;
  /** Override the tenant templates (tests inject failing steps). */
  templates?: TenantTemplates;
  /** Override the platform migrations (tests). */
  platform?: readonly PlatformMigration[];
}

export interface MigrateAllResult {
  platformApplied: string[];
  tenants: { code: string; from: number; to: number }[];
}

const PLATFORM_LOCK = 'tuanjian:platform-migrations';

function tenantLockKey(schema: string): string {
  return `tuanjian:tenant:${schema}`;
}

export async function migratePlatform(
  db: Db,
  migrations: readonly PlatformMigration[] = platformMigrations,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${PLATFORM_LOCK}))`.execute(trx);
    await sql`create schema if not exists platform`.execute(trx);
    await sql`create table if not exists platform.migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const applied = new Set(
      (await trx.selectFrom('platform.migrations').select('name').execute()).map((r) => r.name),
    );
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await m.up(trx);
      await trx.insertInto('platform.migrations').values({ name: m.name }).execute();
      done.push(m.name);
    }
    return done;
  });
}

/** Latest template version for a tenant kind. */
export function templateVersion(kind: Tenant['kind'], templates: TenantTemplates = tenantTemplates): number {
  if (kind === 'city') return 0;
  return templates[kind].length;
}

/**
 * Brings one tenant (registry row) to the latest template version in a single transaction.
 * Also finishes an interrupted provisioning (schema, role, grants, status 'active').
 */
export async function migrateTenant(
  db: Db,
  tenantId: string,
  templates: TenantTemplates = tenantTemplates,
): Promise<{ from: number; to: number; tenant: Tenant }> {
  return db.transaction().execute(async (trx) => {
    const pre = await trx
      .selectFrom('platform.tenants')
      .select(['schema_name'])
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const schema = assertSchemaName(pre.schema_name);
    await sql`select pg_advisory_xact_lock(hashtext(${tenantLockKey(schema)}))`.execute(trx);
    const tenant = await trx
      .selectFrom('platform.tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (tenant.kind === 'city') throw new Error('团市委租户没有独立模式');
    if (tenant.schema_name !== schema) throw new Error(`租户 ${tenant.code} 的模式名在迁移期间被修改`);
    const prefix = await getRolePrefix(trx);
    const role = tenantRoleName(prefix, schema);
    if (tenant.db_role !== role) {
      throw new Error(`租户 ${tenant.code} 的数据库角色 ${tenant.db_role} 与预期 ${role} 不一致`);
    }
    const template = templates[tenant.kind];
    const latest = template.length;

    await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
    await ensureTenantRole(trx, prefix, schema, role);
    await sql`create table if not exists ${sql.id(schema, '_migrations')} (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);

    const applied = new Set(
      (
        await sql<{ version: number }>`select version from ${sql.id(schema, '_migrations')}`.execute(trx)
      ).rows.map((r) => r.version),
    );
    const from = applied.size === 0 ? 0 : Math.max(...applied);
    for (const m of template) {
      if (applied.has(m.version)) continue;
      await m.up(trx, schema);
      await sql`insert into ${sql.id(schema, '_migrations')} (version, name) values (${m.version}, ${m.name})`.execute(
        trx,
      );
      applied.add(m.version);
    }
    await grantTenantObjects(trx, schema, role);
    const to = Math.max(from, latest);
    const updated = await trx
      .updateTable('platform.tenants')
      .set({
        schema_version: to,
        status: tenant.status === 'provisioning' ? 'active' : tenant.status,
      })
      .where('id', '=', tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { from, to, tenant: updated };
  });
}

/**
 * Platform migrations, then every tenant in the registry. Progress is reported per tenant as
 * `n/total`. Stops at the first failing tenant (the error names it); everything before it is
 * committed, the failing tenant is untouched, and a rerun continues from there.
 */
export async function migrateAll(db: Db, opts: MigrateAllOptions = {}): Promise<MigrateAllResult> {
  const templates = opts.templates ?? tenantTemplates;
  const platformApplied = await migratePlatform(db, opts.platform ?? platformMigrations);
  await seedRuleDefaults(db);

  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['id', 'code', 'kind', 'schema_name', 'schema_version', 'status'])
    .where('kind', '<>', 'city')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const total = tenants.length;
  const result: MigrateAllResult = { platformApplied, tenants: [] };
  let done = 0;
  for (const t of tenants) {
    const schema = assertSchemaName(t.schema_name);
    const latest = templateVersion(t.kind, templates);
    let from = t.schema_version;
    let to = t.schema_version;
    const skipped = t.status !== 'provisioning' && t.schema_version >= latest;
    if (!skipped) {
      try {
        ({ from, to } = await migrateTenant(db, t.id, templates));
      } catch (err) {
        throw new MigrationFanOutError(t.code, done, total, err);
      }
      result.tenants.push({ code: t.code, from, to });
    }
    done++;
    opts.onProgress?.({
      done,
      total,
      label: `${done}/${total} ${schema} ${skipped ? `v${to}（已是最新）` : `v${from}→v${to}`}`,
      tenant: { code: t.code, schema, from, to, skipped },
    });
  }
  return result;
}

export class MigrationFanOutError extends Error {
  constructor(
    readonly tenantCode: string,
    readonly done: number,
    readonly total: number,
    override readonly cause: unknown,
  ) {
    super(
      `租户 ${tenantCode} 迁移失败（已完成 ${done}/${total}，该租户未做任何修改，修复后重新运行即可继续）：${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'MigrationFanOutError';
  }
}
