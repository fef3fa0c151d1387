/**
 * ORG-7 基层团建指导员 — the city's side (platform handle, city_admin): the registry (phone sealed,
 * masked in lists, full value only through an audited reveal), training records, login accounts,
 * assignments to branches of district tenants (one current instructor per branch, history kept),
 * coverage from `platform.org_rollups` and every visit.
 */
import { randomInt } from 'node:crypto';
import { decryptPii, hashPassword, type PlatformDatabase } from '@tuanjian/db';
import {
  addDays,
  coverageKey,
  type InstructorStatus,
  instructorStatusLabel,
  type Sector,
  sectorLabel,
  summariseCoverage,
  visitStatus,
  visitStatusLabel,
  visitsExpected,
} from '@tuanjian/domain';
import { type Kysely, sql } from 'kysely';
import type { AuditRecorder } from '../../audit';
import { appError, notFound } from '../../errors';
import { sealPhone } from '../archive';
import { ruleOn } from '../development/rules';
import { escapeLike } from '../scope';

type Db = Kysely<PlatformDatabase>;
const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

// ---------------------------------------------------------------- registry

export interface InstructorFields {
  name: string;
  unit: string;
  phone?: string | null;
}

export async function list(
  db: Db,
  input: { q?: string; status?: InstructorStatus; page: number; pageSize: number },
) {
  let q = db.selectFrom('platform.instructors as i');
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`;
    q = q.where((eb) => eb.or([eb('i.name', 'like', like), eb('i.unit', 'like', like)]));
  }
  if (input.status) q = q.where('i.status', '=', input.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('platform.users as u', 'u.id', 'i.user_id')
    .select([
      'i.id',
      'i.name',
      'i.unit',
      'i.phone_masked',
      'i.status',
      'u.username',
      (eb) =>
        eb
          .selectFrom('platform.instructor_assignments as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('a.instructor_id', '=', 'i.id')
          .where('a.ends_on', 'is', null)
          .as('branches'),
      (eb) =>
        eb
          .selectFrom('platform.instructor_trainings as t')
          .select(sql<string>`coalesce(sum(t.hours), 0)`.as('h'))
          .whereRef('t.instructor_id', '=', 'i.id')
          .as('training_hours'),
    ])
    .orderBy('i.name')
    .orderBy('i.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      unit: r.unit,
      phoneMasked: r.phone_masked,
      status: r.status,
      statusLabel: instructorStatusLabel[r.status],
      username: r.username ?? null,
      branches: Number(r.branches ?? 0),
      trainingHours: Number(r.training_hours ?? 0),
    })),
  };
}

async function load(db: Db, id: string) {
  const r = await db.selectFrom('platform.instructors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('指导员');
  return r;
}

export async function get(db: Db, id: string, now: Date) {
  const i = await load(db, id);
  const user = i.user_id
    ? await db.selectFrom('platform.users').select('username').where('id', '=', i.user_id).executeTakeFirst()
    : undefined;
  const trainings = await db
    .selectFrom('platform.instructor_trainings')
    .select(['id', 'trained_on', 'course', 'hours'])
    .where('instructor_id', '=', id)
    .orderBy('trained_on', 'desc')
    .execute();
  const assignments = await assignmentsOf(db, { instructorId: id }, now);
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    phoneMasked: i.phone_masked,
    status: i.status,
    statusLabel: instructorStatusLabel[i.status],
    username: user?.username ?? null,
    trainings: trainings.map((t) => ({
      id: t.id,
      trainedOn: String(t.trained_on),
      course: t.course,
      hours: Number(t.hours),
    })),
    trainingHours: trainings.reduce((a, t) => a + Number(t.hours), 0),
    assignments,
  };
}

export async function create(db: Db, input: InstructorFields, userId: string) {
  const phone = sealPhone(input.phone ?? null);
  const r = await db
    .insertInto('platform.instructors')
    .values({ name: input.name, unit: input.unit, ...phone, created_by: userId })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return r;
}

export async function update(
  db: Db,
  id: string,
  input: Partial<InstructorFields> & { status?: InstructorStatus },
  userId: string,
) {
  const before = await load(db, id);
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (input.name !== undefined) set.name = input.name;
  if (input.unit !== undefined) set.unit = input.unit;
  if (input.phone !== undefined) Object.assign(set, sealPhone(input.phone));
  if (input.status !== undefined) set.status = input.status;
  if (input.status === 'retired' && before.status === 'active') {
    const open = await db
      .selectFrom('platform.instructor_assignments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('instructor_id', '=', id)
      .where('ends_on', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0) throw invalid('该指导员仍联系着团支部，请先结束联系再设为退出');
  }
  await db.updateTable('platform.instructors').set(set).where('id', '=', id).execute();
  if (input.name !== undefined && input.name !== before.name) {
    await db
      .updateTable('platform.instructor_assignments')
      .set({ instructor_name: input.name })
      .where('instructor_id', '=', id)
      .where('ends_on', 'is', null)
      .execute();
  }
  void userId;
  return { id, name: input.name ?? before.name };
}

/** The full phone number; the caller is a mutation that audits who, whose and why. */
export async function revealPhone(db: Db, audit: AuditRecorder, input: { id: string; reason: string }) {
  const i = await load(db, input.id);
  audit.target('instructor', i.id, {
    field: 'phone',
    fieldLabel: '手机号码',
    reason: input.reason,
    name: i.name,
  });
  return { id: i.id, phone: i.phone_sealed ? decryptPii(i.phone_sealed) : null };
}

// ---------------------------------------------------------------- trainings

export async function addTraining(
  db: Db,
  input: { instructorId: string; trainedOn: string; course: string; hours: number },
  userId: string,
) {
  await load(db, input.instructorId);
  return db
    .insertInto('platform.instructor_trainings')
    .values({
      instructor_id: input.instructorId,
      trained_on: input.trainedOn,
      course: input.course,
      hours: input.hours,
      created_by: userId,
    })
    .returning(['id', 'instructor_id'])
    .executeTakeFirstOrThrow();
}

export async function removeTraining(db: Db, id: string) {
  const r = await db
    .deleteFrom('platform.instructor_trainings')
    .where('id', '=', id)
    .returning(['id', 'instructor_id', 'course'])
    .executeTakeFirst();
  if (!r) throw notFound('培训记录');
  return r;
}

// ---------------------------------------------------------------- login account

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A login account for the instructor (grant `instructor` in the city tenant) with a one-time
 * initial password shown once; the first login forces a new one.
 */
export async function createAccount(db: Db, input: { instructorId: string; username: string }) {
  const i = await load(db, input.instructorId);
  if (i.user_id) throw invalid('该指导员已有登录账号');
  const username = input.username.toLowerCase();
  const taken = await db
    .selectFrom('platform.users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) throw appError('CONFLICT', 'CONFLICT', `登录名“${username}”已被使用`);
  const city = await db
    .selectFrom('platform.tenants')
    .select('id')
    .where('kind', '=', 'city')
    .executeTakeFirst();
  if (!city) throw invalid('未找到团市委单位');
  const password = Array.from(
    { length: 12 },
    () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)],
  ).join('');
  const user = await db
    .insertInto('platform.users')
    .values({
      username,
      display_name: i.name,
      password_hash: await hashPassword(password),
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('platform.grants')
    .values({ user_id: user.id, tenant_id: city.id, role: 'instructor', scope_org_id: null, member_id: null })
    .execute();
  await db.updateTable('platform.instructors').set({ user_id: user.id }).where('id', '=', i.id).execute();
  return { instructorId: i.id, userId: user.id, username, initialPassword: password };
}

// ---------------------------------------------------------------- branches and assignments

/** Rollup year to read: the requested year if it has rows, else the latest one. */
async function rollupYear(db: Db, year: number): Promise<number | null> {
  const r = await db
    .selectFrom('platform.org_rollups')
    .select((eb) => eb.fn.max<number>('year').as('y'))
    .where('year', '<=', year)
    .executeTakeFirst();
  return r?.y ?? null;
}

/** Active branches of a district (from the rollups; no tenant schema is opened). */
export async function branches(db: Db, input: { tenantId: string; q?: string }, now: Date) {
  const year = await rollupYear(db, Number(now.toISOString().slice(0, 4)) + 1);
  if (year === null) return [];
  let q = db
    .selectFrom('platform.org_rollups as r')
    .leftJoin('platform.instructor_assignments as a', (j) =>
      j
        .onRef('a.tenant_id', '=', 'r.tenant_id')
        .onRef('a.org_id', '=', 'r.org_id')
        .on('a.ends_on', 'is', null),
    )
    .select(['r.org_id', 'r.org_name', 'r.sector', 'a.instructor_name'])
    .where('r.tenant_id', '=', input.tenantId)
    .where('r.year', '=', year)
    .where('r.org_kind', '=', 'branch')
    .where('r.status', '=', 'active');
  if (input.q) q = q.where('r.org_name', 'like', `%${escapeLike(input.q)}%`);
  const rows = await q.orderBy('r.org_name').limit(50).execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    sector: r.sector,
    sectorLabel: r.sector ? (sectorLabel[r.sector as Sector] ?? r.sector) : null,
    currentInstructor: r.instructor_name ?? null,
  }));
}

export async function assign(
  db: Db,
  input: { instructorId: string; tenantId: string; orgId: string; startsOn: string },
  userId: string,
) {
  const i = await load(db, input.instructorId);
  if (i.status !== 'active') throw invalid('该指导员已退出，不能再联系团支部');
  const tenant = await db
    .selectFrom('platform.tenants')
    .select(['id', 'name', 'kind', 'status'])
    .where('id', '=', input.tenantId)
    .executeTakeFirst();
  if (tenant?.kind !== 'district') throw notFound('区县团委');
  const org = await db
    .selectFrom('platform.org_rollups')
    .select(['org_name', 'org_kind', 'status', 'sector'])
    .where('tenant_id', '=', tenant.id)
    .where('org_id', '=', input.orgId)
    .orderBy('year', 'desc')
    .executeTakeFirst();
  if (!org) throw notFound('团支部');
  if (org.org_kind !== 'branch' || org.status !== 'active')
    throw invalid(`“${org.org_name}”不是正常的团支部，不能分配指导员`);
  const current = await db
    .selectFrom('platform.instructor_assignments')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('org_id', '=', input.orgId)
    .where('ends_on', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (current?.instructor_id === i.id) throw invalid(`${i.name}已经是“${org.org_name}”的指导员`);
  let replaced: string | null = null;
  if (current) {
    // the branch keeps one current instructor: the previous one's assignment ends the day before
    const endsOn = addDays(input.startsOn, -1);
    if (endsOn < String(current.starts_on))
      throw invalid(`开始日期不能早于原指导员（${current.instructor_name}）的联系开始日期`);
    await db
      .updateTable('platform.instructor_assignments')
      .set({ ends_on: endsOn, ended_by: userId })
      .where('id', '=', current.id)
      .execute();
    replaced = current.instructor_name;
  }
  const row = await db
    .insertInto('platform.instructor_assignments')
    .values({
      instructor_id: i.id,
      instructor_name: i.name,
      tenant_id: tenant.id,
      org_id: input.orgId,
      org_name: org.org_name,
      sector: org.sector,
      starts_on: input.startsOn,
      assigned_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, instructorName: i.name, orgName: org.org_name, tenantName: tenant.name, replaced };
}

export async function endAssignment(db: Db, input: { id: string; endsOn: string }, userId: string) {
  const a = await db
    .selectFrom('platform.instructor_assignments')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!a) throw notFound('联系记录');
  if (a.ends_on !== null) throw invalid('该联系已经结束');
  if (input.endsOn < String(a.starts_on)) throw invalid('结束日期不能早于开始日期');
  await db
    .updateTable('platform.instructor_assignments')
    .set({ ends_on: input.endsOn, ended_by: userId })
    .where('id', '=', a.id)
    .execute();
  return { id: a.id, orgName: a.org_name, instructorName: a.instructor_name };
}

/** Assignments (current first), with this year's visits against the expected number. */
export async function assignmentsOf(
  db: Db,
  filter: { instructorId?: string; tenantId?: string; current?: boolean },
  now: Date,
) {
  const year = Number(todayYear(now));
  const rule = await ruleOn(db, 'instructor.visits', `${year}-12-31`);
  let q = db
    .selectFrom('platform.instructor_assignments as a')
    .innerJoin('platform.tenants as t', 't.id', 'a.tenant_id')
    .select([
      'a.id',
      'a.instructor_id',
      'a.instructor_name',
      'a.tenant_id',
      't.name as tenant_name',
      'a.org_id',
      'a.org_name',
      'a.sector',
      'a.starts_on',
      'a.ends_on',
      (eb) =>
        eb
          .selectFrom('platform.instructor_visits as v')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('v.assignment_id', '=', 'a.id')
          .where('v.year', '=', year)
          .as('visits'),
    ]);
  if (filter.instructorId) q = q.where('a.instructor_id', '=', filter.instructorId);
  if (filter.tenantId) q = q.where('a.tenant_id', '=', filter.tenantId);
  if (filter.current) q = q.where('a.ends_on', 'is', null);
  const rows = await q
    .orderBy(sql`a.ends_on is null`, 'desc')
    .orderBy('a.starts_on', 'desc')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => {
    const startsOn = String(r.starts_on);
    const endsOn = r.ends_on === null ? null : String(r.ends_on);
    return {
      id: r.id,
      instructorId: r.instructor_id,
      instructorName: r.instructor_name,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      orgId: r.org_id,
      orgName: r.org_name,
      sector: r.sector,
      sectorLabel: r.sector ? (sectorLabel[r.sector as Sector] ?? r.sector) : null,
      startsOn,
      endsOn,
      current: endsOn === null,
      visitsThisYear: Number(r.visits ?? 0),
      visitsExpected: visitsExpected(rule, { startsOn, endsOn }, year),
    };
  });
}

function todayYear(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now);
}

// ---------------------------------------------------------------- coverage

/** Branches with a current instructor / all active branches, per district and per sector. */
export async function coverage(db: Db, input: { year?: number }, now: Date) {
  const want = input.year ?? Number(todayYear(now));
  const year = await rollupYear(db, want);
  const tenants = await db
    .selectFrom('platform.tenants')
    .select(['id', 'name', 'sort_order'])
    .where('kind', '=', 'district')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const rollups =
    year === null
      ? []
      : await db
          .selectFrom('platform.org_rollups')
          .select(['tenant_id', 'org_id', 'sector', 'computed_at'])
          .where('year', '=', year)
          .where('org_kind', '=', 'branch')
          .where('status', '=', 'active')
          .execute();
  const current = await db
    .selectFrom('platform.instructor_assignments')
    .select(['tenant_id', 'org_id'])
    .where('ends_on', 'is', null)
    .execute();
  const covered = new Set(current.map((a) => coverageKey(a.tenant_id, a.org_id)));
  const s = summariseCoverage(
    rollups.map((r) => ({ tenantId: r.tenant_id, orgId: r.org_id, sector: r.sector })),
    covered,
  );
  const byTenant = new Map(s.byTenant.map((r) => [r.key, r]));
  const computedAt = rollups.reduce<Date | null>((m, r) => {
    const d = r.computed_at instanceof Date ? r.computed_at : new Date(String(r.computed_at));
    return m === null || d < m ? d : m;
  }, null);
  return {
    year: want,
    rollupYear: year,
    computedAt,
    total: s.total,
    byTenant: tenants.map((t) => {
      const r = byTenant.get(t.id);
      return {
        tenantId: t.id,
        tenantName: t.name,
        total: r?.total ?? 0,
        covered: r?.covered ?? 0,
        rate: r?.rate ?? null,
      };
    }),
    bySector: s.bySector
      .map((r) => ({
        sector: r.key || null,
        sectorLabel: r.key ? (sectorLabel[r.key as Sector] ?? r.key) : '未分类',
        total: r.total,
        covered: r.covered,
        rate: r.rate,
      }))
      .sort((a, b) => b.total - a.total),
  };
}

// ---------------------------------------------------------------- visits (city view)

export async function visits(
  db: Db,
  input: { instructorId?: string; tenantId?: string; year?: number; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('platform.instructor_visits as v')
    .innerJoin('platform.tenants as t', 't.id', 'v.tenant_id');
  if (input.instructorId) q = q.where('v.instructor_id', '=', input.instructorId);
  if (input.tenantId) q = q.where('v.tenant_id', '=', input.tenantId);
  if (input.year) q = q.where('v.year', '=', input.year);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'v.id',
      'v.instructor_id',
      'v.instructor_name',
      'v.tenant_id',
      't.name as tenant_name',
      'v.org_id',
      'v.org_name',
      'v.visited_on',
      'v.findings',
      'v.health_check_id',
      'v.applied_at',
    ])
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.created_at', 'desc')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map(visitItem) };
}

export function visitItem(r: {
  id: string;
  instructor_id: string;
  instructor_name: string;
  tenant_id: string;
  tenant_name?: string;
  org_id: string;
  org_name: string;
  visited_on: string;
  findings: string;
  health_check_id: string | null;
  applied_at: Date | null;
}) {
  const status = visitStatus({ healthCheckId: r.health_check_id });
  return {
    id: r.id,
    instructorId: r.instructor_id,
    instructorName: r.instructor_name,
    tenantId: r.tenant_id,
    tenantName: r.tenant_name ?? null,
    orgId: r.org_id,
    orgName: r.org_name,
    visitedOn: String(r.visited_on),
    findings: r.findings,
    healthCheckId: r.health_check_id,
    appliedAt: r.applied_at,
    status,
    statusLabel: visitStatusLabel[status],
  };
}
