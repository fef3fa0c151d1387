/**
 * Isolation layer 2: one NOLOGIN role per tenant schema, member of `<prefix>tenant_base`.
 * Role names are `<prefix><schema>`; the prefix is random per database (`platform.settings`
 * 'role_prefix'), because roles are cluster-global and several databases share a cluster.
 */
import { type Kysely, sql } from 'kysely';
import { assertRoleName, assertRolePrefix, assertSchemaName, tenantBaseRoleName } from './identifiers';
import type { PlatformDatabase } from './schema';

type Executor = Kysely<PlatformDatabase>;

export async function getRolePrefix(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('platform.settings')
    .select('value')
    .where('key', '=', 'role_prefix')
    .executeTakeFirst();
  if (!row) throw new Error('数据库尚未初始化（缺少 role_prefix），请先运行迁移');
  return assertRolePrefix(row.value);
}

export async function roleExists(db: Executor, role: string): Promise<boolean> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

export async function isSuperuser(db: Executor): Promise<boolean> {
  const { rows } = await sql<{
    su: boolean;
  }>`select rolsuper as su from pg_roles where rolname = current_user`.execute(db);
  return rows[0]?.su === true;
}

/**
 * Creates the tenant role if missing, makes it a member of the base role and lets the connecting
 * user `SET ROLE` to it (a superuser can anyway; otherwise the role is granted to current_user).
 * Then grants it its schema: USAGE (not CREATE), ALL on existing tables and sequences, and the
 * same through default privileges for tables later migrations create. Idempotent.
 */
export async function ensureTenantRole(
  db: Executor,
  prefix: string,
  schema: string,
  role: string,
): Promise<void> {
  assertSchemaName(schema);
  assertRoleName(role);
  const base = tenantBaseRoleName(prefix);
  const r = sql.id(role);
  const s = sql.id(schema);
  if (!(await roleExists(db, role))) {
    await sql`create role ${r} nologin`.execute(db);
  }
  await sql`grant ${sql.id(base)} to ${r}`.execute(db);
  if (!(await isSuperuser(db))) {
    await sql`grant ${r} to current_user`.execute(db);
  }
  await sql`grant usage on schema ${s} to ${r}`.execute(db);
  await sql`alter default privileges in schema ${s} grant all on tables to ${r}`.execute(db);
  await sql`alter default privileges in schema ${s} grant all on sequences to ${r}`.execute(db);
}

/** Re-grants after migrations (covers objects created by another user than the default-privilege owner). */
export async function grantTenantObjects(db: Executor, schema: string, role: string): Promise<void> {
  assertSchemaName(schema);
  assertRoleName(role);
  const r = sql.id(role);
  const s = sql.id(schema);
  await sql`grant all on all tables in schema ${s} to ${r}`.execute(db);
  await sql`grant all on all sequences in schema ${s} to ${r}`.execute(db);
  // The tenant may read its migration state but not forge it.
  await sql`revoke insert, update, delete, truncate, references, trigger on ${sql.id(schema, '_migrations')} from ${r}`.execute(
    db,
  );
}

/** All roles of this database (tenant roles and the base role), for teardown. */
export async function listOwnRoles(db: Executor, prefix: string): Promise<string[]> {
  assertRolePrefix(prefix);
  const { rows } = await sql<{ rolname: string }>`select rolname from pg_roles
    where starts_with(rolname, ${prefix}) order by rolname`.execute(db);
  return rows.map((x) => x.rolname);
}
