/**
 * The tenant registry, as the city administrator sees it.
 */
import { type PlatformDatabase, provisionTenant, type Tenant } from '@tuanjian/db';
import type { TenantKind } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit';
import { asDate } from '../db-types';
import { appError } from '../errors';

export interface TenantSummary {
  id: string;
  kind: TenantKind;
  code: string;
  name: string;
  status: Tenant['status'];
  schemaName: string | null;
  schemaVersion: number;
  sortOrder: number;
  createdAt: Date;
}

function toSummary(t: Tenant): TenantSummary {
  return {
    id: t.id,
    kind: t.kind,
    code: t.code,
    name: t.name,
    status: t.status,
    schemaName: t.schema_name,
    schemaVersion: t.schema_version,
    sortOrder: t.sort_order,
    createdAt: asDate(t.created_at),
  };
}

export async function listTenants(db: Kysely<PlatformDatabase>): Promise<TenantSummary[]> {
  const rows = await db.selectFrom('platform.tenants').selectAll().execute();
  const order: Record<TenantKind, number> = { city: 0, district: 1, committee: 2 };
  rows.sort(
    (a, b) => order[a.kind] - order[b.kind] || a.sort_order - b.sort_order || a.code.localeCompare(b.code),
  );
  return rows.map(toSummary);
}

export async function provision(
  db: Kysely<PlatformDatabase>,
  audit: AuditRecorder,
  input: { kind: 'district' | 'committee'; code: string; name: string },
): Promise<TenantSummary> {
  const clash = await db
    .selectFrom('platform.tenants')
    .select(['code', 'name'])
    .where((eb) => eb.or([eb('code', '=', input.code), eb('name', '=', input.name)]))
    .executeTakeFirst();
  if (clash) {
    throw appError(
      'CONFLICT',
      'CONFLICT',
      clash.code === input.code ? `代码“${input.code}”已被使用` : `名称“${input.name}”已被使用`,
    );
  }
  const tenant = await provisionTenant(db, input);
  audit.target('tenant', tenant.id, { kind: tenant.kind, code: tenant.code, name: tenant.name });
  return toSummary(tenant);
}
