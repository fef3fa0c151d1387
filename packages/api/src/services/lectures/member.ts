/**
 * LIFE-3 五四讲堂, the members' side (and a district's attendance). Runs inside the tenant's
 * transaction under its own role (`tenantProcedure`): the platform tables are reached through the
 * same transaction, so the database applies the tenant role's grants and row-level security —
 * lectures without drafts and without the check-in code, sign-ups of this tenant only (see
 * `packages/db/src/migrations/platform-lectures.ts`). Who signs up comes only from the session:
 * the tenant of the acting grant and the member record the grant is linked to.
 */
import type { PlatformDatabase } from '@tuanjian/db';
import {
  addMonthsToMonth,
  attendancePermille,
  canCancelSignup,
  canCheckIn,
  cancelClosesAt,
  canSignUp,
  checkInWindow,
  type LectureSignupStatus,
  shanghaiMonth,
  signupClosesAt,
  todayInShanghai,
} from '@tuanjian/domain';
import type { QueryCreator } from 'kysely';
import { asDate, tsValue } from '../../db-types';
import { appError, forbiddenRole, notFound } from '../../errors';
import { ruleOn } from '../development/rules';
import type { Scope, TenantDb } from '../scope';
import { type LectureItem, lectureColumns, toLectureItem } from './city';

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

/** The platform tables inside the tenant's transaction (qualified names; the role's grants apply). */
const platform = (tdb: TenantDb) => tdb as unknown as QueryCreator<PlatformDatabase>;

export const LECTURE_FULL_MESSAGE = '名额已满，报名未成功';

export interface MySignup {
  id: string;
  status: LectureSignupStatus;
  bookedAt: Date;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
}

export interface MemberLectureItem extends LectureItem {
  mySignup: MySignup | null;
}

export interface MemberLectureDetail extends MemberLectureItem {
  signupClosesAt: Date;
  cancelClosesAt: Date;
  checkInOpensAt: Date;
  checkInClosesAt: Date;
  canSignUp: boolean;
  canCancel: boolean;
  canCheckIn: boolean;
  /** Why sign-up is not possible now (null when it is, or when already signed up). */
  signUpBlockedReason: string | null;
}

/** The member record the acting grant is linked to (never from input). */
function memberOf(scope: Scope): string {
  if (!scope.memberId) throw forbiddenRole('您的账号未关联团员档案，不能报名五四讲堂');
  return scope.memberId;
}

async function rule(tdb: TenantDb, now: Date) {
  return ruleOn(tdb, 'lecture.signup', todayInShanghai(now));
}

async function mySignups(tdb: TenantDb, scope: Scope, lectureIds: string[]) {
  if (!scope.memberId || lectureIds.length === 0) return new Map<string, MySignup>();
  const rows = await platform(tdb)
    .selectFrom('platform.lecture_signups')
    .select(['id', 'lecture_id', 'status', 'booked_at', 'cancelled_at', 'checked_in_at'])
    .where('tenant_id', '=', scope.tenant.id)
    .where('member_id', '=', scope.memberId)
    .where('lecture_id', 'in', lectureIds)
    .orderBy('booked_at')
    .execute();
  // The latest sign-up per lecture (an active one if any: at most one is active).
  const out = new Map<string, MySignup>();
  for (const r of rows) {
    const prev = out.get(r.lecture_id);
    if (prev && prev.status !== 'cancelled' && r.status === 'cancelled') continue;
    out.set(r.lecture_id, {
      id: r.id,
      status: r.status,
      bookedAt: asDate(r.booked_at),
      cancelledAt: r.cancelled_at ? asDate(r.cancelled_at) : null,
      checkedInAt: r.checked_in_at ? asDate(r.checked_in_at) : null,
    });
  }
  return out;
}

/** Published (and cancelled / finished) lectures of this month and the next `listMonthsAhead` months. */
export async function upcoming(tdb: TenantDb, scope: Scope, now: Date): Promise<MemberLectureItem[]> {
  const r = await rule(tdb, now);
  const from = shanghaiMonth(now);
  const to = addMonthsToMonth(from, r.listMonthsAhead);
  const rows = await platform(tdb)
    .selectFrom('platform.lectures as l')
    .select(lectureColumns)
    .where('l.status', '!=', 'draft')
    .where('l.month', '>=', from)
    .where('l.month', '<=', to)
    .orderBy('l.starts_at')
    .execute();
  const mine = await mySignups(
    tdb,
    scope,
    rows.map((x) => x.id),
  );
  return rows.map((x) => ({ ...toLectureItem(x), mySignup: mine.get(x.id) ?? null }));
}

async function loadLecture(tdb: TenantDb, id: string) {
  const l = await platform(tdb)
    .selectFrom('platform.lectures as l')
    .select(lectureColumns)
    .where('l.id', '=', id)
    .where('l.status', '!=', 'draft')
    .executeTakeFirst();
  if (!l) throw notFound('讲堂');
  return toLectureItem(l);
}

export async function detail(
  tdb: TenantDb,
  scope: Scope,
  id: string,
  now: Date,
): Promise<MemberLectureDetail> {
  const l = await loadLecture(tdb, id);
  const r = await rule(tdb, now);
  const mine = (await mySignups(tdb, scope, [id])).get(id) ?? null;
  const active = mine && mine.status !== 'cancelled';
  const sign = canSignUp(l, now, r);
  const w = checkInWindow(l, r);
  const full = l.seatsLeft <= 0;
  return {
    ...l,
    mySignup: mine,
    signupClosesAt: signupClosesAt(l, r),
    cancelClosesAt: cancelClosesAt(l, r),
    checkInOpensAt: w.opensAt,
    checkInClosesAt: w.closesAt,
    canSignUp: !!scope.memberId && !active && sign.ok && !full,
    canCancel: mine?.status === 'booked' && canCancelSignup(l, now, r).ok,
    canCheckIn: mine?.status === 'booked' && canCheckIn(l, now, r).ok,
    signUpBlockedReason: active
      ? null
      : !scope.memberId
        ? '您的账号未关联团员档案，不能报名'
        : !sign.ok
          ? sign.reason
          : full
            ? '名额已满'
            : null,
  };
}

/** Maps the seat trigger's and the unique index's refusals to Chinese errors. */
function seatError(e: unknown): never {
  const err = e as { message?: string; code?: string; constraint_name?: string };
  const text = `${err.message ?? ''} ${err.constraint_name ?? ''}`;
  if (text.includes('lecture_full') || text.includes('lectures_seats')) {
    throw appError('CONFLICT', 'CONFLICT', LECTURE_FULL_MESSAGE);
  }
  if (text.includes('lecture_closed')) throw invalid('讲堂不在报名中，不能报名');
  if (err.code === '23505' || text.includes('lecture_signups_active_uq')) {
    throw appError('CONFLICT', 'CONFLICT', '您已报名该讲堂，无需重复报名');
  }
  throw e;
}

export async function signUp(
  tdb: TenantDb,
  scope: Scope,
  lectureId: string,
  now: Date,
): Promise<MemberLectureDetail> {
  const memberId = memberOf(scope);
  const l = await loadLecture(tdb, lectureId);
  const r = await rule(tdb, now);
  const ok = canSignUp(l, now, r);
  if (!ok.ok) throw invalid(ok.reason);
  const member = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.status', 'm.org_id', 'o.name as org_name'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw forbiddenRole('您的团员档案不存在，不能报名');
  if (member.status !== 'active') throw invalid('只有在册团员可以报名五四讲堂');
  const existing = (await mySignups(tdb, scope, [lectureId])).get(lectureId);
  if (existing && existing.status !== 'cancelled')
    throw appError('CONFLICT', 'CONFLICT', '您已报名该讲堂，无需重复报名');
  await platform(tdb)
    .insertInto('platform.lecture_signups')
    .values({
      lecture_id: lectureId,
      tenant_id: scope.tenant.id,
      member_id: member.id,
      org_id: member.org_id,
      org_name: member.org_name,
      member_name: member.name,
      booked_at: tsValue(now),
    })
    .execute()
    .catch(seatError);
  return detail(tdb, scope, lectureId, now);
}

async function activeSignup(tdb: TenantDb, scope: Scope, lectureId: string) {
  const memberId = memberOf(scope);
  const s = await platform(tdb)
    .selectFrom('platform.lecture_signups')
    .select(['id', 'status'])
    .where('lecture_id', '=', lectureId)
    .where('tenant_id', '=', scope.tenant.id)
    .where('member_id', '=', memberId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  return s ?? null;
}

export async function cancel(
  tdb: TenantDb,
  scope: Scope,
  lectureId: string,
  now: Date,
): Promise<MemberLectureDetail> {
  const l = await loadLecture(tdb, lectureId);
  const s = await activeSignup(tdb, scope, lectureId);
  if (!s) throw invalid('您没有该讲堂的有效报名');
  if (s.status === 'attended') throw invalid('您已签到，不能取消报名');
  const r = await rule(tdb, now);
  const ok = canCancelSignup(l, now, r);
  if (!ok.ok) throw invalid(ok.reason);
  const done = await platform(tdb)
    .updateTable('platform.lecture_signups')
    .set({ status: 'cancelled', cancelled_at: tsValue(now) })
    .where('id', '=', s.id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw invalid('报名状态已变化，请刷新后重试');
  return detail(tdb, scope, lectureId, now);
}

export async function checkIn(
  tdb: TenantDb,
  scope: Scope,
  lectureId: string,
  code: string,
  now: Date,
): Promise<MemberLectureDetail> {
  const l = await loadLecture(tdb, lectureId);
  const s = await activeSignup(tdb, scope, lectureId);
  if (!s) throw invalid('您未报名该讲堂，不能签到');
  if (s.status === 'attended') throw invalid('您已签到，无需重复签到');
  const r = await rule(tdb, now);
  const ok = canCheckIn(l, now, r);
  if (!ok.ok) throw invalid(ok.reason);
  const match = await platform(tdb)
    .selectNoFrom((eb) =>
      eb.fn<boolean>('platform.lecture_check_in_code_ok', [eb.val(lectureId), eb.val(code)]).as('ok'),
    )
    .executeTakeFirst();
  if (match?.ok !== true) throw invalid('签到码不正确，请核对现场公布的签到码');
  const done = await platform(tdb)
    .updateTable('platform.lecture_signups')
    .set({ status: 'attended', checked_in_at: tsValue(now) })
    .where('id', '=', s.id)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw invalid('报名状态已变化，请刷新后重试');
  return detail(tdb, scope, lectureId, now);
}

/** Every sign-up of the member (latest first), with its lecture. */
export async function mine(tdb: TenantDb, scope: Scope): Promise<(MySignup & { lecture: LectureItem })[]> {
  const memberId = memberOf(scope);
  const rows = await platform(tdb)
    .selectFrom('platform.lecture_signups as s')
    .innerJoin('platform.lectures as l', 'l.id', 's.lecture_id')
    .select(lectureColumns)
    .select([
      's.id as signup_id',
      's.status as signup_status',
      's.booked_at',
      's.cancelled_at',
      's.checked_in_at',
    ])
    .where('s.tenant_id', '=', scope.tenant.id)
    .where('s.member_id', '=', memberId)
    .orderBy('l.starts_at', 'desc')
    .orderBy('s.booked_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.signup_id,
    status: r.signup_status,
    bookedAt: asDate(r.booked_at),
    cancelledAt: r.cancelled_at ? asDate(r.cancelled_at) : null,
    checkedInAt: r.checked_in_at ? asDate(r.checked_in_at) : null,
    lecture: toLectureItem(r),
  }));
}

export interface TenantAttendanceRow {
  signedUp: number;
  attended: number;
  cancelled: number;
  attendancePermille: number | null;
}

/**
 * A district's attendance: per lecture (its own members only) and, for one lecture or all, per
 * branch. district_admin: the whole tenant; org_secretary: its subtree.
 */
export async function tenantAttendance(tdb: TenantDb, scope: Scope, lectureId?: string) {
  if (scope.role !== 'district_admin' && scope.role !== 'org_secretary') {
    throw forbiddenRole('仅区县团委管理员和团组织书记可以查看讲堂出勤');
  }
  let orgFilter: string[] | null = null;
  if (scope.org) {
    const orgs = await tdb
      .selectFrom('organisations')
      .select('id')
      .where('path', 'like', `${scope.org.path}%`)
      .execute();
    orgFilter = orgs.map((o) => o.id);
  }
  let q = platform(tdb)
    .selectFrom('platform.lecture_signups as s')
    .innerJoin('platform.lectures as l', 'l.id', 's.lecture_id')
    .select([
      's.lecture_id',
      's.org_id',
      's.org_name',
      's.status',
      'l.theme',
      'l.starts_at',
      'l.status as lecture_status',
      'l.format',
    ])
    .where('s.tenant_id', '=', scope.tenant.id);
  if (orgFilter) {
    if (orgFilter.length === 0) return { lectures: [], branches: [] };
    q = q.where('s.org_id', 'in', orgFilter);
  }
  const rows = await q.orderBy('l.starts_at', 'desc').execute();
  const tally = () => ({ s: 0, a: 0, c: 0 });
  const add = (t: { s: number; a: number; c: number }, status: LectureSignupStatus) => {
    if (status === 'cancelled') t.c++;
    else t.s++;
    if (status === 'attended') t.a++;
  };
  const out = (t: { s: number; a: number; c: number }): TenantAttendanceRow => ({
    signedUp: t.s,
    attended: t.a,
    cancelled: t.c,
    attendancePermille: attendancePermille(t.a, t.s),
  });
  const lectures = new Map<
    string,
    { theme: string; format: string; startsAt: Date; status: string; t: ReturnType<typeof tally> }
  >();
  const branches = new Map<string, { orgName: string; t: ReturnType<typeof tally> }>();
  for (const r of rows) {
    const l = lectures.get(r.lecture_id) ?? {
      theme: r.theme,
      format: r.format,
      startsAt: asDate(r.starts_at),
      status: r.lecture_status,
      t: tally(),
    };
    lectures.set(r.lecture_id, l);
    add(l.t, r.status);
    if (lectureId && r.lecture_id !== lectureId) continue;
    const b = branches.get(r.org_id) ?? { orgName: r.org_name, t: tally() };
    branches.set(r.org_id, b);
    add(b.t, r.status);
  }
  return {
    lectures: [...lectures].map(([id, l]) => ({
      id,
      theme: l.theme,
      format: l.format as LectureItem['format'],
      startsAt: l.startsAt,
      status: l.status as LectureItem['status'],
      ...out(l.t),
    })),
    branches: [...branches]
      .map(([orgId, b]) => ({ orgId, orgName: b.orgName, ...out(b.t) }))
      .sort((a, b) => b.signedUp - a.signedUp || a.orgName.localeCompare(b.orgName, 'zh-CN')),
  };
}
