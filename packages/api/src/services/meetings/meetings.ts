/**
 * LIFE-1 三会两制一课 records: 支部团员大会, 支部委员会, 团小组会 and 团课 of a 团支部, with attendance
 * ticked from the branch's active members, minutes and photos.
 *
 * Who: district_admin (the tenant), org_secretary (branches in its subtree) record and edit; a
 * member reads the records of its own branch (topic, date, counts) and only its own attendance.
 * Attendance: the roster is frozen when a meeting is first recorded (the branch's active members
 * that day, 团小组 included); an edit changes who was present, not who was entitled.
 * Quorum: a 支部团员大会 with no more than `meetings.frequency.generalMeeting.quorumMoreThanFraction`
 * of its roster present is kept and flagged 未达法定人数; it does not count for compliance.
 * 团课: its duration may be credited to the 团课 hours of development applications of the branch
 * (stage 入团积极分子), as `development_lessons` rows linked by `meeting_id`.
 */
import {
  formatChineseDate,
  type MeetingKind,
  meetingKindLabel,
  meetingQuorumMet,
  meetingQuorumNeeded,
  meetingQuorumNote,
  todayInShanghai,
} from '@tuanjian/domain';
import { sql } from 'kysely';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { loadRuleBook } from '../dues/rules';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { assertPhotosUsable, idsOf, type PhotoRef, photoRefs, uuidArray } from './photos';

const invalid = (message: string) => appError('PRECONDITION_FAILED', 'INVALID_STATE', message);

export function canManage(scope: Scope): boolean {
  return scope.role === 'district_admin' || scope.role === 'org_secretary';
}

export function assertManager(scope: Scope): void {
  if (!canManage(scope)) throw forbiddenRole('仅区县团委管理员和团组织书记可以登记“三会两制一课”');
}

export function assertReader(scope: Scope): void {
  if (!canManage(scope) && scope.role !== 'member') {
    throw forbiddenRole('您的角色无权查看“三会两制一课”记录');
  }
}

export interface BranchRow {
  id: string;
  name: string;
  path: string;
  kind: string;
  status: string;
  founded_on: string | null;
}

/** The member's own 团支部 (its organisation, or the nearest 团支部 above its 团小组). */
export async function memberBranch(tdb: TenantDb, scope: Scope): Promise<BranchRow> {
  if (!scope.org) throw forbiddenScope('未找到您所在的团支部');
  const ids = scope.org.path.split('/').filter(Boolean);
  const rows = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'path', 'kind', 'status', 'founded_on'])
    .where('id', 'in', ids)
    .where('kind', '=', 'branch')
    .execute();
  const branch = rows.sort((a, b) => b.path.length - a.path.length)[0];
  if (!branch) throw forbiddenScope('未找到您所在的团支部');
  return branch;
}

/** A 团支部 the acting grant may see (member: only its own). */
export async function branchInScope(
  tdb: TenantDb,
  scope: Scope,
  orgId: string | undefined,
): Promise<BranchRow> {
  if (scope.role === 'member') {
    const own = await memberBranch(tdb, scope);
    if (orgId && orgId !== own.id) throw forbiddenScope('只能查看本团支部的记录');
    return own;
  }
  assertManager(scope);
  const id = orgId ?? (scope.org?.kind === 'branch' ? scope.org.id : undefined);
  if (!id) throw invalid('请选择团支部');
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'name', 'path', 'kind', 'status', 'founded_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!org) throw notFound('团支部');
  if (!pathInScope(scope, org.path)) throw forbiddenScope('该团支部不在您管理的范围内');
  if (org.kind !== 'branch') throw invalid('“三会两制一课”按团支部记录，请选择一个团支部');
  return org;
}

export interface RosterMember {
  id: string;
  name: string;
  memberNumber: string | null;
  orgName: string;
}

/** Active members of a branch (its 团小组 included), by name. */
export async function branchRoster(tdb: TenantDb, branchPath: string): Promise<RosterMember[]> {
  const rows = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.member_number', 'o.name as org_name'])
    .where('m.status', '=', 'active')
    .where('o.path', 'like', `${escapeLike(branchPath)}%`)
    .orderBy('m.name')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, memberNumber: r.member_number, orgName: r.org_name }));
}

export interface LessonCandidate {
  applicationId: string;
  name: string;
  activistOn: string | null;
  lessonMinutes: number;
}

async function lessonCandidates(tdb: TenantDb, branchPath: string): Promise<LessonCandidate[]> {
  const rows = await tdb
    .selectFrom('development_applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('development_lessons as l', 'l.application_id', 'a.id')
    .select(['a.id', 'a.name', 'a.activist_on', sql<number>`coalesce(sum(l.minutes), 0)::int`.as('minutes')])
    .where('a.stage', '=', 'activist')
    .where('o.path', 'like', `${escapeLike(branchPath)}%`)
    .groupBy(['a.id', 'a.name', 'a.activist_on'])
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    applicationId: r.id,
    name: r.name,
    activistOn: r.activist_on,
    lessonMinutes: Number(r.minutes),
  }));
}

export interface RosterResult {
  branch: { id: string; name: string };
  members: RosterMember[];
  /** 支部团员大会: the quorum fraction in force today and the smallest quorate attendance. */
  quorum: { fraction: number; needed: number; source: string };
  /** 团课: activists of the branch whose 团课 hours this lesson may count towards. */
  lessonCandidates: LessonCandidate[];
}

export async function roster(tdb: TenantDb, scope: Scope, orgId: string, now: Date): Promise<RosterResult> {
  assertManager(scope);
  const branch = await branchInScope(tdb, scope, orgId);
  const members = await branchRoster(tdb, branch.path);
  const book = await loadRuleBook(tdb, 'meetings.frequency');
  const rule = book(todayInShanghai(now));
  const fraction = rule.value.generalMeeting.quorumMoreThanFraction;
  return {
    branch: { id: branch.id, name: branch.name },
    members,
    quorum: { fraction, needed: meetingQuorumNeeded(members.length, fraction), source: rule.source },
    lessonCandidates: await lessonCandidates(tdb, branch.path),
  };
}

// ---------------------------------------------------------------------------------------- records

export interface MeetingItem {
  id: string;
  orgId: string;
  orgName: string;
  kind: MeetingKind;
  kindLabel: string;
  heldOn: string;
  topic: string;
  location: string | null;
  durationMinutes: number | null;
  entitledCount: number;
  presentCount: number;
  /** 支部团员大会 only */
  quorumMet: boolean | null;
  /** counts for compliance (false: a general meeting below quorum) */
  counts: boolean;
  /** '未达法定人数：…' for a general meeting below quorum */
  flag: string | null;
  photoCount: number;
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  memberNumber: string | null;
  present: boolean;
  absenceReason: string | null;
}

export interface MeetingDetail extends MeetingItem {
  minutes: string | null;
  photos: PhotoRef[];
  /** managers: every row; a member: only their own */
  attendance: AttendanceRow[];
  /** 团课: development applications credited with this lesson */
  lessonCredits: { applicationId: string; name: string; minutes: number }[];
  ruleVersion: number;
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

type MeetingRow = {
  id: string;
  org_id: string;
  org_name: string;
  org_path: string;
  kind: MeetingKind;
  held_on: string;
  topic: string;
  location: string | null;
  minutes: string | null;
  duration_minutes: number | null;
  entitled_count: number;
  present_count: number;
  quorum_met: boolean | null;
  rule_version: number;
  photo_ids: string[];
  created_at: Date | string;
  updated_at: Date | string;
};

function baseQuery(tdb: TenantDb) {
  return tdb
    .selectFrom('meetings as mt')
    .innerJoin('organisations as o', 'o.id', 'mt.org_id')
    .select([
      'mt.id',
      'mt.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'mt.kind',
      'mt.held_on',
      'mt.topic',
      'mt.location',
      'mt.minutes',
      'mt.duration_minutes',
      'mt.entitled_count',
      'mt.present_count',
      'mt.quorum_met',
      'mt.rule_version',
      'mt.photo_ids',
      'mt.created_at',
      'mt.updated_at',
    ]);
}

function flagOf(r: Pick<MeetingRow, 'quorum_met' | 'present_count' | 'entitled_count'>, fraction: number) {
  if (r.quorum_met !== false) return null;
  return meetingQuorumNote(r.present_count, r.entitled_count, fraction) ?? '未达法定人数';
}

function toItem(r: MeetingRow, fraction: number): MeetingItem {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    kindLabel: meetingKindLabel[r.kind],
    heldOn: r.held_on,
    topic: r.topic,
    location: r.location,
    durationMinutes: r.duration_minutes,
    entitledCount: r.entitled_count,
    presentCount: r.present_count,
    quorumMet: r.quorum_met,
    counts: r.quorum_met !== false,
    flag: flagOf(r, fraction),
    photoCount: idsOf(r.photo_ids).length,
  };
}

export interface ListInput {
  page: number;
  pageSize: number;
  orgId?: string;
  kind?: MeetingKind;
  from?: string;
  to?: string;
  q?: string;
  /** only general meetings below quorum */
  belowQuorum?: boolean;
}

export async function list(
  tdb: TenantDb,
  scope: Scope,
  input: ListInput,
): Promise<{ items: MeetingItem[]; total: number; page: number; pageSize: number }> {
  assertReader(scope);
  let q = baseQuery(tdb);
  if (scope.role === 'member') {
    const own = await branchInScope(tdb, scope, input.orgId);
    q = q.where('mt.org_id', '=', own.id);
  } else {
    if (scope.org) q = q.where('o.path', 'like', `${escapeLike(scope.org.path)}%`);
    if (input.orgId) {
      const org = await tdb
        .selectFrom('organisations')
        .select(['path'])
        .where('id', '=', input.orgId)
        .executeTakeFirst();
      if (!org) throw notFound('组织');
      if (!pathInScope(scope, org.path)) throw forbiddenScope('该组织不在您管理的范围内');
      q = q.where('o.path', 'like', `${escapeLike(org.path)}%`);
    }
  }
  if (input.kind) q = q.where('mt.kind', '=', input.kind);
  if (input.from) q = q.where('mt.held_on', '>=', input.from);
  if (input.to) q = q.where('mt.held_on', '<=', input.to);
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`;
    q = q.where((eb) => eb.or([eb('mt.topic', 'like', like), eb('o.name', 'like', like)]));
  }
  if (input.belowQuorum) q = q.where('mt.quorum_met', '=', false);
  const totalRow = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = (await q
    .orderBy('mt.held_on', 'desc')
    .orderBy('mt.created_at', 'desc')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute()) as unknown as MeetingRow[];
  const fraction = await fractionFor(tdb);
  return {
    items: rows.map((r) => toItem(r, fraction(r.held_on))),
    total: Number(totalRow?.n ?? 0),
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function fractionFor(tdb: TenantDb): Promise<(date: string) => number> {
  const book = await loadRuleBook(tdb, 'meetings.frequency');
  return (date) => book(date).value.generalMeeting.quorumMoreThanFraction;
}

function iso(v: Date | string): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

export async function get(tdb: TenantDb, scope: Scope, id: string): Promise<MeetingDetail> {
  assertReader(scope);
  const r = (await baseQuery(tdb).where('mt.id', '=', id).executeTakeFirst()) as unknown as
    | MeetingRow
    | undefined;
  if (!r) throw notFound('会议记录');
  if (scope.role === 'member') {
    const own = await memberBranch(tdb, scope);
    if (r.org_id !== own.id) throw notFound('会议记录');
  } else if (!pathInScope(scope, r.org_path)) {
    throw notFound('会议记录');
  }
  let aq = tdb
    .selectFrom('meeting_attendance as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.member_id', 'm.name', 'm.member_number', 'a.present', 'a.absence_reason'])
    .where('a.meeting_id', '=', id);
  if (scope.role === 'member')
    aq = aq.where('a.member_id', '=', scope.memberId ?? '00000000-0000-0000-0000-000000000000');
  const attendance = (await aq.orderBy('m.name').orderBy('m.id').execute()).map((a) => ({
    memberId: a.member_id,
    name: a.name,
    memberNumber: a.member_number,
    present: a.present,
    absenceReason: a.absence_reason,
  }));
  const credits =
    r.kind === 'league_lesson' && canManage(scope)
      ? await tdb
          .selectFrom('development_lessons as l')
          .innerJoin('development_applications as a', 'a.id', 'l.application_id')
          .select(['l.application_id', 'a.name', 'l.minutes'])
          .where('l.meeting_id', '=', id)
          .orderBy('a.name')
          .execute()
      : [];
  const fraction = await fractionFor(tdb);
  return {
    ...toItem(r, fraction(r.held_on)),
    minutes: r.minutes,
    photos: photoRefs(idsOf(r.photo_ids)),
    attendance,
    lessonCredits: credits.map((c) => ({
      applicationId: c.application_id,
      name: c.name,
      minutes: c.minutes,
    })),
    ruleVersion: r.rule_version,
    canEdit: canManage(scope),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface MeetingInput {
  kind: MeetingKind;
  heldOn: string;
  topic: string;
  location?: string | null;
  minutes?: string | null;
  durationMinutes?: number | null;
  /** Members present (ticked); every other member of the roster is absent. */
  presentMemberIds: string[];
  /** Reasons for absent members (optional). */
  absences?: { memberId: string; reason: string }[];
  photoIds: string[];
  /** 团课: development applications (入团积极分子 of the branch) to credit with the duration. */
  lessonApplicationIds?: string[];
}

interface Actor {
  userId: string;
}

function checkAttendance(rosterIds: Set<string>, input: MeetingInput): void {
  for (const id of [...input.presentMemberIds, ...(input.absences ?? []).map((a) => a.memberId)]) {
    if (!rosterIds.has(id)) throw invalid('出席名单中有不属于该团支部的团员，请刷新名单后重新勾选');
  }
  const present = new Set(input.presentMemberIds);
  for (const a of input.absences ?? []) {
    if (present.has(a.memberId)) throw invalid('已勾选出席的团员不能填写缺席原因');
  }
}

async function checkCommon(tdb: TenantDb, branch: BranchRow, input: MeetingInput, now: Date): Promise<void> {
  const today = todayInShanghai(now);
  if (input.heldOn > today) throw invalid('会议日期不能晚于今天');
  if (branch.founded_on && input.heldOn < branch.founded_on) {
    throw invalid(`会议日期早于该团支部的成立日期（${formatChineseDate(branch.founded_on)}）`);
  }
  if (input.kind !== 'league_lesson' && input.lessonApplicationIds?.length) {
    throw invalid('只有团课可以计入入团积极分子的团课学时');
  }
  if (input.lessonApplicationIds?.length && !input.durationMinutes) {
    throw invalid('计入团课学时须填写团课时长');
  }
  await assertPhotosUsable(tdb, input.photoIds);
}

async function creditLessons(
  tdb: TenantDb,
  meetingId: string,
  branch: BranchRow,
  input: MeetingInput,
): Promise<void> {
  await tdb.deleteFrom('development_lessons').where('meeting_id', '=', meetingId).execute();
  const ids = [...new Set(input.lessonApplicationIds ?? [])];
  if (ids.length === 0 || input.kind !== 'league_lesson' || !input.durationMinutes) return;
  const candidates = new Map((await lessonCandidates(tdb, branch.path)).map((c) => [c.applicationId, c]));
  for (const id of ids) {
    const c = candidates.get(id);
    if (!c) throw invalid('所选人员不是本团支部的入团积极分子，不能计入团课学时');
    if (c.activistOn && input.heldOn < c.activistOn) {
      throw invalid(`${c.name}确定为入团积极分子的日期晚于本次团课，不能计入团课学时`);
    }
  }
  await tdb
    .insertInto('development_lessons')
    .values(
      ids.map((id) => ({
        application_id: id,
        held_on: input.heldOn,
        minutes: input.durationMinutes as number,
        topic: input.topic,
        meeting_id: meetingId,
      })),
    )
    .execute();
}

async function writeAttendance(
  tdb: TenantDb,
  meetingId: string,
  rosterIds: string[],
  input: MeetingInput,
): Promise<void> {
  await tdb.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (rosterIds.length === 0) return;
  const present = new Set(input.presentMemberIds);
  const reasons = new Map((input.absences ?? []).map((a) => [a.memberId, a.reason]));
  for (let i = 0; i < rosterIds.length; i += 500) {
    await tdb
      .insertInto('meeting_attendance')
      .values(
        rosterIds.slice(i, i + 500).map((id) => ({
          meeting_id: meetingId,
          member_id: id,
          present: present.has(id),
          absence_reason: present.has(id) ? null : (reasons.get(id) ?? null),
        })),
      )
      .execute();
  }
}

async function quorumFields(tdb: TenantDb, input: MeetingInput, entitled: number, present: number) {
  const book = await loadRuleBook(tdb, 'meetings.frequency');
  const rule = book(input.heldOn);
  return {
    quorum_met:
      input.kind === 'general_meeting'
        ? meetingQuorumMet(present, entitled, rule.value.generalMeeting.quorumMoreThanFraction)
        : null,
    rule_version: rule.version,
  };
}

export async function create(
  tdb: TenantDb,
  scope: Scope,
  input: MeetingInput & { orgId: string },
  actor: Actor,
  now: Date,
): Promise<MeetingDetail> {
  assertManager(scope);
  const branch = await branchInScope(tdb, scope, input.orgId);
  if (branch.status !== 'active') throw invalid('该团支部已合并或撤销，不能再登记会议');
  await checkCommon(tdb, branch, input, now);
  const members = await branchRoster(tdb, branch.path);
  const rosterIds = members.map((m) => m.id);
  checkAttendance(new Set(rosterIds), input);
  const present = new Set(input.presentMemberIds).size;
  const q = await quorumFields(tdb, input, rosterIds.length, present);
  const row = await tdb
    .insertInto('meetings')
    .values({
      org_id: branch.id,
      kind: input.kind,
      held_on: input.heldOn,
      topic: input.topic,
      location: input.location ?? null,
      minutes: input.minutes ?? null,
      duration_minutes: input.durationMinutes ?? null,
      entitled_count: rosterIds.length,
      present_count: present,
      ...q,
      photo_ids: uuidArray([...new Set(input.photoIds.map((p) => p.toLowerCase()))]),
      created_by: actor.userId,
      updated_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAttendance(tdb, row.id, rosterIds, input);
  await creditLessons(tdb, row.id, branch, input);
  return get(tdb, scope, row.id);
}

export async function update(
  tdb: TenantDb,
  scope: Scope,
  input: MeetingInput & { id: string },
  actor: Actor,
  now: Date,
): Promise<MeetingDetail> {
  assertManager(scope);
  const existing = await tdb
    .selectFrom('meetings as mt')
    .innerJoin('organisations as o', 'o.id', 'mt.org_id')
    .select(['mt.id', 'mt.org_id', 'o.path'])
    .where('mt.id', '=', input.id)
    .forUpdate('mt')
    .executeTakeFirst();
  if (!existing || !pathInScope(scope, existing.path)) throw notFound('会议记录');
  const branch = await branchInScope(tdb, scope, existing.org_id);
  await checkCommon(tdb, branch, input, now);
  // The roster is the one frozen when the meeting was recorded.
  const rosterIds = (
    await tdb
      .selectFrom('meeting_attendance')
      .select('member_id')
      .where('meeting_id', '=', input.id)
      .orderBy('member_id')
      .execute()
  ).map((r) => r.member_id);
  checkAttendance(new Set(rosterIds), input);
  const present = new Set(input.presentMemberIds).size;
  const q = await quorumFields(tdb, input, rosterIds.length, present);
  await tdb
    .updateTable('meetings')
    .set({
      kind: input.kind,
      held_on: input.heldOn,
      topic: input.topic,
      location: input.location ?? null,
      minutes: input.minutes ?? null,
      duration_minutes: input.durationMinutes ?? null,
      entitled_count: rosterIds.length,
      present_count: present,
      ...q,
      photo_ids: uuidArray([...new Set(input.photoIds.map((p) => p.toLowerCase()))]),
      updated_by: actor.userId,
      updated_at: sql`now()`,
    })
    .where('id', '=', input.id)
    .execute();
  await writeAttendance(tdb, input.id, rosterIds, input);
  await creditLessons(tdb, input.id, branch, input);
  return get(tdb, scope, input.id);
}
