/**
 * The one search box (admin header + mini-program): members (name, 团员编号, last digits of the
 * 身份证号), organisations and handbook documents — only what the acting grant may see:
 * - district_admin: the whole tenant; org_secretary: its subtree (members and organisations);
 * - member: handbook documents, and among members only itself;
 * - committee roles: handbook documents only (committees keep no roster);
 * - city_admin (`cityQuery`): documents and the tenants of the city (never personal data).
 * Members come from `services/members.list` (the same scope and masking as the roster).
 */
import type { PlatformDatabase } from '@tuanjian/db';
import { type MemberStatus, type OrgKind, type OrgStatus, tenantKindLabel } from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import * as handbook from '../handbook/reader';
import { searchDocuments } from '../handbook/store';
import * as members from '../members';
import { escapeLike, type Scope, type TenantDb } from '../scope';

export const SEARCH_LIMIT = 8;

export interface SearchMemberHit {
  id: string;
  name: string;
  memberNumber: string | null;
  orgName: string;
  idCardMasked: string | null;
  status: MemberStatus;
}
export interface SearchOrgHit {
  id: string;
  name: string;
  kind: OrgKind;
  status: OrgStatus;
  parentName: string | null;
}
export interface SearchDocumentHit {
  id: string;
  title: string;
  category: string;
  snippet: string;
}
export interface SearchTenantHit {
  id: string;
  name: string;
  code: string;
  kindLabel: string;
}
export interface SearchGroup<T> {
  items: T[];
  total: number;
}
export interface SearchResult {
  q: string;
  members: SearchGroup<SearchMemberHit> | null;
  organisations: SearchGroup<SearchOrgHit> | null;
  documents: SearchGroup<SearchDocumentHit>;
  tenants: SearchGroup<SearchTenantHit> | null;
}

const docHits = (r: Awaited<ReturnType<typeof searchDocuments>>): SearchGroup<SearchDocumentHit> => ({
  items: r.items
    .slice(0, SEARCH_LIMIT)
    .map((d) => ({ id: d.id, title: d.title, category: d.category, snippet: d.snippet })),
  total: r.total,
});

/** The same match as the roster's search box (`services/members.list`). */
function memberMatches(
  m: { name: string; memberNumber: string | null; idCardMasked: string | null },
  q: string,
): boolean {
  if (m.name.includes(q)) return true;
  if (/^\d+[xX]?$/.test(q)) {
    if (m.memberNumber?.startsWith(q)) return true;
    if (/^(\d{1,4}|\d{0,3}[xX])$/.test(q) && m.idCardMasked?.endsWith(q.toUpperCase())) return true;
  }
  return false;
}

export async function tenantQuery(tdb: TenantDb, scope: Scope, q: string): Promise<SearchResult> {
  const documents = docHits(await handbook.search(tdb, q, { limit: SEARCH_LIMIT }));
  const result: SearchResult = { q, members: null, organisations: null, documents, tenants: null };
  if (scope.tenant.kind !== 'district') return result;

  if (scope.role === 'member') {
    // Only itself, when it matches.
    const self = scope.memberId ? await members.get(tdb, scope, scope.memberId).catch(() => null) : null;
    const items = self && memberMatches(self, q) ? [self] : [];
    result.members = { items: items.map(toMemberHit), total: items.length };
    return result;
  }
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') return result;

  const page = await members.list(tdb, scope, { page: 1, pageSize: SEARCH_LIMIT, q });
  result.members = { items: page.items.map(toMemberHit), total: page.total };

  let orgs = tdb
    .selectFrom('organisations as o')
    .leftJoin('organisations as p', 'p.id', 'o.parent_id')
    .where('o.name', 'like', `%${escapeLike(q)}%`);
  if (scope.org) orgs = orgs.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const [count, rows] = await Promise.all([
    orgs.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    orgs
      .select(['o.id', 'o.name', 'o.kind', 'o.status', 'p.name as parent_name'])
      // Active first, then the shorter (closer) names.
      .orderBy((eb) => eb.case().when('o.status', '=', 'active').then(0).else(1).end())
      .orderBy((eb) => eb.fn('length', ['o.name']))
      .orderBy('o.name')
      .limit(SEARCH_LIMIT)
      .execute(),
  ]);
  result.organisations = {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      parentName: r.parent_name,
    })),
    total: Number(count.n),
  };
  return result;
}

function toMemberHit(m: members.MemberItem): SearchMemberHit {
  return {
    id: m.id,
    name: m.name,
    memberNumber: m.memberNumber,
    orgName: m.orgName,
    idCardMasked: m.idCardMasked,
    status: m.status,
  };
}

/** The city: handbook documents (published) and the tenants by name or code. */
export async function cityQuery(db: Kysely<PlatformDatabase>, q: string): Promise<SearchResult> {
  const documents = docHits(await searchDocuments(db, q, { limit: SEARCH_LIMIT }));
  const like = `%${escapeLike(q)}%`;
  const rows = await db
    .selectFrom('platform.tenants')
    .select(['id', 'name', 'code', 'kind'])
    .where((eb) => eb.or([eb('name', 'like', like), eb('code', 'like', like.toLowerCase())]))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return {
    q,
    members: null,
    organisations: null,
    documents,
    tenants: {
      items: rows
        .slice(0, SEARCH_LIMIT)
        .map((t) => ({ id: t.id, name: t.name, code: t.code, kindLabel: tenantKindLabel[t.kind] })),
      total: rows.length,
    },
  };
}
