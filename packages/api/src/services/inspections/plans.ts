/**
 * SUP-1, the city's side: quarterly plans, the team of `inspector` users, the targets chosen
 * across the districts' organisations and sectors. Platform handle (city_admin; inspectors read
 * the plans whose team they are on).
 */
import { type PlatformDatabase, withTenant } from '@tuanjian/db';
import {
  type FindingStatus,
  findingOverdue,
  type InspectionMethod,
  type InspectionPlanStatus,
  type InspectionSector,
  inspectionSectorOf,
  quarterPeriod,
  todayInShanghai,
} from '@tuanjian/domain';
import type { Kysely } from 'kysely';
import { forbiddenRole, notFound } from '../../errors';
import { escapeLike, type TenantDb } from '../scope';
import { badInput, conflict, invalidState } from './common';
import { tenantById, tenantTablesOf } from './files';

export type Db = Kysely<PlatformDatabase>;

export interface CityActor {
  userId: string;
  role: 'city_admin' | 'inspector';
}

export interface PlanItem {
  id: string;
  year: number;
  quarter: number;
  title: string;
  focus: string | null;
  methods: InspectionMethod[];
  startsOn: string;
  endsOn: string;
  status: InspectionPlanStatus;
  teamCount: number;
  targetCount: number;
  findingCount: number;
  openCount: number;
  overdueCount: number;
  circularPublished: boolean;
}

/** Whether the actor may see (inspector: is on the team of) the plan. */
export async function assertPlanVisible(db: Db, actor: CityActor, planId: string): Promise<void> {
  const plan = await db
    .selectFrom('platform.inspection_plans')
    .select('id')
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('督导检查计划');
  if (actor.role === 'city_admin') return;
  const member = await db
    .selectFrom('platform.inspection_team_members')
    .select('user_id')
    .where('plan_id', '=', planId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!member) throw notFound('督导检查计划');
}

export async function listPlans(
  db: Db,
  actor: CityActor,
  input: { year?: number },
  now: Date,
): Promise<PlanItem[]> {
  let q = db.selectFrom('platform.inspection_plans as p').selectAll('p');
  if (input.year) q = q.where('p.year', '=', input.year);
  if (actor.role !== 'city_admin') {
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('platform.inspection_team_members').select('plan_id').where('user_id', '=', actor.userId),
    );
  }
  const plans = await q.orderBy('p.year', 'desc').orderBy('p.quarter', 'desc').execute();
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const [team, targets, findings, circulars] = await Promise.all([
    db
      .selectFrom('platform.inspection_team_members')
      .select(['plan_id'])
      .where('plan_id', 'in', ids)
      .execute(),
    db.selectFrom('platform.inspection_targets').select(['plan_id']).where('plan_id', 'in', ids).execute(),
    db
      .selectFrom('platform.inspection_findings')
      .select(['plan_id', 'status', 'deadline'])
      .where('plan_id', 'in', ids)
      .execute(),
    db
      .selectFrom('platform.inspection_circulars')
      .select(['plan_id'])
      .where('plan_id', 'in', ids)
      .where('status', '=', 'published')
      .execute(),
  ]);
  const today = todayInShanghai(now);
  const count = <T extends { plan_id: string | null }>(
    rows: T[],
    id: string,
    f: (r: T) => boolean = () => true,
  ) => rows.filter((r) => r.plan_id === id && f(r)).length;
  return plans.map((p) => ({
    id: p.id,
    year: p.year,
    quarter: p.quarter,
    title: p.title,
    focus: p.focus,
    methods: p.methods as InspectionMethod[],
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    status: p.status as InspectionPlanStatus,
    teamCount: count(team, p.id),
    targetCount: count(targets, p.id),
    findingCount: count(findings, p.id),
    openCount: count(findings, p.id, (f) => f.status === 'open' || f.status === 'returned'),
    overdueCount: count(findings, p.id, (f) =>
      findingOverdue({ status: f.status as FindingStatus, deadline: f.deadline }, today),
    ),
    circularPublished: count(circulars, p.id) > 0,
  }));
}

export interface PlanInput {
  year: number;
  quarter: number;
  title: string;
  focus?: string | null | undefined;
  methods: InspectionMethod[];
  startsOn?: string | undefined;
  endsOn?: string | undefined;
}

export async function createPlan(db: Db, input: PlanInput, userId: string): Promise<{ id: string }> {
  const period = quarterPeriod(input.year, input.quarter);
  const startsOn = input.startsOn ?? period.start;
  const endsOn = input.endsOn ?? period.end;
  if (startsOn < period.start || endsOn > period.end || endsOn < startsOn) {
    throw badInput(
      `检查时间应在${period.label}内（${period.start}至${period.end}），且结束日期不早于开始日期`,
    );
  }
  const exists = await db
    .selectFrom('platform.inspection_plans')
    .select('id')
    .where('year', '=', input.year)
    .where('quarter', '=', input.quarter)
    .executeTakeFirst();
  if (exists) throw conflict(`${period.label}已有督导检查计划，请直接编辑该计划`);
  const row = await db
    .insertInto('platform.inspection_plans')
    .values({
      year: input.year,
      quarter: input.quarter,
      title: input.title,
      focus: input.focus ?? null,
      methods: input.methods,
      starts_on: startsOn,
      ends_on: endsOn,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row;
}

export async function updatePlan(
  db: Db,
  input: {
    id: string;
    title?: string;
    focus?: string | null;
    methods?: InspectionMethod[];
    status?: InspectionPlanStatus;
  },
): Promise<void> {
  const r = await db
    .updateTable('platform.inspection_plans')
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.focus !== undefined ? { focus: input.focus } : {}),
      ...(input.methods !== undefined ? { methods: input.methods } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('督导检查计划');
}

export interface InspectorUser {
  userId: string;
  username: string;
  displayName: string;
}

/** Users with an `inspector` grant in the city tenant. */
export async function inspectors(db: Db): Promise<InspectorUser[]> {
  const rows = await db
    .selectFrom('platform.grants as g')
    .innerJoin('platform.tenants as t', 't.id', 'g.tenant_id')
    .innerJoin('platform.users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('g.role', '=', 'inspector')
    .where('t.kind', '=', 'city')
    .where('u.status', '=', 'active')
    .orderBy('u.username')
    .distinct()
    .execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name }));
}

export async function setTeam(
  db: Db,
  input: { planId: string; members: { userId: string; isLeader: boolean }[] },
): Promise<void> {
  const plan = await db
    .selectFrom('platform.inspection_plans')
    .select('status')
    .where('id', '=', input.planId)
    .executeTakeFirst();
  if (!plan) throw notFound('督导检查计划');
  if (plan.status === 'closed') throw invalidState('检查已结束，不能再调整检查组');
  const allowed = new Set((await inspectors(db)).map((i) => i.userId));
  const ids = new Set<string>();
  for (const m of input.members) {
    if (!allowed.has(m.userId)) throw badInput('检查组成员须为团市委督查组成员（inspector）账号');
    if (ids.has(m.userId)) throw badInput('检查组成员重复');
    ids.add(m.userId);
  }
  if (input.members.filter((m) => m.isLeader).length > 1) throw badInput('检查组只能有一名组长');
  await db.deleteFrom('platform.inspection_team_members').where('plan_id', '=', input.planId).execute();
  if (input.members.length > 0) {
    await db
      .insertInto('platform.inspection_team_members')
      .values(input.members.map((m) => ({ plan_id: input.planId, user_id: m.userId, is_leader: m.isLeader })))
      .execute();
  }
}

export interface DistrictItem {
  id: string;
  name: string;
}

export async function districts(db: Db): Promise<DistrictItem[]> {
  return db
    .selectFrom('platform.tenants')
    .select(['id', 'name'])
    .where('kind', '=', 'district')
    .where('status', '=', 'active')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export interface OrgCandidate {
  id: string;
  name: string;
  kind: string;
  sector: string | null;
  inspectionSector: InspectionSector | null;
}

const TARGET_KINDS = ['league_committee', 'working_committee', 'general_branch', 'branch'] as const;

/**
 * Organisations of a district that may be inspected (names, kinds and sectors only), read inside
 * that tenant under its own role.
 */
export async function orgCandidates(
  db: Db,
  input: { tenantId: string; q?: string | undefined; sector?: InspectionSector | undefined },
): Promise<OrgCandidate[]> {
  const tenant = await tenantById(db, input.tenantId);
  const rows = await withTenant(db, tenant, (tdb) => {
    let q = (tdb as TenantDb)
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'sector'])
      .where('status', '=', 'active')
      .where('kind', 'in', [...TARGET_KINDS]);
    if (input.q) q = q.where('name', 'ilike', `%${escapeLike(input.q)}%`);
    return q.orderBy('path').limit(500).execute();
  });
  return rows
    .map((r) => ({ ...r, inspectionSector: inspectionSectorOf(r.sector) }))
    .filter((r) => !input.sector || r.inspectionSector === input.sector)
    .slice(0, 100);
}

export async function addTarget(
  db: Db,
  input: { planId: string; tenantId: string; orgId: string; sector?: InspectionSector | undefined },
): Promise<{ id: string }> {
  const plan = await db
    .selectFrom('platform.inspection_plans')
    .select('status')
    .where('id', '=', input.planId)
    .executeTakeFirst();
  if (!plan) throw notFound('督导检查计划');
  if (plan.status === 'closed') throw invalidState('检查已结束，不能再添加检查对象');
  const tenant = await tenantById(db, input.tenantId);
  const org = await tenantTablesOf(db, tenant)
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'sector', 'status'])
    .where('id', '=', input.orgId)
    .executeTakeFirst();

  if (!org || org.status !== 'active') throw notFound('被检查组织');
  if (!(TARGET_KINDS as readonly string[]).includes(org.kind))
    throw badInput('团小组不作为督导检查对象，请选择团支部或以上组织');
  const sector = input.sector ?? inspectionSectorOf(org.sector);
  if (!sector) throw badInput(`“${org.name}”未登记所属领域，请选择检查领域`);
  const dup = await db
    .selectFrom('platform.inspection_targets')
    .select('id')
    .where('plan_id', '=', input.planId)
    .where('tenant_id', '=', tenant.id)
    .where('org_id', '=', org.id)
    .executeTakeFirst();
  if (dup) throw conflict(`“${org.name}”已在本次检查对象中`);
  return db
    .insertInto('platform.inspection_targets')
    .values({
      plan_id: input.planId,
      tenant_id: tenant.id,
      org_id: org.id,
      org_name: org.name,
      org_kind: org.kind,
      sector,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function removeTarget(db: Db, id: string): Promise<void> {
  const used = await db
    .selectFrom('platform.inspection_findings')
    .select('id')
    .where('target_id', '=', id)
    .executeTakeFirst();
  if (used) throw invalidState('该检查对象已有检查发现的问题，不能移除');
  const r = await db.deleteFrom('platform.inspection_targets').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('检查对象');
}

export function requireAdmin(actor: CityActor): void {
  if (actor.role !== 'city_admin') throw forbiddenRole('仅团市委管理员可以进行此操作');
}
