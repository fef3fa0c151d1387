/**
 * `withTenant`: the only way application code reaches a tenant's tables.
 *
 * Runs `fn` in a transaction after `SET LOCAL ROLE <tenant role>`. The tenant role has USAGE on
 * its own schema only (plus INSERT on platform.audit_log and SELECT on platform.rules), so even a
 * query that names another tenant's schema is refused by the database itself. `SET LOCAL` ends
 * with the transaction: a pooled connection never carries the role to the next request.
 */
import { type Kysely, type QueryCreator, sql, type Transaction } from 'kysely';
import { assertRoleName, assertSchemaName, isTenantRoleOf } from './identifiers';
import type { PlatformDatabase, Tenant, TenantDatabase } from './schema';

/** The registry fields `withTenant` needs (pass the row read from `platform.tenants`). */
export type TenantRef = Pick<Tenant, 'schema_name' | 'db_role'> & Partial<Pick<Tenant, 'code' | 'status'>>;

export type TenantQueryCreator = QueryCreator<TenantDatabase>;

export class TenantUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantUnavailableError';
  }
}

/** Validates a registry row and returns its schema and role (both safe identifiers). */
export function tenantIdentifiers(tenant: TenantRef): { schema: string; role: string } {
  if (tenant.schema_name === null || tenant.db_role === null) {
    throw new TenantUnavailableError('该单位没有独立的数据空间');
  }
  const schema = assertSchemaName(tenant.schema_name);
  const role = assertRoleName(tenant.db_role);
  if (!isTenantRoleOf(role, schema)) {
    throw new TenantUnavailableError(`租户登记信息不一致：角色 ${role} 不属于模式 ${schema}`);
  }
  return { schema, role };
}

export async function withTenant<T>(
  db: Kysely<PlatformDatabase>,
  tenant: TenantRef,
  fn: (tdb: TenantQueryCreator, trx: Transaction<PlatformDatabase>) => Promise<T>,
): Promise<T> {
  const { schema, role } = tenantIdentifiers(tenant);
  if (tenant.status !== undefined && tenant.status !== 'active') {
    throw new TenantUnavailableError(`单位${tenant.code ? `“${tenant.code}”` : ''}当前不可用`);
  }
  if (db.isTransaction) {
    // SET LOCAL ROLE would outlive fn and leak into the rest of the caller's transaction.
    throw new Error('withTenant 不能在已有事务中调用');
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local role ${sql.id(role)}`.execute(trx);
    const tdb = trx.withSchema(schema) as unknown as TenantQueryCreator;
    return fn(tdb, trx);
  });
}
