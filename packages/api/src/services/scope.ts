/**
 * What the acting grant may see inside its tenant. district_admin: the whole tenant;
 * org_secretary: the subtree of its scope organisation (materialised path prefix);
 * member: its own branch (and only its own record among the members).
 */
import type { TenantDatabase } from '@tuanjian/db';
import { type OrgKind, type Role, rolesByTenantKind, type TenantKind } from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import { appError, forbiddenScope } from '../errors';
import type { LoadedGrant } from './me';

export type TenantDb = QueryCreator<TenantDatabase>;

export interface ScopeOrg {
  id: string;
  name: string;
  kind: OrgKind;
  path: string;
}

export interface Scope {
  role: Role;
  grantId: string;
  userId: string;
  tenant: { id: string; code: string; name: string; kind: TenantKind };
  /** org_secretary / member: the root of the visible subtree; null = the whole tenant. */
  org: ScopeOrg | null;
  /** member: the member record the user is. */
  memberId: string | null;
}

export async function resolveScope(tdb: TenantDb, grant: LoadedGrant, userId: string): Promise<Scope> {
  const kind = grant.tenant.kind;
  if (!rolesByTenantKind[kind].includes(grant.role)) {
    throw appError('FORBIDDEN', 'FORBIDDEN_ROLE', '您的授权与所在单位类型不符，请联系管理员');
  }
  const scope: Scope = {
    role: grant.role,
    grantId: grant.id,
    userId,
    tenant: { id: grant.tenant.id, code: grant.tenant.code, name: grant.tenant.name, kind },
    org: null,
    memberId: grant.memberId,
  };
  if (kind !== 'district' || (grant.role !== 'org_secretary' && grant.role !== 'member')) return scope;

  let orgId = grant.scopeOrgId;
  if (!orgId && grant.role === 'member' && grant.memberId) {
    const m = await tdb
      .selectFrom('members')
      .select('org_id')
      .where('id', '=', grant.memberId)
      .executeTakeFirst();
    orgId = m?.org_id ?? null;
  }
  if (!orgId) throw forbiddenScope('您的授权未指定所属组织，请联系管理员');
  scope.org = await survivingOrg(tdb, orgId);
  return scope;
}

/**
 * The organisation a grant acts for. Grants live in `platform.grants`, which tenant roles cannot
 * update, so ORG-6 does not rewrite them: a grant scoped to a merged organisation acts for the
 * organisation it was merged into (followed through `org_status_history`, also across several
 * merges); a grant scoped to a dissolved organisation has no scope and is refused.
 */
async function survivingOrg(tdb: TenantDb, orgId: string): Promise<ScopeOrg> {
  const seen = new Set<string>();
  let id = orgId;
  for (;;) {
    const org = await tdb
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'path', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!org) throw forbiddenScope('您的授权所属组织已不存在，请联系管理员');
    if (org.status === 'active') return { id: org.id, name: org.name, kind: org.kind, path: org.path };
    if (org.status === 'dissolved') {
      throw forbiddenScope(`您的授权所属组织“${org.name}”已撤销，授权已失效，请联系上级团组织重新授权`);
    }
    seen.add(org.id);
    const next = await tdb
      .selectFrom('org_status_history')
      .select('related_org_id')
      .where('org_id', '=', org.id)
      .where('event', '=', 'merged_into')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!next?.related_org_id || seen.has(next.related_org_id)) {
      throw forbiddenScope(`您的授权所属组织“${org.name}”已合并，请联系上级团组织重新授权`);
    }
    id = next.related_org_id;
  }
}

/** Is an organisation (by its materialised path) inside the scope? */
export function pathInScope(scope: Scope, path: string): boolean {
  return scope.org === null || path.startsWith(scope.org.path);
}

/** Escape LIKE wildcards so a value matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
