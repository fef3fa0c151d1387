/**
 * Per-tenant logical backup and restore (issue 9), the same on PGlite and PostgreSQL:
 *  - export: the tenant's registry row, every platform row that names it (`tenant_id`), the
 *    accounts those grants belong to, and every table of its schema (rows as JSON), with the
 *    schema version;
 *  - restore into a database migrated to the same platform version that does not hold the tenant:
 *    registry row (with this database's role name), schema and role created by the migration runner
 *    at the backup's version, rows inserted with triggers and foreign keys deferred
 *    (`session_replication_role = replica`, superuser), sequences moved past the restored ids.
 * Sealed personal data stays sealed: the restored database needs the same personal-data key
 * (`TJ_PII_KEY`, or the old one in `TJ_PII_OLD_KEYS`).
 * CLI: `tuanjian-db backup-tenant --code <代码> --out <file.json.gz>` /
 * `tuanjian-db restore-tenant --in <file.json.gz>`. On PostgreSQL, `pg_dump -n <schema>` is the
 * physical alternative (infra/README.md).
 */
import { type Kysely, sql } from 'kysely';
import { assertSchemaName, tenantRoleName } from './identifiers';
import { migrateTenant } from './migrations/runner';
import { tenantTemplates } from './migrations/tenant';
import { getRolePrefix } from './roles';
import type { PlatformDatabase } from './schema';

type Db = Kysely<PlatformDatabase>;
type Row = Record<string, unknown>;

export const BACKUP_FORMAT = 'tuanjian-tenant-backup/1';

export interface TenantBackup {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  tenant: Row;
  schema: string;
  schemaVersion: number;
  /** Platform rows: `users` (accounts of the tenant's grants), then each table with `tenant_id`. */
  platform: Record<string, Row[]>;
  /** Rows of every table of the tenant's schema (including `_migrations`). */
  tables: Record<string, Row[]>;
}

export class BackupError extends Error {}

async function tablesOf(db: Db, schema: string): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`select table_name as t from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.t);
}

async function rowsOf(db: Db, schema: string, table: string, where = sql`true`): Promise<Row[]> {
  const { rows } = await sql<{ j: Row[] | string }>`select coalesce(json_agg(t), '[]'::json) as j
    from (select * from ${sql.id(schema, table)} where ${where}) t`.execute(db);
  const j = rows[0]?.j ?? [];
  return typeof j === 'string' ? (JSON.parse(j) as Row[]) : j;
}

/** Platform tables with a `tenant_id` column (grants, audit entries, …). */
async function platformTenantTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`select c.table_name as t from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'platform' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db);
  return rows.map((r) => r.t);
}

export async function exportTenant(db: Db, code: string): Promise<TenantBackup> {
  return db.transaction().execute(async (trx) => {
    // One consistent snapshot of everything exported.
    await sql`set transaction isolation level repeatable read`.execute(trx).catch(() => undefined);
    const tenant = await trx
      .selectFrom('platform.tenants')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!tenant) throw new BackupError(`租户 ${code} 不存在`);
    const schema = assertSchemaName(tenant.schema_name);
    const tenantRow = (await rowsOf(trx, 'platform', 'tenants', sql`id = ${tenant.id}`))[0]!;
    const platform: Record<string, Row[]> = {
      users: await rowsOf(
        trx,
        'platform',
        'users',
        sql`id in (select user_id from platform.grants where tenant_id = ${tenant.id})`,
      ),
    };
    for (const t of await platformTenantTables(trx))
      platform[t] = await rowsOf(trx, 'platform', t, sql`tenant_id = ${tenant.id}`);
    const tables: Record<string, Row[]> = {};
    for (const t of await tablesOf(trx, schema)) tables[t] = await rowsOf(trx, schema, t);
    return {
      format: BACKUP_FORMAT,
      exportedAt: new Date().toISOString(),
      tenant: tenantRow,
      schema,
      schemaVersion: tenant.schema_version,
      platform,
      tables,
    };
  });
}

/** Columns that take a value on insert (not generated). */
async function insertableColumns(db: Db, schema: string, table: string): Promise<string[]> {
  const { rows } = await sql<{ c: string }>`select column_name as c from information_schema.columns
    where table_schema = ${schema} and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return rows.map((r) => r.c);
}

async function insertRows(db: Db, schema: string, table: string, rows: Row[], onConflictSkip = false) {
  if (rows.length === 0) return;
  const cols = await insertableColumns(db, schema, table);
  const list = sql.join(cols.map((c) => sql.id(c)));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = JSON.stringify(rows.slice(i, i + 500));
    await sql`insert into ${sql.id(schema, table)} (${list}) overriding system value
      select ${list} from json_populate_recordset(null::${sql.id(schema, table)}, ${chunk}::json)
      ${onConflictSkip ? sql`on conflict do nothing` : sql``}`.execute(db);
  }
}

/** Moves every sequence owned by a column of the schema past the largest restored value. */
async function resetSequences(db: Db, schema: string) {
  const { rows } = await sql<{ seq: string; tbl: string; col: string }>`
    select s.relname as seq, t.relname as tbl, a.attname as col
    from pg_class s
    join pg_depend d on d.objid = s.oid and d.deptype in ('a', 'i')
    join pg_class t on t.oid = d.refobjid
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    join pg_namespace n on n.oid = s.relnamespace
    where s.relkind = 'S' and n.nspname = ${schema}`.execute(db);
  for (const r of rows) {
    const seq = `"${schema}"."${r.seq.replace(/"/g, '""')}"`;
    await sql`select setval(${seq}::regclass,
      greatest((select max(${sql.id(r.col)}) from ${sql.id(schema, r.tbl)}), 1))`.execute(db);
  }
}

export interface RestoreResult {
  code: string;
  schema: string;
  tables: number;
  rows: number;
}

export async function restoreTenant(db: Db, backup: TenantBackup): Promise<RestoreResult> {
  if (backup.format !== BACKUP_FORMAT) throw new BackupError('不是本系统的租户备份文件');
  const schema = assertSchemaName(backup.schema);
  const code = String(backup.tenant.code);
  const existing = await db
    .selectFrom('platform.tenants')
    .select('id')
    .where((eb) => eb.or([eb('code', '=', code), eb('schema_name', '=', schema)]))
    .executeTakeFirst();
  if (existing) throw new BackupError(`目标数据库已有租户 ${code}（或模式 ${schema}），请恢复到新数据库`);
  const kind = backup.tenant.kind as 'district' | 'committee';
  const template = tenantTemplates[kind];
  if (backup.schemaVersion > template.length)
    throw new BackupError(
      `备份的模式版本 v${backup.schemaVersion} 高于本程序的 v${template.length}，请先升级程序`,
    );

  // 1. Registry row (this database's role name), then schema + role at the backup's version.
  const prefix = await getRolePrefix(db);
  const tenantRow = {
    ...backup.tenant,
    db_role: tenantRoleName(prefix, schema),
    status: 'provisioning',
    schema_version: 0,
  };
  await insertRows(db, 'platform', 'tenants', [tenantRow]);
  const atVersion = { ...tenantTemplates, [kind]: template.slice(0, backup.schemaVersion) };
  await migrateTenant(db, String(backup.tenant.id), atVersion);

  // 2. Rows, in one transaction with triggers and foreign-key checks deferred to the data as a whole.
  let count = 0;
  let tables = 0;
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await insertRows(trx, 'platform', 'users', backup.platform.users ?? [], true);
    for (const [t, rows] of Object.entries(backup.platform)) {
      if (t === 'users') continue;
      await insertRows(trx, 'platform', t, rows);
    }
    for (const [t, rows] of Object.entries(backup.tables)) {
      if (t === '_migrations') continue; // written by the runner above
      await insertRows(trx, schema, t, rows);
      count += rows.length;
      tables++;
    }
    await resetSequences(trx, schema);
    await trx
      .updateTable('platform.tenants')
      .set({ status: backup.tenant.status as 'active' })
      .where('id', '=', String(backup.tenant.id))
      .execute();
  });
  return { code, schema, tables, rows: count };
}

/** Row count and checksum of every table of a tenant's schema (to compare a restore with its source). */
export async function tenantChecksums(
  db: Db,
  schema: string,
): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of await tablesOf(db, assertSchemaName(schema))) {
    if (t === '_migrations') {
      const { rows } = await sql<{ n: number; h: string | null }>`select count(*)::int as n,
        md5(string_agg(version::text || ':' || name, ',' order by version)) as h
        from ${sql.id(schema, t)}`.execute(db);
      out[t] = { rows: rows[0]!.n, md5: rows[0]!.h ?? '' };
      continue;
    }
    const { rows } = await sql<{ n: number; h: string | null }>`select count(*)::int as n,
      md5(string_agg(x.r, '|' order by x.r)) as h
      from (select t::text as r from ${sql.id(schema, t)} t) x`.execute(db);
    out[t] = { rows: rows[0]!.n, md5: rows[0]!.h ?? '' };
  }
  return out;
}
