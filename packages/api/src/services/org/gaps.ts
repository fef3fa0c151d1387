/**
 * ORG-5 coverage gaps (空白点): units that should have an organisation and have none. A gap
 * stays listed until it is covered, i.e. linked to an organisation (in the same tenant).
 */
import { type GapStatus, type Sector, todayInShanghai } from '@tuanjian/domain';
import type { AuditRecorder } from '../../audit';
import { asDate } from '../../db-types';
import { appError, notFound } from '../../errors';
import { assertOrgManager, getOrgInScope } from '../organisations';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';

export interface GapItem {
  id: string;
  unitName: string;
  unitKind: string;
  sector: Sector | null;
  address: string | null;
  youthCount: number | null;
  responsibleOrg: { id: string; name: string } | null;
  registeredOn: string;
  note: string | null;
  status: GapStatus;
  coveredOrg: { id: string; name: string } | null;
  coveredOn: string | null;
  createdAt: Date;
}

export interface GapFilters {
  status?: GapStatus;
  unitKind?: string;
  q?: string;
}

function gapQuery(tdb: TenantDb, scope: Scope) {
  let q = tdb
    .selectFrom('coverage_gaps as g')
    .leftJoin('organisations as r', 'r.id', 'g.responsible_org_id')
    .leftJoin('organisations as c', 'c.id', 'g.covered_org_id')
    .selectAll('g')
    .select(['r.name as responsible_name', 'r.path as responsible_path', 'c.name as covered_name']);
  // An org_secretary sees the gaps its subtree is responsible for.
  if (scope.org) q = q.where('r.path', 'like', `${escapeLike(scope.org.path)}%`);
  return q;
}

type GapRow = Awaited<ReturnType<ReturnType<typeof gapQuery>['executeTakeFirstOrThrow']>>;

function toItem(g: GapRow): GapItem {
  return {
    id: g.id,
    unitName: g.unit_name,
    unitKind: g.unit_kind,
    sector: g.sector as Sector | null,
    address: g.address,
    youthCount: g.youth_count,
    responsibleOrg: g.responsible_org_id
      ? { id: g.responsible_org_id, name: g.responsible_name ?? '' }
      : null,
    registeredOn: g.registered_on,
    note: g.note,
    status: g.status,
    coveredOrg: g.covered_org_id ? { id: g.covered_org_id, name: g.covered_name ?? '' } : null,
    coveredOn: g.covered_on,
    createdAt: asDate(g.created_at),
  };
}

export async function listGaps(tdb: TenantDb, scope: Scope, f: GapFilters) {
  assertOrgManager(scope);
  let q = gapQuery(tdb, scope);
  if (f.status) q = q.where('g.status', '=', f.status);
  if (f.unitKind) q = q.where('g.unit_kind', '=', f.unitKind);
  if (f.q) q = q.where('g.unit_name', 'like', `%${escapeLike(f.q)}%`);
  const rows = await q.orderBy('g.status', 'desc').orderBy('g.registered_on', 'desc').execute();
  const items = rows.map(toItem);
  return { items, total: items.length, open: items.filter((i) => i.status === 'open').length };
}

export interface CreateGapInput {
  unitName: string;
  unitKind: string;
  sector?: Sector | null;
  address?: string | null;
  youthCount?: number | null;
  responsibleOrgId?: string | null;
  registeredOn?: string | null;
  note?: string | null;
}

export async function createGap(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: CreateGapInput,
  now: Date,
): Promise<GapItem> {
  assertOrgManager(scope);
  if (scope.org && !input.responsibleOrgId) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '请选择负责覆盖该空白点的组织');
  }
  if (input.responsibleOrgId) await getOrgInScope(tdb, scope, input.responsibleOrgId, '负责组织');
  const today = todayInShanghai(now);
  const registeredOn = input.registeredOn ?? today;
  if (registeredOn > today) throw appError('BAD_REQUEST', 'INVALID_INPUT', '登记日期不能晚于今天');
  const dup = await tdb
    .selectFrom('coverage_gaps')
    .select('id')
    .where('unit_name', '=', input.unitName)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (dup) throw appError('CONFLICT', 'CONFLICT', `“${input.unitName}”已登记为空白点`);
  const row = await tdb
    .insertInto('coverage_gaps')
    .values({
      unit_name: input.unitName,
      unit_kind: input.unitKind,
      sector: input.sector ?? null,
      address: input.address ?? null,
      youth_count: input.youthCount ?? null,
      responsible_org_id: input.responsibleOrgId ?? null,
      registered_on: registeredOn,
      note: input.note ?? null,
      created_by: scope.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  audit.target('coverage_gap', row.id, { unitName: input.unitName, unitKind: input.unitKind });
  return toItem(await gapQuery(tdb, scope).where('g.id', '=', row.id).executeTakeFirstOrThrow());
}

/** Covered = linked to an active organisation (typically the one just set up in the unit). */
export async function coverGap(
  tdb: TenantDb,
  scope: Scope,
  audit: AuditRecorder,
  input: { id: string; orgId: string; coveredOn?: string | null },
  now: Date,
): Promise<GapItem> {
  assertOrgManager(scope);
  const gap = await gapQuery(tdb, scope).where('g.id', '=', input.id).executeTakeFirst();
  if (!gap) throw notFound('空白点');
  if (gap.responsible_path && !pathInScope(scope, gap.responsible_path)) throw notFound('空白点');
  if (gap.status === 'covered') {
    throw appError(
      'PRECONDITION_FAILED',
      'INVALID_STATE',
      `该空白点已于${gap.covered_on}由“${gap.covered_name}”覆盖`,
    );
  }
  const org = await getOrgInScope(tdb, scope, input.orgId, '覆盖组织');
  if (org.status !== 'active') {
    throw appError('PRECONDITION_FAILED', 'INVALID_STATE', '覆盖组织已撤销或合并，请选择正常状态的组织');
  }
  const today = todayInShanghai(now);
  const coveredOn = input.coveredOn ?? today;
  if (coveredOn > today) throw appError('BAD_REQUEST', 'INVALID_INPUT', '覆盖日期不能晚于今天');
  if (coveredOn < gap.registered_on) {
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '覆盖日期不能早于登记日期');
  }
  await tdb
    .updateTable('coverage_gaps')
    .set({ status: 'covered', covered_org_id: org.id, covered_on: coveredOn, updated_at: now })
    .where('id', '=', gap.id)
    .execute();
  audit.target('coverage_gap', gap.id, { coveredOrgId: org.id, coveredOn });
  return toItem(await gapQuery(tdb, scope).where('g.id', '=', gap.id).executeTakeFirstOrThrow());
}
