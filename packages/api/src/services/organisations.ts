/**
 * The organisation tree of a district tenant (ORG-1), always read and written within the
 * acting grant's scope: the whole tenant for district_admin, the scope organisation's
 * subtree (materialised path prefix) for org_secretary.
 */
import type { Organisation } from '@tuanjian/db';
import {
  allowedChildKinds,
  canParent,
  type OrgKind,
  type OrgStatus,
  orgKindLabel,
  type Sector,
  todayInShanghai,
} from '@tuanjian/domain';
import type { AuditRecorder } from '../audit';
import { asDate, tsValue } from '../db-types';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../errors';
import { currentStars, type OrgStar } from './rating/star';
import { escapeLike, pathInScope, type Scope, type TenantDb } from './scope';

export interface OrgTreeNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgKind;
  sector: Sector | null;
  status: OrgStatus;
  /** Active members of this organisation and everything below it. */
  memberCount: number;
  /** Active members directly in this organisation. */
  directMemberCount: number;
  /** The latest published star (星级评定), null if never rated. */
  star: OrgStar | null;
  children: OrgTreeNode[];
}

export interface OrgDetail {
  id: string;
  parentId: string | null;
  parentName: string | null;
  kind: OrgKind;
  name: string;
  sector: Sector | null;
  unitName: string | null;
  address: string | null;
  foundedOn: string | null;
  status: OrgStatus;
  sortOrder: number;
  createdAt: Date;
  updatedAt: Date;
  memberCount: number;
  directMemberCount: number;
  childCount: number;
  /** From the top of the visible scope down to this organisation. */
  breadcrumbs: { id: string; name: string; kind: OrgKind }[];
  /** The latest published star (星级评定), null if never rated. */
  star: OrgStar | null;
}

/** Roles that manage the tree. */
export function assertOrgManager(scope: Scope): void {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole(scope.role === 'member' ? '团员不能查看或管理组织架构' : '您的角色无权管理组织');
  }
}

function scopedOrgs(tdb: TenantDb, scope: Scope) {
  let q = tdb.selectFrom('organisations');
  if (scope.org) q = q.where('path', 'like', `${escapeLike(scope.org.path)}%`);
  return q;
}

/** Loads an organisation that must exist in this tenant and lie in scope. */
export async function getOrgInScope(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  what = '组织',
): Promise<Organisation> {
  const org = await tdb.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound(what);
  if (!pathInScope(scope, org.path)) throw forbiddenScope(`该${what}不在您管理的范围内`);
  return org;
}

const byOrder = (a: { sort_order: number; name: string }, b: { sort_order: number; name: string }) =>
  a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN');

export async function tree(tdb: TenantDb, scope: Scope): Promise<OrgTreeNode[]> {
  assertOrgManager(scope);
  const orgs = await scopedOrgs(tdb, scope)
    .select(['id', 'parent_id', 'path', 'name', 'kind', 'sector', 'status', 'sort_order'])
    .execute();
  let countQuery = tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('m.status', '=', 'active')
    .groupBy('m.org_id');
  if (scope.org) countQuery = countQuery.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
  const counts = new Map((await countQuery.execute()).map((r) => [r.org_id, Number(r.n)]));
  const stars = await currentStars(tdb);

  const nodes = new Map<string, OrgTreeNode & { sort_order: number }>();
  for (const o of orgs) {
    const direct = counts.get(o.id) ?? 0;
    nodes.set(o.id, {
      id: o.id,
      parentId: o.parent_id,
      name: o.name,
      kind: o.kind,
      sector: o.sector as Sector | null,
      status: o.status,
      memberCount: direct,
      directMemberCount: direct,
      star: stars.get(o.id) ?? null,
      children: [],
      sort_order: o.sort_order,
    });
  }
  // Roll member counts up: deepest first (longest path).
  for (const o of [...orgs].sort((a, b) => b.path.length - a.path.length)) {
    const node = nodes.get(o.id)!;
    const parent = o.parent_id ? nodes.get(o.parent_id) : undefined;
    if (parent) parent.memberCount += node.memberCount;
  }
  const roots: (OrgTreeNode & { sort_order: number })[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (list: (OrgTreeNode & { sort_order: number })[]): OrgTreeNode[] =>
    list.sort(byOrder).map(({ sort_order: _, children, ...rest }) => ({
      ...rest,
      children: finish(children as (OrgTreeNode & { sort_order: number })[]),
    }));
  return finish(roots);
}

export async function get(tdb: TenantDb, scope: Scope, id: string): Promise<OrgDetail> {
  assertOrgManager(scope);
  const org = await getOrgInScope(tdb, scope, id);
  return detail(tdb, scope, org);
}

async function detail(tdb: TenantDb, scope: Scope, org: Organisation): Promise<OrgDetail> {
  const ancestorIds = org.path.split('/').filter(Boolean);
  const [ancestors, subtreeCounts, children, stars] = await Promise.all([
    tdb
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'path'])
      .where('id', 'in', ancestorIds)
      .execute(),
    tdb
      .selectFrom('members as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select([
        (eb) => eb.fn.countAll<number>().as('total'),
        (eb) => eb.fn.count<number>('m.id').filterWhere('m.org_id', '=', org.id).as('direct'),
      ])
      .where('m.status', '=', 'active')
      .where('o.path', 'like', `${escapeLike(org.path)}%`)
      .executeTakeFirstOrThrow(),
    tdb
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', org.id)
      .executeTakeFirstOrThrow(),
    currentStars(tdb, [org.id]),
  ]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const breadcrumbs = ancestorIds
    .map((aid) => byId.get(aid))
    .filter((a): a is NonNullable<typeof a> => !!a && pathInScope(scope, a.path))
    .map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
  return {
    id: org.id,
    parentId: org.parent_id,
    parentName: org.parent_id ? (byId.get(org.parent_id)?.name ?? null) : null,
    kind: org.kind,
    name: org.name,
    sector: org.sector as Sector | null,
    unitName: org.unit_name,
    address: org.address,
    foundedOn: org.founded_on,
    status: org.status,
    sortOrder: org.sort_order,
    createdAt: asDate(org.created_at),
    updatedAt: asDate(org.updated_at),
    memberCount: Number(subtreeCounts.total),
    directMemberCount: Number(subtreeCounts.direct),
    childCount: Number(children.n),
    breadcrumbs,
    star: stars.get(org.id) ?? null,
  };
}

export interface CreateOrgInput {
  parentId: string | null;
  kind: OrgKind;
  name: string;
  sector?: Sector | null;
  unitName?: string | null;
  address?: string | null;
  foundedOn?: string | null;
}

function assertNotFuture(date: string | null | undefined) {
  if (date && date > todayInShanghai()) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '成立日期不能晚于今天');
  }
}

async function assertUniqueName(tdb: TenantDb, parentId: string | null, name: string, exceptId?: string) {
  let q = tdb
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', name)
    .where('status', '=', 'active');
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw appError('CONFLICT', 'CONFLICT', `同一上级组织下已有名为“${name}”的组织`);
  }
}

export async function create(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: CreateOrgInput,
  now: Date,
): Promise<OrgDetail> {
  assertOrgManager(scope);
  let parent: Organisation | null = null;
  if (input.parentId) {
    parent = await getOrgInScope(tdb, scope, input.parentId, '上级组织');
    if (parent.status !== 'active') {
      throw appError('PRECONDITION_FAILED', 'INVALID_STATE', '上级组织已撤销或合并，不能在其下新建组织');
    }
  } else if (scope.role !== 'district_admin' || scope.org) {
    throw forbiddenScope('只有区县团委管理员可以新建顶级组织');
  }
  if (!canParent(parent?.kind ?? null, input.kind)) {
    const allowed = allowedChildKinds[parent?.kind ?? 'root'].map((k) => orgKindLabel[k]);
    const where = parent ? `${orgKindLabel[parent.kind]}下` : '顶级';
    throw appError(
      'BAD_REQUEST',
      'INVALID_STATE',
      allowed.length
        ? `${where}不能设立${orgKindLabel[input.kind]}（可设立：${allowed.join('、')}）`
        : `${where}不能再设立下级组织`,
    );
  }
  assertNotFuture(input.foundedOn);
  await assertUniqueName(tdb, parent?.id ?? null, input.name);

  const id = crypto.randomUUID();
  const org = await tdb
    .insertInto('organisations')
    .values({
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      kind: input.kind,
      name: input.name,
      sector: input.sector ?? parent?.sector ?? null,
      unit_name: input.unitName ?? null,
      address: input.address ?? null,
      founded_on: input.foundedOn ?? null,
      created_at: tsValue(now),
      updated_at: tsValue(now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  audit.target('organisation', org.id, { name: org.name, kind: org.kind, parentId: org.parent_id });
  return detail(tdb, scope, org);
}

export interface UpdateOrgInput {
  id: string;
  name?: string;
  sector?: Sector | null;
  unitName?: string | null;
  address?: string | null;
  foundedOn?: string | null;
  sortOrder?: number;
}

export async function update(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: UpdateOrgInput,
  now: Date,
): Promise<OrgDetail> {
  assertOrgManager(scope);
  const org = await getOrgInScope(tdb, scope, input.id);
  if (org.status !== 'active') {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', '该组织已撤销或合并，不能修改');
  }
  const patch: Record<string, unknown> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set = (column: keyof Organisation, value: unknown) => {
    if (value === undefined || value === org[column]) return;
    patch[column] = value;
    changes[column] = { from: org[column], to: value };
  };
  if (input.name !== undefined && input.name !== org.name) {
    await assertUniqueName(tdb, org.parent_id, input.name, org.id);
  }
  assertNotFuture(input.foundedOn);
  set('name', input.name);
  set('sector', input.sector);
  set('unit_name', input.unitName);
  set('address', input.address);
  set('founded_on', input.foundedOn);
  set('sort_order', input.sortOrder);
  if (Object.keys(patch).length === 0) return detail(tdb, scope, org);
  const updated = await tdb
    .updateTable('organisations')
    .set({ ...patch, updated_at: tsValue(now) })
    .where('id', '=', org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  audit.target('organisation', org.id, { changes });
  return detail(tdb, scope, updated);
}
