/**
 * MEM-8 流动团员: a member working or studying away is placed with a responsible branch (a
 * 流动团员团支部 or the receiving place's branch); `members.org_id` stays the home branch, which keeps
 * track. Both sides see the placement: the member's actual place and the responsible branch.
 * Placing / ending: district_admin, or a secretary whose scope holds the home branch (ending also
 * the responsible side). 青年大学习 lists count the member at the responsible branch (`responsible.ts`).
 */
import { todayInShanghai } from '@tuanjian/domain';
import { sql } from 'kysely';
import { appError, forbiddenRole, forbiddenScope, notFound } from '../../errors';
import { escapeLike, pathInScope, type Scope, type TenantDb } from '../scope';
import { assertStudyManager } from './access';

export const MOBILE_KINDS = ['work', 'study', 'other'] as const;
export type MobileKind = (typeof MOBILE_KINDS)[number];
export const mobileKindLabel: Record<MobileKind, string> = {
  work: '外出务工',
  study: '外出求学',
  other: '其他',
};

export interface MobilePlacement {
  id: string;
  memberId: string;
  memberName: string;
  homeOrgId: string;
  homeOrgName: string;
  responsibleOrgId: string;
  responsibleOrgName: string;
  kind: MobileKind;
  kindLabel: string;
  place: string;
  unitName: string | null;
  startedOn: string;
  endedOn: string | null;
  note: string | null;
  /** Which side the viewer is on. */
  side: 'home' | 'responsible' | 'both';
}

function base(tdb: TenantDb) {
  return tdb
    .selectFrom('mobile_placements as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .innerJoin('organisations as h', 'h.id', 'm.org_id')
    .innerJoin('organisations as r', 'r.id', 'p.responsible_org_id')
    .select([
      'p.id',
      'p.member_id',
      'm.name as member_name',
      'h.id as home_id',
      'h.name as home_name',
      'h.path as home_path',
      'r.id as resp_id',
      'r.name as resp_name',
      'r.path as resp_path',
      'p.kind',
      'p.place',
      'p.unit_name',
      'p.started_on',
      'p.ended_on',
      'p.note',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toPlacement(scope: Scope, r: Row): MobilePlacement {
  const home = pathInScope(scope, r.home_path);
  const resp = pathInScope(scope, r.resp_path);
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    homeOrgId: r.home_id,
    homeOrgName: r.home_name,
    responsibleOrgId: r.resp_id,
    responsibleOrgName: r.resp_name,
    kind: r.kind,
    kindLabel: mobileKindLabel[r.kind],
    place: r.place,
    unitName: r.unit_name,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    note: r.note,
    side: home && resp ? 'both' : home ? 'home' : 'responsible',
  };
}

/** Placements whose home or responsible branch is in scope (open ones unless `all`). */
export async function listPlacements(
  tdb: TenantDb,
  scope: Scope,
  input: { all?: boolean },
): Promise<MobilePlacement[]> {
  assertStudyManager(scope);
  let q = base(tdb);
  if (!input.all) q = q.where('p.ended_on', 'is', null);
  if (scope.org) {
    const like = `${escapeLike(scope.org.path)}%`;
    q = q.where((eb) => eb.or([eb('h.path', 'like', like), eb('r.path', 'like', like)]));
  }
  const rows = await q.orderBy('p.started_on', 'desc').execute();
  return rows.map((r) => toPlacement(scope, r));
}

/** The member's own open placement (member role), or null. */
export async function myPlacement(tdb: TenantDb, scope: Scope): Promise<MobilePlacement | null> {
  if (scope.role !== 'member' || !scope.memberId) throw forbiddenRole('仅团员本人可以查看');
  const r = await base(tdb)
    .where('p.member_id', '=', scope.memberId)
    .where('p.ended_on', 'is', null)
    .executeTakeFirst();
  return r ? { ...toPlacement({ ...scope, org: null }, r), side: 'home' } : null;
}

export async function placeMember(
  tdb: TenantDb,
  scope: Scope,
  input: {
    memberId: string;
    responsibleOrgId: string;
    kind: MobileKind;
    place: string;
    unitName?: string | null;
    startedOn?: string;
    note?: string | null;
  },
  actor: { userId: string },
  now: Date,
): Promise<MobilePlacement> {
  assertStudyManager(scope);
  const member = await tdb
    .selectFrom('members as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.status', 'm.org_id', 'o.path'])
    .where('m.id', '=', input.memberId)
    .executeTakeFirst();
  if (!member) throw notFound('团员');
  if (!pathInScope(scope, member.path))
    throw forbiddenScope('该团员不在您管理的范围内：流动登记由其所在（原）团支部办理');
  if (member.status !== 'active')
    throw appError('BAD_REQUEST', 'INVALID_STATE', `${member.name}不是在册团员，不能登记流动`);
  const org = await tdb
    .selectFrom('organisations')
    .select(['id', 'kind', 'status', 'name'])
    .where('id', '=', input.responsibleOrgId)
    .executeTakeFirst();
  if (!org) throw notFound('负责管理的团支部');
  if (org.kind !== 'branch' || org.status !== 'active')
    throw appError('BAD_REQUEST', 'INVALID_INPUT', `“${org.name}”不是正常状态的团支部，不能负责管理流动团员`);
  if (org.id === member.org_id)
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '负责管理的团支部不能是团员所在的原团支部');
  const startedOn = input.startedOn ?? todayInShanghai(now);
  if (startedOn > todayInShanghai(now))
    throw appError('BAD_REQUEST', 'INVALID_INPUT', '流出日期不能晚于今天');
  const open = await tdb
    .selectFrom('mobile_placements')
    .select('id')
    .where('member_id', '=', member.id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (open) throw appError('CONFLICT', 'CONFLICT', `${member.name}已登记为流动团员，请先结束原登记`);
  const row = await tdb
    .insertInto('mobile_placements')
    .values({
      member_id: member.id,
      responsible_org_id: org.id,
      kind: input.kind,
      place: input.place.trim(),
      unit_name: input.unitName?.trim() || null,
      started_on: startedOn,
      note: input.note?.trim() || null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return toPlacement(scope, await base(tdb).where('p.id', '=', row.id).executeTakeFirstOrThrow());
}

export async function endPlacement(
  tdb: TenantDb,
  scope: Scope,
  input: { id: string; endedOn?: string },
  now: Date,
): Promise<MobilePlacement> {
  assertStudyManager(scope);
  const r = await base(tdb).where('p.id', '=', input.id).executeTakeFirst();
  if (!r || (!pathInScope(scope, r.home_path) && !pathInScope(scope, r.resp_path)))
    throw notFound('流动登记');
  if (r.ended_on) throw appError('BAD_REQUEST', 'INVALID_STATE', '该流动登记已结束');
  const endedOn = input.endedOn ?? todayInShanghai(now);
  if (endedOn < r.started_on) throw appError('BAD_REQUEST', 'INVALID_INPUT', '结束日期不能早于流出日期');
  await tdb
    .updateTable('mobile_placements')
    .set({ ended_on: sql<string>`${endedOn}::date` })
    .where('id', '=', r.id)
    .execute();
  return toPlacement(scope, await base(tdb).where('p.id', '=', r.id).executeTakeFirstOrThrow());
}
