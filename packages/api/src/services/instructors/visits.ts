/**
 * ORG-7 — the instructor's side (platform handle; identity = the instructor linked to the session's
 * user) and the district's side (tenant role; row-level security keeps it to its own branches).
 */
import { type PlatformDatabase, withTenant } from '@tuanjian/db';
import { todayInShanghai, validateGrades } from '@tuanjian/domain';
import type { Kysely, QueryCreator } from 'kysely';
import { appError, forbiddenRole, forbiddenScope } from '../../errors';
import { checklistFor, rulesFor } from '../rectification/rectification';
import { escapeLike, type Scope, type TenantDb } from '../scope';
import { applyPendingVisits } from './apply';
import { assignmentsOf, visitItem } from './registry';

type Db = Kysely<PlatformDatabase>;
const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

/** The instructor record of the signed-in user. */
export async function instructorOf(db: Db, userId: string) {
  const i = await db
    .selectFrom('platform.instructors')
    .select(['id', 'name', 'unit', 'status'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!i) throw forbiddenRole('您的账号未关联基层团建指导员档案，请联系团市委');
  return i;
}

export async function mine(db: Db, userId: string, now: Date) {
  const i = await instructorOf(db, userId);
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    status: i.status,
    assignments: await assignmentsOf(db, { instructorId: i.id }, now),
  };
}

export async function myVisits(db: Db, userId: string, input: { year?: number }) {
  const i = await instructorOf(db, userId);
  let q = db
    .selectFrom('platform.instructor_visits as v')
    .innerJoin('platform.tenants as t', 't.id', 'v.tenant_id')
    .selectAll('v')
    .select('t.name as tenant_name')
    .where('v.instructor_id', '=', i.id);
  if (input.year) q = q.where('v.year', '=', input.year);
  const rows = await q.orderBy('v.visited_on', 'desc').orderBy('v.created_at', 'desc').limit(500).execute();
  return rows.map(visitItem);
}

async function myAssignment(db: Db, instructorId: string, assignmentId: string) {
  const a = await db
    .selectFrom('platform.instructor_assignments as a')
    .innerJoin('platform.tenants as t', 't.id', 'a.tenant_id')
    .selectAll('a')
    .select(['t.schema_name', 't.db_role', 't.code', 't.status as tenant_status'])
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
  if (!a || a.instructor_id !== instructorId) throw forbiddenScope('只能走访分配给您的团支部');
  const tenant = { schema_name: a.schema_name, db_role: a.db_role, code: a.code, status: a.tenant_status };
  return { a, tenant };
}

/** The health-check checklist of the branch's district for a year (the visit form grades it). */
export async function checklist(db: Db, userId: string, input: { assignmentId: string; year: number }) {
  const i = await instructorOf(db, userId);
  const { tenant } = await myAssignment(db, i.id, input.assignmentId);
  return withTenant(db, tenant, (tdb) => checklistFor(tdb as TenantDb, input.year));
}

/**
 * A visit to one of the instructor's branches. The grades are checked against the year's checklist
 * of the branch's district; the visit is stored, then applied as a 上级点 input when the branch has an
 * open health check of that year (else it stays 待计入 until the round opens).
 */
export async function recordVisit(
  db: Db,
  userId: string,
  input: { assignmentId: string; visitedOn: string; findings: string; grades: Record<string, string> },
  now: Date,
) {
  if (db.isTransaction) throw new Error('recordVisit 须在事务外调用');
  const i = await instructorOf(db, userId);
  if (i.status !== 'active') throw forbiddenRole('您已退出基层团建指导员队伍，不能再记录走访');
  const { a, tenant } = await myAssignment(db, i.id, input.assignmentId);
  if (input.visitedOn > todayInShanghai(now)) throw invalid('走访日期不能晚于今天');
  if (input.visitedOn < String(a.starts_on) || (a.ends_on !== null && input.visitedOn > String(a.ends_on)))
    throw forbiddenScope(`走访日期不在您联系“${a.org_name}”的期间内`);
  const year = Number(input.visitedOn.slice(0, 4));
  await withTenant(db, tenant, async (tdb) => {
    const r = await rulesFor(tdb as TenantDb, year);
    const problem = validateGrades(r.checklist.value, input.grades);
    if (problem) throw appError('BAD_REQUEST', 'INVALID_INPUT', problem);
    const org = await (tdb as TenantDb)
      .selectFrom('organisations')
      .select(['status'])
      .where('id', '=', a.org_id)
      .executeTakeFirst();
    if (org?.status !== 'active') throw invalid(`“${a.org_name}”已不是正常的团支部`);
  });
  const v = await db
    .insertInto('platform.instructor_visits')
    .values({
      instructor_id: i.id,
      instructor_name: i.name,
      assignment_id: a.id,
      tenant_id: a.tenant_id,
      org_id: a.org_id,
      org_name: a.org_name,
      visited_on: input.visitedOn,
      year,
      findings: input.findings,
      grades: JSON.stringify(input.grades),
      recorded_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await withTenant(db, tenant, (tdb) =>
    applyPendingVisits(tdb as TenantDb, a.tenant_id, { visitIds: [v.id] }),
  );
  const row = await db
    .selectFrom('platform.instructor_visits')
    .selectAll()
    .where('id', '=', v.id)
    .executeTakeFirstOrThrow();
  return visitItem(row);
}

// ---------------------------------------------------------------- district

const platform = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;

function assertDistrictStaff(scope: Scope) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary')
    throw forbiddenRole('仅区县团委管理员和团组织书记可以查看指导员走访');
}

/** Ids of organisations in the caller's subtree (null = whole tenant). */
async function scopedOrgIds(tdb: TenantDb, scope: Scope): Promise<string[] | null> {
  if (scope.role === 'district_admin' || !scope.org) return null;
  const rows = await tdb
    .selectFrom('organisations')
    .select('id')
    .where('path', 'like', `${escapeLike(scope.org.path)}%`)
    .execute();
  return rows.map((r) => r.id);
}

/** Visits to the tenant's branches (a secretary: its subtree). */
export async function districtVisits(tdb: TenantDb, scope: Scope, input: { year?: number; orgId?: string }) {
  assertDistrictStaff(scope);
  const ids = await scopedOrgIds(tdb, scope);
  if (ids && ids.length === 0) return [];
  let q = platform(tdb)
    .selectFrom('platform.instructor_visits')
    .selectAll()
    .where('tenant_id', '=', scope.tenant.id);
  if (ids) q = q.where('org_id', 'in', ids);
  if (input.year) q = q.where('year', '=', input.year);
  if (input.orgId) q = q.where('org_id', '=', input.orgId);
  const rows = await q.orderBy('visited_on', 'desc').orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((r) => visitItem({ ...r, tenant_name: scope.tenant.name }));
}

/** Current and past instructors of the tenant's branches (a secretary: its subtree). */
export async function districtAssignments(tdb: TenantDb, scope: Scope) {
  assertDistrictStaff(scope);
  const ids = await scopedOrgIds(tdb, scope);
  if (ids && ids.length === 0) return [];
  let q = platform(tdb)
    .selectFrom('platform.instructor_assignments')
    .select(['id', 'instructor_name', 'org_id', 'org_name', 'starts_on', 'ends_on'])
    .where('tenant_id', '=', scope.tenant.id);
  if (ids) q = q.where('org_id', 'in', ids);
  const rows = await q.orderBy('org_name').orderBy('starts_on', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    instructorName: r.instructor_name,
    orgId: r.org_id,
    orgName: r.org_name,
    startsOn: String(r.starts_on),
    endsOn: r.ends_on === null ? null : String(r.ends_on),
    current: r.ends_on === null,
  }));
}
