/**
 * Who is signed in and what they may act as: the `Me` object every client starts from.
 */
import type { PlatformDatabase, Tenant, TenantDatabase } from '@tuanjian/db';
import type { Role, TenantKind } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session';
import { asDate } from '../db-types';

/** A grant of the signed-in user, with its tenant as read from the registry. */
export interface LoadedGrant {
  id: string;
  role: Role;
  scopeOrgId: string | null;
  memberId: string | null;
  tenant: Tenant;
}

export interface MeGrant {
  id: string;
  role: Role;
  tenant: { id: string; code: string; name: string; kind: TenantKind };
  scopeOrg: { id: string; name: string } | null;
}

export interface Me {
  user: { id: string; username: string; displayName: string; mustChangePassword: boolean };
  grants: MeGrant[];
  activeGrantId: string | null;
}

/** The user's grants in active tenants, city first, then by the registry's sort order. */
export async function loadGrants(db: Kysely<PlatformDatabase>, userId: string): Promise<LoadedGrant[]> {
  const rows = await db
    .selectFrom('platform.grants as g')
    .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
    .select([
      'g.id as grant_id',
      'g.role as grant_role',
      'g.scope_org_id as grant_scope_org_id',
      'g.member_id as grant_member_id',
      'g.created_at as grant_created_at',
    ])
    .selectAll('t')
    .where('g.user_id', '=', userId)
    .where('t.status', '=', 'active')
    .execute();
  const kindOrder: Record<TenantKind, number> = { city: 0, district: 1, committee: 2 };
  rows.sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.sort_order - b.sort_order ||
      a.code.localeCompare(b.code) ||
      asDate(a.grant_created_at).getTime() - asDate(b.grant_created_at).getTime(),
  );
  return rows.map((r) => {
    const { grant_id, grant_role, grant_scope_org_id, grant_member_id, grant_created_at: _, ...tenant } = r;
    return {
      id: grant_id,
      role: grant_role,
      scopeOrgId: grant_scope_org_id,
      memberId: grant_member_id,
      tenant,
    };
  });
}

/**
 * Builds `Me`. The names of scope organisations live in the tenants' schemas; they are read
 * through the platform handle, one narrow query per tenant, and only for the user's own grants.
 */
export async function buildMe(
  db: Kysely<PlatformDatabase>,
  user: SessionUser,
  grants: LoadedGrant[],
  activeGrantId: string | null,
): Promise<Me> {
  const orgNames = new Map<string, string>();
  const bySchema = new Map<string, string[]>();
  for (const g of grants) {
    if (g.scopeOrgId && g.tenant.schema_name && g.tenant.kind === 'district') {
      const list = bySchema.get(g.tenant.schema_name) ?? [];
      list.push(g.scopeOrgId);
      bySchema.set(g.tenant.schema_name, list);
    }
  }
  for (const [schema, ids] of bySchema) {
    const rows = await (db as unknown as Kysely<TenantDatabase>)
      .withSchema(schema)
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) orgNames.set(`${schema}:${r.id}`, r.name);
  }
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      mustChangePassword: user.must_change_password,
    },
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role,
      tenant: { id: g.tenant.id, code: g.tenant.code, name: g.tenant.name, kind: g.tenant.kind },
      scopeOrg:
        g.scopeOrgId && g.tenant.schema_name
          ? {
              id: g.scopeOrgId,
              name: orgNames.get(`${g.tenant.schema_name}:${g.scopeOrgId}`) ?? '（组织已不存在）',
            }
          : null,
    })),
    activeGrantId: activeGrantId && grants.some((g) => g.id === activeGrantId) ? activeGrantId : null,
  };
}
