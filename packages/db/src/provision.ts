/**
 * Provisioning a tenant at run time: registry row → schema → role → template migrations →
 * grants → 'active'. Every step is idempotent, so re-running after a crash finishes the job
 * (and `migrateAll` finishes any tenant left in 'provisioning' too).
 */
import type { Kysely } from 'kysely';
import { assertTenantCode, schemaNameFor, tenantRoleName } from './identifiers';
import { migrateTenant } from './migrations/runner';
import type { TenantTemplates } from './migrations/types';
import { getRolePrefix } from './roles';
import type { PlatformDatabase, Tenant, TenantKind } from './schema';

export interface ProvisionTenantInput {
  kind: TenantKind;
  code: string;
  name: string;
  sortOrder?: number;
}

export class TenantConflictError extends Error {
  constructor(code: string, existingKind: TenantKind) {
    super(`单位代码“${code}”已被一个${kindLabel(existingKind)}使用`);
    this.name = 'TenantConflictError';
  }
}

function kindLabel(kind: TenantKind): string {
  return kind === 'city' ? '团市委' : kind === 'district' ? '区县团委' : '专门委员会';
}

export async function provisionTenant(
  db: Kysely<PlatformDatabase>,
  input: ProvisionTenantInput,
  opts: { templates?: TenantTemplates } = {},
): Promise<Tenant> {
  const { kind, code } = input;
  assertTenantCode(code);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new Error('单位名称不能为空，且不超过 100 个字');
  if (kind !== 'city' && kind !== 'district' && kind !== 'committee') throw new Error('租户类型无效');

  let schemaName: string | null = null;
  let dbRole: string | null = null;
  if (kind !== 'city') {
    schemaName = schemaNameFor(code);
    dbRole = tenantRoleName(await getRolePrefix(db), schemaName);
  }

  // Register first (committed on its own), so an interrupted provisioning is visible and resumable.
  await db
    .insertInto('platform.tenants')
    .values({
      kind,
      code,
      name,
      schema_name: schemaName,
      db_role: dbRole,
      status: kind === 'city' ? 'active' : 'provisioning',
      sort_order: input.sortOrder ?? 0,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const row = await db
    .selectFrom('platform.tenants')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  if (row.kind !== kind) throw new TenantConflictError(code, row.kind);
  if (kind === 'city') return row;

  const { tenant } = await migrateTenant(db, row.id, opts.templates);
  return tenant;
}

export async function getTenantByCode(
  db: Kysely<PlatformDatabase>,
  code: string,
): Promise<Tenant | undefined> {
  return db.selectFrom('platform.tenants').selectAll().where('code', '=', code).executeTakeFirst();
}
